package org.rosebench.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.rosebench.core.catalog.ModelCatalog;

/** Acceptance 2: Google's BERT-base from the TF bundle, MLM head included, predicts "paris". */
@Tag("slow")
class BertMaskedLmTest {

    @Test
    void capitalOfFranceIsParis() {
        try (MaskedLanguageModel mlm = MaskedLanguageModel.load(ModelCatalog.resolve("bert-base-uncased"), 128)) {
            List<List<MaskedLanguageModel.Prediction>> p = mlm.fillMask("The capital of France is [MASK].", 5);
            assertEquals(1, p.size());
            System.out.println("bert-base-uncased top-5: " + p.get(0));
            assertEquals("paris", p.get(0).get(0).token());
        }
    }
}
