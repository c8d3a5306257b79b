package org.rosebench.attacks.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rosebench.attacks.FakeBackends;
import org.rosebench.attacks.recipe.BaeRecipe;
import org.rosebench.attacks.recipe.BertAttackRecipe;
import org.rosebench.attacks.recipe.TextFoolerRecipe;
import org.rosebench.attacks.spi.SentenceEmbedder;

/**
 * The calibration end to end on fake backends: "good" has the synonym "fine" and the antonym "bad", "movie" the
 * synonym "film". The fake encoder puts texts containing "bad" on another axis, so antonym swaps score low and
 * synonym swaps high, and the rules must find that.
 */
class EncoderCalibrationTest {

    private static final List<String> SENTENCES = List.of(
            "a good movie with many scenes that keep on going and going for a very long time indeed",
            "the movie is good and the actors are all there for the whole of the two hours or so",
            "one more good movie from the studio that made all of the other ones in the last ten years",
            "short good movie");

    private final List<String> embedded = new ArrayList<>();

    private SentenceEmbedder embedder() {
        return texts -> {
            embedded.addAll(texts);
            float[][] out = new float[texts.size()][];
            for (int i = 0; i < texts.size(); i++) {
                String t = texts.get(i);
                float film = t.contains("film") ? 0.1f : 0f;
                out[i] = t.contains("bad") ? new float[] {0.6f, 0.8f, film} : new float[] {1f, 0f, film};
            }
            return out;
        };
    }

    private EncoderCalibration calibration() {
        CalibrationLexicon lexicon = new CalibrationLexicon() {
            @Override
            public List<String> synonyms(String lemma, char pos) {
                return Map.of("good", List.of("fine", "decent"), "movie", List.of("film")).getOrDefault(lemma, List.of());
            }

            @Override
            public List<String> firstSenseSynonyms(String lemma, char pos) {
                return Map.of("good", List.of("fine"), "movie", List.of("film")).getOrDefault(lemma, List.of());
            }

            @Override
            public List<String> antonyms(String lemma, char pos) {
                return lemma.equals("good") ? List.of("bad") : List.of();
            }
        };
        return new EncoderCalibration(embedder(), words -> {
            List<String> tags = new ArrayList<>();
            for (String w : words) {
                tags.add(w.equals("good") ? "ADJ" : "NOUN");
            }
            return tags;
        }, FakeBackends.neighbours(Map.of("good", List.of("fine", "bad", "decent"), "movie", List.of("film"))),
                FakeBackends.constantCosine(0.8, List.of("good", "fine", "bad", "decent", "movie", "film")), lexicon,
                Set.of("the", "a", "and", "of", "is"));
    }

    @Test
    void findsTheSwapsChoosesSeparatingThresholdsAndScoresThroughTheRecipeConstraints() {
        CalibrationReport report = calibration().run(SENTENCES,
                new EncoderCalibration.Settings("fake", "test", 7L, 20, "cmd"), m -> { });
        assertEquals(4, report.sentences());
        assertEquals(1, report.sentencesShorterThanWindow());
        assertEquals(3, report.distinctTestPositions()); // "good" in each long sentence
        assertEquals(List.of("textfooler", "bae", "bert-attack"),
                report.regimes().stream().map(CalibrationReport.RegimeResult::recipe).toList());

        CalibrationReport.RegimeResult tf = report.regime("textfooler");
        assertEquals("angular", tf.metric());
        assertEquals("current", tf.reference());
        assertEquals(TextFoolerRecipe.USE_THRESHOLD_TEXTATTACK, tf.useThreshold());
        // synonym windows score 1 (or nearly: "film" tilts the vector), antonym windows 1 - acos(0.6)/pi = 0.705
        assertEquals(1.0, tf.sets().get(0).acceptCalibrated());
        assertEquals(0.0, tf.sets().get(1).acceptCalibrated());
        assertTrue(tf.calibrated() > 0.705 && tf.calibrated() <= 1.0, "threshold " + tf.calibrated());
        assertEquals(ThresholdRule.Kind.LOWER_PERCENTILE, tf.rule()); // one rule for the three recipes
        assertEquals(1.0, tf.youdenJCalibrated(), 1e-12);
        // each test position: "fine" and "bad" in a single-word and two multi-word contexts
        assertEquals(9, tf.sets().get(0).n());
        assertEquals(9, tf.sets().get(1).n());

        CalibrationReport.RegimeResult bae = report.regime("bae");
        assertEquals("cosine", bae.metric());
        assertEquals("original", bae.reference());
        assertEquals(BaeRecipe.USE_THRESHOLD_TEXTATTACK, bae.useThreshold());
        // the lowest synonym window: "film" swapped in earlier, against the original: 1 / sqrt(1.01)
        assertEquals(1 / Math.sqrt(1.01), bae.calibrated(), 1e-5);
        assertEquals(ThresholdRule.Kind.LOWER_PERCENTILE, bae.rule());

        CalibrationReport.RegimeResult ba = report.regime("bert-attack");
        assertEquals(0, ba.window());
        assertEquals(BertAttackRecipe.USE_THRESHOLD_TEXTATTACK, ba.useThreshold());
        assertEquals(20, ba.sets().get(0).n());
        assertTrue(ba.sets().get(0).acceptCalibrated() >= 0.95);
        assertEquals(ThresholdRule.Kind.LOWER_PERCENTILE, ba.rule());

        // windowed regimes embed 15-word windows, never the whole long sentences
        assertTrue(embedded.stream().anyMatch(t -> t.split(" ").length == 15));
        assertTrue(embedded.size() == new java.util.HashSet<>(embedded).size(), "each text embedded once");
        String md = report.toMarkdown();
        assertTrue(md.contains("| textfooler |") && md.contains("cmd"), md);
        assertEquals("textfooler", report.toJson().get("recipes").get(0).get("recipe").asText());
    }
}
