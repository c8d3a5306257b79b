package org.rosebench.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.nio.file.Path;
import java.util.List;
import org.rosebench.core.BadInputException;
import org.rosebench.core.tokenize.TextTokenizer;

/** A sequence classifier: encoder + the model family's HF classification head. */
public final class SequenceClassifier extends EncoderModel {

    private final ClassificationHead head;
    private final List<String> labels;
    private final WeightLoader.Report loadReport;

    private SequenceClassifier(ModelConfig config, Weights weights, TextTokenizer tokenizer, ClassificationHead head,
            List<String> labels, WeightLoader.Report loadReport) {
        super(config, weights, tokenizer);
        this.head = head;
        this.labels = List.copyOf(labels);
        this.loadReport = loadReport;
    }

    /**
     * Builds a classifier from a pretrained (or fine-tuned) HF directory; tensors the directory lacks (the head,
     * a missing pooler) are initialised as HF does, from {@code initSeed}.
     */
    public static SequenceClassifier fromPretrained(HfDirectory dir, List<String> labels, int maxLength, long initSeed) {
        return fromPretrained(dir, labels, maxLength, initSeed, false);
    }

    /** @param allowPartialLoad accept a checkpoint whose names mostly do not match (see {@link EncoderModel#loadWeights}) */
    public static SequenceClassifier fromPretrained(HfDirectory dir, List<String> labels, int maxLength, long initSeed,
            boolean allowPartialLoad) {
        requireFits(dir, maxLength);
        ModelConfig config = dir.config().withLabels(labels);
        ClassificationHead head = ClassificationHead.forConfig(config, labels.size());
        TextTokenizer tok = TextTokenizer.load(dir.tokenizerJson(), maxLength, config.padTokenId());
        LoadedWeights loaded = loadWeights(dir, config, head.tensorSpecs(), initSeed, allowPartialLoad);
        return new SequenceClassifier(config, loaded.weights(), tok, head, labels, loaded.report());
    }

    /** Loads a fine-tuned checkpoint; its labels come from {@code id2label}. */
    public static SequenceClassifier load(Path checkpointDir, int maxLength) {
        HfDirectory dir = HfDirectory.open(checkpointDir);
        List<String> labels = dir.config().labels();
        if (labels.isEmpty()) {
            throw new IllegalArgumentException(checkpointDir + ": config.json has no id2label; not a classifier checkpoint");
        }
        SequenceClassifier c = fromPretrained(dir, labels, maxLength, 0L, true); // completeness is checked below
        if (!c.loadReport.complete()) {
            c.close();
            throw new BadInputException(dir.weightsFile(), "incomplete classifier checkpoint: " + c.loadReport.summary());
        }
        return c;
    }

    public List<String> labels() {
        return labels;
    }

    public ClassificationHead head() {
        return head;
    }

    /** What loading had to initialise or ignore (empty when the checkpoint matched exactly). */
    public WeightLoader.Report loadReport() {
        return loadReport;
    }

    public NDArray logits(EncodedBatch batch, NDManager m, Dropouts d) {
        return head.logits(weights, sequenceOutput(batch, m, d), d);
    }

    /** Logits from word-embedding outputs (R3F's noisy pass, gradient-based attacks). */
    public NDArray logitsFromWordEmbeddings(NDArray wordEmbeds, EncodedBatch batch, NDManager m, Dropouts d) {
        NDArray seq = encoder.forwardFromWordEmbeddings(weights, wordEmbeds, batch.inputIds(m), batch.typeIds(m),
                batch.attentionMask(m), d);
        return head.logits(weights, seq, d);
    }

    /** Class probabilities for texts (single or pairs), in input order, evaluated in batches without dropout. */
    public float[][] probabilities(List<String> textsA, List<String> textsB, int batchSize) {
        float[][] out = new float[textsA.size()][];
        for (int start = 0; start < textsA.size(); start += batchSize) {
            int end = Math.min(textsA.size(), start + batchSize);
            EncodedBatch batch = tokenizer.encode(textsA.subList(start, end), textsB == null ? null : textsB.subList(start, end));
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                float[] p = logits(batch, manager(), Dropouts.eval()).softmax(-1).toFloatArray();
                int k = labels.size();
                for (int r = 0; r < end - start; r++) {
                    float[] row = new float[k];
                    System.arraycopy(p, r * k, row, 0, k);
                    out[start + r] = row;
                }
            }
        }
        return out;
    }
}
