package org.rosebench.attacks.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rosebench.attacks.Attack;
import org.rosebench.attacks.AttackExample;
import org.rosebench.attacks.AttackResources;
import org.rosebench.attacks.AttackResult;
import org.rosebench.attacks.AttackStatus;
import org.rosebench.attacks.FakeBackends;
import org.rosebench.attacks.FakeBackends.FakeMlm;
import org.rosebench.attacks.Recipe;
import org.rosebench.attacks.RecipeParams;
import org.rosebench.attacks.Recipes;
import org.rosebench.attacks.ToySentimentVictim;
import org.rosebench.attacks.spi.RankedToken;

/**
 * Every recipe built from fake backends and run on "not great good" (label 1) against the toy victim, where
 * s = -great + good = 1. The fakes offer great -> brilliant (7) and good -> nice (2.5); "not" is a stopword
 * in both bundled lists. The rankings and query counts are those worked out in GreedyWordSwapWIRTest.
 */
class RecipesTest {

    private static final AttackExample EXAMPLE = AttackExample.single("ex", "not great good", 1);
    private static final List<String> VOCAB = List.of("[CLS]", "[SEP]", "[MASK]", "brilliant", "nice", "##ish", ".",
            "1990");

    private static AttackResources resources() {
        FakeMlm mlm = new FakeMlm(VOCAB, Map.of());
        mlm.baeRanking(List.of(new RankedToken(3, "brilliant", 0.5f), new RankedToken(4, "nice", 0.3f),
                new RankedToken(6, ".", 0.1f), new RankedToken(7, "1990", 0.1f)));
        mlm.topIds(3, 4, 5);
        return AttackResources.builder()
                .neighbourIndex(FakeBackends.neighbours(Map.of("great", List.of("brilliant"), "good", List.of("nice"))))
                .wordEmbeddings(FakeBackends.constantCosine(0.8, List.of("great", "good", "brilliant", "nice")))
                .synonymSource(word -> word.equals("great") ? List.of("great", "brilliant", "first_rate", "a.b")
                        : word.equals("good") ? List.of("nice", "good") : List.of())
                .posTagger(FakeBackends.constantTagger("ADJ"))
                .sentenceEmbedder(FakeBackends.constantEmbedder())
                .maskedLm(mlm)
                .build();
    }

    private static AttackResult run(String recipe, RecipeParams params) {
        Attack attack = Recipes.get(recipe).build(ToySentimentVictim.standard(), resources(), params);
        return attack.attack(EXAMPLE);
    }

    @Test
    void registryListsTheBuiltInRecipes() {
        assertEquals(List.of("textfooler", "bert-attack", "pwws", "bae", "greedy-word-swap"), Recipes.names());
        for (Recipe r : Recipes.all().values()) {
            assertTrue(r.describe().contains("deviations"), r.name());
            assertTrue(r.describe().startsWith(r.name() + ":"), r.name());
        }
        assertThrows(IllegalArgumentException.class, () -> Recipes.get("nope"));
    }

    @Test
    void textfooler() {
        // delete ranking: great first; "not brilliant good" succeeds (1 + 2 + 1 queries)
        AttackResult r = run("textfooler", RecipeParams.defaults());
        assertEquals(AttackStatus.SUCCEEDED, r.status());
        assertEquals("not brilliant good", r.perturbedText());
        assertEquals(4, r.numQueries());
    }

    @Test
    void bertAttack() {
        // unk ranking: good first. Candidates (top ids brilliant, nice, ##ish): "not great brilliant" (s=5),
        // "not great nice" (0.5, accepted). Then great: "not brilliant nice" (-4.5), "not nice nice" (0):
        // both succeed, brilliant scores higher and all similarities are 1.
        AttackResult r = run("bert-attack", RecipeParams.defaults());
        assertEquals(AttackStatus.SUCCEEDED, r.status());
        assertEquals("not brilliant nice", r.perturbedText());
        assertEquals(7, r.numQueries());
    }

    @Test
    void bertAttackMaxWordsPerturbedBlocksASecondSwapOnShortTexts() {
        // 40% of 3 words rounds up to 2, so two swaps pass; with 30% (0.9 -> 1) the second swap is refused.
        AttackResult r = run("bert-attack", RecipeParams.defaults().with("max-percent", "0.3"));
        assertEquals(AttackStatus.FAILED, r.status());
        assertEquals("not great nice", r.perturbedText());
    }

    @Test
    void pwws() {
        AttackResult r = run("pwws", RecipeParams.defaults());
        assertEquals(AttackStatus.SUCCEEDED, r.status());
        assertEquals("not brilliant good", r.perturbedText());
        assertEquals(6, r.numQueries());
    }

    @Test
    void bae() {
        // delete ranking: great first; candidates brilliant and nice ("." is punctuation, "1990" has no letter)
        AttackResult r = run("bae", RecipeParams.defaults());
        assertEquals(AttackStatus.SUCCEEDED, r.status());
        assertEquals("not brilliant good", r.perturbedText());
        assertEquals(5, r.numQueries());
    }

    @Test
    void greedyWordSwapAndItsSearchVariants() {
        AttackResult wir = run("greedy-word-swap", RecipeParams.defaults());
        assertEquals("not brilliant nice", wir.perturbedText());
        assertEquals(5, wir.numQueries());
        // greedy (beam 1): round 1 "not brilliant good" (-4) succeeds at once: 1 + 2 queries
        AttackResult greedy = run("greedy-word-swap", RecipeParams.defaults().with("search", "greedy"));
        assertEquals("not brilliant good", greedy.perturbedText());
        assertEquals(3, greedy.numQueries());
        AttackResult beam = run("greedy-word-swap", RecipeParams.defaults().with("search", "beam"));
        assertEquals(AttackStatus.SUCCEEDED, beam.status());
    }

