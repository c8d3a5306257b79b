package org.rosebench.attacks.lexicon;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.extjwnl.JWNLException;
import net.sf.extjwnl.data.Exc;
import net.sf.extjwnl.data.IndexWord;
import net.sf.extjwnl.data.POS;
import net.sf.extjwnl.data.Pointer;
import net.sf.extjwnl.data.PointerTarget;
import net.sf.extjwnl.data.PointerType;
import net.sf.extjwnl.data.Synset;
import net.sf.extjwnl.data.Word;
import net.sf.extjwnl.dictionary.Dictionary;
import org.rosebench.attacks.spi.SynonymSource;

/**
 * WordNet 3.0 (extJWNL, {@code extjwnl-data-wn30}) as PWWS's synonym source and as the synonym/antonym lexicon of
 * counter-fitting.
 *
 * <h2>{@link #synonyms(String)}: what TextAttack's {@code WordSwapWordNet} produces</h2>
 * TextAttack takes {@code nltk.corpus.wordnet.synsets(word)} and keeps every lemma name of every synset that is not
 * equal to the word, contains no {@code _} and is one word by {@code textattack.shared.utils.is_one_word}. This class
 * reproduces NLTK's lookup rather than extJWNL's own morphological processor, because the two differ:
 * <ul>
 *   <li>the word is lower-cased; for each part of speech in NLTK's order <b>noun, verb, adjective (head and
 *       satellite synsets interleaved as in {@code index.adj}), adverb</b>, NLTK's {@code _morphy} gives the base
 *       forms (exception list first, else the word itself if indexed plus the forms of one round of the detachment
 *       rules that are indexed, else further rounds until something is found), and the synsets of each form come in
 *       {@code index.*} sense order;</li>
 *   <li>lemma names come in synset order, keep WordNet's case, and duplicates are dropped keeping the first
 *       occurrence. TextAttack returns {@code list(set(...))}, whose order varies from one Python process to the next
 *       (string hash randomisation), so first-occurrence NLTK order is the deterministic choice;</li>
 *   <li>the comparison with the word is case-sensitive, exactly as in TextAttack: {@code synonyms("Movie")} contains
 *       {@code "movie"}. Callers that do not want that identity swap filter it (PWWS's Repeat constraint does
 *       not).</li>
 * </ul>
 * extJWNL writes multi-word lemmas with spaces where NLTK uses {@code _}; both are excluded.
 *
 * <h2>Pairs for counter-fitting</h2>
 * {@link #synonymPairs(Set, boolean)}: every two single-word lemmas (lower-cased) of one synset;
 * {@link #antonymPairs(Set, boolean)}: WordNet's lexical antonym pointers ({@code !}) between single-word lemmas.
 * Both are restricted to a vocabulary, and optionally extended to regular inflections (see
 * {@link #synonymPairs(Set, boolean)}).
 *
 * <p>Thread-safe. The dictionary loads in about a second; {@link #shared()} keeps one instance per JVM.
 */
public final class WordNetSynonyms implements SynonymSource {

    /** extJWNL resource configuration of the bundled WordNet 3.0 data. */
    public static final String RESOURCE = "/net/sf/extjwnl/data/wordnet/wn30/res_properties.xml";
    /** Identifies the lexicon in cache keys. */
    public static final String VERSION = "wordnet-3.0(extjwnl-data-wn30-1.2)";
    /** Version of the lookup code (NLTK emulation, lemma filter); bump it when a change alters synonyms (cell keys). */
    public static final String CODE_VERSION = "1";

    /** NLTK's {@code POS_LIST} order. */
    private static final POS[] POS_ORDER = {POS.NOUN, POS.VERB, POS.ADJECTIVE, POS.ADVERB};
    private static final char[] POS_KEYS = {'n', 'v', 'a', 'r'};

