package org.rosebench.harness.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rosebench.attacks.Attack;
import org.rosebench.attacks.AttackExample;
import org.rosebench.attacks.AttackOptions;
import org.rosebench.attacks.AttackResources;
import org.rosebench.attacks.AttackResult;
import org.rosebench.attacks.AttackStatus;
import org.rosebench.attacks.RecipeParams;
import org.rosebench.attacks.Recipes;
import org.rosebench.attacks.backend.ClassifierVictim;
import org.rosebench.attacks.backend.DefaultResources;
import org.rosebench.attacks.spi.TextInput;
import org.rosebench.attacks.text.AttackedText;
import org.rosebench.core.catalog.ModelCatalog;
import org.rosebench.core.data.Example;
import org.rosebench.core.data.GlueData;
import org.rosebench.core.data.Split;
import org.rosebench.core.data.Task;
import org.rosebench.core.method.MethodRegistry;
import org.rosebench.core.model.SequenceClassifier;
import org.rosebench.core.train.TrainConfig;
import org.rosebench.core.train.Trainer;

/**
 * Real attack output re-checked from scratch: a MiniLM victim briefly fine-tuned on SST-2 is attacked with PWWS and
 * TextFooler; every text reported as successful must flip a freshly loaded copy of the victim, leave stopwords
 * untouched and (TextFooler) swap only to counter-fitted neighbours with cosine ≥ 0.5.
 */
@Tag("slow")
class RealAttackRecheckTest {

    private static final long SEED = 20261128L;
    private static Path checkpoint;
    private static List<Example> dev;

    @BeforeAll
    static void fineTuneVictim(@TempDir Path dir) throws Exception {
        Path data = Path.of(System.getProperty("rose.data.dir", "../data"));
        org.junit.jupiter.api.Assertions.assertTrue(Files.isDirectory(data), "no data at " + data);
        GlueData glue = new GlueData(data);
        List<Example> train = glue.load(Task.SST2, Split.TRAIN).examples().subList(0, 640);
        dev = glue.load(Task.SST2, Split.DEV).examples().subList(0, 12);
        TrainConfig config = TrainConfig.builder().optEpochs(1).optBatchSize(32).optLearningRate(1e-4).optSeed(SEED)
                .optMaxLength(64).build();
        try (SequenceClassifier model = SequenceClassifier.fromPretrained(ModelCatalog.resolve("minilm-l6"),
                Task.SST2.labelNames(), 64, SEED)) {
            new Trainer(config, dir, new ObjectMapper().createObjectNode())
                    .train(model, MethodRegistry.load().setup("vanilla", Map.of()), train, List.of());
        }
        checkpoint = dir.resolve("last");
    }

    @Test
    void pwwsSuccessesFlipAFreshVictimAndKeepStopwords() throws Exception {
        recheck("pwws", AttackResources.NLTK, false);
    }

    @Test
    void textFoolerSuccessesFlipAFreshVictimAndRespectConstraints() throws Exception {
        recheck("textfooler", AttackResources.TEXTFOOLER, true);
    }

    private void recheck(String recipe, String stopwordList, boolean neighboursOnly) throws Exception {
        List<AttackResult> results = new ArrayList<>();
        try (SequenceClassifier model = SequenceClassifier.load(checkpoint, 64);
                DefaultResources resources = new DefaultResources(null)) {
            Attack attack = Recipes.get(recipe).build(new ClassifierVictim(model), resources.resources(),
                    RecipeParams.of(AttackOptions.defaults()));
            for (Example ex : dev) {
                results.add(attack.attack(AttackExample.of(ex, Task.SST2)));
            }
            long succeeded = results.stream().filter(r -> r.status() == AttackStatus.SUCCEEDED).count();
            System.out.printf("%s on %d SST-2 dev examples: %d succeeded, %s%n", recipe, dev.size(), succeeded,
                    org.rosebench.attacks.AttackSummary.of(results));
            assertTrue(succeeded >= 2, recipe + " succeeded on only " + succeeded + " of " + dev.size()
                    + " (reproduce: seed " + SEED + ")");
            Set<String> stopwords = resources.resources().stopwords(stopwordList);
            var space = resources.resources().wordEmbeddings();
            try (SequenceClassifier fresh = SequenceClassifier.load(checkpoint, 64)) {
                ClassifierVictim victim = new ClassifierVictim(fresh);
                for (AttackResult r : results) {
                    if (r.status() != AttackStatus.SUCCEEDED) {
                        continue;
                    }
                    float[] p = victim.predict(List.of(TextInput.single(r.perturbedTexts().get(0))))[0];
                    int pred = p[0] >= p[1] ? 0 : 1;
                    assertNotEquals(r.groundTruth(), pred, recipe + ": '" + r.perturbedText() + "' does not flip");
                    assertEquals(r.perturbedPrediction(), pred, recipe + ": reported prediction differs");
                    AttackedText original = AttackedText.of(r.originalTexts().get(0));
                    AttackedText perturbed = AttackedText.of(r.perturbedTexts().get(0));
                    assertEquals(original.numWords(), perturbed.numWords(), "word swaps keep the word count");
                    for (int i = 0; i < original.numWords(); i++) {
                        String before = original.wordAt(i);
                        String after = perturbed.wordAt(i);
                        if (before.equals(after)) {
                            continue;
                        }
                        assertTrue(!stopwords.contains(before), recipe + " changed stopword '" + before + "'");
                        if (neighboursOnly) {
                            double cos = space.cosine(before.toLowerCase(), after.toLowerCase()).orElse(1.0);
                            assertTrue(cos >= 0.5 - 1e-6, before + " -> " + after + " cosine " + cos);
                        }
                    }
                }
            }
        }
    }
}
