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
import net.sf.extjwnl.JWNLException;
import net.sf.extjwnl.data.IndexWord;
import net.sf.extjwnl.data.POS;
import net.sf.extjwnl.data.Pointer;
import net.sf.extjwnl.data.PointerTarget;
import net.sf.extjwnl.data.PointerType;
import net.sf.extjwnl.data.Synset;
import net.sf.extjwnl.data.Word;
import net.sf.extjwnl.dictionary.Dictionary;

/**
 * WordNet 3.0's relations between words (extJWNL, the same data as {@link WordNetSynonyms}), at the level of base
 * forms: a vocabulary word stands for every base form NLTK's morphy gives it in any part of speech (movies → movie;
 * best → good, well, best), and two words are related when some base form of one is related to some base form of
 * the other. Relations ({@link WordRelations.Relation}):
 * <ul>
 *   <li><b>antonym</b>, expanded: the synsets an antonym pointer of a synset (or, for an adjective satellite, of its
 *       head) leads to, with every lemma of those synsets and of their similar-to synsets (the satellites of an
 *       antonym head, the head of an antonym satellite). So literate ↔ unlettered (a satellite of illiterate), and
 *       increase ↔ diminish (a synset co-member of decrease). {@link #antonymPairs} gives the same relation as
 *       counter-fitting constraints;</li>
 *   <li><b>synonym</b>: another lemma of a synset of the base form; <b>inflection</b>: a shared base form;</li>
 *   <li><b>similar-to</b>, <b>hypernym/hyponym</b> (one step, instances included), <b>derivation</b> (the base
 *       form's derivationally related forms, pertainyms and participles), <b>also-see</b>, <b>other</b> (verb group,
 *       attribute, entailment, cause, meronyms and holonyms), <b>co-hyponym</b> (a lemma of another hyponym of a
 *       direct hypernym).</li>
 * </ul>
 * Lemmas are lower-cased; multi-word lemmas never match a vocabulary word. Thread-safe (lookups synchronise on the
 * dictionary, as {@link WordNetSynonyms} does).
 */
public final class WordNetRelations implements WordRelations {

    /** Bump when the relation definitions change (audit reports, antonym constraints of cached spaces). */
    public static final String VERSION = "wordnet-relations/v1";

    private static final POS[] POS_ORDER = {POS.NOUN, POS.VERB, POS.ADJECTIVE, POS.ADVERB};
    private static final char[] POS_KEYS = {'n', 'v', 'a', 'r'};
    private static final PointerType[] HYPER = {PointerType.HYPERNYM, PointerType.INSTANCE_HYPERNYM};
    private static final PointerType[] HYPO = {PointerType.HYPONYM, PointerType.INSTANCES_HYPONYM};
    private static final PointerType[] DERIVED = {PointerType.DERIVATION, PointerType.PERTAINYM,
        PointerType.PARTICIPLE_OF};
    private static final PointerType[] OTHER = {PointerType.VERB_GROUP, PointerType.ATTRIBUTE, PointerType.ENTAILMENT,
        PointerType.CAUSE, PointerType.MEMBER_HOLONYM, PointerType.SUBSTANCE_HOLONYM, PointerType.PART_HOLONYM,
        PointerType.MEMBER_MERONYM, PointerType.SUBSTANCE_MERONYM, PointerType.PART_MERONYM};

    private static volatile WordNetRelations shared;

    private final WordNetSynonyms wordNet;
    private final Dictionary dictionary;
    private final Map<String, Map<String, Integer>> related = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> bases = new ConcurrentHashMap<>();

    public WordNetRelations(WordNetSynonyms wordNet) {
        this.wordNet = wordNet;
        this.dictionary = wordNet.dictionary();
    }

    /** Over {@link WordNetSynonyms#shared()}. */
    public static WordNetRelations shared() {
        WordNetRelations r = shared;
        if (r == null) {
            synchronized (WordNetRelations.class) {
                r = shared;
                if (r == null) {
                    r = new WordNetRelations(WordNetSynonyms.shared());
                    shared = r;
                }
            }
        }
        return r;
    }

