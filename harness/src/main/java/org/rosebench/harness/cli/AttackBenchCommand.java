package org.rosebench.harness.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rosebench.attacks.Attack;
import org.rosebench.attacks.AttackExample;
import org.rosebench.attacks.AttackOptions;
import org.rosebench.attacks.AttackResources;
import org.rosebench.attacks.AttackResult;
import org.rosebench.attacks.AttackStatus;
import org.rosebench.attacks.AttackSummary;
import org.rosebench.attacks.RecipeParams;
import org.rosebench.attacks.Recipes;
import org.rosebench.attacks.backend.ClassifierVictim;
import org.rosebench.attacks.backend.DefaultResources;
import org.rosebench.attacks.backend.VictimMaxLength;
import org.rosebench.attacks.bench.ComponentTimer;
import org.rosebench.attacks.bench.TimedBackends;
import org.rosebench.attacks.spi.TextInput;
import org.rosebench.core.data.Example;
import org.rosebench.core.data.Task;
import org.rosebench.core.model.SequenceClassifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Attack speed: raw batched throughput of the victim against the victim queries per second an attack achieves, with
 * the attack's time split over its components. In one run:
 * <ol>
 *   <li>raw throughput before the attack: the attacked dev sentences through the bare model in batches of 32 (median
 *       of {@code --raw-repeats} passes);</li>
 *   <li>warm-up examples (attacked, not counted), then the N examples; after each one, the victim batches it sent are
 *       replayed through the bare model ({@code SequenceClassifier.probabilities}, same batches, same texts), so raw
 *       and in-attack throughput are measured on identical inputs, seconds apart (machine noise cancels);</li>
 *   <li>raw throughput after the attack: batches of 32 and of the attack's median batch size.</li>
 * </ol>
 * Component times come from timing decorators around the victim and every backend ({@link TimedBackends}); they exist
 * only in this command.
 */
@Command(name = "attack-bench", description = "Attack speed: victim queries/s during an attack vs the victim's raw "
        + "batched throughput on the same inputs, seconds per example and where the time goes.")
