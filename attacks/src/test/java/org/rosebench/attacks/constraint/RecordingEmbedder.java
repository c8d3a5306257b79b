package org.rosebench.attacks.constraint;

import java.util.ArrayList;
import java.util.List;
import org.rosebench.attacks.spi.SentenceEmbedder;

/** Embeds a text as (its length, its first character) and records every batch it is asked to embed. */
public final class RecordingEmbedder implements SentenceEmbedder {

    public final List<List<String>> calls = new ArrayList<>();

    @Override
    public float[][] embed(List<String> texts) {
        calls.add(List.copyOf(texts));
        float[][] out = new float[texts.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new float[] {texts.get(i).length(), texts.get(i).charAt(0)};
        }
        return out;
    }
}
