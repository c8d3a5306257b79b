package org.rosebench.harness.matrix;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rosebench.attacks.Attack;
import org.rosebench.attacks.AttackExample;
import org.rosebench.attacks.AttackOptions;
import org.rosebench.attacks.AttackResult;
import org.rosebench.attacks.AttackRunner;
import org.rosebench.attacks.AttackSummary;
import org.rosebench.attacks.RecipeParams;
import org.rosebench.attacks.Recipes;
import org.rosebench.attacks.backend.ClassifierVictim;
import org.rosebench.attacks.backend.VictimMaxLength;
import org.rosebench.attacks.backend.DefaultResources;
import org.rosebench.attacks.io.AttackFileHeader;
import org.rosebench.core.catalog.ModelCatalog;
import org.rosebench.core.data.Example;
import org.rosebench.core.data.GlueData;
import org.rosebench.core.data.Split;
import org.rosebench.core.data.SplitFile;
import org.rosebench.core.data.Task;
import org.rosebench.core.model.ModelContent;
import org.rosebench.core.model.SequenceClassifier;
import org.rosebench.core.train.Evaluator;
import org.rosebench.core.train.Trainer;
import org.rosebench.core.util.Provenance;
import org.rosebench.harness.matrix.Cell.TrainSpec;
import org.rosebench.harness.landscape.LandscapeJob;
import org.rosebench.harness.run.AttackHeaders;
import org.rosebench.harness.run.AttackProgressBar;
import org.rosebench.harness.run.FineTuneJob;

/**
 * Executes single cells and builds their result rows (docs/result-store.md). Keeps the most recently used
 * fine-tuned model and the attack resources (counter-fitted space, MLM, sentence encoder) loaded between cells,
 * since consecutive cells usually share them.
 */
