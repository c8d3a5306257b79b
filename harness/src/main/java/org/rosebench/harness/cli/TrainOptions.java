package org.rosebench.harness.cli;

import java.nio.file.Path;
import org.rosebench.core.model.DropoutMasks;
import org.rosebench.core.train.TrainConfig;
import picocli.CommandLine.Option;

/** Trainer options of {@code train} (the matrix commands take them from the config). */
final class TrainOptions {

    @Option(names = "--data", description = "a data root searched first (then $ROSE_DATA_DIR, the user data folder, the bundled data; see 'data list')")
    Path data;

    @Option(names = "--train-limit", description = "use the first N training rows")
    Integer trainLimit;

    @Option(names = "--train-sample", description = "use a seeded random sample of N training rows (file order kept)")
    Integer trainSample;

    @Option(names = "--epochs", defaultValue = "3")
    int epochs;

    @Option(names = "--lr", defaultValue = "5e-5")
    double lr;

    @Option(names = "--batch-size", defaultValue = "32")
    int batchSize;

    @Option(names = "--grad-accum-steps", paramLabel = "K", defaultValue = "1", description = "compute each update of "
            + "--batch-size examples as K micro-batches run one after the other, gradients accumulated (the same update"
            + " up to float rounding, with the activation memory of one micro-batch); K <= --batch-size; default"
            + " ${DEFAULT-VALUE}")
    int gradAccumSteps;

    @Option(names = "--max-length", defaultValue = "128")
    int maxLength;

    @Option(names = "--seed", defaultValue = "42")
    long seed;

    @Option(names = "--warmup-ratio", defaultValue = "0")
    double warmupRatio;

    @Option(names = "--weight-decay", defaultValue = "0.01")
    double weightDecay;

    @Option(names = "--dropout-masks", paramLabel = "SOURCE", defaultValue = "libtorch", converter = MasksConverter.class,
            description = "where dropout masks come from: libtorch (the engine's; on CPUs they differ between Intel and "
            + "other vendors) or counter (rose-bench's counter-based generator: the same masks on every machine, drawn "
            + "in parallel); default ${DEFAULT-VALUE}")
    DropoutMasks dropoutMasks;

    static final class MasksConverter implements picocli.CommandLine.ITypeConverter<DropoutMasks> {
        @Override
        public DropoutMasks convert(String value) {
            return DropoutMasks.parse(value);
        }
    }

    TrainConfig config() {
        return TrainConfig.builder().optEpochs(epochs).optLearningRate(lr).optBatchSize(batchSize)
                .optGradAccumSteps(gradAccumSteps).optMaxLength(maxLength).optSeed(seed).optWarmupRatio(warmupRatio)
                .optWeightDecay(weightDecay).optDropoutMasks(dropoutMasks).build();
    }
}
