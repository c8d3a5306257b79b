package org.rosebench.harness.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.rosebench.attacks.Attack;
import org.rosebench.attacks.AttackExample;
import org.rosebench.attacks.AttackResources;
import org.rosebench.attacks.AttackResult;
import org.rosebench.attacks.AttackStatus;
import org.rosebench.attacks.RecipeParams;
import org.rosebench.attacks.Recipes;
import org.rosebench.attacks.backend.ClassifierVictim;
import org.rosebench.attacks.backend.DefaultResources;
import org.rosebench.attacks.backend.VictimMaxLength;
import org.rosebench.attacks.spi.TextInput;
import org.rosebench.attacks.text.AttackedText;
import org.rosebench.core.catalog.ModelCatalog;
import org.rosebench.core.data.Example;
import org.rosebench.core.data.GlueData;
import org.rosebench.core.data.Split;
import org.rosebench.core.data.Task;
import org.rosebench.core.model.SequenceClassifier;

/**
 * Real attack output on pair tasks re-checked from scratch: minilm-l6 with a seeded, untrained classification head
 * (a real model whose verdicts are easy to move) is attacked with PWWS and TextFooler on RTE and QNLI dev pairs
 * under TextAttack's column names; every reported success must flip a freshly built copy of the victim, leave
 * stopwords untouched, swap TextFooler words only to neighbours at or above the space's word-cosine bound (0.81 in
 * the built-in space, 0.5 in TextFooler's own), and leave a column it did not
 * modify byte-identical. The victim truncates as TextAttack's HF model wrapper does (512 for this checkpoint).
 */
@Tag("slow")
class RealPairAttackRecheckTest {

    private static final long HEAD_SEED = 20261204L;
    private static final int PAIRS = 4;

    private static SequenceClassifier victimModel(Task task) {
        return SequenceClassifier.fromPretrained(ModelCatalog.resolve("minilm-l6"), task.labelNames(),
                VictimMaxLength.of(ModelCatalog.directory("minilm-l6")), HEAD_SEED);
    }

    @Test
    void pwwsAndTextFoolerSuccessesOnRteAndQnliPairsPassTheRecheck() throws Exception {
        GlueData glue = new GlueData(Path.of(System.getProperty("rose.data.dir", "../data")));
        assertEquals(512, VictimMaxLength.of(ModelCatalog.directory("minilm-l6")));
        int succeeded = 0;
        try (DefaultResources resources = new DefaultResources(null)) {
            for (Task task : List.of(Task.RTE, Task.QNLI)) {
                List<Example> dev = glue.load(task, Split.DEV).examples().subList(0, PAIRS);
                for (String recipe : List.of("pwws", "textfooler")) {
                    succeeded += recheck(task, dev, recipe, resources);
                }
            }
        }
        assertTrue(succeeded >= 4, "only " + succeeded + " successes (reproduce: head seed " + HEAD_SEED + ")");
    }

    private static int recheck(Task task, List<Example> dev, String recipe, DefaultResources resources) {
        Set<String> stopwords = resources.resources().stopwords(recipe.equals("textfooler") ? AttackResources.TEXTFOOLER
                : AttackResources.NLTK);
        var space = resources.resources().wordEmbeddings();
        double minCos = space.calibratedMinCosSim().orElse(0.5);
        int succeeded = 0;
        try (SequenceClassifier model = victimModel(task); SequenceClassifier fresh = victimModel(task)) {
            Attack attack = Recipes.get(recipe).build(new ClassifierVictim(model), resources.resources(),
                    RecipeParams.defaults());
            ClassifierVictim recheckVictim = new ClassifierVictim(fresh);
            for (Example ex : dev) {
                AttackResult r = attack.attack(AttackExample.of(ex, task));
                System.out.printf("%s %s %d: %s %s%n", recipe, task.cliName(), ex.index(), r.status(),
                        r.perturbedTexts());
                if (r.status() != AttackStatus.SUCCEEDED) {
                    continue;
                }
                succeeded++;
                String what = recipe + " on " + task.cliName() + " " + ex.index();
                float[] p = recheckVictim.predict(List.of(new TextInput(r.perturbedTexts())))[0];
                int pred = p[0] >= p[1] ? 0 : 1;
                assertNotEquals(r.groundTruth(), pred, what + " does not flip a fresh victim");
                assertEquals(r.perturbedPrediction(), pred, what + ": reported prediction differs");
                List<String> names = task.advGlueTextKeys();
                AttackedText original = AttackedText.of(names, r.originalTexts());
                AttackedText perturbed = AttackedText.of(names, r.perturbedTexts());
                assertEquals(original.numWords(), perturbed.numWords(), what);
                int start = 0;
                for (int c = 0; c < names.size(); c++) {
                    int n = original.wordsPerColumn().get(c).size();
                    boolean touched = false;
                    for (int i = start; i < start + n; i++) {
                        String before = original.wordAt(i);
                        String after = perturbed.wordAt(i);
                        if (before.equals(after)) {
                            continue;
                        }
                        touched = true;
                        assertTrue(!stopwords.contains(before), what + " changed stopword '" + before + "'");
                        if (recipe.equals("textfooler")) {
                            double cos = space.cosine(before.toLowerCase(), after.toLowerCase()).orElse(1.0);
                            assertTrue(cos >= minCos - 1e-6, before + " -> " + after + " cosine " + cos + " < " + minCos);
                        }
                    }
                    if (!touched) {
                        assertEquals(r.originalTexts().get(c), r.perturbedTexts().get(c), what + ": " + names.get(c));
                    }
                    start += n;
                }
            }
        }
        return succeeded;
    }
}
