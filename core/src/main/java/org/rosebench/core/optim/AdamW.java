package org.rosebench.core.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.rosebench.core.checkpoint.CheckpointFormatException;
import org.rosebench.core.checkpoint.SafetensorsReader;
import org.rosebench.core.checkpoint.SafetensorsWriter;
import org.rosebench.core.checkpoint.TensorData;

/**
 * HuggingFace 4.10 AdamW as the ROSE authors extended it ("SparseAdamW"): an optional scalar mask M per eligible
 * tensor. With masks off (or M = 1) it is exactly HF AdamW. Per tensor, at its step t:
 * <pre>
 *   g̃ = M·g + (1−M)·m          (masked tensors take the previous first moment as gradient)
 *   m = β1·m + (1−β1)·g̃,  v = β2·v + (1−β2)·g̃²
 *   W ← W − step·(M·m)/(sqrt(v)+ε),  step = lr·sqrt(1−β2^t)/(1−β1^t)
 *   W ← W − lr·wd·(M·W)          (on the updated W, only when wd &gt; 0)
 * </pre>
 * M applies only when masks are active, the tensor is eligible and t &gt; maskWarmupSteps; otherwise M = 1.
 * A frozen tensor (M = 0) skips the parts that cannot change W; that is exact for finite gradients (a non-finite
 * gradient of a frozen tensor would make the authors' m, v and W NaN; here W keeps its value).
 * The float32 operations follow PyTorch's code one by one (mul_, add_, addcmul_, sqrt, add_, addcdiv_) so the
 * results agree with the authors' optimiser to float32 rounding. One known difference: PyTorch's
 * {@code add_(x, alpha=a)} is a fused multiply-add in its vectorised kernel, whereas DJL has no alpha argument,
 * so a·x is rounded before the addition (at most about one ulp per update).
 * <p>
 * State (step count, exp_avg, exp_avg_sq) lives in this optimiser's own NDManager; temporaries of a step are
 * closed by an NDScope. Parameters are updated in place with autograd off (see {@link GradMode}).
 * <p>
 * Two {@link Kernel}s compute the same bits: {@link Kernel#FUSED} (the default) updates each CPU tensor in one pass
 * over its memory ({@link FusedAdamW}), {@link Kernel#OPS} by the libtorch ops above; tensors the fused kernel
 * cannot take (GPU, non-contiguous) always go through the ops.
 */
public final class AdamW implements AutoCloseable {

    /** How {@link #step} computes the update; both give the same float32 results. */
    public enum Kernel {
        /** One pass over each tensor's memory on the CPU ({@link FusedAdamW}); the ops elsewhere. */
        FUSED,
        /** The libtorch ops one by one, as PyTorch's optimiser issues them. */
        OPS;

        /** System property choosing the default kernel: {@code fused} (the default) or {@code ops}. */
        public static final String PROPERTY = "rose.adamw.kernel";