    @Override
    public int relations(String word, String other) {
        Map<String, Integer> m = relatedLemmas(word);
        Set<String> ob = baseForms(other);
        int mask = 0;
        for (String b : ob) {
            mask |= m.getOrDefault(b, 0);
        }
        for (String b : baseForms(word)) {
            if (ob.contains(b)) {
                mask |= Relation.INFLECTION.bit();
                break;
            }
        }
        return mask;
    }

    /**
     * The synonyms of a word that is itself a WordNet lemma: the other single-word lemmas of its synsets in every part
     * of speech it is a lemma of (lower-case, no hyphenated or capitalised lemmas). Empty for inflected forms and
     * words WordNet does not list as lemmas.
     */
    @Override
    public Set<String> synonyms(String word) {
        Set<String> out = new LinkedHashSet<>();
        for (int p = 0; p < POS_KEYS.length; p++) {
            out.addAll(wordNet.synonymsOfLemma(word, POS_KEYS[p]));
        }
        out.remove(word);
        return out;
    }

    /** The base forms NLTK's morphy gives {@code word} in any part of speech (lower-case; empty when none). */
    public Set<String> baseForms(String word) {
        return bases.computeIfAbsent(word, w -> {
            Set<String> out = new HashSet<>(2);
            for (char p : POS_KEYS) {
                out.addAll(wordNet.morphy(w, p));
            }
            return Collections.unmodifiableSet(out);
        });
    }

    /** Every lemma related to some base form of {@code word}, with the relation mask. */
    Map<String, Integer> relatedLemmas(String word) {
        return related.computeIfAbsent(word.toLowerCase(Locale.ROOT), this::computeRelated);
    }

    private Map<String, Integer> computeRelated(String word) {
        Map<String, Integer> out = new HashMap<>();
        synchronized (dictionary) {
            try {
                for (int p = 0; p < POS_ORDER.length; p++) {
                    for (String base : wordNet.morphy(word, POS_KEYS[p])) {
                        IndexWord iw = dictionary.getIndexWord(POS_ORDER[p], base);
                        if (iw == null) {
                            continue;
                        }
                        for (Synset s : iw.getSenses()) {
                            collect(s, base, out);
                        }
                    }
                }
            } catch (JWNLException e) {
                throw new IllegalStateException("WordNet lookup failed for " + word + ": " + e, e);
            }
        }
        return out;
    }

    private void collect(Synset s, String base, Map<String, Integer> out) throws JWNLException {
        Word self = null;
        for (Word w : s.getWords()) {
            if (w.getLemma().equalsIgnoreCase(base)) {
                self = w;
            } else {
                add(out, w.getLemma(), Relation.SYNONYM);
            }
        }
        for (Synset t : targets(s, PointerType.SIMILAR_TO)) {
            addAll(out, t, Relation.SIMILAR_TO);
        }
        for (PointerType type : HYPER) {
            for (Synset h : targets(s, type)) {
                addAll(out, h, Relation.HYPERNYM);
                for (PointerType down : HYPO) {
                    for (Synset sister : targets(h, down)) {
                        if (!sister.equals(s)) {
                            addAll(out, sister, Relation.CO_HYPONYM);
                        }
                    }
                }
            }
        }
        for (PointerType type : HYPO) {
            for (Synset h : targets(s, type)) {
                addAll(out, h, Relation.HYPERNYM);
            }
        }
        if (self != null) {
            for (PointerType type : DERIVED) {
                for (Pointer ptr : self.getPointers(type)) {
                    addTarget(out, ptr.getTarget(), Relation.DERIVATION);
                }
            }
        }
        for (Synset t : targets(s, PointerType.SEE_ALSO)) {
            addAll(out, t, Relation.ALSO_SEE);
        }
        for (PointerType type : OTHER) {
            for (Synset t : targets(s, type)) {
                addAll(out, t, Relation.OTHER);
            }
        }
        for (Synset t : antonymCluster(s)) {
            addAll(out, t, Relation.ANTONYM);
        }
    }

