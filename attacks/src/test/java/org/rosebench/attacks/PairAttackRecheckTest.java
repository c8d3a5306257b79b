package org.rosebench.attacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.rosebench.attacks.FakeBackends.FakeMlm;
import org.rosebench.attacks.spi.RankedToken;
import org.rosebench.attacks.spi.TextInput;
import org.rosebench.attacks.spi.Victim;
import org.rosebench.attacks.text.AttackedText;
import org.rosebench.core.data.Example;
import org.rosebench.core.data.GlueData;
import org.rosebench.core.data.Split;
import org.rosebench.core.data.Task;

/**
 * Every recipe on real RTE and QNLI dev pairs, against a stub victim whose verdict moves with any word, with every
 * success re-checked from scratch: a fresh victim flips on the reported text, stopwords are unchanged, and a column
 * the attack did not modify is byte-identical to the original. Column names follow TextAttack's HF data set wrapper
 * (RTE sentence1/sentence2, QNLI question/sentence): TextAttack v0.3.10 freezes a column only in TextFooler and
 * only for columns named exactly (premise, hypothesis), so here both sides are attackable; the same RTE pairs named
 * (premise, hypothesis) must leave TextFooler's premise byte-identical.
 */
class PairAttackRecheckTest {

    private static final int PAIRS = 4;
    private static final List<String> BAE_WORDS = List.of("alpha", "beta", "gamma", "delta", "epsilon");

    /** logits [0, s], s = sum over lower-case letter runs of all segments of a fixed weight in [-2, 2]. */
    static final class HashVictim implements Victim {
        private static final Pattern TOKEN = Pattern.compile("[a-z]+");

        static double weight(String token) {
            return (Math.floorMod(token.hashCode() * 31 + 7, 2001) - 1000) / 500.0;
        }

        static double score(List<String> segments) {
            Matcher m = TOKEN.matcher(String.join(" ", segments).toLowerCase(Locale.ROOT));
            double s = 0;
            while (m.find()) {
                s += weight(m.group());
            }
            return s;
        }

        static int label(List<String> segments) {
            return score(segments) > 0 ? 1 : 0;
        }

        @Override
        public float[][] predict(List<TextInput> batch) {
            float[][] out = new float[batch.size()][];
            for (int i = 0; i < batch.size(); i++) {
                out[i] = new float[] {0f, (float) score(batch.get(i).segments())};
            }
            return out;
        }
    }

    private static List<String> variants(String word) {
        return List.of(word + "ly", "re" + word, word + "ed", "un" + word);
    }

    private static AttackResources resources() {
        List<String> vocab = new ArrayList<>(List.of("[CLS]", "[SEP]", "[MASK]"));
        vocab.addAll(BAE_WORDS);
        FakeMlm mlm = new FakeMlm(vocab, Map.of());
        List<RankedToken> ranking = new ArrayList<>();
        for (String w : BAE_WORDS) {
            ranking.add(new RankedToken(vocab.indexOf(w), w, 0.1f));
        }
        mlm.baeRanking(ranking).topIds(3, 4, 5, 6, 7);
        return AttackResources.builder()
                .neighbourIndex((word, k) -> variants(word).subList(0, Math.min(k, 4)))
                .wordEmbeddings((a, b) -> OptionalDouble.of(0.8))
                .synonymSource(PairAttackRecheckTest::variants)
                .posTagger(FakeBackends.constantTagger("NOUN"))
                .sentenceEmbedder(FakeBackends.constantEmbedder())
                .maskedLm(mlm)
                .build();
    }

    private static List<AttackExample> pairs(Task task, List<String> names) {
        return pairs(task, names, PAIRS);
    }

    private static List<AttackExample> pairs(Task task, List<String> names, int count) {
        GlueData glue = new GlueData(Path.of(System.getProperty("rose.data.dir", "../data")));
        List<AttackExample> out = new ArrayList<>();
        for (Example ex : glue.load(task, Split.DEV).examples().subList(0, count)) {
            List<String> texts = List.of(ex.textA(), ex.textB());
            // the victim's own verdict as the label, so that no example is skipped
            out.add(new AttackExample(task.cliName() + "-" + ex.index(), names, texts, HashVictim.label(texts)));
        }
        return out;
    }

