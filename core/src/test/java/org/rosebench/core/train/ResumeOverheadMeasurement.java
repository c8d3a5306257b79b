package org.rosebench.core.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.rosebench.core.data.Example;
import org.rosebench.core.data.GlueTsvReader;
import org.rosebench.core.data.Split;
import org.rosebench.core.data.GlueData;
import org.rosebench.core.data.Task;
import org.rosebench.core.method.MethodSetup;
import org.rosebench.core.model.HfDirectory;
import org.rosebench.core.model.SequenceClassifier;
import org.rosebench.core.model.TinyRoberta;
import org.rosebench.core.util.Cache;
import org.rosebench.core.util.StopRequest;

/**
 * Cost of the resumable state (not a regular test: {@code -Drose.measure.resume=true}): trains MiniLM-L6 (the
 * cached conversion in {@code <cache>/models/minilm-l6}, else the tiny RoBERTa) on SST-2 with batch 32 and
 * max length 128, saving every {@code rose.measure.every} steps (default 4), and prints the mean step time, the
 * save times (as the trainer prints them, and as extra time of a step that saved), the time a resume takes to read
 * and restore the weights and optimiser state, and the overhead at the default
 * policy (200 steps or 10 minutes, whichever first). Steps {@code rose.measure.steps} (default 24).
 */
@EnabledIfSystemProperty(named = "rose.measure.resume", matches = "true")
class ResumeOverheadMeasurement {

    @Test
    void measure(@TempDir Path dir) throws Exception {
        System.setProperty("rose.progress", "false");
        int steps = Integer.getInteger("rose.measure.steps", 24);
        int every = Integer.getInteger("rose.measure.every", 4);
        int batch = 32;
        Path minilm = Cache.root().resolve("models").resolve("minilm-l6");
        Path ckpt = Files.isRegularFile(minilm.resolve("model.safetensors")) ? minilm
                : TinyRoberta.writeCheckpoint(dir.resolve("tiny"), 1);
        List<Example> train = new GlueData(Path.of(System.getProperty("rose.data.dir", "../data"))).load(Task.SST2, Split.TRAIN,
                new GlueTsvReader(Task.SST2).limit(steps * batch)).examples();
        TrainConfig config = TrainConfig.builder().optEpochs(1).optBatchSize(batch).optMaxLength(128).optSeed(1)
                .optLogEverySteps(10).build();
        List<Long> at = new ArrayList<>();
        Path out = dir.resolve("out");
        // the trainer prints each save's own duration; keep those lines (a step-time difference is noisy)
        java.io.PrintStream err = System.err;
        List<Double> saves = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.regex.Pattern saved = java.util.regex.Pattern.compile("saved training state at step \\d+ \\(([0-9.]+) s\\)");
        System.setErr(new java.io.PrintStream(new java.io.OutputStream() {
            private final StringBuilder line = new StringBuilder();

            @Override
            public void write(int b) {
                err.write(b);
                if (b == '\n') {
                    java.util.regex.Matcher m = saved.matcher(line);
                    if (m.find()) {
                        saves.add(Double.parseDouble(m.group(1)));
                    }
                    line.setLength(0);
                } else {
                    line.append((char) b);
                }
            }
        }, true));
        try (SequenceClassifier model = SequenceClassifier.fromPretrained(HfDirectory.open(ckpt),
                List.of("negative", "positive"), 128, 1)) {
            StopRequest stop = new StopRequest();
            at.add(System.nanoTime());
            try {
                new Trainer(config, out, new ObjectMapper().createObjectNode())
                        .optCheckpointEvery(every, Duration.ZERO).optStopRequest(stop)
                        .optAfterStep(s -> {
                            at.add(System.nanoTime());
                            if (s == steps - 2) { // seen after step steps - 1, which saves; the resume runs the last
                                stop.request("measurement");
                            }
                        }).train(model, new MethodSetup(new ProbeGradientPathTest.OnePassCe(), null), train, List.of());
            } catch (TrainingStopped expected) {
                // leaves a state to time the load of
            } finally {
                System.setErr(err);
            }
        }
        double plain = 0;
        int plainN = 0;
        double saving = 0;
        int savingN = 0;
        for (int s = 2; s < at.size() - 1; s++) { // step 1 warms up; the last one saved on the stop request
            double secs = (at.get(s) - at.get(s - 1)) / 1e9;
            if (s % every == 0) {
                saving += secs;
                savingN++;
            } else {
                plain += secs;
                plainN++;
            }
        }
        double step = plain / plainN;
        double save = saving / savingN - step;
        long stateBytes;
        try (var files = Files.list(out.resolve(ResumeState.DIR))) {
            stateBytes = files.mapToLong(p -> p.toFile().length()).sum();
        }
        double load; // what a resume reads and restores before its first step
        try (SequenceClassifier model = SequenceClassifier.fromPretrained(HfDirectory.open(ckpt),
                List.of("negative", "positive"), 128, 1);
                org.rosebench.core.optim.AdamW opt = new org.rosebench.core.optim.AdamW(
                        org.rosebench.core.optim.AdamWConfig.rose())) {
            long t0 = System.nanoTime();
            ResumeState state = ResumeState.open(out);
            state.weights().forEach((k, v) -> model.weights().put(k, v, v.shape()));
            opt.loadState(state.optimizerFile(), TrainingStepper.optimizerOrder(model, config.weightDecay()));
            load = (System.nanoTime() - t0) / 1e9;
        }
        double interval = Math.min(CheckpointPolicy.DEFAULT.everySteps() * step,
                CheckpointPolicy.DEFAULT.every().toSeconds());
        List<Double> sorted = saves.stream().sorted().toList();
        double median = sorted.get(sorted.size() / 2);
        double max = sorted.get(sorted.size() - 1);
        double overhead = max / interval;
        System.out.printf("resume overhead on %s: state %.1f MB; step %.3f s (mean of %d); save as printed by the"
                + " trainer: median %.1f s, max %.1f s of %s (as extra step time: %.3f s, mean of %d); reading and"
                + " restoring weights and optimiser state on resume %.3f s; default policy saves every %.0f s of"
                + " training: overhead %.2f %% with the slowest save, %.2f %% with the median%n",
                ckpt.getFileName(), stateBytes / 1e6, step, plainN, median, max, sorted, save, savingN, load,
                interval, 100 * overhead, 100 * median / interval);
        assertTrue(overhead <= 0.03, "overhead " + overhead);
    }
}
