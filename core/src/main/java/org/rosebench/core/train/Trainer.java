package org.rosebench.core.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.rosebench.core.Djl;
import org.rosebench.core.data.Example;
import org.rosebench.core.method.FineTuningMethod;
import org.rosebench.core.method.MethodSetup;
import org.rosebench.core.method.UpdateSelector;
import org.rosebench.core.model.EncodedBatch;
import org.rosebench.core.model.SequenceClassifier;
import org.rosebench.core.optim.AdamW;
import org.rosebench.core.optim.LinearSchedule;
import org.rosebench.core.util.Progress;

/**
 * The fine-tuning loop: seeded shuffling, dynamic padding, one {@link FineTuningMethod} step per batch, global
 * gradient clipping, AdamW with a linear schedule, dev evaluation every epoch, {@code best/} and {@code last/}
 * checkpoints, a JSON-lines training log and a progress bar.
 */
public final class Trainer {

    /**
     * Version of what training computes (this loop, AdamW, the schedule, the model's forward pass, tokenisation,
     * sampling). Bump when a change alters results (not for a refactor): it is part of the matrix cell keys of every train cell.
     */
    public static final String VERSION = "1";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Per-step selector diagnostics (JSON lines), e.g. ROSE's kept-tensor fraction, for plots. */
    public static final String SELECTION_LOG = "selection.jsonl";

    /** Per-epoch outcome. */
    public record EpochResult(int epoch, double meanLoss, double devAccuracy, double seconds, double examplesPerSecond) {}

    public record Result(List<EpochResult> epochs, int bestEpoch, double bestDevAccuracy, double lastDevAccuracy,
            double trainSeconds, double examplesPerSecond, long steps) {}

    private final TrainConfig config;
    private final Path outDir;
    private final ObjectNode metadata;

    /**
     * @param outDir   where {@code best/}, {@code last/}, {@code train.log} and {@code metrics.json} go
     * @param metadata provenance written into every checkpoint's {@code rose_bench.json} and the metrics
     */
    public Trainer(TrainConfig config, Path outDir, ObjectNode metadata) {
        this.config = config;
        this.outDir = outDir;
        this.metadata = metadata;
    }

    public Result train(SequenceClassifier model, FineTuningMethod method, List<Example> train, List<Example> dev)
            throws IOException {
        return train(model, new MethodSetup(method, null), train, dev);
    }

