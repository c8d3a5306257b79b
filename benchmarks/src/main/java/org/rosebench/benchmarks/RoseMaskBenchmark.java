package org.rosebench.benchmarks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.rosebench.benchmarks.fixtures.ForkedJvm;
import org.rosebench.benchmarks.fixtures.MiniLm;
import org.rosebench.benchmarks.fixtures.RandomGradients;
import org.rosebench.core.Djl;
import org.rosebench.core.method.MethodRegistry;
import org.rosebench.core.method.ParamSpec;
import org.rosebench.core.method.SelectorProvider;
import org.rosebench.core.model.SequenceClassifier;
import org.rosebench.core.optim.AdamW;
import org.rosebench.core.optim.AdamWConfig;
import org.rosebench.core.optim.Param;
import org.rosebench.core.optim.TensorMasks;
import org.rosebench.core.train.TrainingStepper;
import org.rosebench.rose.RoseConfig;
import org.rosebench.rose.RoseSelector;
import org.rosebench.rose.RoseVariant;

/**
 * ROSE's mask computation alone, given the gradients and the optimiser's first moments: per-tensor saliencies
 * (norms reduced on the device), the quantile rule and, for the ensemble, the mix of both masks. The KL probe's
 * gradients (First, Ensemble) and the training gradients are fixed random arrays over minilm-l6's tensors; the
 * optimiser has taken one step, so ROSE-Second has moments to rank against. The backward passes that produce the
 * gradients are not included (see {@link TrainingStepBenchmark}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 4)
@Fork(value = 1, jvmArgsAppend = {ForkedJvm.OFFLINE, ForkedJvm.NO_TRACKING, ForkedJvm.NO_PROGRESS, ForkedJvm.HEAP})
public class RoseMaskBenchmark {

    private static final double WEIGHT_DECAY = 0.01;

    @org.openjdk.jmh.annotations.Param({"first", "second", "ensemble"})
    String variant;

    private SequenceClassifier model;
    private NDManager gradientManager;
    private List<Param> params;
    private List<NDArray> gradients;
    private List<NDArray> probeGradients;
    private AdamW optimizer;
    private RoseSelector selector;

    @Setup
    public void setUp() {
        model = MiniLm.classifier(64);
        params = TrainingStepper.optimizerOrder(model, WEIGHT_DECAY);
        gradientManager = Djl.newManager();
        gradients = RandomGradients.like(params, gradientManager, 1e-3f);
        // the probe backward reads eligible tensors only and hands null for the others
        probeGradients = RandomGradients.like(params, gradientManager, 1e-3f, Param::eligible);
        optimizer = new AdamW(AdamWConfig.rose());
        optimizer.step(params, RandomGradients.like(params, gradientManager, 1e-3f), 2e-5, TensorMasks.none());
        RoseVariant v = RoseVariant.parse(variant);
        selector = new RoseSelector(RoseConfig.of(v, defaultUpper("rose-" + variant)));
    }

    @Benchmark
    public TensorMasks masks() {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            if (selector.config().variant().usesFirstOrder()) {
                selector.observeKlGradients(params, probeGradients);
            }
            return selector.selectForStep(params, gradients, optimizer);
        }
    }

    /** The registered selector's default upper quantile, so that the benchmark ranks as a default run does. */
    private static int defaultUpper(String selectorName) {
        for (SelectorProvider p : MethodRegistry.load().selectors()) {
            if (p.name().equals(selectorName)) {
                return p.parameters().stream().filter(s -> s.name().equals("upper")).findFirst()
                        .map(ParamSpec::defaultValue).map(Integer::parseInt)
                        .orElseThrow(() -> new IllegalStateException(selectorName + " has no 'upper' parameter"));
            }
        }
        throw new IllegalArgumentException("no selector named " + selectorName);
    }

    @TearDown
    public void tearDown() {
        optimizer.close();
        gradientManager.close();
        model.close();
    }
}
