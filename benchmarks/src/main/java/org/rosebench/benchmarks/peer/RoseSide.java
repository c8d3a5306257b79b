package org.rosebench.benchmarks.peer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.rosebench.benchmarks.fixtures.FixedLengthRows;
import org.rosebench.benchmarks.fixtures.MiniLm;
import org.rosebench.benchmarks.fixtures.RandomGradients;
import org.rosebench.benchmarks.fixtures.Sst2;
import org.rosebench.core.Djl;
import org.rosebench.core.data.Example;
import org.rosebench.core.method.MethodRegistry;
import org.rosebench.core.model.DropoutMasks;
import org.rosebench.core.model.Dropouts;
import org.rosebench.core.model.EncodedBatch;
import org.rosebench.core.model.SequenceClassifier;
import org.rosebench.core.optim.AdamW;
import org.rosebench.core.optim.AdamWConfig;
import org.rosebench.core.optim.Param;
import org.rosebench.core.optim.TensorMasks;
import org.rosebench.core.train.Losses;
import org.rosebench.core.train.TrainConfig;
import org.rosebench.core.train.TrainingStepper;
import org.rosebench.core.util.Provenance;

/**
 * rose-bench's side of {@code benchmarks/peer/compare.py}: times what the PyTorch peers time, in one process, and
 * prints JSON in their format (median and 10th–90th percentiles of timed calls after untimed warm-up calls).
 * Operations (each for every batch × length):
 * <ul>
 *   <li>{@code forward}: the encoder's sequence output, dropout off, no autograd (as {@code EncoderForwardBenchmark});
 *   <li>{@code fwd-bwd}: classifier cross-entropy forward and backward, training dropout, gradients zeroed
 *       (as {@code EncoderBackwardBenchmark});
 *   <li>{@code train-step}: one vanilla step through {@link TrainingStepper} (tokenising its batch, forward,
 *       backward, clipping, AdamW; as {@code TrainingStepBenchmark}); with {@code --step-kernels FUSED OPS} one
 *       stepper per AdamW kernel, taking turns step by step (default: the kernel {@code -Drose.adamw.kernel} picks),
 *       and likewise one per dropout mask source with {@code --dropout-masks libtorch counter};
 *   <li>{@code matmul}: each matrix product of a layer (as {@code MatmulBenchmark}), GFLOP/s;
 *   <li>{@code adamw}: the AdamW update of all 22.7 M parameters from fixed random gradients, by both kernels
 *       (as {@code AdamWBenchmark}), against its memory-traffic bound;
 *   <li>{@code bandwidth}: libtorch's in-place {@code a *= s} and {@code a += b} over 64 M floats (bytes read plus
 *       written per second), the memory bandwidth the AdamW bound is computed from.
 * </ul>
 * Arguments: {@code --ops OP…}, {@code --batch B…}, {@code --length L…}, {@code --warmup N}, {@code --iters N},
 * {@code --adamw-iters N}, {@code --step-kernels K…}, {@code --dropout-masks M…}. libtorch's thread count comes from {@code -Dai.djl.pytorch.num_threads} as usual.
 */
public final class RoseSide {

    private static final List<String> OPERATIONS = List.of("forward", "fwd-bwd", "train-step", "matmul", "adamw",
            "bandwidth");
    private static final int HIDDEN = 384;
    private static final int INTERMEDIATE = 1536;
    private static final int HEADS = 12;
    private static final long BANDWIDTH_FLOATS = 64L << 20;
    private static final int ADAMW_WARMUP = 3;

    private final Set<String> ops = new LinkedHashSet<>(OPERATIONS);
    private List<Integer> batches = List.of(16, 32);
    private List<Integer> lengths = List.of(64);
    private int warmup = 3;
    private int iters = 20;
    private int adamwIters = 10;
    private List<AdamW.Kernel> stepKernels = List.of(AdamW.Kernel.fromSystemProperty());
    private List<DropoutMasks> dropoutMasks = List.of(DropoutMasks.LIBTORCH);

    private RoseSide() {}

