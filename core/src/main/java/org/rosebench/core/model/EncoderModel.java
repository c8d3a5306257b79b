package org.rosebench.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.rosebench.core.BadInputException;
import org.rosebench.core.Djl;
import org.rosebench.core.checkpoint.SafetensorsReader;
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

    /** Refuses a {@code maxLength} the position table cannot hold, before anything is loaded or run. */
    protected static void requireFits(HfDirectory dir, int maxLength) {
        String problem = dir.config().maxLengthProblem(maxLength);
        if (problem != null) {
            throw new BadInputException(dir.dir().resolve("config.json"), problem);
        }
    }

    /** Weights fresh from a checkpoint, with the report of what was found, initialised or left out. */
    protected record LoadedWeights(Weights weights, WeightLoader.Report report) {}

    /**
     * Loads the encoder plus {@code extraSpecs} from a HF directory into a fresh manager. Unless
     * {@code allowPartialLoad}, a checkpoint in which fewer than half of the encoder's tensors are found is refused:
     * its names do not match (an extra prefix, another architecture), and training would start from random weights.
     */
    protected static LoadedWeights loadWeights(HfDirectory dir, ModelConfig config, List<TensorSpec> extraSpecs,
            long initSeed, boolean allowPartialLoad) {
        List<TensorSpec> encoderSpecs = new TransformerEncoder(config).tensorSpecs();
        List<TensorSpec> specs = new ArrayList<>(encoderSpecs);
        specs.addAll(extraSpecs);
        SafetensorsReader.FloatTensors tensors = dir.readTensors();
        NDManager manager = Djl.newManager();
        Weights w = new Weights(manager);
        try {
            WeightLoader.Report r = WeightLoader.load(w, tensors.tensors(), specs, config, initSeed)
                    .withSkippedBuffers(tensors.skippedBuffers());
            long found = encoderSpecs.stream().filter(s -> !r.initialised().contains(s.name())).count();
            if (!allowPartialLoad && found * 2 < encoderSpecs.size()) {
                throw new BadInputException(dir.weightsFile(), "only " + found + " of the " + encoderSpecs.size()
                        + " encoder tensors match this model's names (expected e.g. '" + encoderSpecs.get(0).name()
                        + "'" + (r.unused().isEmpty() ? "" : ", found e.g. '" + r.unused().get(0) + "'")
                        + "); allow a partial load with --allow-partial-load or allow_partial_load: true");
            }
            return new LoadedWeights(w, r);
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
