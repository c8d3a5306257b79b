package org.rosebench.core.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongConsumer;
import org.rosebench.core.Djl;
import org.rosebench.core.checkpoint.SafetensorsWriter;
import org.rosebench.core.checkpoint.TensorData;
import org.rosebench.core.data.Example;
import org.rosebench.core.method.FineTuningMethod;
import org.rosebench.core.method.MethodSetup;
import org.rosebench.core.method.UpdateSelector;
import org.rosebench.core.model.EncodedBatch;
import org.rosebench.core.model.SequenceClassifier;
import org.rosebench.core.optim.AdamW;
import org.rosebench.core.optim.LinearSchedule;
import org.rosebench.core.util.Progress;
import org.rosebench.core.util.StopRequest;

/**
 * The fine-tuning loop: seeded shuffling, dynamic padding, one {@link FineTuningMethod} step per batch, global
 * gradient clipping, AdamW with a linear schedule, dev evaluation every epoch, {@code best/} and {@code last/}
 * checkpoints, a JSON-lines training log and a progress bar.
 *
 * <p><b>Resumable.</b> The engine RNG is re-seeded at the start of every optimiser step from (seed, step)
 * ({@link #stepSeed}), and the trainer saves its whole state into {@code <outDir>/resume/} ({@link ResumeState})
 * as its {@link CheckpointPolicy} says and when a {@link StopRequest} is set (it then throws
 * {@link TrainingStopped}). {@link #train} resumes from that state when it exists and was saved by the same run
 * (same config, method, data, model; otherwise {@link ResumeMismatchException}), so that on CPU a run killed and
 * resumed ends bit-identical to one never interrupted (weights, metrics and logs, timings aside). The state is
 * deleted once {@code last/} and {@code metrics.json} are written.
 */
public final class Trainer {

    /**
     * Version of what training computes (this loop, AdamW, the schedule, the model's forward pass, tokenisation,
     * sampling). Bump when a change alters results (not for a refactor): it is part of the matrix cell keys of every train cell.
     * 2: the engine RNG is re-seeded at every optimiser step ({@link #stepSeed}) instead of drawing the whole run from
     * one stream seeded once, so that a resumed run draws the same dropout masks and noise as an uninterrupted one.
     */
    public static final String VERSION = "2";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Per-step selector diagnostics (JSON lines), e.g. ROSE's kept-tensor fraction, for plots. */
    public static final String SELECTION_LOG = "selection.jsonl";

    /** The training log (JSON lines: steps every {@code logEverySteps}, one line per epoch). */
    public static final String TRAIN_LOG = "train.log";

    /** Per-epoch outcome. */
    public record EpochResult(int epoch, double meanLoss, double devAccuracy, double seconds, double examplesPerSecond) {}

    public record Result(List<EpochResult> epochs, int bestEpoch, double bestDevAccuracy, double lastDevAccuracy,
            double trainSeconds, double examplesPerSecond, long steps) {}

    private final TrainConfig config;
    private final Path outDir;
    private final ObjectNode metadata;
    private CheckpointPolicy checkpointPolicy = CheckpointPolicy.DEFAULT;
    private StopRequest stopRequest = StopRequest.global();
    private LongConsumer afterStep = step -> {};

    /**
     * @param outDir   where {@code best/}, {@code last/}, {@code train.log}, {@code metrics.json} and the resumable
     *                 state {@code resume/} go
     * @param metadata provenance written into every checkpoint's {@code rose_bench.json} and the metrics
     */
    private boolean keepBest = true;

    public Trainer(TrainConfig config, Path outDir, ObjectNode metadata) {
        this.config = config;
        this.outDir = outDir;
        this.metadata = metadata;
    }

    /** When to save the resumable state ({@link CheckpointPolicy#DEFAULT} unless set). */
    public Trainer optCheckpointPolicy(CheckpointPolicy policy) {
        this.checkpointPolicy = java.util.Objects.requireNonNull(policy, "policy");
        return this;
    }

    /** {@link #optCheckpointPolicy} with {@link CheckpointPolicy#of}: every {@code steps} or {@code every}, 0 = off. */
    public Trainer optCheckpointEvery(long steps, Duration every) {
        return optCheckpointPolicy(CheckpointPolicy.of(steps, every));
    }

    /**
     * Whether to save {@code best/}, the checkpoint of the epoch with the best dev accuracy (default true). The best
     * epoch and its accuracy are reported either way; matrices turn it off, since their cells use {@code last/}
     * and a second checkpoint per training doubles the disk a paper-scale run needs.
     */
    public Trainer optKeepBest(boolean keep) {
        this.keepBest = keep;
        return this;
    }

