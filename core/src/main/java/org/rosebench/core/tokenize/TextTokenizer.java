package org.rosebench.core.tokenize;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.util.PairList;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.rosebench.core.BadInputException;
import org.rosebench.core.model.EncodedBatch;

/**
 * A HuggingFace {@code tokenizer.json} (WordPiece or byte-level BPE) loaded through DJL from a local file, with
 * truncation to {@code maxLength} (longest-first for pairs) and dynamic padding to the longest row of a batch.
 */
public final class TextTokenizer implements AutoCloseable {

    private final Path file;
    private final HuggingFaceTokenizer tokenizer;
    private final int maxLength;
    private final long padId;
    private final Map<String, Integer> vocab;
    private final String[] idToToken;

    private TextTokenizer(Path file, HuggingFaceTokenizer tokenizer, int maxLength, long padId,
            Map<String, Integer> vocab) {
        this.file = file;
        this.tokenizer = tokenizer;
        this.maxLength = maxLength;
        this.padId = padId;
        this.vocab = vocab;
        int size = 0;
        for (int id : vocab.values()) {
            size = Math.max(size, id + 1);
        }
        this.idToToken = new String[size];
        vocab.forEach((t, id) -> idToToken[id] = t);
    }

    /** Loads {@code tokenizer.json}; {@code padId} is the model's {@code pad_token_id}. */
    public static TextTokenizer load(Path tokenizerJson, int maxLength, long padId) {
        if (!Files.isRegularFile(tokenizerJson)) {
            throw new BadInputException(tokenizerJson, "tokenizer file not found");
        }
        try {
            HuggingFaceTokenizer tok = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(tokenizerJson)
                    .optAddSpecialTokens(true)
                    .optTruncation(true)
                    .optMaxLength(maxLength)
                    .optPadding(false)
                    .build();
            return new TextTokenizer(tokenizerJson, tok, maxLength, padId, readVocab(tokenizerJson));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new BadInputException(tokenizerJson, line, "not a valid tokenizer: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(tokenizerJson + ": cannot load tokenizer: " + e.getMessage(), e);
        } catch (BadInputException e) {
            throw e;
        } catch (RuntimeException e) {
            // the native tokenizer library reports malformed files as plain runtime errors
            throw new BadInputException(tokenizerJson, "not a valid tokenizer: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
        }
    }

    private static Map<String, Integer> readVocab(Path tokenizerJson) throws IOException {
        JsonNode root = new ObjectMapper().readTree(tokenizerJson.toFile());
        Map<String, Integer> vocab = new HashMap<>();
        JsonNode v = root.path("model").path("vocab");
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            vocab.put(e.getKey(), e.getValue().asInt());
        }
        for (JsonNode added : root.path("added_tokens")) {
            vocab.put(added.path("content").asText(), added.path("id").asInt());
        }
        if (vocab.isEmpty()) {
            throw new BadInputException(tokenizerJson, "no model.vocab in tokenizer.json");
        }
        return vocab;
    }

    public Path file() {
        return file;
    }

    public int maxLength() {
        return maxLength;
    }

    /** Encodes single sentences ({@code textsB == null}) or pairs, padded to the longest row. */
    public EncodedBatch encode(List<String> textsA, List<String> textsB) {
        Encoding[] enc;
        if (textsB == null) {
            enc = tokenizer.batchEncode(textsA);
        } else {
            if (textsA.size() != textsB.size()) {
                throw new IllegalArgumentException("pair batch with " + textsA.size() + " and " + textsB.size() + " texts");
            }
            enc = tokenizer.batchEncode(new PairList<>(textsA, textsB));
        }
        return pad(enc);
    }

    public EncodedBatch encode(String textA, String textB) {
        return encode(List.of(textA), textB == null ? null : List.of(textB));
    }

    private EncodedBatch pad(Encoding[] enc) {
        int len = 1;
        for (Encoding e : enc) {
            len = Math.max(len, e.getIds().length);
        }
        int b = enc.length;
        long[] ids = new long[b * len];
        long[] types = new long[b * len];
        long[] mask = new long[b * len];
        java.util.Arrays.fill(ids, padId);
        for (int r = 0; r < b; r++) {
            long[] rowIds = enc[r].getIds();
            long[] rowTypes = enc[r].getTypeIds();
            System.arraycopy(rowIds, 0, ids, r * len, rowIds.length);
            System.arraycopy(rowTypes, 0, types, r * len, rowTypes.length);
            java.util.Arrays.fill(mask, r * len, r * len + rowIds.length, 1L);
        }
        return new EncodedBatch(b, len, ids, types, mask);
    }

    /** Tokens of one text without special tokens (for MLM candidate handling and inspection). */
    public List<String> tokenize(String text) {
        return List.of(tokenizer.encode(text, false, false).getTokens());
    }

    public int tokenId(String token) {
        Integer id = vocab.get(token);
        if (id == null) {
            throw new IllegalArgumentException(file + ": token '" + token + "' is not in the vocabulary");
        }
        return id;
    }

    public String token(int id) {
        return id >= 0 && id < idToToken.length ? idToToken[id] : null;
    }

    public int vocabSize() {
        return idToToken.length;
    }

    public String decode(long[] ids) {
        return tokenizer.decode(ids, true);
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