    /** NLTK's {@code MORPHOLOGICAL_SUBSTITUTIONS} (suffix, replacement), per {@link #POS_ORDER} entry. */
    private static final String[][][] SUBSTITUTIONS = {
        {{"s", ""}, {"ses", "s"}, {"ves", "f"}, {"xes", "x"}, {"zes", "z"}, {"ches", "ch"}, {"shes", "sh"},
            {"men", "man"}, {"ies", "y"}},
        {{"s", ""}, {"ies", "y"}, {"es", "e"}, {"es", ""}, {"ed", "e"}, {"ed", ""}, {"ing", "e"}, {"ing", ""}},
        {{"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"}},
        {},
    };

    private static volatile WordNetSynonyms shared;

    private final Dictionary dictionary;
    /** Lower-case index lemmas (extJWNL spelling: spaces) per {@link #POS_ORDER} entry. */
    private final List<Set<String>> index = new ArrayList<>();
    /** Exception lists (inflected form → base forms) per {@link #POS_ORDER} entry. */
    private final List<Map<String, List<String>>> exceptions = new ArrayList<>();
    private final Map<String, List<String>> synonymCache = new ConcurrentHashMap<>();
    private volatile LexicalRelations relations;

    private WordNetSynonyms(Dictionary dictionary) throws JWNLException {
        this.dictionary = dictionary;
        for (POS pos : POS_ORDER) {
            Set<String> lemmas = new HashSet<>();
            for (Iterator<IndexWord> it = dictionary.getIndexWordIterator(pos); it.hasNext(); ) {
                lemmas.add(it.next().getLemma().toLowerCase(Locale.ROOT));
            }
            index.add(lemmas);
            Map<String, List<String>> exc = new HashMap<>();
            for (Iterator<Exc> it = dictionary.getExceptionIterator(pos); it.hasNext(); ) {
                Exc e = it.next();
                exc.put(e.getLemma().toLowerCase(Locale.ROOT), List.copyOf(e.getExceptions()));
            }
            exceptions.add(exc);
        }
    }

    /** Loads WordNet 3.0 from {@code extjwnl-data-wn30} on the classpath. */
    public static WordNetSynonyms load() {
        try {
            return new WordNetSynonyms(Dictionary.getResourceInstance(RESOURCE));
        } catch (JWNLException | RuntimeException e) {
            throw new IllegalStateException("cannot load WordNet 3.0 from the classpath resource " + RESOURCE
                    + " (needs net.sf.extjwnl:extjwnl:2.0.5 and net.sf.extjwnl:extjwnl-data-wn30:1.2): " + e, e);
        }
    }

    /** One instance per JVM, loaded on first use. */
    public static WordNetSynonyms shared() {
        WordNetSynonyms s = shared;
        if (s == null) {
            synchronized (WordNetSynonyms.class) {
                s = shared;
                if (s == null) {
                    s = load();
                    shared = s;
                }
            }
        }
        return s;
    }

    /**
     * PWWS's swap candidates for {@code word}, as TextAttack's {@code WordSwapWordNet} builds them from NLTK (see the
     * class comment for order and case). The list is unmodifiable.
     */
    public List<String> synonyms(String word) {
        return synonymCache.computeIfAbsent(word, this::computeSynonyms);
    }

    /**
     * NLTK's {@code [name for s in wordnet.synsets(word) for name in s.lemma_names()]}: every lemma name of every
     * synset in order, WordNet's case, multi-word lemmas joined by {@code _}, duplicates and the word itself kept
     * (the {@link SynonymSource} contract; the transformation filters).
     */
    @Override
    public List<String> lemmaNames(String word) {
        List<String> out = new ArrayList<>();
        for (Synset synset : synsets(word)) {
            for (Word w : synset.getWords()) {
                out.add(w.getLemma().replace(' ', '_'));
            }
        }
        return out;
    }

