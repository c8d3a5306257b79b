package org.rosebench.harness.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.rosebench.core.catalog.ModelCatalog;
import org.rosebench.core.data.GlueData;
import org.rosebench.core.data.Split;
import org.rosebench.core.data.Task;
import org.rosebench.harness.matrix.Cell.TrainSpec;

/**
 * Rough wall-time estimates of cells on this kind of machine (2 CPU cores), for {@code --plan} and the ETA of a
 * run. Anchored on measurements recorded in results/: minilm-l6 vanilla trains about 40 SST-2 examples/s
 * (batch 32) and evaluates about 10× faster; method step-time ratios from results/bench; PWWS 0.7 s and
 * greedy-word-swap 0.2 s per SST-2 example against minilm-l6. Other models scale by per-token encoder FLOPs
 * (layers × hidden × (4·hidden + 2·intermediate)), other tasks by their typical token count. {@link RunPace}
 * rescales the remaining estimate by the measured pace of the cells already finished in a run directory.
 */
final class CostModel {

    private static final double MINILM_TRAIN_EX_PER_S = 40;
    private static final double EVAL_SPEEDUP = 10;
    private static final double MINILM_FLOPS = 6 * 384 * (4 * 384 + 2 * 1536);
    /** Step-time ratios to vanilla (results/bench/step-times-minilm-sst2-quiet.json). */
    private static final Map<String, Double> METHOD = Map.of("vanilla", 1.0, "r3f", 1.73, "childtuning-d", 1.0,
            "childtuning-f", 1.0);
    private static final Map<String, Double> SELECTOR = Map.of("rose-first", 2.66, "rose-second", 1.0,
            "rose-ensemble", 2.6);
    /** Seconds per attacked example against minilm-l6 on SST-2 (victim share about half). */
    private static final Map<String, Double> ATTACK = Map.of("pwws", 0.7, "greedy-word-swap", 0.2, "textfooler", 0.5,
            "bert-attack", 3.0, "bae", 5.0);

    private final MatrixConfig config;
    private final Map<String, Integer> sizes = new HashMap<>();
    private final Map<String, Double> modelFactors = new HashMap<>();

    CostModel(MatrixConfig config) {
        this.config = config;
    }

    double seconds(Cell cell) {
        TrainSpec t = cell.train();
        double scale = modelFactor(t) * taskFactor(t.task());
        return switch (cell.kind()) {
            case TRAIN -> {
                int n = trainExamples(t);
                int dev = size(t.task(), t.task().devSplits().get(0));
                double perEpoch = n * methodFactor(t.spec()) / MINILM_TRAIN_EX_PER_S
                        + dev / (MINILM_TRAIN_EX_PER_S * EVAL_SPEEDUP);
                yield 10 + t.config().epochs() * perEpoch * scale;
            }
            case EVAL -> 2 + (cell.split().equals("advglue") ? 150 : size(t.task(), t.task().devSplits().get(0)))
                    / (MINILM_TRAIN_EX_PER_S * EVAL_SPEEDUP) * scale;
            case ATTACK -> Math.min(cell.attack().numExamples(), cell.attack().split().equals("advglue")
                    ? Integer.MAX_VALUE : Math.max(1, size(t.task(), t.task().devSplits().get(0)) - cell.attack().offset()))
                    * ATTACK.getOrDefault(cell.attack().recipe(), 2.0) * (0.5 + 0.5 * scale);
            case LANDSCAPE -> landscapeSeconds(cell.landscape(), t.task(), scale);
        };
    }