final class AttackBenchCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common = new CommonOptions();

    @Option(names = "--checkpoint", defaultValue = "runs/demo-methods/vanilla/last", description = "victim (default ${DEFAULT-VALUE})")
    Path checkpoint;

    @Option(names = "--task", defaultValue = "sst2")
    String task;

    @Option(names = "--recipe", defaultValue = "textfooler")
    String recipe;

    @Option(names = "--num-examples", defaultValue = "50")
    int numExamples;

    @Option(names = "--offset", defaultValue = "0")
    int offset;

    @Option(names = "--warmup", defaultValue = "2", description = "examples attacked first and not counted (the ones after the measured range)")
    int warmup;

    @Option(names = "--raw-repeats", defaultValue = "3", description = "passes per raw-throughput measurement before/after (median)")
    int rawRepeats;

    @Option(names = "--replay", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "replay each example's victim batches through the bare model (default on; --no-replay skips it)")
    boolean replay = true;

    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "recipe parameter, repeatable (see `recipes`)")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--data")
    Path data;

    @Option(names = "--max-length", description = "victim truncation; default as TextAttack v0.3.10's HF model wrapper: "
            + "the checkpoint tokenizer's model_max_length, else " + VictimMaxLength.UNSET_FALLBACK)
    Integer maxLength;

    @Option(names = "--out", description = "write the JSON report here")
    Path out;

    @Option(names = "--threads", defaultValue = "0", description = "libtorch intra-op threads (0 = the engine's default;"
            + " 1 avoids the collapse of multi-threaded ops when other jobs share the cores)")
    int threads;

    private static final int RAW_BATCH = 32;

    @Override
    public Integer call() throws Exception {
        Task t = Task.byName(task);
        List<Example> all = EvalSets.load(CommonOptions.dataDir(data), t, "dev");
        if (numExamples < 1) {
            throw new IllegalArgumentException("--num-examples must be positive: " + numExamples);
        }
        if (offset < 0 || offset + numExamples > all.size()) {
            throw new IllegalArgumentException("examples " + offset + ".." + (offset + numExamples) + " outside the "
                    + all.size() + " dev examples");
        }
        List<AttackExample> examples = new ArrayList<>();
        List<AttackExample> warmups = new ArrayList<>();
        for (int i = offset; i < offset + numExamples; i++) {
            examples.add(AttackExample.of(all.get(i), t));
        }
        for (int i = offset + numExamples; i < Math.min(all.size(), offset + numExamples + warmup); i++) {
            warmups.add(AttackExample.of(all.get(i), t));
        }
        RecipeParams rp = RecipeParams.of(AttackOptions.defaults());
        for (Map.Entry<String, String> e : params.entrySet()) {
            rp = rp.with(e.getKey(), e.getValue());
        }
        ObjectNode json = Json.object();
        ai.djl.engine.Engine engine = ai.djl.engine.Engine.getEngine("PyTorch");
        if (threads > 0) {
            ai.djl.pytorch.jni.JniUtils.setNumThreads(threads);
        }
        json.put("engine", engine.getEngineName() + " " + engine.getVersion())
                .put("engine_threads", ai.djl.pytorch.jni.JniUtils.getNumThreads());
        int victimMaxLength = VictimMaxLength.resolve(checkpoint, maxLength);
        try (SequenceClassifier model = SequenceClassifier.load(checkpoint, victimMaxLength);
                DefaultResources resources = new DefaultResources(null)) {
            TimedBackends timers = new TimedBackends();
            TimedBackends.RecordingVictim victim = timers.victim(new ClassifierVictim(model), replay);
            AttackResources timed = timers.resources(resources.resources());
            Attack attack = Recipes.get(recipe).build(victim, timed, rp);
            log(attack.describe());

            List<TextInput> sentences = new ArrayList<>();
            for (AttackExample ex : examples) {
                sentences.add(new TextInput(ex.texts()));
            }
            for (AttackExample ex : warmups) {
                attack.attack(ex); // loads lazy backends, warms the JIT; not counted
                log("warm-up example " + ex.id() + " done");
            }
            victim.drain();
            double rawBefore = rawThroughput(model, sentences, RAW_BATCH);
            log(String.format(Locale.ROOT, "raw throughput before: %.1f texts/s (batch %d)", rawBefore, RAW_BATCH));
            log(String.format(Locale.ROOT, "attacking %d examples", examples.size()));

            List<ComponentTimer.Snapshot> start = timers.snapshot();
            List<AttackResult> results = new ArrayList<>();
            List<ObjectNode> perExample = new ArrayList<>();
            List<Integer> batchSizes = new ArrayList<>();
            double wall = 0;
            double replayTexts = 0;
            double replaySeconds = 0;
            double maxDiff = 0;
            List<Double> exampleRatios = new ArrayList<>();
            for (AttackExample ex : examples) {
                List<ComponentTimer.Snapshot> before = timers.snapshot();
                long t0 = System.nanoTime();
                AttackResult r = attack.attack(ex);
                double seconds = (System.nanoTime() - t0) / 1e9;
                wall += seconds;
                results.add(r);
                List<ComponentTimer.Snapshot> delta = minus(timers.snapshot(), before);
                ObjectNode e = Json.object().put("id", ex.id()).put("status", r.status().name().toLowerCase(Locale.ROOT))
                        .put("words", r.originalNumWords()).put("queries", r.totalQueries())
                        .put("seconds", round(seconds, 4));
                for (ComponentTimer.Snapshot s : delta) {
                    if (s.calls() > 0) {
                        e.putObject(key(s.name())).put("seconds", round(s.seconds(), 4)).put("calls", s.calls())
                                .put("items", s.items());
                    }
                }
                TimedBackends.Recorded recorded = victim.drain();
                for (List<TextInput> b : recorded.batches()) {
                    batchSizes.add(b.size());
                }
                if (replay && !recorded.batches().isEmpty()) {
                    Replay rep = replay(model, recorded);
                    replayTexts += rep.texts;
                    replaySeconds += rep.seconds;
                    maxDiff = Math.max(maxDiff, rep.maxDiff);
                    double victimSeconds = delta.get(0).seconds();
                    double ratio = (rep.texts / victimSeconds) / (rep.texts / rep.seconds);
                    exampleRatios.add(ratio);
                    e.put("replay_seconds", round(rep.seconds, 4)).put("victim_over_raw", round(ratio, 4));
                }
                perExample.add(e);
                log(String.format(Locale.ROOT, "example %s: %s, %d queries, %.2f s", ex.id(),
                        r.status().name().toLowerCase(Locale.ROOT), r.totalQueries(), seconds));
            }
            List<ComponentTimer.Snapshot> total = minus(timers.snapshot(), start);
            int median = (int) Math.round(median(batchSizes.stream().mapToDouble(Integer::doubleValue).toArray()));
            double rawAfter = rawThroughput(model, sentences, RAW_BATCH);
            double rawAfterMedian = rawThroughput(model, sentences, Math.max(1, median));
            log(String.format(Locale.ROOT, "raw throughput after: %.1f texts/s (batch %d), %.1f texts/s (batch %d)",
                    rawAfter, RAW_BATCH, rawAfterMedian, median));

            long queries = 0;
            double[] secondsPer = new double[results.size()];
            for (int i = 0; i < results.size(); i++) {
                queries += results.get(i).totalQueries();
                secondsPer[i] = perExample.get(i).get("seconds").asDouble();
            }
            ComponentTimer.Snapshot victimT = total.get(0);
            double victimSeconds = victimT.seconds();
            long modelInputs = victimT.items();
            double inAttack = modelInputs / victimSeconds;
            double replayRaw = replayTexts > 0 ? replayTexts / replaySeconds : Double.NaN;

            json.put("recipe", recipe).put("task", t.cliName()).put("split", "dev").put("checkpoint", checkpoint.toString())
                    .put("offset", offset).put("num_examples", numExamples).put("warmup_examples", warmups.size())
                    .put("model_batch_size", AttackOptions.defaults().modelBatchSize())
                    .put("max_length", victimMaxLength);
            json.putObject("params").setAll(paramsJson());
            json.put("command", command());
            AttackSummary summary = AttackSummary.of(results);
            json.set("summary", Json.MAPPER.valueToTree(summary));
            ObjectNode spe = json.putObject("seconds_per_example");
            spe.put("median", round(median(secondsPer), 4)).put("mean", round(wall / results.size(), 4))
                    .put("total_attack_seconds", round(wall, 2));
            ObjectNode q = json.putObject("queries");
            q.put("total", queries).put("total_note", "TextAttack num_queries summed: every text the goal function"
                    + " scored, cache hits included")
                    .put("model_inputs", modelInputs).put("victim_calls", victimT.calls())
                    .put("cache_hits", queries - modelInputs)
                    .put("median_batch", median).put("mean_batch", round((double) modelInputs / victimT.calls(), 2));
            ObjectNode qps = json.putObject("victim_queries_per_second");
            qps.put("model_inputs_over_victim_time", round(inAttack, 2))
                    .put("queries_over_victim_time", round(queries / victimSeconds, 2))
                    .put("queries_over_wall_time", round(queries / wall, 2))
                    .put("model_inputs_over_wall_time", round(modelInputs / wall, 2));
            ObjectNode raw = json.putObject("raw_throughput_texts_per_second");
            raw.put("replay_of_attack_batches", round(replayRaw, 2))
                    .put("replay_texts", (long) replayTexts).put("replay_seconds", round(replaySeconds, 2))
                    .put("replay_max_abs_prob_diff", maxDiff)
                    .put("dev_batch32_before", round(rawBefore, 2)).put("dev_batch32_after", round(rawAfter, 2))
                    .put("dev_median_batch_after", round(rawAfterMedian, 2)).put("repeats", rawRepeats);
            ObjectNode ratio = json.putObject("ratio_to_raw");
            ratio.put("victim_time", round(inAttack / replayRaw, 4))
                    .put("victim_time_median_of_examples", round(median(toArray(exampleRatios)), 4))
                    .put("victim_time_vs_dev_batch32", round(inAttack / mean(rawBefore, rawAfter), 4))
                    .put("wall_time", round((queries / wall) / replayRaw, 4))
                    .put("wall_time_model_inputs", round((modelInputs / wall) / replayRaw, 4))
                    .put("note", "victim_time: texts sent to the victim per second of victim time over the replay's"
                            + " texts per second (same batches); wall_time: TextAttack queries per second of attack"
                            + " wall time over the same raw throughput");
            ComponentTimer.Snapshot encoderT = total.get(1);
            json.put("encoder_texts_per_model_input", round((double) encoderT.items() / Math.max(1, modelInputs), 3));
            ObjectNode breakdown = json.putObject("breakdown");
            double accounted = 0;
            for (ComponentTimer.Snapshot s : total) {
                if (s.calls() == 0) {
                    continue;
                }
                accounted += s.seconds();
                breakdown.putObject(key(s.name())).put("seconds", round(s.seconds(), 3))
                        .put("share", round(s.seconds() / wall, 4)).put("calls", s.calls()).put("items", s.items());
            }
            breakdown.putObject("search_other").put("seconds", round(wall - accounted, 3))
                    .put("share", round((wall - accounted) / wall, 4));
            ArrayNode list = json.putArray("per_example");
            perExample.forEach(list::add);
            json.put("load_average", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage())
                    .put("processors", Runtime.getRuntime().availableProcessors())
                    // the launcher's malloc settings change the speed, not the numbers (docs/attacks.md §10)
                    .put("glibc_tunables", System.getenv("GLIBC_TUNABLES"));
        }
        // the commit, libraries and host that produced these timings, as on every other result
        json.put("recipe_version", Recipes.get(recipe).version());
        json.set("provenance", org.rosebench.core.util.Provenance.collect());
        if (out != null) {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            // written whole or not at all: a report beside recorded ones is never left half-written
            Path tmp = org.rosebench.core.util.Cache.tempSibling(out.toAbsolutePath());
            Files.writeString(tmp, Json.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(json) + "\n");
            org.rosebench.core.util.Cache.moveAtomically(tmp, out.toAbsolutePath());
        }
        if (common.json) {
            Json.print(json);
        } else {
            printText(json);
        }
        return 0;
    }

    private void printText(ObjectNode j) {
        System.out.printf(Locale.ROOT, "%s on %d %s dev examples (%s)%n", recipe, numExamples, task, checkpoint);
        System.out.printf(Locale.ROOT, "seconds/example: median %.3f, mean %.3f%n", j.get("seconds_per_example").get("median").asDouble(),
                j.get("seconds_per_example").get("mean").asDouble());
        System.out.printf(Locale.ROOT, "queries: %d (model inputs %d, median batch %d)%n", j.get("queries").get("total").asLong(),
                j.get("queries").get("model_inputs").asLong(), j.get("queries").get("median_batch").asInt());
        ObjectNode q = (ObjectNode) j.get("victim_queries_per_second");
        ObjectNode raw = (ObjectNode) j.get("raw_throughput_texts_per_second");
        ObjectNode r = (ObjectNode) j.get("ratio_to_raw");
        System.out.printf(Locale.ROOT, "victim texts/s over victim time %.1f vs raw (replay) %.1f: ratio %.3f%n",
                q.get("model_inputs_over_victim_time").asDouble(), raw.get("replay_of_attack_batches").asDouble(),
                r.get("victim_time").asDouble());
        System.out.printf(Locale.ROOT, "queries/s over wall time %.1f: ratio %.3f%n", q.get("queries_over_wall_time").asDouble(),
                r.get("wall_time").asDouble());
        j.get("breakdown").fields().forEachRemaining(e -> System.out.printf(Locale.ROOT, "  %-24s %8.2f s %5.1f%%%n",
                e.getKey(), e.getValue().get("seconds").asDouble(), 100 * e.getValue().get("share").asDouble()));
        if (out != null) {
            System.out.println("wrote " + out);
        }
    }

    private Map<String, com.fasterxml.jackson.databind.JsonNode> paramsJson() {
        Map<String, com.fasterxml.jackson.databind.JsonNode> m = new LinkedHashMap<>();
        params.forEach((k, v) -> m.put(k, Json.MAPPER.getNodeFactory().textNode(v)));
        return m;
    }

    private String command() {
        StringBuilder sb = new StringBuilder("rose-bench attack-bench --checkpoint ").append(checkpoint)
                .append(" --task ").append(task).append(" --recipe ").append(recipe).append(" --num-examples ")
                .append(numExamples);
        if (offset != 0) {
            sb.append(" --offset ").append(offset);
        }
        if (threads > 0) {
            sb.append(" --threads ").append(threads);
        }
        params.forEach((k, v) -> sb.append(" --param ").append(k).append('=').append(v));
        if (out != null) {
            sb.append(" --out ").append(out);
        }
        return sb.toString();
    }

    private record Replay(double texts, double seconds, double maxDiff) {
    }

    /**
     * The recorded batches through the bare model, timed (tokenisation, forward pass, softmax and copying out, as
     * {@link ClassifierVictim} does), with the largest difference to what the victim answered during the attack.
     */
    private static Replay replay(SequenceClassifier model, TimedBackends.Recorded recorded) {
        long texts = 0;
        long nanos = 0;
        double maxDiff = 0;
        for (int k = 0; k < recorded.batches().size(); k++) {
            List<TextInput> b = recorded.batches().get(k);
            List<String> a = new ArrayList<>(b.size());
            List<String> second = b.get(0).isPair() ? new ArrayList<>(b.size()) : null;
            for (TextInput x : b) {
                a.add(x.first());
                if (second != null) {
                    second.add(x.second());
                }
            }
            long t0 = System.nanoTime();
            float[][] p = model.probabilities(a, second, b.size());
            nanos += System.nanoTime() - t0;
            texts += b.size();
            float[][] seen = recorded.outputs().get(k);
            for (int i = 0; i < p.length; i++) {
                for (int c = 0; c < p[i].length; c++) {
                    maxDiff = Math.max(maxDiff, Math.abs(p[i][c] - seen[i][c]));
                }
            }
        }
        return new Replay(texts, nanos / 1e9, maxDiff);
    }

    /** Median over {@code rawRepeats} passes of texts/s for {@code inputs} in batches of {@code batch}. */
    private double rawThroughput(SequenceClassifier model, List<TextInput> inputs, int batch) {
        double[] rates = new double[Math.max(1, rawRepeats)];
        List<String> a = new ArrayList<>();
        List<String> b = inputs.get(0).isPair() ? new ArrayList<>() : null;
        for (TextInput x : inputs) {
            a.add(x.first());
            if (b != null) {
                b.add(x.second());
            }
        }
        for (int r = 0; r < rates.length; r++) {
            long t0 = System.nanoTime();
            for (int s = 0; s < a.size(); s += batch) {
                int e = Math.min(a.size(), s + batch);
                model.probabilities(a.subList(s, e), b == null ? null : b.subList(s, e), e - s);
            }
            rates[r] = a.size() / ((System.nanoTime() - t0) / 1e9);
        }
        return median(rates);
    }

    private static List<ComponentTimer.Snapshot> minus(List<ComponentTimer.Snapshot> now, List<ComponentTimer.Snapshot> then) {
        List<ComponentTimer.Snapshot> out = new ArrayList<>();
        for (int i = 0; i < now.size(); i++) {
            out.add(now.get(i).minus(then.get(i)));
        }
        return out;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
    }

    private static double median(double[] x) {
        if (x.length == 0) {
            return Double.NaN;
        }
        double[] s = x.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double mean(double a, double b) {
        return (a + b) / 2;
    }

    private static double[] toArray(List<Double> x) {
        return x.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double round(double x, int places) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return x;
        }
        double f = Math.pow(10, places);
        return Math.round(x * f) / f;
    }

    private void log(String message) {
        if (!common.json) {
            System.err.println("attack-bench: " + message);
        }
    }
}