    /** Re-checks one recipe's results; returns how many succeeded and which columns were modified. */
    private static int[] recheck(String recipe, List<AttackExample> examples, Set<String> frozen) {
        Attack attack = Recipes.get(recipe).build(new HashVictim(), resources(), RecipeParams.defaults());
        Set<String> stopwords = resources().stopwords(recipe.equals("textfooler") ? AttackResources.TEXTFOOLER
                : AttackResources.NLTK);
        int succeeded = 0;
        int[] modifiedPerColumn = new int[2];
        for (AttackExample ex : examples) {
            AttackResult r = attack.attack(ex);
            if (r.status() != AttackStatus.SUCCEEDED) {
                continue;
            }
            succeeded++;
            String what = recipe + " on " + ex.id() + ": " + r.perturbedTexts();
            // a fresh victim, from scratch, on the reported texts
            int fresh = HashVictim.label(r.perturbedTexts());
            assertNotEquals(r.groundTruth(), fresh, what + " does not flip");
            assertEquals(r.perturbedPrediction(), fresh, what);
            AttackedText original = AttackedText.of(ex.columnNames(), r.originalTexts());
            AttackedText perturbed = AttackedText.of(ex.columnNames(), r.perturbedTexts());
            assertEquals(original.numWords(), perturbed.numWords(), what + ": word swaps keep the word count");
            int columnStart = 0;
            for (int c = 0; c < 2; c++) {
                int n = original.wordsPerColumn().get(c).size();
                boolean touched = false;
                for (int i = columnStart; i < columnStart + n; i++) {
                    if (!original.wordAt(i).equals(perturbed.wordAt(i))) {
                        touched = true;
                        assertTrue(!stopwords.contains(original.wordAt(i)), what + " changed stopword " + original.wordAt(i));
                        assertTrue(r.perturbedWordIndices().contains(i), what + ": unreported change at " + i);
                    }
                }
                String name = ex.columnNames().get(c);
                if (!touched) {
                    assertEquals(r.originalTexts().get(c), r.perturbedTexts().get(c), what + ": untouched " + name);
                } else {
                    modifiedPerColumn[c]++;
                }
                if (frozen.contains(name)) {
                    assertEquals(r.originalTexts().get(c), r.perturbedTexts().get(c), what + ": frozen " + name);
                }
                columnStart += n;
            }
            if (recipe.equals("bert-attack")) {
                assertTrue(r.numWordsChanged() <= Math.ceil(original.numWords() * 0.4), what);
            }
        }
        return new int[] {succeeded, modifiedPerColumn[0], modifiedPerColumn[1]};
    }

    @Test
    void everyRecipeOnRteAndQnliPairsPassesTheRecheck() {
        List<AttackExample> rte = pairs(Task.RTE, List.of("sentence1", "sentence2"));
        List<AttackExample> qnli = pairs(Task.QNLI, List.of("question", "sentence"));
        for (String recipe : Recipes.names()) {
            int[] r = recheck(recipe, rte, Set.of());
            int[] q = recheck(recipe, qnli, Set.of());
            System.out.printf("%s: RTE %d/%d succeeded (columns modified %d/%d), QNLI %d/%d (%d/%d)%n", recipe, r[0],
                    PAIRS, r[1], r[2], q[0], PAIRS, q[1], q[2]);
            assertTrue(r[0] + q[0] >= 4, recipe + " succeeded on only " + (r[0] + q[0]) + " pairs");
        }
    }

    @Test
    void textFoolerLeavesThePremiseOfPremiseHypothesisPairsByteIdentical() {
        // the same RTE pairs under SuperGLUE/MNLI column names: TextFooler's InputColumnModification applies
        // only the (short) hypothesis can change, so fewer pairs flip: take more of them
        List<AttackExample> named = pairs(Task.RTE, List.of("premise", "hypothesis"), 24);
        int[] r = recheck("textfooler", named, Set.of("premise"));
        assertTrue(r[0] >= 1, "textfooler succeeded on no pair");
        assertEquals(0, r[1]);
        // with GLUE's names nothing is frozen, and TextFooler does modify the first sentence
        int[] glue = recheck("textfooler", pairs(Task.RTE, List.of("sentence1", "sentence2")), Set.of());
        assertTrue(glue[1] >= 1, "no sentence1 was modified under GLUE's column names");
    }
}