        /** The kernel {@link #PROPERTY} names, {@link #FUSED} when it is not set. */
        public static Kernel fromSystemProperty() {
            String v = System.getProperty(PROPERTY, "fused").trim();
            for (Kernel k : values()) {
                if (k.name().equalsIgnoreCase(v)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("-D" + PROPERTY + "=" + v + ": expected fused or ops");
        }
    }

    private final AdamWConfig config;
    private final Kernel kernel;
    private final NDManager manager;
    private final Map<String, State> states = new HashMap<>();

    /** Adam state of one tensor, owned by {@link #manager}. */
    private static final class State {
        int step;
        final NDArray expAvg;
        final NDArray expAvgSq;

        /** A one-dimensional view of expAvgSq for the fused kernel, made on first use. */
        private NDArray flatExpAvgSq;

        State(NDArray expAvg, NDArray expAvgSq) {
            this.expAvg = expAvg;
            this.expAvgSq = expAvgSq;
        }

        NDArray flatExpAvgSq() {
            if (flatExpAvgSq == null) {
                flatExpAvgSq = expAvgSq.reshape(-1); // a view: the fused kernel takes contiguous tensors only
                NDScope.unregister(flatExpAvgSq);    // lives as long as the state, not a caller's scope
            }
            return flatExpAvgSq;
        }

        void close() {
            expAvg.close();
            if (expAvgSq != null) {
                expAvgSq.close();
            }
            if (flatExpAvgSq != null) {
                flatExpAvgSq.close();
            }
        }
    }

    /** An optimiser with the kernel of {@link Kernel#fromSystemProperty()}. */
    public AdamW(AdamWConfig config) {
        this(config, Kernel.fromSystemProperty());
    }

    public AdamW(AdamWConfig config, Kernel kernel) {
        this.config = config;
        this.kernel = kernel;
        this.manager = NDManager.newBaseManager();
    }

    public AdamWConfig config() {
        return config;
    }

    public Kernel kernel() {
        return kernel;
    }

    /** One update of every tensor, using each parameter's own gradient ({@code value().getGradient()}). */
    public void step(List<Param> params, double lr, TensorMasks masks) {
        try (NDScope ignored = new NDScope()) {
            List<NDArray> grads = new ArrayList<>(params.size());
            for (Param p : params) {
                grads.add(p.value().getGradient());
            }
            step(params, grads, lr, masks);
        }
    }

    /** One update of every tensor; {@code grads} maps parameter names to gradients (all must be present). */
    public void step(List<Param> params, Map<String, NDArray> grads, double lr, TensorMasks masks) {
        List<NDArray> ordered = new ArrayList<>(params.size());
        for (Param p : params) {
            NDArray g = grads.get(p.name());
            if (g == null) {
                throw new IllegalArgumentException("no gradient for " + p.name());
            }
            ordered.add(g);
        }
        step(params, ordered, lr, masks);
    }

    /**
     * One update of every tensor. {@code grads.get(i)} is the gradient of {@code params.get(i)}; a null gradient
     * skips the tensor (and its step count), as PyTorch does for {@code p.grad is None}. Gradients are not
     * modified (the authors overwrite p.grad with g̃; nothing downstream reads it).
     *
     * @param lr    the (scheduled) learning rate of this update
     * @param masks per-tensor masks, or {@link TensorMasks#none()} (or null) for plain AdamW
     */
    public void step(List<Param> params, List<NDArray> grads, double lr, TensorMasks masks) {
        if (params.size() != grads.size()) {
            throw new IllegalArgumentException(params.size() + " params but " + grads.size() + " gradients");
        }
        TensorMasks m = masks == null ? TensorMasks.none() : masks;
        List<FusedAdamW.Job> fused = new ArrayList<>();
        try (GradMode ignored = GradMode.disabled()) {
            for (int i = 0; i < params.size(); i++) {
                if (grads.get(i) != null) {
                    update(params.get(i), grads.get(i), lr, m, fused);
                }
            }
            FusedAdamW.run(fused);
        }
    }

    /** Updates one tensor by the ops, or adds its update to {@code fused}, which the caller runs. */
    private void update(Param p, NDArray grad, double lr, TensorMasks masks, List<FusedAdamW.Job> fused) {
        State s = stateOf(p); // created outside the scope below, which would otherwise close it
        s.step++;
        float mask = masks.isActive() && p.eligible() && s.step > config.maskWarmupSteps()
                ? masks.valueFor(p.name())
                : 1f;
        NDArray w = p.value();
        if (kernel == Kernel.FUSED && (mask == 0f ? FusedAdamW.supports(s.expAvg, s.expAvgSq)
                : FusedAdamW.supports(w, grad, s.expAvg, s.expAvgSq))) {
            fused.add(fusedJob(p, grad, s, lr, mask));
            return;
        }
        if (mask == 0f) {
            frozen(s);
            return;
        }
        try (NDScope ignored = new NDScope()) {
            // g*1 + m*0 == g for finite m, so the substitution is skipped when M = 1
            NDArray g = mask == 1f ? grad : grad.mul(mask).addi(s.expAvg.mul(1f - mask));
            s.expAvg.muli((float) config.beta1()).addi(g.mul((float) (1.0 - config.beta1())));
            // addcmul_(g, g, value=1-β2) computes (value·g)·g
            s.expAvgSq.muli((float) config.beta2()).addi(g.mul((float) (1.0 - config.beta2())).muli(g));
            NDArray denom = s.expAvgSq.sqrt().addi((float) config.eps());

            double stepSize = stepSize(lr, s.step);
            // addcdiv_(M·m, denom, value=-step) computes (value·(M·m))/denom then adds; temporaries scaled in place
            float negStep = (float) -stepSize;
            NDArray m = mask == 1f ? s.expAvg.mul(negStep) : s.expAvg.mul(mask).muli(negStep);
            w.addi(m.divi(denom));

            if (p.weightDecay() > 0.0) {
                // decay uses the already-updated W, as HF 4.10 does
                float negDecay = (float) (-lr * p.weightDecay());
                w.addi(mask == 1f ? w.mul(negDecay) : w.mul(mask).muli(negDecay));
            }
        }
    }

    /** Python double, cast to float32 only when used as a tensor scalar. */
    private double stepSize(double lr, int step) {
        double stepSize = lr;
        if (config.correctBias()) {
            double biasCorrection1 = 1.0 - Math.pow(config.beta1(), step);
            double biasCorrection2 = 1.0 - Math.pow(config.beta2(), step);
            stepSize = stepSize * Math.sqrt(biasCorrection2) / biasCorrection1;
        }
        return stepSize;
    }

    /** The fused kernel's job for one tensor, with the scalars cast exactly as {@link #update} casts them. */
    private FusedAdamW.Job fusedJob(Param p, NDArray grad, State s, double lr, float mask) {
        FusedAdamW.Kind kind = mask == 0f ? FusedAdamW.Kind.FROZEN
                : mask == 1f ? FusedAdamW.Kind.UNMASKED : FusedAdamW.Kind.MASKED;
        boolean decay = kind != FusedAdamW.Kind.FROZEN && p.weightDecay() > 0.0;
        FusedAdamW.Scalars scalars = new FusedAdamW.Scalars(kind, mask, (float) config.beta1(),
                (float) (1.0 - config.beta1()), (float) config.beta2(), (float) (1.0 - config.beta2()),
                (float) config.eps(), (float) -stepSize(lr, s.step), decay ? (float) (-lr * p.weightDecay()) : 0f,
                decay);
        boolean frozen = kind == FusedAdamW.Kind.FROZEN;
        return new FusedAdamW.Job(frozen ? null : FusedAdamW.memory(p.value()),
                frozen ? null : FusedAdamW.memory(grad), FusedAdamW.memory(s.expAvg), FusedAdamW.memory(s.expAvgSq),
                frozen ? null : s.flatExpAvgSq(), Math.toIntExact(s.expAvg.size()), scalars);
    }

    /**
     * M = 0: g̃ = 0·g + 1·m is m itself (g finite), so only the moments move, by the same float32 operations as
     * below; W would receive (0·m)·(−step)/denom and −lr·wd·(0·W), i.e. ±0, so its update and decay are skipped.
     */
    private void frozen(State s) {
        try (NDScope ignored = new NDScope()) {
            NDArray m = s.expAvg;
            NDArray toM = m.mul((float) (1.0 - config.beta1()));
            NDArray toV = m.mul((float) (1.0 - config.beta2())).muli(m);
            m.muli((float) config.beta1()).addi(toM);
            s.expAvgSq.muli((float) config.beta2()).addi(toV);
        }
    }

    private State stateOf(Param p) {
        State s = states.get(p.name());
        if (s == null) {
            NDArray w = p.value();
            if (w.getDataType() != DataType.FLOAT32) {
                throw new IllegalArgumentException(p.name() + ": AdamW expects float32, got " + w.getDataType());
            }
            NDArray expAvg = manager.zeros(w.getShape(), DataType.FLOAT32, w.getDevice());
            NDArray expAvgSq = manager.zeros(w.getShape(), DataType.FLOAT32, w.getDevice());
            // state outlives any NDScope the caller (e.g. the trainer's per-step scope) has open
            NDScope.unregister(expAvg, expAvgSq);
            s = new State(expAvg, expAvgSq);
            states.put(p.name(), s);
        }
        return s;
    }

    /**
     * The tensor's current first moment (exp_avg), live optimiser state: read it, do not modify or close it.
     * Null before the tensor's first step. ROSE-Second reads it before the step, i.e. m_{t−1}.
     */
    public NDArray firstMoment(String name) {
        State s = states.get(name);
        return s == null ? null : s.expAvg;
    }

    /** The tensor's current second moment (exp_avg_sq); null before its first step. */
    public NDArray secondMoment(String name) {
        State s = states.get(name);
        return s == null ? null : s.expAvgSq;
    }

    /** How many updates the tensor has received (0 before the first). */
    public int stepCount(String name) {
        State s = states.get(name);
        return s == null ? 0 : s.step;
    }

    /** {@code format} value in the {@code __metadata__} of {@link #saveState} files. */
    public static final String STATE_FORMAT = "rose-bench-adamw-state/1";

    /**
     * Writes the optimiser state to a safetensors file: per tensor {@code NAME.exp_avg} and {@code NAME.exp_avg_sq}
     * (float32, bit for bit) and its step count as metadata {@code step.NAME}. The write is atomic (temp file,
     * fsync, rename); the moments are copied from the device one tensor at a time.
     */
    public void saveState(Path file) throws IOException {
        List<SafetensorsWriter.LazyTensor> tensors = new ArrayList<>();
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", STATE_FORMAT);
        for (Map.Entry<String, State> e : new TreeMap<>(states).entrySet()) {
            State s = e.getValue();
            long[] shape = s.expAvg.getShape().getShape();
            tensors.add(new SafetensorsWriter.LazyTensor(e.getKey() + ".exp_avg", shape, s.expAvg::toFloatArray));
            tensors.add(new SafetensorsWriter.LazyTensor(e.getKey() + ".exp_avg_sq", shape, s.expAvgSq::toFloatArray));
            meta.put("step." + e.getKey(), Integer.toString(s.step));
        }
        SafetensorsWriter.writeLazily(file, tensors, meta);
    }

    /**
     * Replaces this optimiser's state with a {@link #saveState} file. Every saved tensor must be one of
     * {@code params}, with its shape; the moments are created on that parameter's device. Parameters absent from
     * the file start without state, as before their first step.
     */
    public void loadState(Path file, List<Param> params) throws IOException {
        Map<String, String> meta = SafetensorsReader.metadata(file);
        if (!STATE_FORMAT.equals(meta.get("format"))) {
            throw new CheckpointFormatException(file + ": not an optimiser state file (format " + meta.get("format")
                    + ", expected " + STATE_FORMAT + ")");
        }
        Map<String, TensorData> saved = new HashMap<>(SafetensorsReader.read(file));
        Map<String, Param> byName = new LinkedHashMap<>();
        for (Param p : params) {
            byName.put(p.name(), p);
        }
        Map<String, State> loaded = new HashMap<>();
        try {
            for (Map.Entry<String, String> e : meta.entrySet()) {
                if (!e.getKey().startsWith("step.")) {
                    continue;
                }
                String name = e.getKey().substring("step.".length());
                Param p = byName.get(name);
                if (p == null) {
                    throw new CheckpointFormatException(file + ": state of '" + name + "', which is not a parameter");
                }
                NDArray expAvg = load(file, saved.remove(name + ".exp_avg"), name + ".exp_avg", p.value());
                loaded.put(name, new State(expAvg, null)); // placeholder so a failure below closes expAvg
                NDArray expAvgSq = load(file, saved.remove(name + ".exp_avg_sq"), name + ".exp_avg_sq", p.value());
                State s = new State(expAvg, expAvgSq);
                s.step = Integer.parseInt(e.getValue());
                loaded.put(name, s);
            }
            if (!saved.isEmpty()) {
                throw new CheckpointFormatException(file + ": tensors without a step count: " + saved.keySet());
            }
        } catch (IOException | RuntimeException e) {
            for (State s : loaded.values()) {
                s.close();
            }
            throw e;
        }
        for (State s : states.values()) {
            s.close();
        }
        states.clear();
        states.putAll(loaded);
    }

    private NDArray load(Path file, TensorData t, String name, NDArray like) throws IOException {
        if (t == null) {
            throw new CheckpointFormatException(file + ": missing tensor '" + name + "'");
        }
        long[] shape = like.getShape().getShape();
        if (!Arrays.equals(t.shape(), shape)) {
            throw new CheckpointFormatException(file + ": '" + name + "' has shape " + Arrays.toString(t.shape())
                    + ", the parameter " + Arrays.toString(shape));
        }
        NDArray a = manager.create(t.data(), new Shape(shape));
        if (!a.getDevice().equals(like.getDevice())) {
            NDArray moved = a.toDevice(like.getDevice(), true);
            a.close();
            a = moved;
        }
        NDScope.unregister(a);
        return a;
    }

    /** Frees the optimiser state. */
    @Override
    public void close() {
        states.clear();
        manager.close();
    }
}