    public static void main(String[] args) {
        System.setProperty("rose.progress", "false");
        RoseSide side = new RoseSide();
        side.parse(args);
        ObjectNode out = side.run();
        System.out.println(out.toPrettyString());
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            List<String> values = new ArrayList<>();
            int j = i + 1;
            while (j < args.length && !args[j].startsWith("--")) {
                values.add(args[j++]);
            }
            switch (args[i]) {
                case "--ops" -> {
                    for (String op : values) {
                        if (!OPERATIONS.contains(op)) {
                            throw new IllegalArgumentException("--ops: unknown operation " + op + "; one of " + OPERATIONS);
                        }
                    }
                    ops.clear();
                    ops.addAll(values);
                }
                case "--batch" -> batches = values.stream().map(Integer::parseInt).toList();
                case "--length" -> lengths = values.stream().map(Integer::parseInt).toList();
                case "--warmup" -> warmup = Integer.parseInt(single(args[i], values));
                case "--iters" -> iters = Integer.parseInt(single(args[i], values));
                case "--adamw-iters" -> adamwIters = Integer.parseInt(single(args[i], values));
                case "--step-kernels" -> stepKernels = values.stream()
                        .map(v -> AdamW.Kernel.valueOf(v.toUpperCase(java.util.Locale.ROOT))).toList();
                case "--dropout-masks" -> dropoutMasks = values.stream().map(DropoutMasks::parse).toList();
                case "--json" -> { } // always JSON; accepted for symmetry with the peers
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (--ops, --batch, --length, --warmup, --iters, --adamw-iters, --step-kernels, --dropout-masks)");
            }
            i = j - 1;
        }
        if (iters < 1 || warmup < 0 || adamwIters < 1 || batches.isEmpty() || lengths.isEmpty()
                || stepKernels.isEmpty() || dropoutMasks.isEmpty()) {
            throw new IllegalArgumentException("need --iters >= 1, --adamw-iters >= 1, --warmup >= 0, a batch and a length");
        }
    }

    private static String single(String flag, List<String> values) {
        if (values.size() != 1) {
            throw new IllegalArgumentException(flag + " takes one value");
        }
        return values.get(0);
    }

    private ObjectNode run() {
        ObjectMapper json = new ObjectMapper();
        ObjectNode out = json.createObjectNode();
        out.put("side", "rose-bench").put("engine", Djl.versions()).put("threads", JniUtils.getNumThreads())
                .put("warmup", warmup).put("adamw_kernel_default", AdamW.Kernel.fromSystemProperty().name())
                .put("glibc_tunables", System.getenv("GLIBC_TUNABLES")); // libtorch's allocator settings
        out.set("provenance", Provenance.collect());
        ArrayNode results = out.putArray("results");
        ArrayNode matmul = out.putArray("matmul");
        for (int length : lengths) {
            for (int batch : batches) {
                if (ops.contains("forward")) {
                    results.add(forward(json, batch, length));
                }
                if (ops.contains("fwd-bwd")) {
                    results.add(forwardBackward(json, batch, length));
                }
                if (ops.contains("train-step")) {
                    trainSteps(json, batch, length).forEach(results::add);
                }
                if (ops.contains("matmul")) {
                    matmul(json, matmul, batch, length);
                }
            }
        }
        if (ops.contains("adamw")) {
            out.set("adamw", adamw(json));
        }
        if (ops.contains("bandwidth")) {
            out.set("bandwidth", bandwidth(json));
        }
        return out;
    }

    private ObjectNode forward(ObjectMapper json, int batch, int length) {
        try (SequenceClassifier model = MiniLm.classifier(length)) {
            EncodedBatch inputs = FixedLengthRows.encode(
                    FixedLengthRows.rows(Sst2.dev(), model.tokenizer(), batch, length, MiniLm.SEED), model.tokenizer());
            double[] t = time(warmup, iters, () -> {
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    return model.sequenceOutput(inputs, model.manager(), Dropouts.eval()).getFloat(0, 0, 0);
                }
            });
            return row(json, "forward", batch, length, t);
        }
    }

    private ObjectNode forwardBackward(ObjectMapper json, int batch, int length) {
        try (SequenceClassifier model = MiniLm.classifier(length)) {
            List<Example> rows = FixedLengthRows.rows(Sst2.dev(), model.tokenizer(), batch, length, MiniLm.SEED);
            EncodedBatch inputs = FixedLengthRows.encode(rows, model.tokenizer());
            int[] labels = FixedLengthRows.labels(rows);
            model.weights().setRequiresGradient(true);
            double[] t = time(warmup, iters, () -> {
                float loss;
                try (NDScope scope = new NDScope(); GradientCollector collector = Djl.engine().newGradientCollector()) {
                    scope.suppressNotUsedWarning();
                    NDArray logits = model.logits(inputs, model.manager(), Dropouts.train(model.config()));
                    NDArray l = Losses.crossEntropy(logits, model.manager().create(labels));
                    collector.backward(l);
                    loss = l.getFloat();
                }
                for (NDArray w : model.weights().asMap().values()) {
                    JniUtils.zeroGrad((PtNDArray) w);
                }
                return loss;
            });
            return row(json, "fwd-bwd", batch, length, t);
        }
    }

    /** One stepper per AdamW kernel (each with its own copy of the model), taking turns step by step. */
    private List<ObjectNode> trainSteps(ObjectMapper json, int batch, int length) {
        List<SequenceClassifier> models = new ArrayList<>();
        List<TrainingStepper> steppers = new ArrayList<>();
        try {
            List<List<Example>> data = null;
            List<DropoutMasks> stepperMasks = new ArrayList<>();
            for (AdamW.Kernel kernel : stepKernels) {
              for (DropoutMasks masks : dropoutMasks) {
                stepperMasks.add(masks);
                SequenceClassifier model = MiniLm.classifier(length);
                models.add(model);
                List<Example> rows = FixedLengthRows.rows(Sst2.dev(), model.tokenizer(), 4 * batch, length,
                        MiniLm.SEED);
                data = FixedLengthRows.batches(rows, batch);
                TrainConfig config = TrainConfig.builder().optBatchSize(batch).optMaxLength(length)
                        .optSeed(MiniLm.SEED).optLearningRate(2e-5).optDropoutMasks(masks).build();
                String previous = System.setProperty(AdamW.Kernel.PROPERTY, kernel.name());
                try {
                    steppers.add(new TrainingStepper(model, MethodRegistry.load().setup("vanilla", Map.of()), config,
                            rows, 1_000_000));
                } finally {
                    if (previous == null) {
                        System.clearProperty(AdamW.Kernel.PROPERTY);
                    } else {
                        System.setProperty(AdamW.Kernel.PROPERTY, previous);
                    }
                }
              }
            }
            Samples[] samples = new Samples[steppers.size()];
            Arrays.setAll(samples, k -> new Samples(iters));
            for (int i = -warmup; i < iters; i++) {
                List<Example> rows = data.get(Math.floorMod(i, data.size()));
                long step = i + warmup + 1;
                for (int k = 0; k < steppers.size(); k++) {
                    TrainingStepper stepper = steppers.get(k);
                    samples[k].measure(i, () -> stepper.step(rows, step, 1, 2e-5));
                }
            }
            List<ObjectNode> out = new ArrayList<>();
            for (int k = 0; k < steppers.size(); k++) {
                out.add(samples[k].row(json, "train-step", batch, length)
                        .put("adamw_kernel", steppers.get(k).optimizer().kernel().name())
                        .put("dropout_masks", stepperMasks.get(k).label()));
            }
            return out;
        } finally {
            steppers.forEach(TrainingStepper::close);
            models.forEach(SequenceClassifier::close);
        }
    }

    private void matmul(ObjectMapper json, ArrayNode out, int batch, int length) {
        long m = (long) batch * length;
        long bh = (long) batch * HEADS;
        long head = HIDDEN / HEADS;
        Djl.seed(MiniLm.SEED);
        try (NDManager manager = Djl.newManager()) {
            Object[][] products = {
                {"qkv/attn-out", new Shape(m, HIDDEN), new Shape(HIDDEN, HIDDEN), 2 * m * HIDDEN * HIDDEN, true},
                {"intermediate", new Shape(m, HIDDEN), new Shape(INTERMEDIATE, HIDDEN), 2 * m * HIDDEN * INTERMEDIATE, true},
                {"output", new Shape(m, INTERMEDIATE), new Shape(HIDDEN, INTERMEDIATE), 2 * m * INTERMEDIATE * HIDDEN, true},
                {"scores", new Shape(bh, length, head), new Shape(bh, head, length), 2 * bh * length * head * length, false},
                {"context", new Shape(bh, length, length), new Shape(bh, length, head), 2 * bh * length * length * head, false},
            };
            for (Object[] p : products) {
                NDArray left = manager.randomNormal(0f, 1f, (Shape) p[1], DataType.FLOAT32, manager.getDevice());
                NDArray right = manager.randomNormal(0f, 1f, (Shape) p[2], DataType.FLOAT32, manager.getDevice());
                boolean linear = (boolean) p[4];
                double[] t = time(5, Math.max(iters, 30), () -> {
                    try (NDScope scope = new NDScope()) {
                        scope.suppressNotUsedWarning();
                        NDArray r = linear ? Linear.linear(left, right).singletonOrThrow() : left.matMul(right);
                        return r.getFloat(new long[r.getShape().dimension()]);
                    }
                });
                long flops = (long) p[3];
                double median = quantile(t, 0.5);
                out.add(json.createObjectNode().put("product", (String) p[0]).put("batch", batch).put("length", length)
                        .put("flops", flops).put("iters", t.length).put("median_ms", median)
                        .put("p10_ms", quantile(t, 0.1)).put("p90_ms", quantile(t, 0.9))
                        .put("median_gflops", flops / median / 1e6)
                        .put("best_gflops", flops / Arrays.stream(t).min().orElseThrow() / 1e6)
                        .put("cpu_thread_gflops", flops / quantile(cpu.thread(), 0.5) / 1e6));
            }
        }
    }

    /** Both kernels over the same model and gradients, taking turns call by call. */
    private ObjectNode adamw(ObjectMapper json) {
        ObjectNode node = json.createObjectNode();
        try (SequenceClassifier model = MiniLm.classifier(64); NDManager gradients = Djl.newManager()) {
            List<Param> params = TrainingStepper.optimizerOrder(model, 0.01);
            List<NDArray> grads = RandomGradients.like(params, gradients, 1e-3f);
            long values = params.stream().mapToLong(p -> p.value().size()).sum();
            node.put("parameters", values).put("bytes_moved", 7 * 4 * values)
                    .put("bytes_note", "W, g, m, v read and W, m, v written once per update, float32");
            ArrayNode kernels = node.putArray("kernels");
            try (AdamW fused = new AdamW(AdamWConfig.rose(), AdamW.Kernel.FUSED);
                    AdamW ops = new AdamW(AdamWConfig.rose(), AdamW.Kernel.OPS)) {
                AdamW[] both = {fused, ops};
                Samples[] samples = {new Samples(adamwIters), new Samples(adamwIters)};
                for (int i = -ADAMW_WARMUP; i < adamwIters; i++) { // untimed calls first (JIT of the kernel)
                    for (int k = 0; k < 2; k++) {
                        AdamW optimizer = both[k];
                        samples[k].measure(i, () -> {
                            optimizer.step(params, grads, 2e-5, TensorMasks.none());
                            return optimizer;
                        });
                    }
                }
                for (int k = 0; k < 2; k++) {
                    double[] t = samples[k].wall;
                    kernels.add(samples[k].cpu().addTo(json.createObjectNode()).put("kernel", both[k].kernel().name())
                            .put("iters", adamwIters).put("median_ms", quantile(t, 0.5))
                            .put("p10_ms", quantile(t, 0.1)).put("p90_ms", quantile(t, 0.9))
                            .put("best_ms", Arrays.stream(t).min().orElseThrow()));
                }
            }
        }
        return node;
    }

    private ObjectNode bandwidth(ObjectMapper json) {
        ObjectNode node = json.createObjectNode().put("floats", BANDWIDTH_FLOATS);
        ArrayNode probes = node.putArray("probes");
        try (NDManager manager = Djl.newManager()) {
            NDArray a = manager.ones(new Shape(BANDWIDTH_FLOATS));
            NDArray b = manager.ones(new Shape(BANDWIDTH_FLOATS));
            double[] scale = time(2, Math.max(5, adamwIters), () -> a.muli(1.0000001f));
            probes.add(bandwidthRow(json, "a *= s (read a, write a)", 2 * 4 * BANDWIDTH_FLOATS, scale));
            double[] add = time(2, Math.max(5, adamwIters), () -> a.addi(b));
            probes.add(bandwidthRow(json, "a += b (read a and b, write a)", 3 * 4 * BANDWIDTH_FLOATS, add));
        }
        return node;
    }

    private ObjectNode bandwidthRow(ObjectMapper json, String probe, long bytes, double[] t) {
        return cpu.addTo(json.createObjectNode()).put("probe", probe).put("bytes", bytes).put("iters", t.length)
                .put("median_ms", quantile(t, 0.5)).put("median_gb_s", bytes / quantile(t, 0.5) / 1e6)
                .put("best_gb_s", bytes / Arrays.stream(t).min().orElseThrow() / 1e6)
                .put("cpu_thread_gb_s", bytes / quantile(cpu.thread(), 0.5) / 1e6);
    }

    private ObjectNode row(ObjectMapper json, String op, int batch, int length, double[] t) {
        return cpu.addTo(json.createObjectNode()).put("op", op).put("batch", batch).put("length", length).put("iters", t.length)
                .put("median_ms", quantile(t, 0.5)).put("p10_ms", quantile(t, 0.1)).put("p90_ms", quantile(t, 0.9))
                .put("mean_ms", Arrays.stream(t).average().orElseThrow());
    }

    /** Wall time of each of {@code iters} calls after {@code warmup} untimed ones, in ms; CPU times in {@link #cpu}. */
    private double[] time(int warmup, int iters, Supplier<?> call) {
        Object sink = null;
        for (int i = 0; i < warmup; i++) {
            sink = call.get();
        }
        double[] t = new double[iters];
        cpu = new Cpu(new double[iters], new double[iters]);
        for (int i = 0; i < iters; i++) {
            long thread = THREADS.getCurrentThreadCpuTime();
            long process = PROCESS.getProcessCpuTime();
            long start = System.nanoTime();
            sink = call.get();
            t[i] = (System.nanoTime() - start) / 1e6;
            cpu.thread()[i] = (THREADS.getCurrentThreadCpuTime() - thread) / 1e6;
            cpu.process()[i] = (PROCESS.getProcessCpuTime() - process) / 1e6;
        }
        if (sink == null) {
            throw new IllegalStateException("no result");
        }
        return t;
    }

    /**
     * CPU times (ms) of the calls {@link #time} timed last: of the calling thread (where libtorch runs an op with
     * one intra-op thread; it does not grow when other jobs take turns on the core) and of the whole process.
     */
    private record Cpu(double[] thread, double[] process) {
        ObjectNode addTo(ObjectNode node) {
            return node.put("cpu_thread_median_ms", quantile(thread, 0.5))
                    .put("cpu_process_median_ms", quantile(process, 0.5));
        }
    }

    /** Wall and CPU times of calls that take turns with others' (call i &lt; 0: untimed warm-up). */
    private final class Samples {
        final double[] wall;
        final Cpu cpu;

        Samples(int n) {
            wall = new double[n];
            cpu = new Cpu(new double[n], new double[n]);
        }

        void measure(int i, Supplier<?> call) {
            long thread = THREADS.getCurrentThreadCpuTime();
            long process = PROCESS.getProcessCpuTime();
            long start = System.nanoTime();
            if (call.get() == null) {
                throw new IllegalStateException("no result");
            }
            if (i >= 0) {
                wall[i] = (System.nanoTime() - start) / 1e6;
                cpu.thread()[i] = (THREADS.getCurrentThreadCpuTime() - thread) / 1e6;
                cpu.process()[i] = (PROCESS.getProcessCpuTime() - process) / 1e6;
            }
        }

        Cpu cpu() {
            return cpu;
        }

        ObjectNode row(ObjectMapper json, String op, int batch, int length) {
            RoseSide.this.cpu = cpu;
            return RoseSide.this.row(json, op, batch, length, wall);
        }
    }

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory
            .getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    private Cpu cpu;

    /** Linear interpolation between closest ranks, as the peers and {@code rose-bench bench}. */
    static double quantile(double[] v, double q) {
        double[] s = v.clone();
        Arrays.sort(s);
        double pos = q * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }
}