    /** The stop request watched between steps ({@link StopRequest#global()} unless set). */
    public Trainer optStopRequest(StopRequest request) {
        this.stopRequest = java.util.Objects.requireNonNull(request, "request");
        return this;
    }

    /**
     * Called with the step number after every optimiser step, once the state that step made due is saved. An
     * exception thrown here ends training as a crash would (tests simulate a kill with it).
     */
    public Trainer optAfterStep(LongConsumer listener) {
        this.afterStep = java.util.Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** Where this trainer keeps its resumable state: {@code <outDir>/resume}. */
    public Path resumeDir() {
        return outDir.resolve(ResumeState.DIR);
    }

    /**
     * The engine seed of optimiser step {@code step} (1-based) of a run seeded with {@code seed}: SplitMix64's
     * finaliser (the mixer of {@link java.util.SplittableRandom}; Steele, Lea and Flood 2014) applied to
     * {@code (seed as unsigned 32 bits) << 32 | step} plus the golden-ratio increment, folded to 32 bits by XOR of
     * its halves:
     * <pre>
     *   z = ((seed &amp; 0xFFFFFFFF) &lt;&lt; 32 ^ step) + 0x9E3779B97F4A7C15
     *   z = (z ^ z &gt;&gt;&gt; 30) · 0xBF58476D1CE4E5B9
     *   z = (z ^ z &gt;&gt;&gt; 27) · 0x94D049BB133111EB
     *   z = z ^ z &gt;&gt;&gt; 31
     *   seed_step = (int) (z ^ z &gt;&gt;&gt; 32)
     * </pre>
     * The input is distinct for every (seed, step) with step &lt; 2³², and the finaliser is a bijection of 64-bit
     * values, so neighbouring steps and seeds get unrelated engine streams.
     */
    public static int stepSeed(long seed, long step) {
        long z = (((seed & 0xFFFFFFFFL) << 32) ^ step) + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (int) (z ^ (z >>> 32));
    }

    public Result train(SequenceClassifier model, FineTuningMethod method, List<Example> train, List<Example> dev)
            throws IOException {
        return train(model, new MethodSetup(method, null), train, dev);
    }

    /**
     * Trains with a method and an optional update selector (ROSE), resuming from {@code <outDir>/resume/} when it
     * holds the state of this same run.
     *
     * @throws TrainingStopped        when the stop request was set; the state is saved, call again to resume
     * @throws ResumeMismatchException when {@code <outDir>/resume/} holds the state of another run
     */
    public Result train(SequenceClassifier model, MethodSetup setup, List<Example> train, List<Example> dev)
            throws IOException {
        FineTuningMethod method = setup.method();
        UpdateSelector selector = setup.selector();
        if (train.isEmpty()) {
            throw new IllegalArgumentException("training set is empty");
        }
        Files.createDirectories(outDir);
        int batchesPerEpoch = (train.size() + config.batchSize() - 1) / config.batchSize();
        int totalSteps = batchesPerEpoch * config.epochs();
        ObjectNode fingerprint = fingerprint(model, setup, train, dev, totalSteps);
        ResumeState resume = ResumeState.open(outDir);
        if (resume != null) {
            List<String> differences = resume.fingerprintDifferences(fingerprint);
            if (!differences.isEmpty()) {
                throw new ResumeMismatchException(resume.dir(), differences);
            }
        }
        Djl.seed(config.seed()); // what runs before step 1 (ChildTuning-D's Fisher pass); every step re-seeds
        Position at = resume == null ? Position.START : Position.of(resume.json());
        Path trainLog = outDir.resolve(TRAIN_LOG);
        Path selectionFile = outDir.resolve(SELECTION_LOG);
        if (resume != null) {
            truncate(trainLog, at.trainLogBytes());
            if (selector != null) {
                truncate(selectionFile, at.selectionLogBytes());
            }
            restoreWeights(model, resume.weights(), resume.dir());
            System.err.printf("[rose-bench] resuming %s at step %d/%d (epoch %d)%n", outDir, at.step(), totalSteps,
                    at.epoch());
        }
        LinearSchedule schedule = new LinearSchedule((int) config.warmupSteps(totalSteps), totalSteps);
        Random shuffler = new Random(config.seed());
        for (int e = 1; e < at.epoch(); e++) {
            shuffled(train.size(), shuffler); // the orders of the epochs already done, to reach this epoch's
        }
        Run run = new Run(setup, train.size(), totalSteps, fingerprint);
        run.epochs.addAll(at.epochs());
        run.best = at.best();
        run.bestEpoch = at.bestEpoch();
        run.priorSeconds = at.trainSeconds();
        long step = at.step();
        try (TrainingStepper stepper = new TrainingStepper(model, setup, config, train, totalSteps);
                BufferedWriter log = openLog(trainLog, resume != null);
                BufferedWriter selectionLog = selector == null ? null : openLog(selectionFile, resume != null)) {
            run.stepper = stepper;
            run.log = log;
            run.selectionLog = selectionLog;
            if (resume == null) {
                stepper.prepare();
            } else {
                defineZeroGradients(model);
                stepper.optimizer().loadState(resume.optimizerFile(), stepper.params());
                method.restore(stepper.context(), resume.methodState());
                if (selector != null) {
                    selector.restore(resume.selectorState());
                }
            }
            run.lastSaveStep = step;
            run.lastSaveNanos = System.nanoTime();
            for (int epoch = at.epoch(); epoch <= config.epochs(); epoch++) {
                boolean resumedEpoch = resume != null && epoch == at.epoch();
                long epochStart = System.nanoTime();
                double priorEpochSeconds = resumedEpoch ? at.epochSeconds() : 0;
                List<Integer> order = shuffled(train.size(), shuffler);
                double lossSum = resumedEpoch ? at.lossSum() : 0;
                int firstBatch = resumedEpoch ? at.batch() : 0;
                try (Progress progress = Progress.start(
                        "train " + setup.name() + " epoch " + epoch + "/" + config.epochs(), train.size(), "ex",
                        Math.min(train.size(), (long) firstBatch * config.batchSize()))) {
                    for (int b = firstBatch; b < batchesPerEpoch; b++) {
                        step++;
                        Djl.seed(stepSeed(config.seed(), step));
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
                            logStep(log, step, epoch, loss, lr, run.elapsedNanos());
                        }
                        run.betweenSteps(step, epoch, b + 1, lossSum,
                                priorEpochSeconds + (System.nanoTime() - epochStart) / 1e9);
                        afterStep.accept(step);
                    }
                }
                double epochSeconds = priorEpochSeconds + (System.nanoTime() - epochStart) / 1e9;
                double devAcc = Double.NaN;
                if (!dev.isEmpty()) {
                    model.weights().setRequiresGradient(false);
                    devAcc = Evaluator.evaluate(model, dev, config.evalBatchSize(), "eval dev epoch " + epoch)
                            .accuracy();
                    model.weights().setRequiresGradient(true);
                }
                EpochResult r = new EpochResult(epoch, lossSum / batchesPerEpoch, devAcc, epochSeconds,
                        train.size() / epochSeconds);
                run.epochs.add(r);
                log.write(JSON.writeValueAsString(JSON.valueToTree(r).deepCopy()) + "\n");
                log.flush();
                System.err.printf("[rose-bench] epoch %d/%d: loss %.4f, dev accuracy %.4f, %.1f s (%.1f ex/s)%n",
                        epoch, config.epochs(), r.meanLoss(), devAcc, epochSeconds, r.examplesPerSecond());
                if (!dev.isEmpty() && devAcc > run.best) {
                    run.best = devAcc;
                    run.bestEpoch = epoch;
                    if (keepBest) {
                        save(model, "best", r);
                    }
                }
                if (epoch < config.epochs()) {
                    run.betweenEpochs(step, epoch + 1);
                }
            }
            model.weights().setRequiresGradient(false);
        }
        double seconds = run.elapsedNanos() / 1e9;
        EpochResult last = run.epochs.get(run.epochs.size() - 1);
        save(model, "last", last);
        Result result = new Result(List.copyOf(run.epochs), run.bestEpoch, run.best, last.devAccuracy(), seconds,
                (double) train.size() * config.epochs() / seconds, step);
        writeMetrics(result);
        ResumeState.delete(outDir);
        return result;
    }

