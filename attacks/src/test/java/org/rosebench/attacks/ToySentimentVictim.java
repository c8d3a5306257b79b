package org.rosebench.attacks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rosebench.attacks.spi.TextInput;
import org.rosebench.attacks.spi.Victim;

/**
 * A lexicon sentiment model whose verdicts can be worked out by hand. Tokens are the lower-cased runs of
 * a-z ("[UNK]" is the token "unk"); the sentiment is s = sum of token weights (unknown words weigh 0),
 * where the token after "not" counts negated and the token after "very" counts double. Outputs are the
 * logits [0, s], so p(positive) = sigmoid(s) after the goal function's softmax; label 1 is positive.
 */
public final class ToySentimentVictim implements Victim {

    private static final Pattern TOKEN = Pattern.compile("[a-z]+");

    private final Map<String, Double> weights;
    private final List<String> received = new ArrayList<>();
    private int calls;

    public ToySentimentVictim(Map<String, Double> weights) {
        this.weights = Map.copyOf(weights);
    }

    /** The weights used throughout the tests. */
    public static ToySentimentVictim standard() {
        return new ToySentimentVictim(Map.ofEntries(
                Map.entry("great", 2.0), Map.entry("good", 3.0), Map.entry("brilliant", 7.0),
                Map.entry("superb", 4.0), Map.entry("nice", 2.5), Map.entry("fine", 6.0), Map.entry("decent", 1.75),
                Map.entry("awful", -1.5), Map.entry("lovely", 2.5)));
    }

    public double sentiment(String text) {
        Matcher m = TOKEN.matcher(text.toLowerCase(Locale.ROOT));
        double s = 0;
        double factor = 1;
        while (m.find()) {
            String token = m.group();
            s += factor * weights.getOrDefault(token, 0.0);
            factor = token.equals("not") ? -1 : token.equals("very") ? 2 : 1;
        }
        return s;
    }

    @Override
    public float[][] predict(List<TextInput> batch) {
        calls++;
        float[][] out = new float[batch.size()][];
        for (int i = 0; i < batch.size(); i++) {
            String text = String.join(" ", batch.get(i).segments());
            received.add(text);
            out[i] = new float[] {0f, (float) sentiment(text)};
        }
        return out;
    }

    /** Texts sent so far (cache misses only), in order. */
    public List<String> received() {
        return received;
    }

    public int calls() {
        return calls;
    }

    /** 1 − p(label) as the goal function computes it, for expected scores. */
    public static double score(double s, int label) {
        double pPositive = 1 / (1 + Math.exp(-s));
        return 1f - (float) (label == 1 ? pPositive : 1 - pPositive);
    }
}
