package org.rosebench.baselines;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rosebench.core.method.FineTuningMethod;
import org.rosebench.core.method.MethodParams;
import org.rosebench.core.method.MethodProvider;
import org.rosebench.core.method.ParamSpec;
import org.rosebench.core.method.StepOutput;
import org.rosebench.core.model.Dropouts;
import org.rosebench.core.model.EncodedBatch;
import org.rosebench.core.model.SequenceClassifier;
import org.rosebench.core.train.Losses;
import org.rosebench.core.train.TrainingBatch;
import org.rosebench.core.train.TrainingContext;

/**
 * R3F (Aghajanyan et al. 2020, "Better Fine-Tuning by Reducing Representational Collapse"), as fairseq's
 * {@code examples/rxf/rxf_src/sentence_prediction_r3f.py} implements it (docs/baselines.md §1). Per step:
 *
 * <ol>
 *   <li>Look the batch up in the word-embedding table once ({@code embed_tokens}), giving {@code E [B, L, H]}.
 *   <li><b>Clean pass</b> from {@code E} in training mode (dropout on): logits {@code z_c}, not detached.
 *   <li>Sample noise {@code z} with the shape of {@code E}, element-wise independent, from the engine RNG (which the
 *       trainer seeds): {@code uniform} (fairseq's default) U(−ε, ε), or {@code normal} N(0, ε²), i.e. standard
 *       deviation ε. Default ε = 1e-5 ({@code --eps}). Sampled after the clean pass, as fairseq does, so the clean
 *       pass's dropout masks are the ones a vanilla step would draw from the same RNG state.
 *   <li><b>Noisy pass</b> in training mode (its own, independent dropout masks) from {@code E.stopGradient() + z}:
 *       fairseq's {@code token_embeddings.detach().clone() + noise}. The noisy branch therefore never back-propagates
 *       into the word-embedding table, but does into every later tensor (position/type embeddings, embedding
 *       LayerNorm, all encoder layers, the head). The noise covers every position, special and padding tokens
 *       included, and is added before position/type embeddings, the embedding LayerNorm and dropout (RoBERTa has no
 *       embedding scale).
 *   <li>Symmetric KL per example, softmax in float32 (the logits are float32 here):
 *       {@code SKL_i = KL(P_c,i ‖ P_n,i) + KL(P_n,i ‖ P_c,i)}. fairseq writes it as
 *       {@code kl_div(log_softmax(z_n), softmax(z_c)) + kl_div(log_softmax(z_c), softmax(z_n))}, both with
 *       {@code reduction="sum"}; there is <b>no ½ factor</b>. Gradients flow into both passes (neither is detached).
 *   <li>Loss {@code = mean_i CE(z_c,i, y_i) + λ · mean_i SKL_i}. fairseq computes {@code Σ CE + λ·Σ SKL} (its
 *       {@code symm_kl} is divided by B and then multiplied by {@code sample_size} = B) and normalises the gradient
 *       by the sample size, which is the per-example mean written here. The CE uses the clean logits only. Default
 *       λ = 1.0 ({@code --r3f-lambda}; fairseq's RTE README example uses 0.7).
 * </ol>
 *
 * <p>The noisy pass always runs in training, also with λ = 0 (fairseq runs it whenever the model is training), so
 * the RNG stream and the cost do not depend on λ; with λ = 0 the gradient is that of the clean pass's CE.
 * {@link StepOutput#passLogits()} is {@code [clean, noisy]}. Not implemented: fairseq's regression branch (plain MSE
 * without KL) — every task here is classification — and R4F's spectral normalisation of the head. Nothing is
 * added at evaluation time (the trainer evaluates the plain model).
 */
public final class R3F implements FineTuningMethod {

    /** Noise distribution of fairseq's {@code --noise-type}. */
    public enum Noise {
        UNIFORM, NORMAL;

        static Noise parse(String s) {
            return valueOf(s.toUpperCase(Locale.ROOT));
        }

        String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Registers {@code r3f} (see META-INF/services). */
    public static final class Provider implements MethodProvider {
        @Override
        public String name() {
            return "r3f";
        }

        @Override
        public String description() {
            return "R3F (fairseq rxf): mean CE of the clean pass + lambda * mean symmetric KL between the clean pass"
                    + " and a pass with noise on the (detached) word embeddings";
        }

        @Override
        public List<ParamSpec> parameters() {
            return List.of(
                    ParamSpec.decimal("lambda", 1.0, "weight of the symmetric KL term (fairseq --r3f-lambda)"),
                    ParamSpec.decimal("eps", 1e-5, "noise scale: U(-eps, eps) or N(0, eps^2) (fairseq --eps)"),
                    ParamSpec.choice("noise", "uniform", "noise distribution (fairseq --noise-type)", "uniform",
                            "normal"));
        }

