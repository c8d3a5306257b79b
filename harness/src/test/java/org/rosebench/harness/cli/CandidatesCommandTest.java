package org.rosebench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.rosebench.attacks.constraint.StopwordModification;
import org.rosebench.attacks.constraint.Stopwords;
import org.rosebench.attacks.lexicon.WordNetSynonyms;
import org.rosebench.attacks.text.AttackedText;
import org.rosebench.attacks.transform.WordSwapWordNet;

/**
 * {@code candidates} with PWWS (WordNet, about a second to load), re-checked against PWWS's components called
 * directly: repeat + NLTK stopwords before a WordNet swap, and no constraint after it, so a word is modifiable
 * exactly when it is not an NLTK stopword and its accepted candidates are exactly the WordNet swaps.
 */
class CandidatesCommandTest {

    private static final String TEXT = "the movie was good";

    private static JsonNode json(String... args) throws Exception {
        CliRun run = CliRun.run(args);
        assertEquals(0, run.code(), run.err());
        return new ObjectMapper().readTree(run.out());
    }

    @Test
    void pwwsVerdictsMatchTheComponentsCalledDirectly() throws Exception {
        JsonNode out = json("candidates", "--recipe", "pwws", "--json", TEXT);
        assertEquals("pwws", out.get("recipe").asText());
        JsonNode words = out.get("words");
        assertEquals(4, words.size());

        // stopword: word-level verdict, no candidates
        JsonNode the = words.get(0);
        assertEquals("the", the.get("word").asText());
        assertEquals("stopword-modification", the.get("pre_transformation").asText());
        assertEquals(0, the.get("candidates").size());

        // a WordNet synonym of "movie" is accepted
        JsonNode movie = words.get(1);
        assertFalse(movie.has("pre_transformation"));
        Set<String> movieAccepted = accepted(movie);
        assertTrue(movieAccepted.contains("film"), movie.toString());

        // independent re-check: PWWS's components, built here, not through the command or CandidateAudit
        AttackedText original = AttackedText.of(TEXT);
        StopwordModification stopwords = new StopwordModification(Stopwords.nltkEnglish(), "nltk");
        Set<Integer> modifiable = stopwords.modifiableIndices(original);
        WordSwapWordNet swap = new WordSwapWordNet(WordNetSynonyms.shared());
        int acceptedTotal = 0;
        for (JsonNode w : words) {
            int i = w.get("index").asInt();
            assertEquals(original.wordAt(i), w.get("word").asText());
            assertEquals(!modifiable.contains(i), w.has("pre_transformation"), w.toString());
            Set<String> expected = new HashSet<>();
            if (modifiable.contains(i)) {
                SortedSet<Integer> at = new TreeSet<>(List.of(i));
                for (AttackedText t : swap.transform(original, at)) {
                    if (!t.text().equals(original.text())) {
                        expected.add(t.wordAt(i));
                    }
                }
            }
            for (JsonNode c : w.get("candidates")) {
                assertEquals("accepted", c.get("verdict").asText(), "pwws has no post-transformation constraint");
            }
            assertEquals(expected, accepted(w), w.get("word").asText());
            acceptedTotal += expected.size();
        }
        assertTrue(acceptedTotal > 0);
    }

    @Test
    void pairTaskListsBothSegmentsAndTheTextTable() throws Exception {
        JsonNode out = json("candidates", "--recipe", "pwws", "--task", "rte", "--json", "the movie", "a good film");
        assertEquals(2, out.get("segments").size());
        assertTrue(out.get("segments").get(0).get("attacked").asBoolean(), "pwws freezes no column");
        assertEquals("sentence1", out.get("words").get(1).get("segment").asText());
        assertEquals("sentence2", out.get("words").get(4).get("segment").asText());
        assertTrue(accepted(out.get("words").get(4)).contains("movie"), out.get("words").get(4).toString());

        CliRun text = CliRun.run("candidates", "--recipe", "pwws", TEXT);
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("[0] the  -- not modifiable: stopword-modification"), text.out());
        assertTrue(text.out().lines().anyMatch(l -> l.strip().matches("film\\s+accepted")), text.out());
    }

    @Test
    void twoTextsWithoutATaskAreAUsageError() {
        CliRun run = CliRun.run("candidates", "--recipe", "pwws", "a b", "c d");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("--task"), run.err());
        assertEquals(2, CliRun.run("candidates", "--recipe", "pwws", "--task", "sst2", "a", "b").code());
    }

    private static Set<String> accepted(JsonNode word) {
        Set<String> out = new HashSet<>();
        for (JsonNode c : word.get("candidates")) {
            if (c.get("verdict").asText().equals("accepted")) {
                out.add(c.get("text").asText());
            }
        }
        return out;
    }
}
