package org.rosebench.core.optim;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParamTest {

    @Test
    void eligibilityIsRosesCaseSensitiveSubstringRule() {
        assertTrue(Param.isEligible("roberta.encoder.layer.3.attention.self.query.weight"));
        assertTrue(Param.isEligible("roberta.encoder.layer.3.output.LayerNorm.weight"));
        assertFalse(Param.isEligible("roberta.encoder.layer.3.attention.self.query.bias"));
        assertFalse(Param.isEligible("roberta.embeddings.LayerNorm.weight"), "capital-L LayerNorm has no 'layer'");
        assertFalse(Param.isEligible("roberta.embeddings.word_embeddings.weight"));
        assertFalse(Param.isEligible("classifier.dense.weight"));
    }

    @Test
    void defaultWeightDecaySparesBiasesAndLayerNorm() {
        assertEquals(0.01, Param.defaultWeightDecay("roberta.embeddings.word_embeddings.weight", 0.01));
        assertEquals(0.01, Param.defaultWeightDecay("classifier.out_proj.weight", 0.01));
        assertEquals(0.0, Param.defaultWeightDecay("classifier.out_proj.bias", 0.01));
        assertEquals(0.0, Param.defaultWeightDecay("roberta.embeddings.LayerNorm.weight", 0.01));
        assertEquals(0.0, Param.defaultWeightDecay("roberta.encoder.layer.0.output.LayerNorm.bias", 0.01));
    }
}