    private List<String> computeSynonyms(String word) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (Synset synset : synsets(word)) {
            for (Word w : synset.getWords()) {
                String lemma = w.getLemma();
                if (!lemma.equals(word) && lemma.indexOf('_') < 0 && lemma.indexOf(' ') < 0 && isOneWord(lemma)) {
                    out.add(lemma);
                }
            }
        }
        return List.copyOf(out);
    }

    /** NLTK's {@code wordnet.synsets(word)}: all parts of speech, morphy base forms, index sense order. */
    public List<Synset> synsets(String word) {
        String form = word.toLowerCase(Locale.ROOT);
        List<Synset> out = new ArrayList<>();
        for (int p = 0; p < POS_ORDER.length; p++) {
            for (String base : morphy(form, p)) {
                IndexWord iw;
                synchronized (dictionary) {
                    try {
                        iw = dictionary.getIndexWord(POS_ORDER[p], base);
                        if (iw != null) {
                            out.addAll(iw.getSenses());
                        }
                    } catch (JWNLException e) {
                        throw new IllegalStateException("WordNet lookup failed for " + base + ": " + e, e);
                    }
                }
            }
        }
        return out;
    }

    /**
     * NLTK's {@code _morphy(form, pos)}: the indexed base forms of a lower-case {@code form} for one part of speech
     * ({@code 'n'}, {@code 'v'}, {@code 'a'} or {@code 'r'}; {@code 's'} is treated as {@code 'a'}).
     */
    public List<String> morphy(String form, char pos) {
        int p = switch (pos) {
            case 'n' -> 0;
            case 'v' -> 1;
            case 'a', 's' -> 2;
            case 'r' -> 3;
            default -> throw new IllegalArgumentException("part of speech must be one of n, v, a, s, r: " + pos);
        };
        return morphy(form.toLowerCase(Locale.ROOT), p);
    }

    private List<String> morphy(String form, int p) {
        Set<String> lemmas = index.get(p);
        List<String> exc = exceptions.get(p).get(form);
        if (exc != null) {
            List<String> forms = new ArrayList<>(exc.size() + 1);
            forms.add(form);
            forms.addAll(exc);
            return filterForms(forms, lemmas);
        }
        List<String> forms = applyRules(List.of(form), p);
        List<String> first = new ArrayList<>(forms.size() + 1);
        first.add(form);
        first.addAll(forms);
        List<String> results = filterForms(first, lemmas);
        while (results.isEmpty() && !forms.isEmpty()) {
            forms = applyRules(forms, p);
            results = filterForms(forms, lemmas);
        }
        return results;
    }

    private static List<String> applyRules(List<String> forms, int p) {
        List<String> out = new ArrayList<>();
        for (String f : forms) {
            for (String[] rule : SUBSTITUTIONS[p]) {
                if (f.endsWith(rule[0])) {
                    out.add(f.substring(0, f.length() - rule[0].length()) + rule[1]);
                }
            }
        }
        return out;
    }

    private static List<String> filterForms(List<String> forms, Set<String> lemmas) {
        List<String> out = new ArrayList<>(2);
        for (String f : forms) {
            if (lemmas.contains(f) && !out.contains(f)) {
                out.add(f);
            }
        }
        return out;
    }

    /**
     * Synonyms of a base form for one part of speech: the other single-word, lower-case lemmas of every synset of
     * {@code lemma} (looked up exactly, no morphology) with part of speech {@code pos} ({@code n v a r}), in sense
     * order, without duplicates. Empty when {@code lemma} is not an index lemma of that part of speech.
     */
    public List<String> synonymsOfLemma(String lemma, char pos) {
        return lexicalRelatives(lemma, pos, false, Integer.MAX_VALUE);
    }

    /**
     * As {@link #synonymsOfLemma(String, char)} from the first {@code senses} senses only; WordNet orders senses by
     * frequency in its sense-tagged corpora, so {@code senses = 1} gives the synonyms of the most frequent sense.
     */
    public List<String> synonymsOfLemma(String lemma, char pos, int senses) {
        return lexicalRelatives(lemma, pos, false, senses);
    }

    /**
     * WordNet's lexical antonyms ({@code !} pointers) of a base form for one part of speech, single-word and
     * lower-case only, in sense order: what the synsets of {@code lemma} with part of speech {@code pos} point to
     * from {@code lemma}'s own entry (good → bad, comedy → tragedy). Empty when there are none.
     */
    public List<String> antonymsOfLemma(String lemma, char pos) {
        return lexicalRelatives(lemma, pos, true, Integer.MAX_VALUE);
    }

    private List<String> lexicalRelatives(String lemma, char pos, boolean antonyms, int senses) {
        POS p = switch (pos) {
            case 'n' -> POS.NOUN;
            case 'v' -> POS.VERB;
            case 'a', 's' -> POS.ADJECTIVE;
            case 'r' -> POS.ADVERB;
            default -> throw new IllegalArgumentException("part of speech must be one of n, v, a, s, r: " + pos);
        };
        String key = lemma.toLowerCase(Locale.ROOT);
        LinkedHashSet<String> out = new LinkedHashSet<>();
        synchronized (dictionary) {
            try {
                IndexWord iw = dictionary.getIndexWord(p, key);
                if (iw == null || !iw.getLemma().equalsIgnoreCase(key)) {
                    return List.of();
                }
                List<Synset> all = iw.getSenses();
                for (Synset s : all.subList(0, Math.min(all.size(), Math.max(0, senses)))) {
                    for (Word w : s.getWords()) {
                        boolean self = w.getLemma().equalsIgnoreCase(key);
                        if (!antonyms && !self) {
                            addLowerSingle(out, w.getLemma());
                        } else if (antonyms && self) {
                            for (Pointer ptr : w.getPointers(PointerType.ANTONYM)) {
                                if (ptr.getTarget() instanceof Word target) {
                                    addLowerSingle(out, target.getLemma());
                                }
                            }
                        }
                    }
                }
            } catch (JWNLException e) {
                throw new IllegalStateException("WordNet lookup failed for " + key + ": " + e, e);
            }
        }
        out.remove(key);
        return List.copyOf(out);
    }

    private static void addLowerSingle(Set<String> out, String lemma) {
        if (lemma.equals(lemma.toLowerCase(Locale.ROOT)) && lemma.indexOf(' ') < 0 && lemma.indexOf('_') < 0
                && lemma.indexOf('-') < 0 && isOneWord(lemma)) {
            out.add(lemma);
        }
    }

    /** Whether NLTK's {@code synsets(word)} is non-empty, i.e. some part of speech has a base form for it. */
    public boolean recognises(String word) {
        String form = word.toLowerCase(Locale.ROOT);
        for (int p = 0; p < POS_ORDER.length; p++) {
            if (!morphy(form, p).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** The extJWNL dictionary (callers synchronise on it, as this class does). */
    Dictionary dictionary() {
        return dictionary;
    }

    /** All single-word index lemmas, lower-cased (about 83,000 in WordNet 3.0). */
    public Set<String> singleWordLemmas() {
        Set<String> out = new HashSet<>();
        for (Set<String> lemmas : index) {
            for (String l : lemmas) {
                if (l.indexOf(' ') < 0 && l.indexOf('_') < 0) {
                    out.add(l);
                }
            }
        }
        return Collections.unmodifiableSet(out);
    }

    /**
     * Synonym pairs for counter-fitting: every two distinct single-word lemmas (lower-cased) that share a synset,
     * both in {@code vocabulary}. With {@code inflections}, each lemma pair (b, c) of part of speech p is also
     * carried over to regular inflections: if x is in the vocabulary and one NLTK detachment rule of p (say
     * {@code s → ""} or {@code ing → e}) maps x to b, the same rule applied backwards to c gives y, and y is in the
     * vocabulary and maps back to c by that rule, then (x, y) is a pair too (films–movies, making–creating).
     * Irregular forms from the exception lists are not inflected. Sorted, no duplicates.
     */
    public List<WordPair> synonymPairs(Set<String> vocabulary, boolean inflections) {
        LexicalRelations rel = relations();
        Set<WordPair> out = new HashSet<>();
        List<Map<String, List<String[]>>> infl = inflections ? inflectionTable(vocabulary) : null;
        for (int g = 0; g < rel.synsetLemmas.size(); g++) {
            String[] lemmas = rel.synsetLemmas.get(g);
            int p = rel.synsetPos[g];
            for (int i = 0; i < lemmas.length; i++) {
                for (int j = i + 1; j < lemmas.length; j++) {
                    addPair(out, lemmas[i], lemmas[j], p, vocabulary, infl);
                }
            }
        }
        return sorted(out);
    }

    /**
     * Antonym pairs for counter-fitting: WordNet 3.0's lexical antonym pointers between single-word lemmas
     * (lower-cased), both in {@code vocabulary}; {@code inflections} as in {@link #synonymPairs(Set, boolean)}
     * (increasing–decreasing). Sorted, no duplicates.
     */
    public List<WordPair> antonymPairs(Set<String> vocabulary, boolean inflections) {
        LexicalRelations rel = relations();
        Set<WordPair> out = new HashSet<>();
        List<Map<String, List<String[]>>> infl = inflections ? inflectionTable(vocabulary) : null;
        for (int i = 0; i < rel.antonyms.size(); i++) {
            String[] pair = rel.antonyms.get(i);
            addPair(out, pair[0], pair[1], rel.antonymPos[i], vocabulary, infl);
        }
        return sorted(out);
    }

    /**
     * Pairs of lower-case base forms, each of a part of speech ({@code 0..3}: noun, verb, adjective, adverb),
     * restricted to {@code vocabulary} and, with {@code inflections}, carried over to regular inflections as in
     * {@link #synonymPairs(Set, boolean)}. Sorted, no duplicates.
     */
    List<WordPair> pairs(List<String[]> lemmaPairs, int[] pos, Set<String> vocabulary, boolean inflections) {
        Set<WordPair> out = new HashSet<>();
        List<Map<String, List<String[]>>> infl = inflections ? inflectionTable(vocabulary) : null;
        for (int i = 0; i < lemmaPairs.size(); i++) {
            String[] pair = lemmaPairs.get(i);
            addPair(out, pair[0], pair[1], pos[i], vocabulary, infl);
        }
        return sorted(out);
    }

    /** Index of a part of speech in NLTK's order (noun 0, verb 1, adjective 2, adverb 3). */
    static int posIndex(POS pos) {
        for (int p = 0; p < POS_ORDER.length; p++) {
            if (POS_ORDER[p] == pos) {
                return p;
            }
        }
        throw new IllegalArgumentException("no part of speech " + pos);
    }

    private static void addPair(Set<WordPair> out, String b, String c, int p, Set<String> vocabulary,
            List<Map<String, List<String[]>>> infl) {
        if (b.equals(c)) {
            return;
        }
        if (vocabulary.contains(b) && vocabulary.contains(c)) {
            out.add(new WordPair(b, c));
        }
        if (infl == null) {
            return;
        }
        List<String[]> fromB = infl.get(p).get(b);
        List<String[]> fromC = infl.get(p).get(c);
        if (fromB == null || fromC == null) {
            return;
        }
        for (String[] xb : fromB) { // {inflected word, rule suffix, rule replacement}
            for (String[] yc : fromC) {
                if (xb[1].equals(yc[1]) && xb[2].equals(yc[2]) && !xb[0].equals(yc[0])) {
                    out.add(new WordPair(xb[0], yc[0]));
                }
            }
        }
    }

    /** Per part of speech: base lemma → inflected vocabulary words that one detachment rule maps onto it. */
    private List<Map<String, List<String[]>>> inflectionTable(Set<String> vocabulary) {
        List<Map<String, List<String[]>>> out = new ArrayList<>();
        for (int p = 0; p < POS_ORDER.length; p++) {
            Map<String, List<String[]>> m = new HashMap<>();
            Set<String> lemmas = index.get(p);
            for (String x : vocabulary) {
                if (exceptions.get(p).containsKey(x)) {
                    continue; // NLTK's morphy uses the exception list only for these
                }
                for (String[] rule : SUBSTITUTIONS[p]) {
                    if (x.endsWith(rule[0])) {
                        String b = x.substring(0, x.length() - rule[0].length()) + rule[1];
                        if (!b.equals(x) && lemmas.contains(b)) {
                            m.computeIfAbsent(b, k -> new ArrayList<>()).add(new String[] {x, rule[0], rule[1]});
                        }
                    }
                }
            }
            out.add(m);
        }
        return out;
    }

    private static List<WordPair> sorted(Set<WordPair> pairs) {
        List<WordPair> out = new ArrayList<>(pairs);
        out.sort((x, y) -> {
            int c = x.a().compareTo(y.a());
            return c != 0 ? c : x.b().compareTo(y.b());
        });
        return out;
    }

    /** Synset lemma groups and antonym pointers, read once (about 4 s). */
    private LexicalRelations relations() {
        LexicalRelations r = relations;
        if (r == null) {
            synchronized (this) {
                r = relations;
                if (r == null) {
                    r = readRelations();
                    relations = r;
                }
            }
        }
        return r;
    }

    private LexicalRelations readRelations() {
        List<String[]> groups = new ArrayList<>();
        List<Integer> groupPos = new ArrayList<>();
        List<String[]> antonyms = new ArrayList<>();
        List<Integer> antonymPos = new ArrayList<>();
        synchronized (dictionary) {
            try {
                for (int p = 0; p < POS_ORDER.length; p++) {
                    for (Iterator<Synset> it = dictionary.getSynsetIterator(POS_ORDER[p]); it.hasNext(); ) {
                        Synset s = it.next();
                        List<String> lemmas = new ArrayList<>();
                        for (Word w : s.getWords()) {
                            String l = singleWord(w.getLemma());
                            if (l != null && !lemmas.contains(l)) {
                                lemmas.add(l);
                            }
                            if (l == null) {
                                continue;
                            }
                            for (Pointer ptr : w.getPointers()) {
                                if (ptr.getType() != PointerType.ANTONYM) {
                                    continue;
                                }
                                PointerTarget t = ptr.getTarget();
                                if (t instanceof Word target) {
                                    String m = singleWord(target.getLemma());
                                    if (m != null && !m.equals(l)) {
                                        antonyms.add(new String[] {l, m});
                                        antonymPos.add(p);
                                    }
                                }
                            }
                        }
                        if (lemmas.size() > 1) {
                            groups.add(lemmas.toArray(new String[0]));
                            groupPos.add(p);
                        }
                    }
                }
            } catch (JWNLException e) {
                throw new IllegalStateException("cannot enumerate WordNet synsets: " + e, e);
            }
        }
        return new LexicalRelations(groups, groupPos.stream().mapToInt(Integer::intValue).toArray(), antonyms,
                antonymPos.stream().mapToInt(Integer::intValue).toArray());
    }

    private static String singleWord(String lemma) {
        if (lemma.indexOf(' ') >= 0 || lemma.indexOf('_') >= 0 || !isOneWord(lemma)) {
            return null;
        }
        return lemma.toLowerCase(Locale.ROOT);
    }

    private record LexicalRelations(List<String[]> synsetLemmas, int[] synsetPos, List<String[]> antonyms,
            int[] antonymPos) {}

    private static final Pattern WORD_PIECE = Pattern.compile("[\\w'\\-*@]+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final String LEADING = "'-_*@";

    /**
     * TextAttack's {@code is_one_word}: {@code words_from_text(s)} yields exactly one word. Words are runs of word
     * characters, {@code ' - _ * @}, with those five stripped from the start of each run.
     */
    public static boolean isOneWord(String s) {
        int count = 0;
        for (String token : s.trim().split("\\s+")) {
            Matcher m = WORD_PIECE.matcher(stripLeading(token));
            while (m.find()) {
                if (!stripLeading(m.group()).isEmpty()) {
                    count++;
                    if (count > 1) {
                        return false;
                    }
                }
            }
        }
        return count == 1;
    }

    private static String stripLeading(String s) {
        int i = 0;
        while (i < s.length() && LEADING.indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        return s.substring(i);
    }
}