        @Override
        public FineTuningMethod create(MethodParams params) {
            return new R3F(params);
        }
    }

    /** Where the noise of a step comes from: the engine RNG, or (in tests) a fixed function of the tokens. */
    interface NoiseSource {
        NDArray sample(NDManager m, NDArray inputIds, Shape shape);
    }

    private final MethodParams params;
    private final double lambda;
    private final double eps;
    private final Noise noise;
    private final NoiseSource noiseSource;

    public R3F(MethodParams params) {
        this(params, null);
    }

    /** With a replacement for the random noise (tests that need the same noise for the same example). */
    R3F(MethodParams params, NoiseSource noiseSource) {
        this.params = params;
        this.lambda = params.getDouble("lambda");
        this.eps = params.getDouble("eps");
        this.noise = Noise.parse(params.getString("noise"));
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("r3f: lambda must be a finite value >= 0, got " + lambda);
        }
        if (!(eps >= 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("r3f: eps must be a finite value >= 0, got " + eps);
        }
        this.noiseSource = noiseSource != null ? noiseSource : (m, ids, shape) -> sampleNoise(m, shape, noise, eps);
    }

    @Override
    public String name() {
        return "r3f";
    }

    @Override
    public Map<String, String> parameters() {
        return params.asMap();
    }

    public double lambda() {
        return lambda;
    }

    public double eps() {
        return eps;
    }

    public Noise noise() {
        return noise;
    }

    @Override
    public StepOutput forward(TrainingContext ctx, TrainingBatch batch) {
        NDManager m = ctx.manager();
        Passes p = passes(ctx.model(), batch.inputs(), m, ctx.trainingDropouts());
        NDArray loss = loss(p.clean(), p.noisy(), batch.labels(m), lambda);
        return new StepOutput(loss, List.of(p.clean(), p.noisy()));
    }

    /** The two training-mode passes of one step and the noise that was added. */
    record Passes(NDArray clean, NDArray noisy, NDArray noise) {}

    /** Clean pass, then noise, then the noisy pass from the detached word embeddings plus noise (fairseq's order). */
    Passes passes(SequenceClassifier model, EncodedBatch inputs, NDManager m, Dropouts dropouts) {
        NDArray ids = inputs.inputIds(m);
        NDArray wordEmbeds = model.encoder().embedWords(model.weights(), ids);
        NDArray clean = model.logitsFromWordEmbeddings(wordEmbeds, inputs, m, dropouts);
        NDArray z = noiseSource.sample(m, ids, wordEmbeds.getShape());
        NDArray noisyEmbeds = wordEmbeds.stopGradient().add(z);
        NDArray noisy = model.logitsFromWordEmbeddings(noisyEmbeds, inputs, m, dropouts);
        return new Passes(clean, noisy, z);
    }

    /**
     * Element-wise independent float32 noise from the engine RNG: U(−ε, ε) (torch {@code uniform_}) or N(0, ε²)
     * (torch {@code normal_} with standard deviation ε).
     */
    public static NDArray sampleNoise(NDManager m, Shape shape, Noise type, double eps) {
        return switch (type) {
            case UNIFORM -> m.randomUniform((float) -eps, (float) eps, shape, DataType.FLOAT32);
            case NORMAL -> m.randomNormal(0f, (float) eps, shape, DataType.FLOAT32);
        };
    }

    /** Symmetric KL per row {@code [B]}: {@code KL(P_c‖P_n) + KL(P_n‖P_c)}, softmax of float32 logits, no ½. */
    public static NDArray symmetricKl(NDArray cleanLogits, NDArray noisyLogits) {
        return Losses.klDivergenceRows(cleanLogits, noisyLogits).add(Losses.klDivergenceRows(noisyLogits, cleanLogits));
    }

    /** {@code mean CE(clean, labels) + λ · mean symmetric KL(clean, noisy)}, a scalar. */
    public static NDArray loss(NDArray cleanLogits, NDArray noisyLogits, NDArray labels, double lambda) {
        NDArray ce = Losses.crossEntropy(cleanLogits, labels);
        // λ as a libtorch-allocated scalar tensor, not mul(Number): DJL 0.36 turns a Number into a from_blob tensor
        // over a direct ByteBuffer and closes it right away, while autograd keeps it for the backward pass; a GC in
        // between frees that memory and the backward reads garbage (see R3FTest#scalarOperandsSurviveGarbageCollection)
        NDArray lam = cleanLogits.getManager().full(new Shape(), (float) lambda, DataType.FLOAT32);
        return ce.add(symmetricKl(cleanLogits, noisyLogits).mean().mul(lam));
    }

    @Override
    public String toString() {
        return "r3f(lambda=" + lambda + ", eps=" + eps + ", noise=" + noise.key() + ")";
    }
}
