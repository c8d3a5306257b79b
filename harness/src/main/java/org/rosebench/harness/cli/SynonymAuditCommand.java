package org.rosebench.harness.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.rosebench.attacks.constraint.Stopwords;
import org.rosebench.attacks.lexicon.CounterFittedSpace;
import org.rosebench.attacks.lexicon.NearestNeighbours;
import org.rosebench.attacks.lexicon.SynonymAudit;
import org.rosebench.attacks.lexicon.WordNetRelations;
import org.rosebench.attacks.lexicon.WordRelations.Relation;
import org.rosebench.attacks.recipe.TextFoolerRecipe;
import org.rosebench.attacks.text.WordSegmenter;
import org.rosebench.core.data.Example;
import org.rosebench.core.data.GlueData;
import org.rosebench.core.data.Split;
import org.rosebench.core.data.SplitFile;
import org.rosebench.core.data.Task;
import org.rosebench.core.util.Cache;
import org.rosebench.core.util.Provenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "synonym-audit", description = "Audit word-embedding spaces as synonym sources for textfooler and "
        + "greedy-word-swap: antonym share, WordNet synonym recall@50 and no-relation share of the accepted neighbours "
        + "of the words of the attacked GLUE tasks; writes synonym-space-DATE.md and .json.")
final class SynonymAuditCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common = new CommonOptions();

    @Option(names = "--data", description = "a data root searched first (see 'data list')")
    Path data;

    @Option(names = "--space", paramLabel = "NAME", split = ",",
            description = "built-in spaces to audit (default: all: nlp4j-wordnet-v1, nlp4j-wordnet-v2)")
    List<String> spaces;

    @Option(names = "--vectors", paramLabel = "FILE", description = "also audit this vector file (word then floats per line)")
    List<Path> vectors = new ArrayList<>();

    @Option(names = "--tasks", split = ",", defaultValue = "sst2,rte,qnli",
            description = "tasks whose train and dev words are audited (default ${DEFAULT-VALUE})")
    List<String> tasks;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "results/attacks", description = "output directory (default ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--date", description = "date in the report's file name (default today)")
    String date;

    /** One audited space. */
    /**
     * @param fittedMinCos the bound the rule gives on the training-split words ({@link SynonymAudit#SYNONYM_KEEP})
     */
    private record Audited(String name, String identity, double minCos, SynonymAudit.Scan scan, double fittedMinCos) {}

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        GlueData glue = new GlueData(CommonOptions.dataDir(data));
        Map<String, Integer> sources = new LinkedHashMap<>();
        Set<String> words = new LinkedHashSet<>();
        Set<String> trainWords = new HashSet<>();
        Set<String> protectedWords = new HashSet<>(Stopwords.textFooler());
        protectedWords.retainAll(Stopwords.nltkEnglish());
        for (String t : tasks) {
            Task task = Task.byName(t);
            for (Split split : List.of(Split.TRAIN, Split.DEV)) {
                SplitFile file = glue.resolve(task, split);
                Set<String> own = new TreeSet<>();
                for (Example ex : glue.load(task, split).examples()) {
                    addWords(own, ex.textA());
                    if (ex.textB() != null) {
                        addWords(own, ex.textB());
                    }
                }
                own.removeAll(protectedWords);
                sources.put(task.cliName() + " " + split.name().toLowerCase(Locale.ROOT) + " ("
                        + file.path().getFileName() + ", " + file.variant().name().toLowerCase(Locale.ROOT) + ")",
                        own.size());
                words.addAll(own);
                if (split == Split.TRAIN) {
                    trainWords.addAll(own);
                }
            }
        }
        List<String> sorted = new ArrayList<>(new TreeSet<>(words));
        log("%,d word types from %s (stopwords of both TextFooler's and NLTK's list left out)", sorted.size(), sources);
        WordNetRelations relations = WordNetRelations.shared();
        List<Audited> audited = new ArrayList<>();
        List<CounterFittedSpace.BuiltIn> builtIns = new ArrayList<>();
        if (spaces == null) {
            builtIns.addAll(List.of(CounterFittedSpace.BuiltIn.values()));
        } else {
            for (String s : spaces) {
                builtIns.add(CounterFittedSpace.BuiltIn.parse(s));
            }
        }
        for (CounterFittedSpace.BuiltIn b : builtIns) {
            NearestNeighbours nn = CounterFittedSpace.builtIn(b);
            log("auditing %s (content hash %s)", b.label(), nn.contentHash());
            SynonymAudit.Scan scan = SynonymAudit.scan(nn, sorted, NearestNeighbours.DEFAULT_K, relations, this::log);
            audited.add(new Audited(b.label(), CounterFittedSpace.identity(b).replace("sha256:null", "sha256:"
                    + nn.contentHash()), nn.calibratedMinCosSim().orElse(TextFoolerRecipe.MIN_COS_SIM), scan,
                    scan.thresholdKeepingSynonyms(SynonymAudit.SYNONYM_KEEP, trainWords)));
        }
        for (Path v : vectors) {
            NearestNeighbours nn = CounterFittedSpace.fromTextFile(v);
            SynonymAudit.Scan scan = SynonymAudit.scan(nn, sorted, NearestNeighbours.DEFAULT_K, relations, this::log);
            audited.add(new Audited(v.getFileName().toString(), "vectors " + v + " content hash " + nn.contentHash(),
                    TextFoolerRecipe.MIN_COS_SIM, scan, scan.thresholdKeepingSynonyms(SynonymAudit.SYNONYM_KEEP,
                    trainWords)));
        }
        String day = date != null ? date : LocalDate.now().toString();
        String command = "rose-bench synonym-audit" + (spaces != null ? " --space " + String.join(",", spaces) : "")
                + (vectors.isEmpty() ? "" : " --vectors " + vectors) + " --tasks " + String.join(",", tasks) + " --out "
                + out + (date != null ? " --date " + date : "");
        double seconds = (System.nanoTime() - start) / 1e9;
        int trainAudited = (int) trainWords.stream().filter(words::contains).count();
        ObjectNode json = toJson(audited, sources, sorted.size(), command, seconds);
        json.put("training_words", trainAudited);
        String md = toMarkdown(audited, sources, sorted.size(), command, seconds, trainAudited);
        Files.createDirectories(out);
        Path jsonFile = out.resolve("synonym-space-" + day + ".json");
        Path mdFile = out.resolve("synonym-space-" + day + ".md");
        write(jsonFile, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n");
        write(mdFile, md);
        if (common.json) {
            Json.print(json);
        } else {
            System.out.println(summaryTable(audited));
            System.out.println("wrote " + mdFile + " and " + jsonFile);
        }
        return 0;
    }

    private static void addWords(Set<String> out, String text) {
        for (String w : WordSegmenter.DEFAULT.words(text)) {
            out.add(w.toLowerCase(Locale.ROOT));
        }
    }

    private void log(String format, Object... args) {
        if (!common.json) {
            System.err.println("synonym-audit: " + String.format(Locale.ROOT, format, args));
        }
    }

    private void log(String message) {
        log("%s", message);
    }

    private static void write(Path file, String text) throws java.io.IOException {
        Path tmp = Cache.tempSibling(file);
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Cache.moveAtomically(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** TextFooler's 0.5, and the space's own bound when it has one. */
    private static List<Double> thresholds(Audited a) {
        List<Double> out = new ArrayList<>(List.of(TextFoolerRecipe.MIN_COS_SIM));
        if (a.minCos() != TextFoolerRecipe.MIN_COS_SIM) {
            out.add(a.minCos());
        }
        return out;
    }

    private static String summaryTable(List<Audited> audited) {
        StringBuilder sb = new StringBuilder();
        sb.append("| space | min_cos_sim | words | top-50 kept | antonym share | synonym recall@50 (pooled) | no-relation share |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (Audited a : audited) {
            for (double t : thresholds(a)) {
                SynonymAudit.Measures m = a.scan().at(t);
                sb.append(String.format(Locale.ROOT, "| %s | %s%s | %,d | %.2f%% | %.2f%% | %.1f%% (%.1f%%) | %.1f%% |%n",
                        a.name(), num(t), t == a.minCos() ? " (default)" : "", a.scan().words(), 100 * m.keptShare(),
                        100 * m.antonymShare(), 100 * m.recallMacro(), 100 * m.recallPooled(),
                        100 * m.noRelationShare()));
            }
        }
        return sb.toString();
    }

    private static final double[] SWEEP = {0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95};

    private static String toMarkdown(List<Audited> audited, Map<String, Integer> sources, int words, String command,
            double seconds, int trainWords) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Synonym spaces for the word-swap attacks: antonyms, synonym recall, unrelated neighbours\n\n");
        sb.append("Written by `").append(command).append("` (").append(String.format(Locale.ROOT, "%.0f s", seconds))
                .append(").\n\n");
        sb.append("## Summary\n\n").append(summaryTable(audited)).append('\n');
        sb.append("""
            - **accepted neighbours**: a word's 50 nearest neighbours (TextFooler's `max_candidates`) with cosine >=
              `min_cos_sim` (TextFooler's `WordEmbeddingDistance`): the candidates textfooler tries (before its POS and
              sentence-encoder constraints). "top-50 kept" is their share of the 50.
            - **antonym share**: accepted neighbours that are WordNet antonyms of the word, directly or through the
              synset or the similar-to cluster (adjective head and satellites) of an antonym, over all accepted
              neighbours.
            - **synonym recall@50**: for each audited word that is itself a WordNet lemma and has WordNet synonyms
              (other single-word lemmas of its synsets) in the space's vocabulary, the share of those synonyms among
              its accepted neighbours; averaged over such words (pooled over all their synonyms in parentheses).
            - **no-relation share**: accepted neighbours with none of the relations below, over all accepted
              neighbours.

            Relations are WordNet 3.0's (extJWNL, `extjwnl-data-wn30`), between base forms: a word stands for every
            base form NLTK's morphy gives it (movies -> movie; best -> good, well, best). The relation set: antonym
            (as above), synonym (same synset), inflection (a shared base form), similar-to, hypernym/hyponym (one
            step, instances included), derivation (derivationally related forms, pertainyms, participles), also-see,
            other pointer (verb group, attribute, entailment, cause, meronym/holonym), co-hyponym (another hyponym of
            a direct hypernym). The breakdown tables count each neighbour under its first relation in that order.

            """);
        sb.append("""
            ## The word-cosine bound

            TextFooler's `min_cos_sim = 0.5` is tuned to its own space (counter-fitted PARAGRAM-SL999), where
            counter-fitting pulls every constraint synonym to cosine ~1 (gamma = 0) and leaves other words at their
            PARAGRAM-SL999 similarity: 0.5 keeps the synonyms and drops weakly related neighbours. That space is not
            obtainable offline and no stored reference reports the share of its 50 neighbours above 0.5, so the share
            cannot be matched. A built-in space's bound is set by that role instead, with the rule of the
            sentence-encoder calibration: the largest cosine that keeps 95% of the top-50 neighbours that are WordNet
            synonyms of their word, fitted on the words of the training splits only (the value per space is below; the
            space declares it rounded down to two decimals, and textfooler uses it as its `min-cos-sim` default).
            A user's TextFooler vector file keeps 0.5. Caveat: the expanded antonym relation measured here is also
            the antonym constraint set of nlp4j-wordnet-v2's counter-fitting, so its antonym share is measured on
            pairs it was fitted to repel.

            """);
        sb.append("## Vocabulary\n\n");
        sb.append(String.format(Locale.ROOT, "%,d word types (lower-cased, TextAttack's word segmentation) from:%n%n",
                words));
        sources.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "- %s: %,d types%n", k, v)));
        sb.append("""

            Words in both TextFooler's and NLTK's stopword lists are left out (neither embedding recipe swaps them);
            each space audits the words in its vocabulary. QNLI's training words come from the bundled class-balanced
            subset (the official training file is not bundled).

            """);
        for (Audited a : audited) {
            sb.append("## ").append(a.name()).append("\n\n");
            sb.append("`").append(a.identity()).append("`\n\n");
            sb.append(String.format(Locale.ROOT, "%,d audited words; cosine of the 50th neighbour: p1 %.3f, p10 %.3f,"
                    + " median %.3f, p90 %.3f.%n%n", a.scan().words(), a.scan().lastNeighbourQuantile(0.01),
                    a.scan().lastNeighbourQuantile(0.1), a.scan().lastNeighbourQuantile(0.5),
                    a.scan().lastNeighbourQuantile(0.9)));
            sb.append(String.format(Locale.ROOT, "The min_cos_sim rule (the largest bound keeping %.0f%% of the"
                    + " top-50 neighbours that are WordNet synonyms of their word, fitted on the neighbours of the %,d"
                    + " training-split words) gives **%.4f** in this space; its default bound is %s.%n%n",
                    100 * SynonymAudit.SYNONYM_KEEP, trainWords, a.fittedMinCos(), num(a.minCos())));
            sb.append("| min_cos_sim | top-50 kept | antonym share | recall@50 | no-relation share |");
            for (Relation r : Relation.values()) {
                sb.append(' ').append(r.label()).append(" |");
            }
            sb.append("\n|---:|---:|---:|---:|---:|");
            sb.append("---:|".repeat(Relation.values().length)).append('\n');
            TreeSet<Double> ts = new TreeSet<>();
            for (double t : SWEEP) {
                ts.add(t);
            }
            ts.addAll(thresholds(a));
            for (double t : ts) {
                SynonymAudit.Measures m = a.scan().at(t);
                sb.append(String.format(Locale.ROOT, "| %s%s | %.1f%% | %.2f%% | %.1f%% | %.1f%% |", num(t),
                        t == a.minCos() ? " (default)" : "", 100 * m.keptShare(), 100 * m.antonymShare(),
                        100 * m.recallMacro(), 100 * m.noRelationShare()));
                for (Relation r : Relation.values()) {
                    sb.append(String.format(Locale.ROOT, " %.1f%% |", m.accepted() == 0 ? Double.NaN
                            : 100.0 * m.byRelation().get(r) / m.accepted()));
                }
                sb.append('\n');
            }
            sb.append("\nAntonyms accepted at ").append(num(a.minCos())).append(" (highest cosine first): ");
            sb.append(examples(a.scan().examples(Relation.ANTONYM, a.minCos(), 15))).append(".\n\n");
            sb.append("Neighbours with no relation at ").append(num(a.minCos())).append(" (highest cosine first): ");
            sb.append(examples(a.scan().examples(null, a.minCos(), 15))).append(".\n\n");
        }
        return sb.toString();
    }

    private static String examples(List<SynonymAudit.Example> ex) {
        if (ex.isEmpty()) {
            return "none";
        }
        List<String> s = new ArrayList<>();
        for (SynonymAudit.Example e : ex) {
            s.add(e.toString());
        }
        return String.join(", ", s);
    }

    private static ObjectNode toJson(List<Audited> audited, Map<String, Integer> sources, int words, String command,
            double seconds) {
        ObjectNode o = Json.object();
        o.put("command", command).put("seconds", Math.round(seconds * 10) / 10.0).put("words", words);
        ObjectNode src = o.putObject("vocabulary_sources");
        sources.forEach(src::put);
        o.put("k", NearestNeighbours.DEFAULT_K).put("relations", WordNetRelations.VERSION);
        ArrayNode list = o.putArray("spaces");
        for (Audited a : audited) {
            ObjectNode n = list.addObject();
            n.put("name", a.name()).put("identity", a.identity()).put("default_min_cos_sim", a.minCos())
                    .put("rule_min_cos_sim_on_training_words", a.fittedMinCos())
                    .put("audited_words", a.scan().words());
            n.putObject("last_neighbour_cosine").put("p1", a.scan().lastNeighbourQuantile(0.01))
                    .put("p50", a.scan().lastNeighbourQuantile(0.5));
            ArrayNode at = n.putArray("measures");
            TreeSet<Double> ts = new TreeSet<>();
            for (double t : SWEEP) {
                ts.add(t);
            }
            ts.addAll(thresholds(a));
            for (double t : ts) {
                SynonymAudit.Measures m = a.scan().at(t);
                ObjectNode x = at.addObject();
                x.put("min_cos_sim", t).put("candidates", m.candidates()).put("accepted", m.accepted())
                        .put("kept_share", m.keptShare()).put("antonyms", m.antonyms())
                        .put("antonym_share", m.antonymShare()).put("recall_words", m.recallWords())
                        .put("recall_at_50", m.recallMacro()).put("recall_at_50_pooled", m.recallPooled())
                        .put("no_relation", m.noRelation()).put("no_relation_share", m.noRelationShare());
                ObjectNode by = x.putObject("first_relation");
                m.byRelation().forEach((r, c) -> by.put(r.label(), c));
            }
            ArrayNode ex = n.putArray("antonym_examples");
            for (SynonymAudit.Example e : a.scan().examples(Relation.ANTONYM, a.minCos(), 30)) {
                ex.addObject().put("word", e.word()).put("neighbour", e.neighbour()).put("cosine", e.cosine());
            }
        }
        o.set("provenance", Provenance.collect());
        return o;
    }

    /** Shortest plain text of a threshold, with at least one decimal. */
    private static String num(double x) {
        String s = java.math.BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
        return s.contains(".") ? s : s + ".0";
    }
}
