package org.rosebench.core.checkpoint;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Extracts HuggingFace-named weights from the initializers of an exported ONNX model (e.g. all-MiniLM-L6-v2
 * from the langchain4j artifact), without ONNX Runtime.
 *
 * <p>The model is streamed with {@link CodedInputStream}: only the graph's node wiring (names, op types,
 * inputs, outputs) and the float initializers are kept, never the whole 90 MB message.
 *
 * <p>Why name recovery: torch.onnx keeps HF names for biases, LayerNorms and embeddings, but folds the transpose of
 * each Linear weight into a new constant named {@code onnx::MatMul_NNN} holding W<sup>T</sup> ([in, out]). Such a
 * constant feeds {@code MatMul(x, W^T)} whose output feeds {@code Add(·, <prefix>.bias)}, so its HF name is
 * {@code <prefix>.weight}, and it must be transposed back to [out, in].
 */
public final class OnnxWeights {

    private static final System.Logger LOG = System.getLogger(OnnxWeights.class.getName());

    /** ONNX TensorProto.DataType values handled here. */
    static final int FLOAT = 1, FLOAT16 = 10, BFLOAT16 = 16;

    /** One graph node, reduced to what name recovery needs. */
    public record Node(String name, String opType, List<String> inputs, List<String> outputs) {}

    /**
     * The parts of a model this class reads: floating-point initializers (original names, original layout, file
     * order), the top-level nodes, and descriptions of initializers skipped because they are not floating point.
     */
    public record Model(Map<String, TensorData> initializers, List<Node> nodes, List<String> skipped) {}

    private OnnxWeights() {}

    /** Reads the model and returns its weights under HF names in HF layout (file order). */
    public static Map<String, TensorData> readHfWeights(Path onnxFile) throws IOException {
        return hfWeights(read(onnxFile), onnxFile.toString());
    }

    /** As {@link #readHfWeights(Path)}, from a stream (e.g. a jar entry); {@code source} names it in errors. */
    public static Map<String, TensorData> readHfWeights(InputStream in, String source) throws IOException {
        return hfWeights(read(in, source), source);
    }

    public static Model read(Path onnxFile) throws IOException {
        try (InputStream in = Files.newInputStream(onnxFile)) {
            return read(in, onnxFile.toString());
        }
    }