    /** Trains with a method and an optional update selector (ROSE). */
    public Result train(SequenceClassifier model, MethodSetup setup, List<Example> train, List<Example> dev)
            throws IOException {
        FineTuningMethod method = setup.method();
        UpdateSelector selector = setup.selector();
        if (train.isEmpty()) {
            throw new IllegalArgumentException("training set is empty");
        }
        Files.createDirectories(outDir);
        Djl.seed(config.seed());
        int batchesPerEpoch = (train.size() + config.batchSize() - 1) / config.batchSize();
        int totalSteps = batchesPerEpoch * config.epochs();
        LinearSchedule schedule = new LinearSchedule((int) config.warmupSteps(totalSteps), totalSteps);
        Random shuffler = new Random(config.seed());
        List<EpochResult> epochs = new ArrayList<>();
        double best = -1;
        int bestEpoch = 0;
        long step = 0;
        long started = System.nanoTime();
        try (TrainingStepper stepper = new TrainingStepper(model, setup, config, train, totalSteps);
                BufferedWriter log = Files.newBufferedWriter(outDir.resolve("train.log"), StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
                BufferedWriter selectionLog = selector == null ? null : Files.newBufferedWriter(
                        outDir.resolve(SELECTION_LOG), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
            stepper.prepare();
            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                long epochStart = System.nanoTime();
                List<Integer> order = shuffled(train.size(), shuffler);
                double lossSum = 0;
                try (Progress progress = Progress.start(
                        "train " + setup.name() + " epoch " + epoch + "/" + config.epochs(), train.size(), "ex")) {
                    for (int b = 0; b < batchesPerEpoch; b++) {
                        step++;
                        List<Example> rows = batch(train, order, b);
                        double lr = schedule.lrForUpdate(config.learningRate(), (int) step);
                        float loss = stepper.step(rows, step, epoch, lr);
                        if (selector != null) {
                            logSelection(selectionLog, step, epoch, selector.diagnostics());
                        }
                        if (!Float.isFinite(loss)) {
                            throw new IllegalStateException("loss is " + loss + " at step " + step + " (epoch " + epoch
                                    + "): training diverged; lower --lr or check the data");
                        }
                        lossSum += loss;
                        progress.stepBy(rows.size(), String.format("loss %.4f lr %.2e", loss, lr));
                        if (step % config.logEverySteps() == 0 || b == batchesPerEpoch - 1) {
                            logStep(log, step, epoch, loss, lr, System.nanoTime() - started);
                        }
                    }
                }
                double epochSeconds = (System.nanoTime() - epochStart) / 1e9;
                double devAcc = Double.NaN;
                if (!dev.isEmpty()) {
                    model.weights().setRequiresGradient(false);
                    devAcc = Evaluator.evaluate(model, dev, config.evalBatchSize(), "eval dev epoch " + epoch)
                            .accuracy();
                    model.weights().setRequiresGradient(true);
                }
                EpochResult r = new EpochResult(epoch, lossSum / batchesPerEpoch, devAcc, epochSeconds,
                        train.size() / epochSeconds);
                epochs.add(r);
                log.write(JSON.writeValueAsString(JSON.valueToTree(r).deepCopy()) + "\n");
                log.flush();
                System.err.printf("[rose-bench] epoch %d/%d: loss %.4f, dev accuracy %.4f, %.1f s (%.1f ex/s)%n",
                        epoch, config.epochs(), r.meanLoss(), devAcc, epochSeconds, r.examplesPerSecond());
                if (!dev.isEmpty() && devAcc > best) {
                    best = devAcc;
                    bestEpoch = epoch;
                    save(model, "best", r);
                }
            }
            model.weights().setRequiresGradient(false);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        EpochResult last = epochs.get(epochs.size() - 1);
        save(model, "last", last);
        Result result = new Result(epochs, bestEpoch, best, last.devAccuracy(), seconds,
                (double) train.size() * config.epochs() / seconds, step);
        writeMetrics(result);
        return result;
    }

    private static void logSelection(BufferedWriter log, long step, int epoch, Map<String, Double> diagnostics)
            throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("step", step).put("epoch", epoch);
        diagnostics.forEach(n::put);
        log.write(n.toString());
        log.write('\n');
        log.flush();
    }


    /** Encodes a batch of examples with the model's tokenizer (dynamic padding). */
    public static TrainingBatch encode(SequenceClassifier model, List<Example> rows) {
        List<String> a = new ArrayList<>(rows.size());
        List<String> b = rows.get(0).isPair() ? new ArrayList<>(rows.size()) : null;
        int[] labels = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Example ex = rows.get(i);
            a.add(ex.textA());
            if (b != null) {
                b.add(ex.textB());
            }
            labels[i] = ex.label();
        }
        EncodedBatch inputs = model.tokenizer().encode(a, b);
        return new TrainingBatch(inputs, labels);
    }

    private List<Example> batch(List<Example> train, List<Integer> order, int b) {
        int start = b * config.batchSize();
        int end = Math.min(train.size(), start + config.batchSize());
        List<Example> rows = new ArrayList<>(end - start);
        for (int i = start; i < end; i++) {
            rows.add(train.get(order.get(i)));
        }
        return rows;
    }

    private static List<Integer> shuffled(int n, Random rnd) {
        List<Integer> order = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        java.util.Collections.shuffle(order, rnd);
        return order;
    }

    private void logStep(BufferedWriter log, long step, int epoch, float loss, double lr, long nanos)
            throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("step", step).put("epoch", epoch).put("loss", loss).put("lr", lr).put("elapsed_s", nanos / 1e9);
        log.write(n.toString());
        log.write('\n');
        log.flush();
    }

    private void save(SequenceClassifier model, String name, EpochResult epoch)
            throws IOException {
        ObjectNode meta = metadata.deepCopy();
        meta.put("checkpoint", name);
        meta.put("epoch", epoch.epoch());
        meta.put("dev_accuracy", epoch.devAccuracy());
        CheckpointWriter.save(model, outDir.resolve(name), meta);
    }

    private void writeMetrics(Result result) throws IOException {
        ObjectNode m = metadata.deepCopy();
        m.set("result", JSON.valueToTree(result));
        Path tmp = Files.createTempFile(outDir, "metrics", ".json.tmp");
        JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), m);
        org.rosebench.core.util.Cache.moveAtomically(tmp, outDir.resolve("metrics.json"));
    }
}
