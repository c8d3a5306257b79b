package org.rosebench.harness.matrix;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rosebench.core.data.DataPath;
import org.rosebench.core.data.Task;
import org.rosebench.core.landscape.LandscapeOptions;

/**
 * A validated experiment matrix: models × tasks × methods × seeds, each fine-tuned model evaluated on the listed
 * evaluation sets and attacked with the listed recipes. Configs are data: see {@link MatrixConfigLoader} for the
 * YAML format.
 *
 * @param hash    first 16 hex digits of SHA-256 over the config's normalised content
 * @param missing what a planning load found missing (model directories, data files); always empty for a run
 * @param keepBest whether trainings also keep their best-dev-epoch checkpoint {@code best/} (not part of any key)
 */
public record MatrixConfig(Path source, String name, String description, String hash, DataPath dataPath, Path outDir,
        List<ModelRef> models, List<Task> tasks, List<Long> seeds, TrainSettings train,
        Map<Task, TrainSettings> perTask, List<MethodEntry> methods, List<String> evaluations,
        List<AttackEntry> attacks, List<LandscapeEntry> landscapes, List<String> missing, boolean keepBest) {

    /**
     * A model by catalog name ({@code minilm-l6}) or a HuggingFace directory ({@code path}) shown as {@code name};
     * {@code allowPartialLoad} accepts weights whose names mostly do not match (not part of any key: it permits a
     * load, it does not change one).
     */
    public record ModelRef(String name, String path, boolean allowPartialLoad) {
        public ModelRef(String name, String path) {
            this(name, path, false);
        }

        /** What {@code ModelCatalog.resolve} takes. */
        public String location() {
            return path != null ? path : name;
        }
    }

    /**
     * One method row of the tables.
     *
     * @param spec    method spec as {@code MethodRegistry.setup} takes it, e.g. {@code r3f+rose-ensemble}
     * @param preset  optional preset name pattern ({@code {task}}, {@code {model}} substituted), whose parameters and
     *                trainer settings apply before this entry's own
     */
    public record MethodEntry(int order, String label, String spec, Map<String, String> params, String preset,
            TrainSettings train) {}

    /**
     * One attack applied to every fine-tuned model (or those of the listed methods).
     *
     * @param methods method labels to attack; empty means all
     * @param vectors a user's counter-fitted vector file (TextFooler's text format) for the recipe's word-embedding
     *                backends, or null for the built-in space
     * @param vectorsSha256 the SHA-256 (hex) of {@code vectors}' bytes (null without a file, or
     *                when a planning load found the file missing)
     */
    public record AttackEntry(String recipe, String split, int numExamples, int offset, int queryBudget, long seed,
            Map<String, String> params, List<String> methods, Path vectors, String vectorsSha256) {

        public AttackEntry(String recipe, String split, int numExamples, int offset, int queryBudget, long seed,
                Map<String, String> params, List<String> methods) {
            this(recipe, split, numExamples, offset, queryBudget, seed, params, methods, null, null);
        }
    }

    /**
     * One loss-landscape analysis (docs/landscape.md) of every fine-tuned model, or of those of the listed methods
     * and training seeds (landscapes cost dozens of evaluations each).
     *
     * @param split    {@code dev} or {@code train}
     * @param examples examples the loss is averaged over (a seeded sample when the split is larger)
     * @param seeds    training seeds to analyse; empty means all (not part of any key: it selects cells)
     * @param methods  method labels to analyse; empty means all (not part of any key)
     */
    public record LandscapeEntry(String split, int examples, LandscapeOptions options, List<Long> seeds,
            List<String> methods) {

        public static final String SPLIT = "dev";
        public static final int EXAMPLES = 256;

        public LandscapeEntry {
            seeds = List.copyOf(seeds);
            methods = List.copyOf(methods);
        }

        public static LandscapeEntry defaults() {
            return new LandscapeEntry(SPLIT, EXAMPLES, LandscapeOptions.defaults(), List.of(), List.of());
        }

        public boolean appliesTo(long seed, String methodLabel) {
            return (seeds.isEmpty() || seeds.contains(seed)) && (methods.isEmpty() || methods.contains(methodLabel));
        }

        /**
         * How tables and the metrics CSV name it: {@code landscape:<split>}, then the settings that differ from the
         * defaults ({@code landscape:dev:dims=2,grid=21}), so two entries never share a name and a name says what
         * was measured.
         */
        public String evaluation() {
            LandscapeOptions d = LandscapeOptions.defaults();
            LandscapeOptions o = options;
            List<String> diffs = new ArrayList<>();
            if (examples != EXAMPLES) {
                diffs.add("examples=" + examples);
            }
            if (o.dims() != d.dims()) {
                diffs.add("dims=" + o.dims());
            }
            if (o.grid() != d.grid()) {
                diffs.add("grid=" + o.grid());
            }
            if (o.radius() != d.radius()) {
                diffs.add("radius=" + plain(o.radius()));
            }
            if (o.directions() != d.directions()) {
                diffs.add("directions=" + o.directions());
            }
            if (o.seed() != d.seed()) {
                diffs.add("seed=" + o.seed());
            }
            if (o.biasLn() != d.biasLn()) {
                diffs.add("bias_ln=" + o.biasLn().label());
            }
            if (o.epsilon() != d.epsilon()) {
                diffs.add("epsilon=" + plain(o.epsilon()));
            }
            if (o.epsilonSteps() != d.epsilonSteps()) {
                diffs.add("epsilon_steps=" + o.epsilonSteps());
            }
            return "landscape:" + split + (diffs.isEmpty() ? "" : ":" + String.join(",", diffs));
        }

        private static String plain(double x) {
            return BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
        }
    }
}