    @Test
    void unknownParametersAndMissingBackendsFailClearly() {
        assertThrows(IllegalArgumentException.class, () -> run("pwws", RecipeParams.defaults().with("max-candidates", "3")));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Recipes.get("bae")
                .build(ToySentimentVictim.standard(), AttackResources.builder().build(), RecipeParams.defaults()));
        assertTrue(e.getMessage().contains("masked language model"), e.getMessage());
    }

    @Test
    void describeListsComponents() {
        Attack attack = Recipes.get("textfooler").build(ToySentimentVictim.standard(), resources(), RecipeParams.defaults());
        String d = attack.describe();
        assertTrue(d.contains("word-swap-embedding (50 nearest neighbours"), d);
        assertTrue(d.contains("stopword-modification (textfooler, 266 words"), d);
        assertTrue(d.contains("sentence-encoder (angular >= " + TextFoolerRecipe.USE_THRESHOLD_DEFAULT
                + ", window 15 words, shorter texts pass, vs current)"), d);
        assertTrue(d.contains("greedy-word-swap-wir (delete)"), d);
    }

    private static String built(String recipe, RecipeParams params) {
        return Recipes.get(recipe).build(ToySentimentVictim.standard(), resources(), params).describe();
    }

    /** Defaults read off TextAttack v0.3.10's recipe files (docs/attacks.md §0, §2-§6). */
    @Test
    void defaultsAreTextAttackV0310s() {
        for (String recipe : Recipes.names()) {
            String d = built(recipe, RecipeParams.defaults());
            assertTrue(d.contains("TextAttack v0.3.10 (leading symbols only)"), d);
            assertTrue(d.contains(recipe.equals("textfooler") ? "stopword-modification (textfooler, 266 words"
                    : "stopword-modification (nltk, 179 words"), d);
            assertTrue(Recipes.get(recipe).describe().contains("TextAttack v0.3.10"), recipe);
        }
        String bert = built("bert-attack", RecipeParams.defaults());
        assertTrue(bert.contains("K=48") && bert.contains("itertools.product order"), bert);
        assertTrue(bert.contains("greedy-word-swap-wir (unk"), bert);
        for (String recipe : List.of("textfooler", "bae")) {
            String d = built(recipe, RecipeParams.defaults());
            assertTrue(d.contains("tag read at the word's first occurrence"), d);
            assertTrue(d.contains("greedy-word-swap-wir (delete)"), d);
        }
        assertTrue(built("bae", RecipeParams.defaults()).contains("bae: 50 candidates at [MASK], min confidence 0.0, "
                + "whole vocabulary walked"));
        assertTrue(built("greedy-word-swap", RecipeParams.defaults()).contains("word-swap-embedding (15 nearest"));
        assertTrue(built("pwws", RecipeParams.defaults()).contains("greedy-word-swap-wir (weighted-saliency"));
    }

    @Test
    void deviationsFromThePinnedDefaultsAreParameters() {
        assertTrue(built("pwws", RecipeParams.defaults().with("segmentation", "v0.3.11"))
                .contains("TextAttack v0.3.11 (symbols stripped at both ends)"));
        assertTrue(built("bert-attack", RecipeParams.defaults().with("sort-by-perplexity", "true"))
                .contains("perplexity order"));
        assertTrue(built("textfooler", RecipeParams.defaults().with("pos-tag-at", "position"))
                .contains("tag read at the word's own position"));
        assertThrows(IllegalArgumentException.class, () -> built("bae", RecipeParams.defaults().with("pos-tag-at", "x")));
        assertThrows(IllegalArgumentException.class,
                () -> built("pwws", RecipeParams.defaults().with("segmentation", "v0.3.9")));
    }

    @Test
    void sentenceEncoderThresholdsDefaultToTheMiniLmCalibrationAndUseThresholdOverrides() {
        Map<String, double[]> thresholds = Map.of(
                "textfooler", new double[] {TextFoolerRecipe.USE_THRESHOLD_DEFAULT, TextFoolerRecipe.USE_THRESHOLD_TEXTATTACK},
                "bae", new double[] {BaeRecipe.USE_THRESHOLD_DEFAULT, BaeRecipe.USE_THRESHOLD_TEXTATTACK},
                "bert-attack", new double[] {BertAttackRecipe.USE_THRESHOLD_DEFAULT, BertAttackRecipe.USE_THRESHOLD_TEXTATTACK});
        thresholds.forEach((recipe, t) -> {
            String calibrated = Recipes.get(recipe).build(ToySentimentVictim.standard(), resources(), RecipeParams.defaults())
                    .describe();
            assertTrue(calibrated.contains(">= " + t[0] + ","), calibrated);
            String use = Recipes.get(recipe).build(ToySentimentVictim.standard(), resources(),
                    RecipeParams.defaults().with("use-threshold", String.valueOf(t[1]))).describe();
            assertTrue(use.contains(">= " + t[1] + ","), use);
            // what `rose-bench recipes` prints names the encoder, the calibrated value and USE's
            String help = Recipes.get(recipe).describe();
            assertTrue(help.contains("minilm-l6") && help.contains(String.valueOf(t[0])) && help.contains(String.valueOf(t[1]))
                    && help.contains("calibrated"), help);
        });
    }
}
