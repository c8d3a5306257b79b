package org.rosebench.harness.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rosebench.attacks.Attack;
import org.rosebench.attacks.AttackExample;
import org.rosebench.attacks.AttackOptions;
import org.rosebench.attacks.AttackResult;
import org.rosebench.attacks.AttackRunner;
import org.rosebench.attacks.AttackSummary;
import org.rosebench.attacks.RecipeParams;
import org.rosebench.attacks.Recipes;
import org.rosebench.attacks.backend.ClassifierVictim;
import org.rosebench.attacks.backend.DefaultResources;
import org.rosebench.attacks.backend.VictimMaxLength;
import org.rosebench.attacks.io.AttackFileHeader;
import org.rosebench.core.data.Example;
import org.rosebench.core.data.Task;
import org.rosebench.core.model.SequenceClassifier;
import org.rosebench.harness.run.AttackHeaders;
import org.rosebench.harness.run.AttackProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "attack", description = "Attack a fine-tuned checkpoint with a recipe on GLUE dev or AdvGLUE dev examples.")
final class AttackCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common = new CommonOptions();

    @Option(names = "--checkpoint", required = true)
    Path checkpoint;

    @Option(names = "--task", required = true)
    String task;

    @Option(names = "--recipe", required = true, description = "textfooler, bert-attack, pwws, bae, greedy-word-swap (see `recipes`)")
    String recipe;

    @Option(names = "--split", defaultValue = "dev")
    String split;

    @Option(names = "--num-examples", defaultValue = "10", description = "examples to attack (default ${DEFAULT-VALUE}, as TextAttack)")
    int numExamples;

    @Option(names = "--offset", defaultValue = "0")
    int offset;

    @Option(names = "--seed", defaultValue = "765")
    long seed;

    @Option(names = "--query-budget", defaultValue = "0", description = "victim queries per example, 0 = unlimited")
    int queryBudget;

    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "recipe parameter, repeatable (see `recipes`)")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--vectors", description = "TextFooler's counter-fitted vector file (default: built-in counter-fitted NLP4J space)")
    Path vectors;

    @Option(names = "--data")
    Path data;

    @Option(names = "--max-length", description = "victim truncation; default as TextAttack v0.3.10's HF model wrapper: "
            + "the checkpoint tokenizer's model_max_length, else " + VictimMaxLength.UNSET_FALLBACK)
    Integer maxLength;

    @Option(names = "--out", description = "stream results as JSON lines, first line the attack's configuration "
            + "(resumes an interrupted run of the same configuration, refuses another); FILE.csv writes TextAttack's CSV "
            + "and FILE.jsonl beside it")
    Path out;

    @Override
    public Integer call() throws Exception {
        Task t = Task.byName(task);
        List<Example> all = EvalSets.load(CommonOptions.dataDir(data), t, split);
        if (offset < 0 || offset >= all.size()) {
            throw new IllegalArgumentException("--offset " + offset + " outside the " + all.size() + " examples of " + split);
        }
        List<AttackExample> examples = new ArrayList<>();
        for (Example ex : all.subList(offset, Math.min(all.size(), offset + numExamples))) {
            examples.add(AttackExample.of(ex, t));
        }
        AttackOptions options = AttackOptions.defaults().withQueryBudget(queryBudget).withSeed(seed);
        RecipeParams rp = RecipeParams.of(options);
        for (Map.Entry<String, String> e : params.entrySet()) {
            rp = rp.with(e.getKey(), e.getValue());
        }
        int effectiveMaxLength = VictimMaxLength.resolve(checkpoint, maxLength);
        try (SequenceClassifier model = SequenceClassifier.load(checkpoint, effectiveMaxLength);
                DefaultResources resources = new DefaultResources(vectors)) {
            ClassifierVictim victim = new ClassifierVictim(model);
            Attack attack = Recipes.get(recipe).build(victim, resources.resources(), rp);
            AttackFileHeader header = AttackHeaders.of(Recipes.get(recipe), attack, rp, t, split, checkpoint,
                    checkpoint.toString(), effectiveMaxLength, vectors);
            AttackRunner runner = new AttackRunner(attack).header(header).resume(out != null);
            if (out != null) {
                String name = out.getFileName().toString();
                if (name.endsWith(".csv")) {
                    // the CSV is TextAttack's table; the JSONL beside it carries the header and makes resuming possible
                    runner = runner.csv(out).jsonl(out.resolveSibling(name.substring(0, name.length() - 4) + ".jsonl"));
                } else {
                    runner = runner.jsonl(out);
                }
            }
            AttackSummary summary;
            try (AttackProgressBar bar = new AttackProgressBar(recipe)) {
                List<AttackResult> results = runner.listener(bar).run(examples);
                summary = AttackSummary.of(results);
            }
            ObjectNode json = Json.MAPPER.valueToTree(summary);
            json.put("recipe", recipe).put("task", t.cliName()).put("split", split)
                    .put("checkpoint", checkpoint.toString()).put("offset", offset)
                    .put("model_queries", victim.modelQueries());
            // self-describing: what produced these numbers, not only what they are
            json.put("num_examples", examples.size());
            json.set("header", header.toJson());
            if (common.json) {
                Json.print(json);
            } else {
                System.out.println(summary.toTable());
            }
        }
        return 0;
    }
}