    /** Streams a ModelProto: graph (7) → node (1), initializer (5); everything else is skipped. */
    public static Model read(InputStream stream, String source) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(new BufferedInputStream(stream, 1 << 16), 1 << 16);
        in.setSizeLimit(Integer.MAX_VALUE); // protobuf caps messages at 2 GB; the default limit is lower in some versions
        Map<String, TensorData> initializers = new LinkedHashMap<>();
        List<Node> nodes = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        boolean sawGraph = false;
        try {
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                if (WireFormat.getTagFieldNumber(tag) == 7 && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    sawGraph = true;
                    int old = in.pushLimit(in.readRawVarint32());
                    readGraph(in, source, initializers, nodes, skipped);
                    in.popLimit(old);
                } else {
                    in.skipField(tag);
                }
            }
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IOException(source + ": not a valid ONNX model (protobuf error: " + e.getMessage()
                    + "); truncated or corrupt file?", e);
        }
        if (!sawGraph) {
            throw new IOException(source + ": not an ONNX model (no graph)");
        }
        return new Model(initializers, nodes, skipped);
    }

    /**
     * HF names for the {@code onnx::}-named initializers consumed by a MatMul: onnx name → HF weight name.
     *
     * @throws IOException naming every initializer whose name cannot be recovered uniquely
     */
    public static Map<String, String> recoverMatMulNames(Model model, String source) throws IOException {
        Map<String, List<Node>> consumers = new HashMap<>();
        for (Node n : model.nodes()) {
            for (String input : n.inputs()) {
                consumers.computeIfAbsent(input, k -> new ArrayList<>()).add(n);
            }
        }
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, String> taken = new HashMap<>(); // HF name → onnx name, to detect two weights on one bias
        List<String> problems = new ArrayList<>();
        for (String init : model.initializers().keySet()) {
            if (!init.startsWith("onnx::")) {
                continue;
            }
            List<Node> matmuls = consumers.getOrDefault(init, List.of()).stream()
                    .filter(n -> n.opType().equals("MatMul")).toList();
            if (matmuls.isEmpty()) {
                continue;
            }
            Set<String> biases = new LinkedHashSet<>();
            for (Node matmul : matmuls) {
                for (String out : matmul.outputs()) {
                    for (Node add : consumers.getOrDefault(out, List.of())) {
                        if (!add.opType().equals("Add")) {
                            continue;
                        }
                        for (String other : add.inputs()) {
                            if (!other.equals(out) && other.endsWith(".bias") && model.initializers().containsKey(other)) {
                                biases.add(other);
                            }
                        }
                    }
                }
            }
            if (biases.size() != 1) {
                problems.add(init + (biases.isEmpty() ? ": no MatMul→Add with a *.bias initializer" : ": ambiguous, biases " + biases));
                continue;
            }
            String bias = biases.iterator().next();
            String hf = bias.substring(0, bias.length() - "bias".length()) + "weight";
            String previous = taken.put(hf, init);
            if (previous != null) {
                problems.add(init + ": maps to " + hf + ", already claimed by " + previous);
            } else if (model.initializers().containsKey(hf)) {
                problems.add(init + ": maps to " + hf + ", which is already an initializer");
            } else {
                names.put(init, hf);
            }
        }
        if (!problems.isEmpty()) {
            throw new IOException(source + ": cannot recover HF names of " + problems.size() + " MatMul weight(s): "
                    + String.join("; ", problems));
        }
        return names;
    }

    /**
     * Initializers under HF names: HF-named ones as they are, recovered MatMul weights renamed and transposed to
     * [out, in]. Other exporter constants ({@code onnx::...} not feeding a MatMul) are not weights and are left out.
     */
    public static Map<String, TensorData> hfWeights(Model model, String source) throws IOException {
        Map<String, String> recovered = recoverMatMulNames(model, source);
        Map<String, TensorData> out = new LinkedHashMap<>();
        List<String> dropped = new ArrayList<>();
        for (TensorData t : model.initializers().values()) {
            String hf = recovered.get(t.name());
            if (hf != null) {
                TensorData w = t.transposed2d(hf);
                TensorData bias = model.initializers().get(hf.substring(0, hf.length() - "weight".length()) + "bias");
                if (bias.shape().length != 1 || bias.shape()[0] != w.shape()[0]) {
                    throw new IOException(source + ": " + t.name() + " → " + hf + " has shape " + Arrays.toString(w.shape())
                            + " after transpose, inconsistent with bias " + Arrays.toString(bias.shape()));
                }
                out.put(hf, w);
            } else if (t.name().startsWith("onnx::")) {
                dropped.add(t.toString());
            } else {
                out.put(t.name(), t);
            }
        }
        if (!dropped.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, () -> source + ": left out " + dropped.size()
                    + " exporter constant(s) that are not weights: " + dropped);
        }
        if (!model.skipped().isEmpty()) {
            LOG.log(System.Logger.Level.INFO, () -> source + ": skipped " + model.skipped().size()
                    + " non-floating-point initializer(s): " + model.skipped());
        }
        return out;
    }

    private static void readGraph(CodedInputStream in, String source, Map<String, TensorData> initializers,
                                  List<Node> nodes, List<String> skipped) throws IOException {
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            int field = WireFormat.getTagFieldNumber(tag);
            if (field == 1 && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                int old = in.pushLimit(in.readRawVarint32());
                nodes.add(readNode(in));
                in.popLimit(old);
            } else if (field == 5 && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                int old = in.pushLimit(in.readRawVarint32());
                TensorData t = readTensor(in, source, skipped);
                in.popLimit(old);
                if (t != null && initializers.put(t.name(), t) != null) {
                    throw new IOException(source + ": duplicate initializer '" + t.name() + "'");
                }
            } else {
                in.skipField(tag);
            }
        }
    }

    /** NodeProto: input (1), output (2), name (3), op_type (4); attributes (subgraphs included) are skipped. */
    private static Node readNode(CodedInputStream in) throws IOException {
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        String name = "";
        String opType = "";
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> inputs.add(in.readString());
                case 2 -> outputs.add(in.readString());
                case 3 -> name = in.readString();
                case 4 -> opType = in.readString();
                default -> in.skipField(tag);
            }
        }
        return new Node(name, opType, List.copyOf(inputs), List.copyOf(outputs));
    }

    /**
     * TensorProto: dims (1, packed or not), data_type (2), float_data (4, packed or not), name (8), raw_data (9,
     * little-endian), data_location (14; 1 = external). Returns null for non-floating-point tensors (recorded in
     * {@code skipped}).
     */
    private static TensorData readTensor(CodedInputStream in, String source, List<String> skipped) throws IOException {
        List<Long> dims = new ArrayList<>();
        int dataType = 0;
        String name = "";
        float[] values = null;   // decoded as soon as data_type is known (the usual field order)
        byte[] rawPending = null; // raw_data seen before data_type: kept until the type is known
        boolean external = false;
        float[] floatData = new float[0]; // float_data (4), appended to; packed in practice, unpacked allowed
        int floatCount = 0;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            int field = WireFormat.getTagFieldNumber(tag);
            int wire = WireFormat.getTagWireType(tag);
            switch (field) {
                case 1 -> {
                    if (wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                        int old = in.pushLimit(in.readRawVarint32());
                        while (!in.isAtEnd()) {
                            dims.add(in.readInt64());
                        }
                        in.popLimit(old);
                    } else {
                        dims.add(in.readInt64());
                    }
                }
                case 2 -> dataType = in.readInt32();
                case 4 -> {
                    if (wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                        int len = in.readRawVarint32();
                        floatData = grow(floatData, floatCount + len / 4);
                        for (int i = 0; i < len / 4; i++) {
                            floatData[floatCount++] = in.readFloat();
                        }
                    } else {
                        floatData = grow(floatData, floatCount + 1);
                        floatData[floatCount++] = in.readFloat();
                    }
                }
                case 8 -> name = in.readString();
                case 9 -> {
                    int len = in.readRawVarint32();
                    FloatCodec.Kind kind = kindOf(dataType);
                    if (dataType == 0) {
                        rawPending = in.readRawBytes(len);
                    } else if (kind == null) {
                        in.skipRawBytes(len); // a non-float tensor: never materialised
                    } else {
                        values = readRaw(in, len, kind, source);
                    }
                }
                case 14 -> external = in.readEnum() == 1;
                default -> in.skipField(tag);
            }
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        FloatCodec.Kind kind = kindOf(dataType);
        if (kind == null) {
            skipped.add(name + " data_type=" + dataType + " " + Arrays.toString(shape));
            return null;
        }
        if (external) {
            throw new IOException(source + ": initializer '" + name + "' uses external data, which is not supported");
        }
        if (rawPending != null) {
            values = decodeRaw(rawPending, kind, source, name);
        }
        if (floatCount > 0) {
            if (values != null || kind != FloatCodec.Kind.F32) {
                throw new IOException(source + ": initializer '" + name + "' has float_data together with raw_data "
                        + "or a non-FLOAT data_type");
            }
            values = Arrays.copyOf(floatData, floatCount);
        }
        if (values == null) {
            values = new float[0];
        }
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        if (n != values.length) {
            throw new IOException(source + ": initializer '" + name + "' has shape " + Arrays.toString(shape) + " ("
                    + n + " values) but " + values.length + " values of data");
        }
        return new TensorData(name, shape, values);
    }

    /** Reads raw_data in 1 MB pieces so a large tensor never exists twice in full (bytes and floats). */
    private static float[] readRaw(CodedInputStream in, int len, FloatCodec.Kind kind, String source) throws IOException {
        if (len % kind.bytes != 0) {
            throw new IOException(source + ": raw_data of " + len + " bytes is not a whole number of " + kind + " values");
        }
        float[] out = new float[len / kind.bytes];
        int chunkElems = (1 << 20) / kind.bytes;
        for (int i = 0; i < out.length; i += chunkElems) {
            int n = Math.min(chunkElems, out.length - i);
            ByteBuffer buf = ByteBuffer.wrap(in.readRawBytes(n * kind.bytes)).order(ByteOrder.LITTLE_ENDIAN);
            FloatCodec.decode(buf, kind, out, i, n);
        }
        return out;
    }

    private static float[] decodeRaw(byte[] raw, FloatCodec.Kind kind, String source, String name) throws IOException {
        if (raw.length % kind.bytes != 0) {
            throw new IOException(source + ": initializer '" + name + "': raw_data of " + raw.length
                    + " bytes is not a whole number of " + kind + " values");
        }
        float[] out = new float[raw.length / kind.bytes];
        FloatCodec.decode(ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN), kind, out, 0, out.length);
        return out;
    }

    private static FloatCodec.Kind kindOf(int dataType) {
        return switch (dataType) {
            case FLOAT -> FloatCodec.Kind.F32;
            case FLOAT16 -> FloatCodec.Kind.F16;
            case BFLOAT16 -> FloatCodec.Kind.BF16;
            default -> null;
        };
    }

    private static float[] grow(float[] a, int needed) {
        return needed <= a.length ? a : Arrays.copyOf(a, Math.max(needed, 2 * a.length));
    }
}