    /**
     * The synsets whose lemmas are antonyms of {@code s}'s lemmas: the targets of the antonym pointers of {@code s}
     * (and, for an adjective satellite, of its heads), each with its similar-to synsets.
     */
    List<Synset> antonymCluster(Synset s) throws JWNLException {
        Set<Synset> sources = new LinkedHashSet<>();
        sources.add(s);
        if (s.getPOS() == POS.ADJECTIVE && s.isAdjectiveCluster()) {
            sources.addAll(targets(s, PointerType.SIMILAR_TO)); // a satellite's heads
        }
        Set<Synset> out = new LinkedHashSet<>();
        for (Synset src : sources) {
            for (Synset t : targets(src, PointerType.ANTONYM)) {
                out.add(t);
                out.addAll(targets(t, PointerType.SIMILAR_TO));
            }
        }
        return new ArrayList<>(out);
    }

    private static List<Synset> targets(Synset s, PointerType type) throws JWNLException {
        List<Synset> out = new ArrayList<>(2);
        for (Pointer ptr : s.getPointers(type)) {
            Synset t = ptr.getTargetSynset();
            if (t != null && !out.contains(t)) {
                out.add(t);
            }
        }
        return out;
    }

    private static void addTarget(Map<String, Integer> out, PointerTarget target, Relation r) {
        if (target instanceof Word w) {
            add(out, w.getLemma(), r);
        } else if (target instanceof Synset s) {
            addAll(out, s, r);
        }
    }

    private static void addAll(Map<String, Integer> out, Synset s, Relation r) {
        for (Word w : s.getWords()) {
            add(out, w.getLemma(), r);
        }
    }

    private static void add(Map<String, Integer> out, String lemma, Relation r) {
        if (lemma.indexOf(' ') >= 0 || lemma.indexOf('_') >= 0) {
            return;
        }
        out.merge(lemma.toLowerCase(Locale.ROOT), r.bit(), (a, b) -> a | b);
    }

    // ---------------------------------------------------------------- counter-fitting constraints

    /**
     * Antonym pairs for counter-fitting with the expanded relation above: every single-word lemma of a synset
     * against every single-word lemma of its {@link #antonymCluster}, both in {@code vocabulary}, with regular
     * inflections when asked ({@link WordNetSynonyms#synonymPairs(Set, boolean)}). Sorted, no duplicates.
     */
    public List<WordPair> antonymPairs(Set<String> vocabulary, boolean inflections) {
        List<String[]> pairs = new ArrayList<>();
        List<Integer> pos = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        synchronized (dictionary) {
            try {
                for (int p = 0; p < POS_ORDER.length; p++) {
                    for (Iterator<Synset> it = dictionary.getSynsetIterator(POS_ORDER[p]); it.hasNext(); ) {
                        Synset s = it.next();
                        List<Synset> cluster = antonymCluster(s);
                        if (cluster.isEmpty()) {
                            continue;
                        }
                        List<String> left = lemmas(s);
                        for (Synset t : cluster) {
                            for (String b : lemmas(t)) {
                                for (String a : left) {
                                    if (!a.equals(b) && seen.add(p + "\t" + (a.compareTo(b) < 0 ? a + "\t" + b
                                            : b + "\t" + a))) {
                                        pairs.add(new String[] {a, b});
                                        pos.add(p);
                                    }
                                }
                            }
                        }
                    }
                }
            } catch (JWNLException e) {
                throw new IllegalStateException("cannot enumerate WordNet synsets: " + e, e);
            }
        }
        return wordNet.pairs(pairs, pos.stream().mapToInt(Integer::intValue).toArray(), vocabulary, inflections);
    }

    private static List<String> lemmas(Synset s) {
        List<String> out = new ArrayList<>();
        for (Word w : s.getWords()) {
            String l = w.getLemma();
            if (l.indexOf(' ') < 0 && l.indexOf('_') < 0 && WordNetSynonyms.isOneWord(l)) {
                String lower = l.toLowerCase(Locale.ROOT);
                if (!out.contains(lower)) {
                    out.add(lower);
                }
            }
        }
        return out;
    }
}
