package org.rosebench.core.catalog;

import java.io.IOException;
import java.nio.file.Path;
import org.rosebench.core.model.ModelConfig;

/** A pretrained model the catalog can materialise as a HuggingFace directory from a Maven artifact. */
public interface CatalogModel {

    String name();

    String description();

    ModelSource source();

    /** The model's {@code config.json}, known without converting anything (plans validate against it). */
    ModelConfig config();

    /** Writes {@code config.json}, {@code model.safetensors} and {@code tokenizer.json} into {@code dir}. */
    void materialise(Path dir) throws IOException;
}