    /**
     * Loss evaluations of the examples (grid, ± each radius along each direction, centre and last ascent iterate) at
     * the evaluation speed, a gradient pass counted as three evaluations, and about a second per random direction
     * drawn (22.7 M Gaussians for minilm-l6, scaled with the model).
     */
    private double landscapeSeconds(MatrixConfig.LandscapeEntry l, Task task, double scale) {
        org.rosebench.core.landscape.LandscapeOptions o = l.options();
        int grid = o.dims() == 2 ? o.grid() * o.grid() : o.grid();
        int evaluations = grid + 2 * org.rosebench.core.landscape.LandscapeAnalysis.RADIUS_FRACTIONS.length
                * o.directions() + 1;
        int passes = o.epsilon() > 0 ? o.epsilonSteps() : 0;
        int rows = l.split().equals("train") ? size(task, null) : size(task, task.devSplits().get(0));
        int examples = rows == 0 ? l.examples() : Math.min(rows, l.examples());
        return 2 + ((evaluations + 3.0 * passes) * examples / (MINILM_TRAIN_EX_PER_S * EVAL_SPEEDUP)
                + o.dims() + o.directions()) * scale;
    }

    static double methodFactor(String spec) {
        double f = 1;
        boolean base = true;
        for (String part : spec.split("\\+")) {
            if (METHOD.containsKey(part)) {
                f *= METHOD.get(part);
            } else if (SELECTOR.containsKey(part)) {
                // a probe on top of a two-pass method reuses its passes: about half the extra cost
                double extra = SELECTOR.get(part) - 1;
                f *= 1 + (base && f > 1 ? extra / 2 : extra);
            } else {
                f *= 2;
            }
            base = false;
        }
        return f;
    }

    private int trainExamples(TrainSpec t) {
        int full = size(t.task(), null);
        if (t.trainSample() != null) {
            return Math.min(full, t.trainSample());
        }
        if (t.trainLimit() != null) {
            return Math.min(full, t.trainLimit());
        }
        return full;
    }

    private static double taskFactor(Task task) {
        return switch (task.cliName()) {
            case "sst2" -> 1.0;
            case "qqp" -> 1.3;
            case "mnli" -> 1.7;
            case "qnli" -> 2.2;
            case "rte" -> 2.8;
            default -> 1.5;
        };
    }

    /** Encoder FLOPs per token relative to minilm-l6, from the model's config.json (or its name when absent). */
    private double modelFactor(TrainSpec t) {
        return modelFactors.computeIfAbsent(t.model().name(), k -> {
            JsonNode c = modelConfig(t.model());
            if (c == null) {
                String n = t.model().name().toLowerCase(java.util.Locale.ROOT);
                return n.contains("large") ? 28.5 : n.contains("base") ? 8.0 : 1.0;
            }
            double h = c.path("hidden_size").asDouble(768);
            double flops = c.path("num_hidden_layers").asDouble(12) * h * (4 * h + 2 * c.path("intermediate_size").asDouble(4 * h));
            return flops / MINILM_FLOPS;
        });
    }

    private static JsonNode modelConfig(MatrixConfig.ModelRef m) {
        try {
            if (m.path() == null) {
                // the catalog knows its configs: a plan or status must not convert models as a side effect
                var known = ModelCatalog.models().stream().filter(c -> c.name().equals(m.name())).findFirst();
                if (known.isPresent()) {
                    return known.get().config().raw();
                }
            }
            Path dir = Path.of(m.location());
            Path f = dir.resolve("config.json");
            return Files.isRegularFile(f) ? new ObjectMapper().readTree(f.toFile()) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Lines of a GLUE file minus its header (train when split is null); 0 when the file is missing. */
    private int size(Task task, Split split) {
        Split s = split == null ? Split.TRAIN : split;
        return sizes.computeIfAbsent(task.cliName() + "/" + s, k -> {
            try {
                Path f = new GlueData(config.dataPath()).resolve(task, s).path();
                java.io.InputStream in = Files.newInputStream(f);
                if (f.toString().endsWith(".gz")) {
                    in = new java.util.zip.GZIPInputStream(in);
                }
                try (BufferedReader r = new BufferedReader(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8))) {
                    int n = 0;
                    while (r.readLine() != null) {
                        n++;
                    }
                    return Math.max(0, n - 1);
                }
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        });
    }
}
