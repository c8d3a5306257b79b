package org.rosebench.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.rosebench.core.Djl;
import org.rosebench.core.tokenize.TextTokenizer;

/** An encoder with its weights and tokenizer: the common part of classifiers, MLMs and sentence encoders. */
public abstract class EncoderModel implements AutoCloseable {

    protected final ModelConfig config;
    protected final Weights weights;
    protected final TransformerEncoder encoder;
    protected final TextTokenizer tokenizer;

    protected EncoderModel(ModelConfig config, Weights weights, TextTokenizer tokenizer) {
        this.config = config;
        this.weights = weights;
        this.encoder = new TransformerEncoder(config);
        this.tokenizer = tokenizer;
    }

    /** Loads the encoder plus {@code extraSpecs} from a HF directory into a fresh manager. */
    protected static Weights loadWeights(HfDirectory dir, ModelConfig config, List<TensorSpec> extraSpecs,
            long initSeed, StringBuilder report) {
        List<TensorSpec> specs = new ArrayList<>(new TransformerEncoder(config).tensorSpecs());
        specs.addAll(extraSpecs);
        NDManager manager = Djl.newManager();
        Weights w = new Weights(manager);
        try {
            WeightLoader.Report r = WeightLoader.load(w, dir.readTensors(), specs, config, initSeed);
            report.append(r.summary());
            return w;
        } catch (RuntimeException e) {
            w.close();
            throw e;
        }
    }

    public ModelConfig config() {
        return config;
    }

    public Weights weights() {
        return weights;
    }

    public TransformerEncoder encoder() {
        return encoder;
    }

    public TextTokenizer tokenizer() {
        return tokenizer;
    }

    public NDManager manager() {
        return weights.manager();
    }

    /** Sequence output {@code [B, L, H]}. */
    public NDArray sequenceOutput(EncodedBatch batch, NDManager m, Dropouts d) {
        return encoder.forward(weights, batch.inputIds(m), batch.typeIds(m), batch.attentionMask(m), d);
    }

    @Override
    public void close() {
        tokenizer.close();
        weights.close();
    }
}
