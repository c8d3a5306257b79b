package org.rosebench.attacks.calibration;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What {@link EncoderCalibration} found: per recipe, the chosen threshold and how synonym and antonym pairs fare at
 * USE's number and at the calibrated one. Written as {@value #JSON} and {@value #MARKDOWN}.
 *
 * @param sentencesShorterThanWindow sentences with fewer words than the window: every swap in them passes the
 *                                   windowed constraints whatever the threshold
 */
public record CalibrationReport(EncoderCalibration.Settings settings, int sentences, int sentencesShorterThanWindow,
        int window, int sentencesWithSwaps, int distinctTestPositions, int textsEmbedded, double embedSeconds,
        double seconds, List<RegimeResult> regimes, List<ScoreRow> scores) {

    public static final String JSON = "encoder-calibration.json";
    public static final String MARKDOWN = "encoder-calibration.md";

    /** Acceptance and score quantiles of one pair set. */
    public record SetStats(String name, String description, int n, double acceptUse, double acceptCalibrated,
            double p01, double p05, double p25, double median, double p75) {
    }

    /** A point of the trade-off: the largest threshold that keeps a share of the positives, and what it does. */
    public record CurvePoint(double threshold, double acceptPositive, double acceptNegative) {
    }

    /** One scored pair: recipe, set, item key (sentence:position), words swapped, score and the embedded texts. */
    public record ScoreRow(String recipe, String set, String item, int swaps, double score, String reference,
            String candidate) {
    }

    /** One scored pair, for illustration. */
    public record Example(String reference, String candidate, String kind, double score) {
    }

    /** One recipe's regime, threshold and pair sets (the first two sets are the rule's positives and negatives). */
    public record RegimeResult(String recipe, String metric, int window, String reference, boolean shorterTextsPass,
            ThresholdRule.Kind rule, double useThreshold, double calibrated, double intervalLow, double intervalHigh,
            double recipeDefault, double youdenArgmax, double youdenMax, double youdenSe, double youdenJUse,
            double youdenJCalibrated, List<SetStats> sets,
            List<CurvePoint> curve, List<Example> examples) {

        public String regimeText() {
            return metric + ", " + (window > 0 ? "window " + window : "whole text") + " vs " + reference
                    + (shorterTextsPass && window > 0 ? ", shorter texts pass" : "");
        }

        public String ruleText() {
            return switch (rule) {
                case MAX_YOUDEN_J -> "max. Youden's J (synonym − antonym acceptance)";
                case YOUDEN_J_ONE_SE -> "lowest threshold with Youden's J within 1 SE of its maximum";
                case LOWER_PERCENTILE -> String.format(Locale.ROOT, "%.0fth percentile of the synonym set",
                        100 * EncoderCalibration.PERCENTILE);
            };
        }

        /** Whether the recipe's default already is the calibrated value. */
        public boolean defaultMatches() {
            return Math.abs(recipeDefault - calibrated) < 1e-12;
        }
    }

    public RegimeResult regime(String recipe) {
        for (RegimeResult r : regimes) {
            if (r.recipe().equals(recipe)) {
                return r;
            }
        }
        throw new IllegalArgumentException("no regime " + recipe);
    }

    public ObjectNode toJson() {
        ObjectMapper m = new ObjectMapper();
        ObjectNode o = m.createObjectNode();
        o.put("encoder", settings.encoder()).put("data", settings.source()).put("seed", settings.seed())
                .put("min_word_cos", settings.minWordCos())
                .put("pairs_per_set", settings.pairs()).put("command", settings.command());
        o.put("sentences", sentences).put("sentences_shorter_than_window", sentencesShorterThanWindow)
                .put("window", window).put("sentences_with_swappable_words", sentencesWithSwaps)
                .put("distinct_test_positions", distinctTestPositions).put("texts_embedded", textsEmbedded)
                .put("embed_seconds", round(embedSeconds, 1)).put("seconds", round(seconds, 1))
                .put("bootstrap_rounds", EncoderCalibration.BOOTSTRAP);
        ArrayNode list = o.putArray("recipes");
        for (RegimeResult r : regimes) {
            ObjectNode n = list.addObject();
            n.put("recipe", r.recipe()).put("metric", r.metric()).put("window", r.window())
                    .put("reference", r.reference()).put("shorter_texts_pass", r.shorterTextsPass())
                    .put("rule", r.rule().name().toLowerCase(Locale.ROOT)).put("rule_text", r.ruleText())
                    .put("use_threshold", r.useThreshold()).put("minilm_threshold", r.calibrated());
            n.putArray("bootstrap_90").add(r.intervalLow()).add(r.intervalHigh());
            if (r.rule() != ThresholdRule.Kind.LOWER_PERCENTILE) {
                n.put("youden_j_max", round(r.youdenMax(), 4)).put("youden_j_argmax", r.youdenArgmax())
                        .put("youden_j_max_standard_error", round(r.youdenSe(), 4));
            }
            n.put("recipe_default", r.recipeDefault()).put("recipe_default_is_calibrated", r.defaultMatches())
                    .put("youden_j_at_use", round(r.youdenJUse(), 4))
                    .put("youden_j_at_minilm", round(r.youdenJCalibrated(), 4));
            ArrayNode sets = n.putArray("sets");
            for (SetStats s : r.sets()) {
                ObjectNode x = sets.addObject();
                x.put("name", s.name()).put("description", s.description()).put("n", s.n())
                        .put("accept_at_use", round(s.acceptUse(), 4)).put("accept_at_minilm", round(s.acceptCalibrated(), 4));
                ObjectNode q = x.putObject("quantiles");
                q.put("p1", round(s.p01(), 4)).put("p5", round(s.p05(), 4)).put("p25", round(s.p25(), 4))
                        .put("p50", round(s.median(), 4)).put("p75", round(s.p75(), 4));
            }
            ArrayNode curve = n.putArray("tradeoff");
            for (CurvePoint c : r.curve()) {
                curve.addObject().put("threshold", c.threshold()).put("accept_positive", round(c.acceptPositive(), 4))
                        .put("accept_negative", round(c.acceptNegative(), 4));
            }
            ArrayNode ex = n.putArray("examples");
            for (Example e : r.examples()) {
                ex.addObject().put("kind", e.kind()).put("score", round(e.score(), 4)).put("reference", e.reference())
                        .put("candidate", e.candidate());
            }
        }
        return o;
    }

    public String toMarkdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("# Sentence-encoder thresholds for ").append(settings.encoder()).append(" in place of USE\n\n");
        sb.append("""
            TextFooler, BAE and BERT-Attack filter swaps with the Universal Sentence Encoder (USE), which is not
            obtainable here; the recipes embed with %s
            instead. MiniLM scores an antonym swap almost as high as a paraphrase, so TextAttack's USE thresholds
            cannot be copied: each recipe's threshold is re-chosen, by one rule for all three recipes, on pairs built
            from %s (training data only: never a split that is attacked) and scored by the recipe's own constraint
            (same metric, window and reference). Written by:

                %s

            """.formatted(settings.encoder(), settings.source(), settings.command()));
        sb.append("## Thresholds\n\n");
        sb.append("| recipe | regime | USE threshold | MiniLM threshold | 90% bootstrap | rule | synonym acc. @ USE "
                + "| antonym acc. @ USE | synonym acc. @ MiniLM | antonym acc. @ MiniLM |\n");
        sb.append("|---|---|---:|---:|---|---|---:|---:|---:|---:|\n");
        for (RegimeResult r : regimes) {
            SetStats pos = r.sets().get(0);
            SetStats neg = r.sets().get(1);
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | **%s** | %s–%s | %s | %s | %s | %s | %s |%n",
                    r.recipe(), r.regimeText(), num(r.useThreshold()), num(r.calibrated()), num(r.intervalLow()),
                    num(r.intervalHigh()), r.ruleText(), pct(pos.acceptUse()), pct(neg.acceptUse()),
                    pct(pos.acceptCalibrated()), pct(neg.acceptCalibrated())));
        }
        sb.append("\n\"Synonym\"/\"antonym\" are the sets the rule uses; for bert-attack they are the synonym- and "
                + "antonym-perturbed texts (below). ");
        boolean all = regimes.stream().allMatch(RegimeResult::defaultMatches);
        sb.append(all ? "The recipes' defaults are these MiniLM thresholds; `--param use-threshold=X` overrides them "
                + "(USE's numbers restore TextAttack's).\n\n"
                : "**Some recipe defaults differ from these values** (see `recipe_default` in the JSON).\n\n");
        sb.append("## Rules\n\n");
        sb.append("""
            - **One rule for textfooler, bae and bert-attack**: the threshold is the largest one that accepts at least
              %.0f%% of the regime's meaning-preserving pairs (the %.0fth percentile of their scores): the sense-1
              synonym swaps for the windowed regimes, the synonym-perturbed texts for the whole-text one. In
              TextAttack, USE's thresholds let synonym substitutions through; whether they also reject antonym swaps
              cannot be carried over, since MiniLM barely separates antonym from synonym swaps at any threshold
              (Youden's J near 0, see the tables). So the rule keeps the role MiniLM can play and leaves the rest to
              the other constraints; antonym pairs are reported, not used.
            - Each threshold is reported as the shortest decimal between the two observed scores around the
              percentile, so its acceptances on these pairs equal the percentile's. The 90%% bootstrap interval (%d
              rounds; test positions, or texts for bert-attack, resampled; the rule re-applied each round) shows how
              firmly the pairs fix it.

            """.formatted(100 * (1 - EncoderCalibration.PERCENTILE), 100 * EncoderCalibration.PERCENTILE,
                EncoderCalibration.BOOTSTRAP));
        sb.append("## Pairs\n\n");
        sb.append("""
            - Data: %s (%d sentences), seed %d, --pairs %d.
            - A word can be swapped when it is alphabetic, in neither stopword list (TextFooler's, NLTK's), tagged
              NOUN/VERB/ADJ/ADV by the attack's POS tagger (OpenNLP) and itself a WordNet 3.0 base form of that part
              of speech. **Synonyms**: its WordNet synonyms of that part of speech that are also among its %d nearest
              neighbours in the word-embedding space with word cosine >= %s (TextFooler candidates that WordNet
              confirms).
              Counter-fitting pulled the synonyms of every sense together, so many are wrong-sense swaps
              (end → terminal, year → twelvemonth); the meaning-preserving test swaps therefore use only the
              synonyms of the word's most frequent WordNet sense (sense 1). **Antonyms**: its WordNet antonyms
              (lexical antonym pointers) of that part of speech. Case is restored as the transformations do.
            - **Windowed regimes** (textfooler, bae): %d of the sentences have fewer than %d words; every swap in them
              passes whatever the threshold, so pairs come from the %d longer ones. A test position is a word with
              both a sense-1 synonym and an antonym (%d of them used; at most --pairs / 3). Each is scored in its
              single-word context and in %d multi-word contexts (after 1-%d earlier synonym swaps elsewhere in the
              sentence); in each context every sense-1 synonym and every antonym is swapped in, so synonym and
              antonym pairs share sentence, word and context. textfooler compares with the text before the swap
              (current), bae with the original.
            - **Whole-text regime** (bert-attack): --pairs sentences (drawn with replacement) with 1 word to
              ceil(40%% of the words) swapped for synonyms (any sense: what a swap attack produces), against the
              original; when the sentence has a position with an antonym, it is one of the swaps and its antonym twin
              is scored too. Unrelated pairs (another random sentence) are shown for context.
            - Sizes: the windowed sets use every test position the sentences offer when --pairs allows (the supply is
              the limit, not the budget); for bert-attack, --pairs texts put about --pairs/20 texts below the 5th
              percentile. The bootstrap intervals above show the precision this buys. %d distinct texts embedded in
              %.0f s; whole run %.0f s.

            """.formatted(settings.source(), sentences, settings.seed(), settings.pairs(), EncoderCalibration.NEIGHBOURS,
                num(settings.minWordCos()), sentencesShorterThanWindow, window,
                sentences - sentencesShorterThanWindow, distinctTestPositions, EncoderCalibration.PRIOR_SETS,
                EncoderCalibration.MAX_PRIOR_SWAPS,
                textsEmbedded, embedSeconds, seconds));
        for (RegimeResult r : regimes) {
            sb.append("## ").append(r.recipe()).append(" (").append(r.regimeText()).append(")\n\n");
            if (r.rule() == ThresholdRule.Kind.LOWER_PERCENTILE) {
                sb.append(String.format(Locale.ROOT, "Youden's J (synonym vs antonym set): %.3f at USE's %s,"
                        + " %.3f at %s.%n%n", r.youdenJUse(), num(r.useThreshold()), r.youdenJCalibrated(),
                        num(r.calibrated())));
            } else {
                sb.append(String.format(Locale.ROOT, "Youden's J: %.3f at USE's %s, %.3f at %s; its maximum is %.3f at"
                        + " %s (bootstrap standard error %.3f).%n%n", r.youdenJUse(), num(r.useThreshold()),
                        r.youdenJCalibrated(), num(r.calibrated()), r.youdenMax(), num(r.youdenArgmax()), r.youdenSe()));
            }
            sb.append(String.format(Locale.ROOT, "| set | pairs | accepted @ %s | accepted @ %s | p1 | p5 | p25 | median "
                    + "| p75 |%n", num(r.useThreshold()), num(r.calibrated())));
            sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (SetStats s : r.sets()) {
                sb.append(String.format(Locale.ROOT, "| %s: %s | %d | %s | %s | %.3f | %.3f | %.3f | %.3f | %.3f |%n",
                        s.name(), s.description(), s.n(), pct(s.acceptUse()), pct(s.acceptCalibrated()), s.p01(),
                        s.p05(), s.p25(), s.median(), s.p75()));
            }
            sb.append("\nTrade-off (the largest threshold keeping a given share of the ").append(r.sets().get(0).name())
                    .append(" set):\n\n| threshold | ").append(r.sets().get(0).name()).append(" accepted | ")
                    .append(r.sets().get(1).name()).append(" accepted | J |\n|---:|---:|---:|---:|\n");
            for (CurvePoint c : r.curve()) {
                String mark = Math.abs(c.threshold() - r.calibrated()) < 1e-12 ? " (calibrated)"
                        : Math.abs(c.threshold() - r.useThreshold()) < 1e-12 ? " (USE's)" : "";
                sb.append(String.format(Locale.ROOT, "| %s%s | %s | %s | %.3f |%n", num(c.threshold()), mark,
                        pct(c.acceptPositive()), pct(c.acceptNegative()), c.acceptPositive() - c.acceptNegative()));
            }
            sb.append("\nExamples (reference → candidate, as embedded):\n\n");
            for (Example e : r.examples()) {
                sb.append(String.format(Locale.ROOT, "- %s %.3f: \"%s\" → \"%s\"%n", e.kind(), e.score(),
                        e.reference(), e.candidate()));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Writes {@value #JSON} and {@value #MARKDOWN} into {@code dir}. */
    public void write(Path dir) throws IOException {
        write(dir, "encoder-calibration");
    }

    /** Writes {@code base}.json and {@code base}.md into {@code dir}, each atomically. */
    public void write(Path dir, String base) throws IOException {
        Files.createDirectories(dir);
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        writeAtomically(dir.resolve(base + ".json"), m.writeValueAsString(toJson()) + "\n");
        writeAtomically(dir.resolve(base + ".md"), toMarkdown());
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = org.rosebench.core.util.Cache.tempSibling(file);
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            org.rosebench.core.util.Cache.moveAtomically(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Every scored pair as tab-separated values with a header line. */
    public void writeScores(Path file) throws IOException {
        StringBuilder sb = new StringBuilder("recipe\tset\titem\tswaps\tscore\treference\tcandidate\n");
        for (ScoreRow r : scores) {
            sb.append(r.recipe()).append('\t').append(r.set()).append('\t').append(r.item()).append('\t')
                    .append(r.swaps()).append('\t').append(r.score()).append('\t').append(tsv(r.reference()))
                    .append('\t').append(tsv(r.candidate())).append('\n');
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    private static String tsv(String s) {
        return s.replace('\t', ' ').replace('\n', ' ');
    }

    private static double round(double x, int places) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return x;
        }
        double f = Math.pow(10, places);
        return Math.round(x * f) / f;
    }

    private static String pct(double x) {
        return Double.isNaN(x) ? "–" : String.format(Locale.ROOT, "%.1f%%", 100 * x);
    }

    static String num(double x) {
        String s = java.math.BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
        return s;
    }
}