    /**
     * Where a run stands between steps: {@code batch} batches of {@code epoch} are done (all of them: the epoch's
     * evaluation is still to come), with {@code lossSum} their summed loss.
     */
    private record Position(long step, int epoch, int batch, double lossSum, double epochSeconds,
            List<EpochResult> epochs, double best, int bestEpoch, double trainSeconds, long trainLogBytes,
            long selectionLogBytes) {

        static final Position START = new Position(0, 1, 0, 0, 0, List.of(), -1, 0, 0, 0, 0);

        static Position of(JsonNode n) {
            List<EpochResult> epochs = new ArrayList<>();
            for (JsonNode e : n.path("epochs")) {
                epochs.add(new EpochResult(e.path("epoch").asInt(), e.path("meanLoss").asDouble(),
                        e.path("devAccuracy").asDouble(), e.path("seconds").asDouble(),
                        e.path("examplesPerSecond").asDouble()));
            }
            return new Position(n.path("step").asLong(), n.path("epoch").asInt(), n.path("batch").asInt(),
                    n.path("epoch_loss_sum").asDouble(), n.path("epoch_seconds").asDouble(), epochs,
                    n.path("best_dev_accuracy").asDouble(), n.path("best_epoch").asInt(),
                    n.path("train_seconds").asDouble(), n.path("train_log_bytes").asLong(),
                    n.path("selection_log_bytes").asLong());
        }
    }

