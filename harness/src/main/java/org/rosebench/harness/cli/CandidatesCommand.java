package org.rosebench.harness.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rosebench.attacks.Attack;
import org.rosebench.attacks.AttackOptions;
import org.rosebench.attacks.CandidateAudit;
import org.rosebench.attacks.RecipeParams;
import org.rosebench.attacks.Recipes;
import org.rosebench.attacks.backend.ClassifierVictim;
import org.rosebench.attacks.backend.DefaultResources;
import org.rosebench.attacks.backend.VictimMaxLength;
import org.rosebench.attacks.spi.Victim;
import org.rosebench.core.data.Task;
import org.rosebench.core.model.SequenceClassifier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Audits a recipe on one input: every candidate its transformation proposes for every word, and the first constraint
 * that rejects it, as the attack's first search step sees them (no earlier swaps). See {@link CandidateAudit}.
 */
@Command(name = "candidates", description = "Show, for every word of TEXT, the candidates a recipe's transformation "
        + "proposes and the first constraint rejecting each (or `accepted`), as the attack's first step sees them.")
final class CandidatesCommand implements Callable<Integer> {

    /** What the audit uses without --checkpoint: no built-in constraint consults the victim, and the audit never does. */
    static final Victim NO_VICTIM = batch -> {
        throw new IllegalStateException("the candidates audit has no victim (pass --checkpoint)");
    };

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CommonOptions common = new CommonOptions();

    @Option(names = "--recipe", required = true, description = "textfooler, bert-attack, pwws, bae, greedy-word-swap (see `recipes`)")
    String recipe;

    @Option(names = "--task", description = "gives the column names (sst2: sentence; rte: sentence1, sentence2; "
            + "mnli: premise, hypothesis ...); needed for TEXT_B. Default: one column named text")
    String task;

    @Option(names = "--checkpoint", description = "victim to build the attack with (only a constraint that consults "
            + "the victim would use it; none of the built-in ones does). Default: a stand-in that refuses queries")
    Path checkpoint;

    @Option(names = "--max-length", description = "with --checkpoint: victim truncation; default as TextAttack v0.3.10: "
            + "the checkpoint tokenizer's model_max_length, else " + VictimMaxLength.UNSET_FALLBACK)
    Integer maxLength;

    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "recipe parameter, repeatable (see `recipes`)")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--vectors", description = "TextFooler's counter-fitted vector file (default: built-in counter-fitted NLP4J space)")
    Path vectors;

    @Parameters(arity = "1..2", paramLabel = "TEXT", description = "the input; a pair task takes TEXT and TEXT_B")
    List<String> texts = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        List<String> columns;
        if (task != null) {
            Task t = Task.byName(task);
            columns = t.advGlueTextKeys();
            if (columns.size() != texts.size()) {
                throw new CommandLine.ParameterException(spec.commandLine(), t.cliName() + " takes " + columns.size()
                        + " text(s) " + columns + ", got " + texts.size());
            }
        } else if (texts.size() == 1) {
            columns = List.of("text");
        } else {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "two texts need --task for their column names (rte, qnli, qqp, mnli)");
        }
        RecipeParams rp = RecipeParams.of(AttackOptions.defaults());
        for (Map.Entry<String, String> e : params.entrySet()) {
            rp = rp.with(e.getKey(), e.getValue());
        }
        try (DefaultResources resources = new DefaultResources(vectors)) {
            CandidateAudit.Result result;
            if (checkpoint != null) {
                try (SequenceClassifier model = SequenceClassifier.load(checkpoint,
                        VictimMaxLength.resolve(checkpoint, maxLength))) {
                    result = audit(new ClassifierVictim(model), resources, rp, columns);
                }
            } else {
                result = audit(NO_VICTIM, resources, rp, columns);
            }
            if (common.json) {
                Json.print(toJson(result));
            } else {
                print(result);
            }
        }
        return 0;
    }

    private CandidateAudit.Result audit(Victim victim, DefaultResources resources, RecipeParams rp, List<String> columns) {
        Attack attack = Recipes.get(recipe).build(victim, resources.resources(), rp);
        return CandidateAudit.of(attack, columns, texts);
    }

    private ObjectNode toJson(CandidateAudit.Result result) {
        ObjectNode o = Json.object();
        o.put("recipe", recipe);
        if (task != null) {
            o.put("task", Task.byName(task).cliName());
        }
        o.put("victim", checkpoint != null ? checkpoint.toString() : "stand-in (never queried)");
        ArrayNode segments = o.putArray("segments");
        for (CandidateAudit.Segment s : result.segments()) {
            segments.addObject().put("name", s.name()).put("attacked", s.attacked());
        }
        ArrayNode words = o.putArray("words");
        for (CandidateAudit.Word w : result.words()) {
            ObjectNode wj = words.addObject().put("index", w.index()).put("word", w.word()).put("segment", w.segment());
            if (w.preTransformation() != null) {
                wj.put("pre_transformation", w.preTransformation());
            }
            ArrayNode cs = wj.putArray("candidates");
            for (CandidateAudit.Candidate c : w.candidates()) {
                ObjectNode cj = cs.addObject().put("text", c.text()).put("verdict", c.verdict());
                c.similarity().ifPresent(s -> cj.put("similarity", s));
            }
        }
        return o;
    }

    private void print(CandidateAudit.Result result) {
        boolean pair = result.segments().size() > 1;
        System.out.println("recipe " + recipe + ": candidates at the attack's first step (no earlier swaps)");
        if (pair) {
            for (CandidateAudit.Segment s : result.segments()) {
                System.out.println("  segment " + s.name() + (s.attacked() ? "" : ": not attacked (frozen by the recipe)"));
            }
        }
        int accepted = 0;
        int proposed = 0;
        for (CandidateAudit.Word w : result.words()) {
            String head = "[" + w.index() + "] " + (pair ? w.segment() + ": " : "") + w.word();
            if (w.preTransformation() != null) {
                System.out.println(head + "  -- not modifiable: " + w.preTransformation());
                continue;
            }
            System.out.println(head + (w.candidates().isEmpty() ? "  -- no candidates" : ""));
            int width = 0;
            for (CandidateAudit.Candidate c : w.candidates()) {
                width = Math.max(width, c.text().length());
            }
            for (CandidateAudit.Candidate c : w.candidates()) {
                proposed++;
                if (CandidateAudit.ACCEPTED.equals(c.verdict())) {
                    accepted++;
                }
                String sim = c.similarity().isPresent() ? String.format("  (similarity %.3f)", c.similarity().getAsDouble()) : "";
                System.out.println("    " + pad(c.text(), width) + "  " + c.verdict() + sim);
            }
        }
        System.out.println(proposed + " candidates, " + accepted + " accepted");
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}
