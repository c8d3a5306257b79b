package org.rosebench.rose;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.rosebench.core.optim.AdamWConfig;
import org.rosebench.core.optim.GradientClipping;
import org.rosebench.core.optim.Param;
import org.rosebench.core.optim.TensorMasks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Replays every {@code rose-golden-trace/1} file (the authors' SparseAdamW run in float32 with PyTorch) through
 * {@link RoseOptimizer}: masks must match exactly and parameters element-wise within 1e-6 absolute or 1e-5
 * relative after every step. The traces bundled in the test resources ({@code golden/rose/}) always run;
 * {@code -Drose.golden.dir=DIR} adds every {@code *.json} of another folder. No trace at all fails.
 */
class RoseGoldenTraceTest {

    private static final double ABS_TOL = 1e-6;
    private static final double REL_TOL = 1e-5;
    private static final int MAX_REPORTED = 20;

    @TestFactory
    Stream<DynamicTest> replaysEveryGoldenTrace() throws IOException {
        List<Path> traces = new ArrayList<>();
        for (Path dir : goldenDirs()) {
            assertTrue(Files.isDirectory(dir), "golden trace folder not found: " + dir.toAbsolutePath());
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().forEach(traces::add);
            }
        }
        assertFalse(traces.isEmpty(), "no *.json traces in " + goldenDirs());
        return traces.stream().map(f -> DynamicTest.dynamicTest(f.getParent().getFileName() + "/" + f.getFileName(),
                () -> replay(f)));
    }

    /** The bundled traces, then {@code -Drose.golden.dir} when it names another folder. */
    static List<Path> goldenDirs() {
        List<Path> dirs = new ArrayList<>();
        try {
            dirs.add(Path.of(RoseGoldenTraceTest.class.getResource("/golden/rose/README.md").toURI()).getParent());
        } catch (java.net.URISyntaxException | NullPointerException e) {
            fail("bundled golden traces missing from the test resources (golden/rose/README.md)");
        }
        String prop = System.getProperty("rose.golden.dir");
        if (prop != null && !prop.isBlank()) {
            dirs.add(Path.of(prop));
        }
        return dirs;
    }

    private static void replay(Path file) throws IOException {
        JsonNode trace = new ObjectMapper().readTree(file.toFile());
        assertEquals("rose-golden-trace/1", trace.path("format").asText(), file + ": format");
        JsonNode cfg = trace.get("config");
        String schedule = cfg.path("lr_schedule").asText("constant");
        if (!schedule.equals("constant")) {
            fail(file + ": lr_schedule '" + schedule + "' is not supported by this replay");
        }
        RoseConfig rose = new RoseConfig(RoseVariant.parse(trace.get("variant").asText()), cfg.get("upper").asInt(),
                cfg.get("lower").asInt(), cfg.get("gamma").asDouble(), cfg.get("num_warmup_steps").asInt(),
                NanSaliency.FREEZE_ALL); // the reference is torch: replay its NaN behaviour too
        AdamWConfig adamW = new AdamWConfig(cfg.get("betas").get(0).asDouble(), cfg.get("betas").get(1).asDouble(),
                cfg.get("eps").asDouble(), cfg.get("weight_decay").asDouble(), cfg.get("correct_bias").asBoolean(),
                rose.numWarmupSteps());
        double lr = cfg.get("lr").asDouble();
        JsonNode maxGradNorm = cfg.get("max_grad_norm");

        double maxAbsErr = 0;
        try (NDManager manager = NDManager.newBaseManager();
             RoseOptimizer optimizer = new RoseOptimizer(rose, adamW)) {
            Map<String, JsonNode> specs = new LinkedHashMap<>();
            trace.get("params").forEach(p -> specs.put(p.get("name").asText(), p));
            List<Param> params = new ArrayList<>();
            for (JsonNode nameNode : cfg.get("optimizer_order")) {
                String name = nameNode.asText();
                JsonNode spec = specs.get(name);
                assertEquals(spec.get("eligible").asBoolean(), Param.isEligible(name), file + ": eligibility of " + name);
                double wd = spec.get("weight_decay").asDouble();
                assertEquals(wd, Param.defaultWeightDecay(name, adamW.weightDecay()), file + ": decay group of " + name);
                params.add(new Param(name, manager.create(floats(spec.get("values")), shape(spec.get("shape"))), wd));
            }
            assertEquals(specs.size(), params.size(), file + ": optimizer_order must list every tensor");

            for (JsonNode step : trace.get("steps")) {
                String where = file.getFileName() + " step " + step.get("step").asInt();
                try (NDManager stepManager = manager.newSubManager()) {
                    if (rose.variant().usesFirstOrder()) {
                        optimizer.observeKlGradients(params, grads(stepManager, params, step.get("kl_grads"), where));
                    }
                    List<NDArray> ce = grads(stepManager, params, step.get("ce_grads"), where);
                    if (maxGradNorm != null && !maxGradNorm.isNull()) {
                        GradientClipping.clipGlobalNorm(ce, (float) maxGradNorm.asDouble());
                    }
                    MaskStats stats = optimizer.step(params, ce, lr);
                    checkMasks(where, step.get("mask"), optimizer.lastMasks());
                    assertEquals(step.get("mask_applied").asBoolean(), stats.applied(), where + ": mask_applied");
                    maxAbsErr = Math.max(maxAbsErr, checkParams(where, step.get("params_after"), params));
                }
            }
        }
        System.out.printf("%s: %s, all steps match, max |param error| = %.3g%n", file.getFileName(),
                rose.variant(), maxAbsErr);
    }

    private static void checkMasks(String where, JsonNode expected, TensorMasks actual) {
        if (expected == null || expected.isNull()) {
            assertFalse(actual.isActive(), where + ": vanilla must not mask");
            return;
        }
        assertEquals(expected.size(), actual.asMap().size(), where + ": number of masked tensors");
        List<String> bad = new ArrayList<>();
        expected.fields().forEachRemaining(e -> {
            Float got = actual.asMap().get(e.getKey());
            float want = (float) e.getValue().asDouble();
            if (got == null || got != want) {
                bad.add(e.getKey() + " expected " + want + " actual " + got);
            }
        });
        if (!bad.isEmpty()) {
            fail(where + ": mask mismatch:\n  " + String.join("\n  ", bad));
        }
    }

    /** Returns the largest absolute error; fails listing the first mismatches. */
    private static double checkParams(String where, JsonNode expected, List<Param> params) {
        double maxAbs = 0;
        List<String> bad = new ArrayList<>();
        for (Param p : params) {
            JsonNode values = expected.get(p.name());
            if (values == null) {
                fail(where + ": params_after lacks " + p.name());
            }
            float[] actual = p.value().toFloatArray();
            assertEquals(values.size(), actual.length, where + ": size of " + p.name());
            for (int i = 0; i < actual.length; i++) {
                double e = values.get(i).asDouble();
                double err = Math.abs(actual[i] - e);
                maxAbs = Math.max(maxAbs, err);
                boolean ok = err <= ABS_TOL || err <= REL_TOL * Math.abs(e);
                if (!ok && bad.size() < MAX_REPORTED) {
                    bad.add(p.name() + "[" + i + "] expected " + e + " actual " + actual[i] + " (|diff| " + err + ")");
                }
            }
        }
        if (!bad.isEmpty()) {
            fail(where + ": parameter mismatch (first " + bad.size() + "):\n  " + String.join("\n  ", bad));
        }
        return maxAbs;
    }

    private static List<NDArray> grads(NDManager manager, List<Param> params, JsonNode byName, String where) {
        if (byName == null || byName.isNull()) {
            fail(where + ": gradients missing");
        }
        List<NDArray> out = new ArrayList<>(params.size());
        for (Param p : params) {
            JsonNode g = byName.get(p.name());
            out.add(g == null || g.isNull() ? null : manager.create(floats(g), p.value().getShape()));
        }
        return out;
    }

    private static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) array.get(i).asDouble();
        }
        return out;
    }

    private static Shape shape(JsonNode dims) {
        long[] s = new long[dims.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = dims.get(i).asLong();
        }
        return new Shape(s);
    }
}