    /** The mutable side of one {@link #train} call that a state save reads. */
    private final class Run {
        final MethodSetup setup;
        final int trainSize;
        final long totalSteps;
        final ObjectNode fingerprint;
        final List<EpochResult> epochs = new ArrayList<>();
        final long started = System.nanoTime();
        double best;
        int bestEpoch;
        double priorSeconds;
        TrainingStepper stepper;
        BufferedWriter log;
        BufferedWriter selectionLog;
        long lastSaveStep;
        long lastSaveNanos;

        Run(MethodSetup setup, int trainSize, long totalSteps, ObjectNode fingerprint) {
            this.setup = setup;
            this.trainSize = trainSize;
            this.totalSteps = totalSteps;
            this.fingerprint = fingerprint;
        }

        /** Training time so far, earlier processes of a resumed run included. */
        long elapsedNanos() {
            return Math.round(priorSeconds * 1e9) + (System.nanoTime() - started);
        }

        /** After a step: the periodic save when due, then the stop request (save, throw). */
        void betweenSteps(long step, int epoch, int batchesDone, double lossSum, double epochSeconds)
                throws IOException {
            boolean saved = false;
            if (checkpointPolicy.due(step - lastSaveStep, System.nanoTime() - lastSaveNanos)) {
                saveState(step, epoch, batchesDone, lossSum, epochSeconds);
                saved = true;
            }
            stopIfRequested(step, epoch, batchesDone, lossSum, epochSeconds, saved);
        }

        /**
         * After an epoch's evaluation, before the next epoch's first step: only a stop request is honoured here (a
         * state saved after the epoch's last step would repeat the evaluation on resume).
         */
        void betweenEpochs(long step, int nextEpoch) throws IOException {
            stopIfRequested(step, nextEpoch, 0, 0, 0, false);
        }

        private void stopIfRequested(long step, int epoch, int batchesDone, double lossSum, double epochSeconds,
                boolean saved) throws IOException {
            if (!stopRequest.isRequested()) {
                return;
            }
            if (!saved) {
                saveState(step, epoch, batchesDone, lossSum, epochSeconds);
            }
            throw new TrainingStopped(step, totalSteps, resumeDir(), stopRequest.reason());
        }

        void saveState(long step, int epoch, int batchesDone, double lossSum, double epochSeconds)
                throws IOException {
            long t0 = System.nanoTime();
            log.flush();
            ObjectNode s = JSON.createObjectNode();
            s.put("step", step).put("total_steps", totalSteps).put("epoch", epoch).put("batch", batchesDone);
            s.put("epoch_loss_sum", lossSum).put("epoch_seconds", epochSeconds);
            s.set("epochs", JSON.valueToTree(epochs));
            s.put("best_dev_accuracy", best).put("best_epoch", bestEpoch);
            s.put("train_seconds", elapsedNanos() / 1e9);
            Path trainLog = outDir.resolve(TRAIN_LOG);
            ResumeState.fsync(trainLog);
            s.put("train_log_bytes", Files.size(trainLog));
            if (selectionLog != null) {
                selectionLog.flush();
                Path sel = outDir.resolve(SELECTION_LOG);
                ResumeState.fsync(sel);
                s.put("selection_log_bytes", Files.size(sel));
            }
            s.put("saved_at", java.time.Instant.now().toString());
            s.set("fingerprint", fingerprint);
            List<SafetensorsWriter.LazyTensor> weights = new ArrayList<>();
            for (Map.Entry<String, NDArray> e : stepper.context().model().weights().asMap().entrySet()) {
                NDArray a = e.getValue();
                weights.add(new SafetensorsWriter.LazyTensor(e.getKey(), a.getShape().getShape(), a::toFloatArray));
            }
            ResumeState.save(outDir, new ResumeState.Content(weights, stepper.optimizer()::saveState,
                    setup.method().state(), setup.selector() == null ? null : setup.selector().state()), s);
            lastSaveStep = step;
            lastSaveNanos = System.nanoTime();
            System.err.printf("[rose-bench] saved training state at step %d (%.1f s)%n", step,
                    (lastSaveNanos - t0) / 1e9);
        }
    }

