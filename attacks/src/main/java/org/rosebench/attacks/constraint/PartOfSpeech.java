package org.rosebench.attacks.constraint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rosebench.attacks.spi.PosTagger;
import org.rosebench.attacks.text.AttackedText;
import org.rosebench.attacks.util.LruMap;

/**
 * The new word must have the same universal POS tag as the word it replaces, noun↔verb swaps allowed when
 * {@code allowVerbNounSwap}. Both words are tagged in the reference's context: up to 4 words before and up
 * to 3 after the index. Tag results are cached by context, as in TextAttack.
 *
 * <p>TextAttack reads a word's tag at the word's <em>first</em> occurrence in the context ({@code
 * word_list.index(word)}), which is another position when the same word also occurs just before it; that is the
 * default here too. {@code firstOccurrence = false} reads the tag at the word's own position instead.
 */
public final class PartOfSpeech extends Constraint {

    private static final int BEFORE = 4;
    private static final int AFTER = 3;

    private final PosTagger tagger;
    private final boolean allowVerbNounSwap;
    private final boolean firstOccurrence;
    // TextAttack keeps 2^14 tagged contexts.
    private final Map<List<String>, List<String>> cache = new LruMap<>(1 << 14);

    /** @param firstOccurrence read the tag at the word's first occurrence in the context, as TextAttack does */
    public PartOfSpeech(PosTagger tagger, boolean allowVerbNounSwap, boolean compareAgainstOriginal,
            boolean firstOccurrence) {
        super(compareAgainstOriginal);
        this.tagger = tagger;
        this.allowVerbNounSwap = allowVerbNounSwap;
        this.firstOccurrence = firstOccurrence;
    }

    public PartOfSpeech(PosTagger tagger, boolean allowVerbNounSwap, boolean compareAgainstOriginal) {
        this(tagger, allowVerbNounSwap, compareAgainstOriginal, true);
    }

    /** TextAttack's default: noun↔verb allowed, compared against the original text. */
    public PartOfSpeech(PosTagger tagger) {
        this(tagger, true, true);
    }

    private record Context(List<String> words, int position) {
    }

    @Override
    public List<AttackedText> filter(List<AttackedText> candidates, AttackedText reference) {
        // Tag every uncached context of this step in one batch.
        Map<List<String>, Boolean> pending = new LinkedHashMap<>();
        for (AttackedText c : candidates) {
            for (int i : c.newlyModifiedIndices()) {
                if (i < reference.numWords() && i < c.numWords()) {
                    pending.putIfAbsent(context(reference, i, reference.wordAt(i)).words(), true);
                    pending.putIfAbsent(context(reference, i, c.wordAt(i)).words(), true);
                }
            }
        }
        pending.keySet().removeAll(cache.keySet());
        List<List<String>> toTag = new ArrayList<>(pending.keySet());
        if (!toTag.isEmpty()) {
            List<List<String>> tags = tagger.tagAll(toTag);
            for (int k = 0; k < toTag.size(); k++) {
                cache.put(toTag.get(k), tags.get(k));
            }
        }
        return super.filter(candidates, reference);
    }

    @Override
    protected boolean check(AttackedText candidate, AttackedText reference) {
        for (int i : candidate.newlyModifiedIndices()) {
            if (i >= reference.numWords() || i >= candidate.numWords()) {
                continue;
            }
            String before = tagOf(context(reference, i, reference.wordAt(i)));
            String after = tagOf(context(reference, i, candidate.wordAt(i)));
            if (!canReplace(before, after)) {
                return false;
            }
        }
        return true;
    }

    boolean canReplace(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        return allowVerbNounSwap && isNounOrVerb(a) && isNounOrVerb(b);
    }

    private static boolean isNounOrVerb(String tag) {
        return tag.equals("NOUN") || tag.equals("VERB");
    }

    private Context context(AttackedText reference, int i, String word) {
        List<String> words = reference.words();
        List<String> ctx = new ArrayList<>(words.subList(Math.max(i - BEFORE, 0), i));
        int position = ctx.size();
        ctx.add(word);
        ctx.addAll(words.subList(i + 1, Math.min(i + 1 + AFTER, words.size())));
        return new Context(List.copyOf(ctx), firstOccurrence ? ctx.indexOf(word) : position);
    }

    private String tagOf(Context ctx) {
        List<String> tags = cache.computeIfAbsent(ctx.words(), tagger::tag);
        if (tags.size() != ctx.words().size()) {
            throw new IllegalStateException("tagger returned " + tags.size() + " tags for " + ctx.words());
        }
        return tags.get(ctx.position());
    }

    @Override
    public String describe() {
        return "part-of-speech (same universal tag" + (allowVerbNounSwap ? ", noun<->verb allowed" : "")
                + ", context 4 before / 3 after, tag read at the word's " + (firstOccurrence ? "first occurrence"
                : "own position") + ", vs " + referenceName() + ")";
    }
}
