package org.rosebench.attacks.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rosebench.core.BadInputException;
import org.rosebench.core.model.TinyRoberta;

/**
 * TextAttack v0.3.10's {@code HuggingFaceModelWrapper.__call__}: {@code max_length = 512 if
 * tokenizer.model_max_length == int(1e30) else tokenizer.model_max_length}; HF sets {@code int(1e30)} when the
 * tokenizer config has no {@code model_max_length}.
 */
class VictimMaxLengthTest {

    @TempDir
    Path dir;

    private Path checkpoint(int positions, String tokenizerConfig) throws IOException {
        ObjectNode config = TinyRoberta.config().put("max_position_embeddings", positions);
        Files.writeString(dir.resolve("config.json"), config.toString());
        TinyRoberta.writeTokenizer(dir.resolve("tokenizer.json"));
        if (tokenizerConfig != null) {
            Files.writeString(dir.resolve("tokenizer_config.json"), tokenizerConfig);
        }
        return dir;
    }

    @Test
    void noTokenizerConfigMeansTextAttacksFallback512() throws IOException {
        // roberta-base: 514 positions, 2 of them never used by tokens
        assertEquals(512, VictimMaxLength.of(checkpoint(514, null)));
        assertEquals(512, VictimMaxLength.of(checkpoint(514, "{\"do_lower_case\": true}")));
    }

    @Test
    void theTokenizersModelMaxLengthWhenSet() throws IOException {
        assertEquals(128, VictimMaxLength.of(checkpoint(514, "{\"model_max_length\": 128}")));
        assertEquals(77, VictimMaxLength.resolve(checkpoint(514, "{\"model_max_length\": 128}"), 77));
    }

    @Test
    void hfsUnsetSentinelMeans512() throws IOException {
        // what save_pretrained writes for a tokenizer without a length: int(1e30)
        assertEquals(512, VictimMaxLength.of(checkpoint(514,
                "{\"model_max_length\": 1000000000000000019884624838656}")));
    }

    @Test
    void aShorterPositionTableCaps() throws IOException {
        assertEquals(38, VictimMaxLength.of(checkpoint(40, null)));
    }

    @Test
    void badValuesAreRefusedNamingTheFile() throws IOException {
        BadInputException e = assertThrows(BadInputException.class,
                () -> VictimMaxLength.of(checkpoint(514, "{\"model_max_length\": \"long\"}")));
        assertEquals(true, e.getMessage().contains("tokenizer_config.json"), e.getMessage());
    }
}