    /** What a saved state must agree with to be resumed by this call. */
    private ObjectNode fingerprint(SequenceClassifier model, MethodSetup setup, List<Example> train, List<Example> dev,
            long totalSteps) {
        ObjectNode n = JSON.createObjectNode();
        n.put("trainer_version", VERSION);
        n.set("train_config", JSON.valueToTree(config));
        n.put("method", setup.name());
        n.set("method_parameters", JSON.valueToTree(new java.util.TreeMap<>(setup.parameters())));
        n.put("total_steps", totalSteps);
        n.put("train_examples", train.size());
        n.put("train_data", examplesHash(train));
        n.put("dev_examples", dev.size());
        n.put("dev_data", examplesHash(dev));
        n.put("labels", String.join(",", model.labels()));
        StringBuilder tensors = new StringBuilder();
        model.weights().asMap().forEach((k, v) -> tensors.append(k).append(v.getShape()).append('\n'));
        n.put("model_tensors", sha256(tensors.toString()));
        n.put("device", Djl.deviceClass());
        try {
            return (ObjectNode) JSON.readTree(JSON.writeValueAsString(n)); // numbers typed as when read back
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHA-256 (16 hex digits) of the examples in order: index, texts and label of each. */
    static String examplesHash(List<Example> examples) {
        StringBuilder sb = new StringBuilder();
        for (Example e : examples) {
            sb.append(e.index()).append('\u0000').append(e.textA()).append('\u0000')
                    .append(e.textB() == null ? "\u0001" : e.textB()).append('\u0000').append(e.label()).append('\n');
        }
        return sha256(sb.toString());
    }

    private static String sha256(String s) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d).substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Replaces every weight with the saved one (before the stepper takes the parameters). */
    private static void restoreWeights(SequenceClassifier model, Map<String, TensorData> saved, Path dir) {
        if (!saved.keySet().equals(model.weights().names())) {
            throw new IllegalStateException(dir + ": saved weights " + saved.keySet() + " are not the model's "
                    + model.weights().names());
        }
        for (String name : List.copyOf(model.weights().names())) {
            model.weights().put(name, saved.get(name), model.weights().get(name).getShape().getShape());
        }
    }

    /**
     * Gives every weight a zero gradient buffer, as the weights have after any step (the step zeroes them in place),
     * so that the first step of a resumed process accumulates its gradients exactly as that step of an uninterrupted
     * run does. Without buffers it could differ in the last bits: a fresh buffer takes the gradient as computed (a
     * -0.0 stays -0.0, where 0 + -0.0 is +0.0), and the word-embedding gradient of a probing selector would be
     * routed densely rather than sparsely ({@code WordEmbeddingLeaves}), which may sum in another order.
     */
    private static void defineZeroGradients(SequenceClassifier model) {
        try (ai.djl.ndarray.NDScope scope = new ai.djl.ndarray.NDScope();
                ai.djl.training.GradientCollector collector = Djl.engine().newGradientCollector()) {
            scope.suppressNotUsedWarning();
            NDArray total = null;
            for (NDArray w : model.weights().asMap().values()) {
                NDArray s = w.sum();
                total = total == null ? s : total.add(s);
            }
            collector.backward(total);
        }
        for (NDArray w : model.weights().asMap().values()) {
            ai.djl.pytorch.jni.JniUtils.zeroGrad((ai.djl.pytorch.engine.PtNDArray) w);
        }
    }

    /** Cuts a log back to the length it had when the state was saved (the lines after it are written again). */
    private static void truncate(Path file, long bytes) throws IOException {
        long size = Files.exists(file) ? Files.size(file) : -1;
        if (size < bytes) {
            throw new IllegalStateException(file + " has " + (size < 0 ? "gone" : size + " bytes") + " but the saved"
                    + " training state needs its first " + bytes + " bytes; delete " + file.resolveSibling(
                    ResumeState.DIR) + " to start the run from scratch");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(bytes);
            ch.force(true);
        }
    }

    private static BufferedWriter openLog(Path file, boolean append) throws IOException {
        return append
                ? Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND)
                : Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING);
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