final class CellExecutor implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MatrixConfig config;
    private final ResultStore store;
    /** Attack backends by vector file (null key: the built-in space), kept loaded between cells. */
    private final Map<Path, DefaultResources> attackResources = new HashMap<>();
    private Path loadedCheckpoint;
    private int loadedMaxLength;
    private SequenceClassifier loaded;
    private final Map<Task, ObjectNode> trainData = new java.util.EnumMap<>(Task.class);

    private final org.rosebench.core.train.CheckpointPolicy checkpointPolicy;

    CellExecutor(MatrixConfig config, ResultStore store, org.rosebench.core.train.CheckpointPolicy checkpointPolicy) {
        this.config = config;
        this.store = store;
        this.checkpointPolicy = checkpointPolicy;
    }

    /** The directory holding a train cell's final model. */
    Path checkpoint(Cell.TrainSpec spec) {
        return store.runDir().resolve("cells").resolve(spec.id()).resolve("last");
    }

    ObjectNode run(Cell cell) throws Exception {
        long start = System.nanoTime();
        ObjectNode row = switch (cell.kind()) {
            case TRAIN -> train(cell);
            case EVAL -> evaluate(cell);
            case ATTACK -> attack(cell);
            case LANDSCAPE -> landscape(cell);
        };
        row.put("duration_seconds", (System.nanoTime() - start) / 1e9);
        row.put("finished_at", Instant.now().toString());
        row.set("provenance", Provenance.collect());
        return row;
    }

    /** Not enough disk space to start a training: not an attempt at the cell, the worker just skips it. */
    static final class NoSpace extends java.io.IOException {
        NoSpace(String message) {
            super(message);
        }
    }

    /**
     * Refuses to start a training that cannot save its checkpoints: {@code last/}, optionally {@code best/}, the
     * resume state (weights and two AdamW moments) and one transient copy of it while it is replaced, all about
     * the size of the model's weights, plus a margin.
     */
    void requireFreeSpace(Cell cell) throws java.io.IOException {
        Path weights = ModelCatalog.directory(cell.train().model().location()).resolve("model.safetensors");
        long model = Files.isRegularFile(weights) ? Files.size(weights) : 0;
        long reserve = Long.getLong("rose.reserve.mib", 64L) << 20; // space to leave for everything else
        long needed = 8 * model + reserve;
        Path dir = store.runDir();
        Files.createDirectories(dir);
        long free = Files.getFileStore(dir).getUsableSpace();
        if (free < needed) {
            throw new NoSpace(String.format("not enough free space under %s to train %s: needs about %d MiB (8 × the"
                    + " %d MiB of model weights for checkpoints and resume state, plus a reserve of %d MiB, -Drose.reserve.mib),"
                    + " %d MiB free", dir, cell.id(), needed >> 20, model >> 20, reserve >> 20, free >> 20));
        }
    }

    private ObjectNode train(Cell cell) throws Exception {
        TrainSpec t = cell.train();
        requireModelAsPlanned(t);
        requireFreeSpace(cell);
        // partial output stays: the trainer resumes from its saved state (or starts afresh without one)
        Path dir = store.begin(cell, false);
        release();
        ObjectNode meta = JSON.createObjectNode().put("job", "matrix").put("config_name", config.name())
                .put("config_hash", config.hash()).put("cell", cell.id());
        if (t.preset() != null) {
            meta.put("preset", t.preset());
        }
        FineTuneJob job = new FineTuneJob(t.model().location(), t.task(), t.spec(), t.params(), t.config(),
                new FineTuneJob.TrainSelection(t.trainLimit(), t.trainSample()), config.dataPath(), meta)
                .allowPartialLoad(t.model().allowPartialLoad()).optCheckpointPolicy(checkpointPolicy)
                .optKeepBest(config.keepBest());
        ObjectNode row = base(cell);
        try (FineTuneJob.Trained trained = job.train(dir)) {
            Trainer.Result r = trained.training();
            row.put("train_examples", trained.trainExamples());
            row.put("train_seconds", r.trainSeconds());
            row.put("examples_per_second", r.examplesPerSecond());
            row.put("steps", r.steps());
            row.put("best_epoch", r.bestEpoch());
            row.put("best_dev_accuracy", r.bestDevAccuracy());
            row.put("last_dev_accuracy", r.lastDevAccuracy());
            row.set("load_report", JSON.valueToTree(trained.loadReport()));
        }
        row.put("checkpoint", "last");
        row.put("selection_log", Files.isRegularFile(dir.resolve(Trainer.SELECTION_LOG)) ? Trainer.SELECTION_LOG : null);
        return row;
    }

    /** The key names the model by content: training a model that changed since planning would mislabel the row. */
    private static void requireModelAsPlanned(TrainSpec t) {
        String now = ModelCatalog.contentSha256(t.model().location());
        if (!now.equals(t.modelSha())) {
            throw new IllegalStateException("model " + t.model().name() + " (" + t.model().location()
                    + ") changed since the plan was made (content " + now + ", planned " + t.modelSha()
                    + "); run again to plan with its current content");
        }
    }

    private ObjectNode evaluate(Cell cell) throws Exception {
        store.begin(cell, false);
        List<Example> examples = examples(cell.train().task(), cell.split());
        SequenceClassifier model = model(cell.train(), cell.train().config().maxLength());
        Evaluator.Result r = Evaluator.evaluate(model, examples, cell.train().config().evalBatchSize(),
                "eval " + cell.train().task().cliName() + " " + cell.split());
        ObjectNode row = base(cell);
        row.put("split", cell.split());
        row.put("accuracy", r.accuracy());
        row.put("correct", r.correct());
        row.put("total", r.total());
        ArrayNode predictions = row.putArray("predictions");
        ArrayNode labels = row.putArray("labels");
        for (int i = 0; i < examples.size(); i++) {
            predictions.add(r.predictions()[i]);
            labels.add(examples.get(i).label());
        }
        return row;
    }

    private ObjectNode attack(Cell cell) throws Exception {
        Path dir = store.begin(cell, false);
        MatrixConfig.AttackEntry a = cell.attack();
        Task task = cell.train().task();
        List<Example> all = examples(task, a.split());
        if (a.offset() >= all.size()) {
            throw new IllegalArgumentException("attack offset " + a.offset() + " is past the " + all.size() + " "
                    + a.split() + " examples of " + task.cliName());
        }
        int end = Math.min(all.size(), a.offset() + a.numExamples());
        List<AttackExample> examples = new ArrayList<>();
        for (Example ex : all.subList(a.offset(), end)) {
            examples.add(AttackExample.of(ex, task));
        }
        RecipeParams params = RecipeParams.of(AttackOptions.defaults().withQueryBudget(a.queryBudget()).withSeed(a.seed()));
        for (Map.Entry<String, String> e : CellKeys.canonicalNumbers(a.params()).entrySet()) {
            params = params.with(e.getKey(), e.getValue());
        }
        DefaultResources resources = attackResources.computeIfAbsent(a.vectors(), DefaultResources::new);
        // the victim truncates as TextAttack's HF model wrapper does, not at the training max_length
        int victimMaxLength = VictimMaxLength.of(checkpoint(cell.train()));
        ClassifierVictim victim = new ClassifierVictim(model(cell.train(), victimMaxLength));
        Attack attack = Recipes.get(a.recipe()).build(victim, resources.resources(), params);
        Path results = dir.resolve("attack.jsonl");
        AttackFileHeader header = AttackHeaders.of(Recipes.get(a.recipe()), attack, params, task, a.split(),
                checkpoint(cell.train()), "cells/" + cell.train().id() + "/last", victimMaxLength, a.vectors());
        List<AttackResult> out;
        int resumed;
        try (AttackProgressBar bar = new AttackProgressBar(a.recipe())) {
            out = new AttackRunner(attack).header(header).resume(true).jsonl(results).listener(stoppable(bar))
                    .run(examples);
            resumed = bar.resumedExamples();
        }
        AttackSummary s = AttackSummary.of(out);
        ObjectNode row = base(cell);
        row.put("recipe", a.recipe()).put("split", a.split()).put("offset", a.offset())
                .put("num_examples", examples.size()).put("query_budget", a.queryBudget())
                .put("attack_seed", a.seed());
        row.set("recipe_params", JSON.valueToTree(CellKeys.canonicalNumbers(a.params())));
        ObjectNode summary = row.putObject("summary");
        summary.put("succeeded", s.succeeded()).put("failed", s.failed()).put("skipped", s.skipped())
                .put("original_accuracy", s.originalAccuracy()).put("accuracy_under_attack", s.accuracyUnderAttack())
                .put("attack_success_rate", s.attackSuccessRate())
                .put("avg_perturbed_word_percent", s.avgPerturbedWordPercent())
                .put("avg_words_per_input", s.avgWordsPerInput()).put("avg_queries", s.avgQueries());
        Map<String, AttackResult> byId = new HashMap<>();
        out.forEach(r -> byId.put(r.exampleId(), r));
        ArrayNode indices = row.putArray("example_indices");
        ArrayNode outcomes = row.putArray("outcomes");
        for (int i = 0; i < examples.size(); i++) {
            indices.add(a.offset() + i);
            outcomes.add(byId.get(examples.get(i).id()).status().name().toLowerCase(java.util.Locale.ROOT));
        }
        // engine calls of this process: an attack resumed after an interruption counts only the examples it ran
        row.put("model_queries", victim.modelQueries());
        row.put("resumed_examples", resumed);
        row.put("results_file", "attack.jsonl");
        row.set("attack_header", header.configuration());
        return row;
    }

    /**
     * A loss-landscape analysis of the train cell's final model (docs/landscape.md). The analysis swaps perturbed
     * tensors in and the model's own back, so the loaded model stays as it was for the cells that share it.
     * {@code landscape.json} holds the grid and every figure; the row holds the headline figures; {@code table} draws
     * the plots from the file.
     */
    private ObjectNode landscape(Cell cell) throws Exception {
        Path dir = store.begin(cell, false);
        MatrixConfig.LandscapeEntry l = cell.landscape();
        TrainSpec t = cell.train();
        LandscapeJob.Data data = LandscapeJob.load(config.dataPath(), t.task(), l.split());
        Path ckpt = checkpoint(t);
        LandscapeJob.Subject subject = new LandscapeJob.Subject("cells/" + t.id() + "/last", ModelContent.sha256(ckpt),
                t.config().maxLength());
        LandscapeJob.Outcome o = LandscapeJob.run(model(t, t.config().maxLength()), subject, data, l.examples(), l.options(),
                t.config().evalBatchSize());
        LandscapeJob.write(dir.resolve(LandscapeJob.FILE), o.json());
        ObjectNode row = base(cell);
        row.put("evaluation", l.evaluation());
        row.put("split", l.split());
        row.put("examples", o.examples());
        row.set("landscape_options", LandscapeJob.options(l.options(), t.config().evalBatchSize()));
        row.set("metrics", JSON.valueToTree(LandscapeJob.metrics(o.result())));
        row.put("seconds_per_grid_point", o.result().timing().secondsPerGridPoint());
        row.put("landscape_file", LandscapeJob.FILE);
        return row;
    }

    /**
     * The attack's listener, plus a stop check after every example: on a stop request (SIGTERM) the attack ends
     * there, its results so far are in the JSONL file and the next run resumes after them.
     */
    private static org.rosebench.attacks.AttackProgressListener stoppable(AttackProgressBar bar) {
        return new org.rosebench.attacks.AttackProgressListener() {
            @Override
            public void started(int total, int alreadyDone) {
                bar.started(total, alreadyDone);
            }

            @Override
            public void resultWritten(AttackResult result, org.rosebench.attacks.AttackProgress progress) {
                bar.resultWritten(result, progress);
                if (org.rosebench.core.util.StopRequest.global().isRequested()) {
                    throw new IllegalStateException("attack stopped after example " + result.exampleId() + " ("
                            + org.rosebench.core.util.StopRequest.global().reason() + ")");
                }
            }

            @Override
            public void finished(AttackSummary summary) {
                bar.finished(summary);
            }
        };
    }

    /** Fields every row carries: identity, the producing config and the resolved run settings. */
    ObjectNode base(Cell cell) {
        TrainSpec t = cell.train();
        ObjectNode row = JSON.createObjectNode();
        row.put("kind", cell.kind().label());
        row.put("cell", cell.id());
        row.put("train_cell", t.id());
        // the config whose run produced this row; table labels and order come from plan.json instead
        row.put("config_name", config.name());
        row.put("config_hash", config.hash());
        row.put("model", t.model().name());
        row.put("model_sha256", t.modelSha());
        row.put("task", t.task().cliName());
        row.put("seed", t.seed());
        row.put("method", t.spec());
        row.set("method_params", JSON.valueToTree(new java.util.TreeMap<>(t.params())));
        row.set("train_config", JSON.valueToTree(t.config()));
        if (t.trainSample() != null) {
            row.put("train_sample", t.trainSample());
        }
        if (t.trainLimit() != null) {
            row.put("train_limit", t.trainLimit());
        }
        if (t.preset() != null) {
            row.put("preset", t.preset());
        }
        row.set("train_data", trainData(t.task()));
        return row;
    }

    /** The training file a row's model was trained on: path, kind (official / subset), content SHA-256, rows. */
    private ObjectNode trainData(Task task) {
        return trainData.computeIfAbsent(task, k -> {
            GlueData glue = new GlueData(config.dataPath());
            SplitFile f = glue.resolve(task, Split.TRAIN);
            ObjectNode n = JSON.createObjectNode();
            n.put("file", config.dataPath().locate(f.path()));
            n.put("kind", f.variant().name().toLowerCase(java.util.Locale.ROOT));
            n.put("sha256", Hashing.fileSha256(f.path()));
            n.put("rows", glue.load(task, Split.TRAIN).size());
            return n;
        }).deepCopy();
    }

    private List<Example> examples(Task task, String split) {
        GlueData glue = new GlueData(config.dataPath());
        return split.equals("advglue") ? glue.loadAdvGlue(task.advGlueKeys().get(0))
                : glue.load(task, task.devSplits().get(0)).examples();
    }

    /** The checkpoint of {@code t} truncating at {@code maxLength}; evaluations and attacks may differ in it. */
    private SequenceClassifier model(TrainSpec t, int maxLength) {
        Path ckpt = checkpoint(t);
        if (!ckpt.equals(loadedCheckpoint) || maxLength != loadedMaxLength) {
            release();
            if (!Files.isRegularFile(ckpt.resolve("config.json"))) {
                throw new IllegalStateException("checkpoint " + ckpt + " is missing (train cell " + t.id() + ")");
            }
            loaded = SequenceClassifier.load(ckpt, maxLength);
            loadedCheckpoint = ckpt;
            loadedMaxLength = maxLength;
        }
        return loaded;
    }

    /** Drops the loaded model (after a failure, whose cause may have left it in a bad state). */
    void releaseModel() {
        release();
    }

    private void release() {
        if (loaded != null) {
            loaded.close();
            loaded = null;
            loadedCheckpoint = null;
        }
    }

    @Override
    public void close() throws Exception {
        release();
        for (DefaultResources r : attackResources.values()) {
            r.close();
        }
    }
}
