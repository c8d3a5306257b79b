package org.rosebench.harness.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.rosebench.core.Djl;
import org.rosebench.core.model.TinyRoberta;
import org.rosebench.core.tokenize.TextTokenizer;

/**
 * The bad-input corpus: for each case, how to build the malformed input in a fresh directory, the command that
 * reads it, and what its one error line must name (the file, with its line where there is one) and say.
 */
final class BadInputs {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The command to run, the text naming the offending file, a reason keyword, and the directory that must stay as it was (null: the existing run). */
    record Invocation(String[] args, String file, String reason, Path watched) {
        Invocation(List<String> args, String file, String reason) {
            this(args.toArray(String[]::new), file, reason, null);
        }
    }

    @FunctionalInterface
    interface Builder {
        Invocation apply(Workspace w) throws Exception;
    }

    record Case(String name, Builder build) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A case's temp directory and the run directory whose results must survive the failed command. */
    record Workspace(Path dir, Path existingRun) {}

    private BadInputs() {}

    static void warmUp() throws IOException {
        Djl.newManager().close();
        Path tok = TinyRoberta.writeTokenizer(Files.createTempFile("warm-up", "-tokenizer.json"));
        TextTokenizer.load(tok, 16, 1);
        Files.delete(tok);
    }

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        configs(c);
        tsv(c);
        advGlue(c);
        safetensors(c);
        modelDirectories(c);
        tfBundles(c);
        tokenizers(c);
        runDirectories(c);
        return c;
    }

    // ---- matrix configs (YAML): `run CONFIG --out <existing run>` must fail before touching the run

    private static final String HEAD = """
            name: corpus
            models: [minilm-l6]
            tasks: [sst2]
            seeds: [1]
            methods: [vanilla]
            evaluations: [dev]
            """; // 6 lines; the case's own lines start at line 7

    private static void configs(List<Case> c) {
        c.add(yaml("yaml: duplicate key", "train:\n  epochs: 1\n  lr: 1.0e-4\n  lr: 2.0e-4\n", ":10:", "duplicate key 'lr'"));
        c.add(yaml("yaml: train_sample 0", "train: {epochs: 1, train_sample: 0}\n", ":7:",
                "train.train_sample: must be an integer in 1..2147483647"));
        c.add(yaml("yaml: train_limit negative", "train: {train_limit: -5}\n", ":7:", "train.train_limit: must be an integer in 1.."));
        c.add(yaml("yaml: epochs 0", "train: {epochs: 0}\n", ":7:", "train.epochs: must be an integer in 1.."));
        c.add(yaml("yaml: batch_size beyond int", "train: {batch_size: 3000000000}\n", ":7:",
                "train.batch_size: must be an integer in 1..2147483647, got 3000000000"));
        c.add(yaml("yaml: max_length 0 per task", "per_task: {sst2: {max_length: 0}}\n", ":7:", "per_task.sst2.max_length"));
        c.add(yaml("yaml: negative lr", "train: {lr: -0.1}\n", ":7:", "train.lr: must not be negative"));
        c.add(yaml("yaml: attack num_examples 0", "attacks:\n  - {recipe: pwws, num_examples: 0}\n", ":8:",
                "attacks.0.num_examples: must be an integer in 1.."));
        c.add(yaml("yaml: attack offset beyond int", "attacks:\n  - {recipe: pwws, offset: 99999999999}\n", ":8:",
                "attacks.0.offset"));
        c.add(new Case("yaml: seed beyond 32 bits", w -> run(w, HEAD.replace("seeds: [1]", "seeds: [123456789012345678901234567890]"),
                ":4:", "a seed is an integer that fits in 32 bits", false)));
        c.add(new Case("yaml: name escapes the run folder", w -> run(w, HEAD.replace("name: corpus", "name: ../escape"),
                ":1:", "not a plain folder name", false)));
        c.add(new Case("yaml: absolute name", w -> run(w, HEAD.replace("name: corpus", "name: /tmp/abs"),
                ":1:", "not a plain folder name", false)));
        c.add(new Case("yaml: max_length beyond minilm positions (--plan)", w -> run(w,
                HEAD + "train: {max_length: 4096}\n", ":7:", "max_length 4096 exceeds the 512 positions", true)));
        c.add(new Case("yaml: max_length beyond a model directory's positions (--plan)", w -> {
            Path model = TinyRoberta.writeCheckpoint(w.dir().resolve("tiny"), 1);
            String yaml = HEAD.replace("models: [minilm-l6]", "models: [{name: tiny, path: '" + model + "'}]")
                    + "train: {max_length: 64}\n";
            return run(w, yaml, ":7:", "max_length 64 exceeds the 38 positions of this roberta model", true);
        }));
        c.add(new Case("yaml: allow_partial_load not a boolean", w -> run(w,
                HEAD.replace("models: [minilm-l6]", "models: [{name: minilm-l6, allow_partial_load: 3}]"), ":2:",
                "allow_partial_load: must be true or false", false)));
        c.add(new Case("yaml: syntax error", w -> run(w, HEAD + "train: {epochs: 1\n", ":", "not valid YAML", false)));
        c.add(new Case("yaml: unknown setting", w -> run(w, HEAD + "trian: {epochs: 1}\n", ":7:", "unknown setting 'trian'", false)));
    }

    private static Case yaml(String name, String tail, String line, String reason) {
        return new Case(name, w -> run(w, HEAD + tail, line, reason, false));
    }

    private static Invocation run(Workspace w, String yaml, String line, String reason, boolean plan) throws IOException {
        Path cfg = Files.writeString(w.dir().resolve("c.yaml"), yaml);
        List<String> args = new ArrayList<>(List.of("run", cfg.toString(), "--out", w.existingRun().toString()));
        if (plan) {
            args.add("--plan");
        }
        return new Invocation(args, cfg + line, reason);
    }

    // ---- GLUE TSV: `eval` reads its evaluation set before anything else

    private static void tsv(List<Case> c) {
        c.add(devTsv("tsv: unknown label", "sentence\tlabel\ngood movie\t1\nbad movie\tmaybe\n", ":3:", "unknown label 'maybe'"));
        c.add(devTsv("tsv: header only", "sentence\tlabel\n", ":1:", "no data rows"));
        c.add(devTsv("tsv: empty file", "", ":1:", "empty file"));
        c.add(devTsv("tsv: wrong header", "text\tlabel\ngood\t1\n", ":1:", "wrong header"));
        c.add(devTsv("tsv: missing column", "sentence\tlabel\ngood movie\t1\nbad movie\n", ":3:", "column"));
        c.add(new Case("tsv: invalid UTF-8", w -> {
            Path data = dataRoot(w);
            byte[] bad = {'s', 'e', 'n', 't', 'e', 'n', 'c', 'e', '\t', 'l', 'a', 'b', 'e', 'l', '\n', 'o', 'k', (byte) 0xC3,
                    (byte) 0x28, '\t', '1', '\n'};
            Path dev = Files.write(data.resolve("glue/SST-2/dev.tsv"), bad);
            return eval(w, data, "dev", dev.toString(), "not valid UTF-8");
        }));
    }

    private static Case devTsv(String name, String content, String line, String reason) {
        return new Case(name, w -> {
            Path data = dataRoot(w);
            Path dev = Files.writeString(data.resolve("glue/SST-2/dev.tsv"), content);
            return eval(w, data, "dev", dev + line, reason);
        });
    }

    /** A data root with a small, valid SST-2 (train and dev) and AdvGLUE. */
    private static Path dataRoot(Workspace w) throws IOException {
        Path root = w.dir().resolve("data");
        Path sst = Files.createDirectories(root.resolve("glue/SST-2"));
        String rows = "sentence\tlabel\ngood movie\t1\nbad movie\t0\nfine film\t1\ndull film\t0\n";
        Files.writeString(sst.resolve("train.tsv"), rows);
        Files.writeString(sst.resolve("dev.tsv"), rows);
        Files.createDirectories(root.resolve("advglue"));
        Files.writeString(root.resolve("advglue/dev.json"), "{\"sst2\": [{\"idx\": 0, \"label\": 1, \"sentence\": \"good\"}]}\n");
        return root;
    }

    private static Invocation eval(Workspace w, Path data, String split, String file, String reason) {
        return new Invocation(List.of("eval", "--checkpoint", w.existingRun().resolve("no-checkpoint").toString(),
                "--task", "sst2", "--split", split, "--data", data.toString()), file, reason);
    }

    // ---- AdvGLUE JSON

    private static void advGlue(List<Case> c) {
        c.add(advGlueJson("advglue: empty task list", "{\"sst2\": []}", "task key 'sst2' has no examples"));
        c.add(advGlueJson("advglue: truncated JSON", "{\"sst2\": [{\"idx\": 0, \"label\": 1, \"sent", "malformed or truncated JSON"));
        c.add(advGlueJson("advglue: label out of range", "{\"sst2\": [{\"idx\": 0, \"label\": 7, \"sentence\": \"x\"}]}",
                "out of range"));
        c.add(advGlueJson("advglue: missing task key", "{\"qqp\": []}", "missing task key 'sst2'"));
    }

    private static Case advGlueJson(String name, String content, String reason) {
        return new Case(name, w -> {
            Path data = dataRoot(w);
            Path adv = Files.writeString(data.resolve("advglue/dev.json"), content);
            return eval(w, data, "advglue", adv.toString(), reason);
        });
    }

    // ---- safetensors: `train --model DIR` must refuse the weights before training

    private static void safetensors(List<Case> c) {
        c.add(weights("safetensors: overlapping offsets", file -> editHeader(file, h -> {
            String[] same = sameSizePair(h);
            h.set(same[1] + "", h.get(same[0]).deepCopy());
            return h;
        }), "overlap"));
        c.add(weights("safetensors: gap before the data", file -> Files.write(file, handMade(
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}", new byte[16])), "8 unused bytes"));
        c.add(weights("safetensors: bytes after the last tensor", file -> Files.write(file, handMade(
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", new byte[12])), "4 bytes after the last tensor"));
        c.add(weights("safetensors: absurd header length", file -> {
            byte[] b = Files.readAllBytes(file);
            b[7] = 0x7F;
            Files.write(file, b);
        }, "header length"));
        c.add(weights("safetensors: truncated", file -> {
            byte[] b = Files.readAllBytes(file);
            Files.write(file, Arrays.copyOf(b, b.length - 10));
        }, "truncated"));
        c.add(weights("safetensors: unsupported dtype", file -> Files.write(file, handMade(
                "{\"w\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}}", new byte[8])), "dtype F64"));
        c.add(weights("safetensors: names do not match (extra prefix)", file -> editHeader(file, h -> {
            ObjectNode renamed = JSON.createObjectNode();
            h.fields().forEachRemaining(e -> renamed.set(e.getKey().equals("__metadata__") ? e.getKey()
                    : "model." + e.getKey(), e.getValue()));
            return renamed;
        }), "only 0 of the"));
        c.add(new Case("safetensors: sharded index points outside", w -> {
            Path model = TinyRoberta.writeCheckpoint(w.dir().resolve("tiny"), 1);
            Files.delete(model.resolve("model.safetensors"));
            Path index = Files.writeString(model.resolve("model.safetensors.index.json"),
                    "{\"weight_map\": {\"a\": \"../outside.safetensors\"}}");
            return train(w, model, index.toString(), "lies outside");
        }));
    }

    @FunctionalInterface
    interface FileEdit {
        void apply(Path file) throws IOException;
    }

    private static Case weights(String name, FileEdit edit, String reason) {
        return new Case(name, w -> {
            Path model = TinyRoberta.writeCheckpoint(w.dir().resolve("tiny"), 1);
            Path file = model.resolve("model.safetensors");
            edit.apply(file);
            return train(w, model, file.toString(), reason);
        });
    }

    private static Invocation train(Workspace w, Path model, String file, String reason) throws IOException {
        return train(w, model, file, reason, "32");
    }

    private static Invocation train(Workspace w, Path model, String file, String reason, String maxLength)
            throws IOException {
        Path data = dataRoot(w);
        return new Invocation(List.of("train", "--model", model.toString(), "--task", "sst2", "--data", data.toString(),
                "--train-limit", "4", "--epochs", "1", "--max-length", maxLength, "--no-advglue", "--out",
                w.existingRun().toString()), file, reason);
    }

    /** Two tensors of the same byte size (their offsets can be made to coincide without a size error). */
    private static String[] sameSizePair(ObjectNode header) {
        Map<Long, String> bySize = new java.util.HashMap<>();
        for (Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it = header.fields(); it.hasNext();) {
            Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> e = it.next();
            if (e.getKey().equals("__metadata__")) {
                continue;
            }
            long size = e.getValue().get("data_offsets").get(1).asLong() - e.getValue().get("data_offsets").get(0).asLong();
            String other = bySize.putIfAbsent(size, e.getKey());
            if (other != null) {
                return new String[] {other, e.getKey()};
            }
        }
        throw new IllegalStateException("no two tensors of one size");
    }

    private static void editHeader(Path file, UnaryOperator<ObjectNode> edit) throws IOException {
        byte[] b = Files.readAllBytes(file);
        long n = ByteBuffer.wrap(b, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        ObjectNode header = (ObjectNode) JSON.readTree(Arrays.copyOfRange(b, 8, 8 + (int) n));
        byte[] data = Arrays.copyOfRange(b, 8 + (int) n, b.length);
        Files.write(file, handMade(JSON.writeValueAsString(edit.apply(header)), data));
    }

    /** A safetensors file: 8-byte length, the header padded with spaces to 8 bytes, the data. */
    static byte[] handMade(String header, byte[] data) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        int padded = (h.length + 7) / 8 * 8;
        ByteBuffer out = ByteBuffer.allocate(8 + padded + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded).put(h);
        for (int i = h.length; i < padded; i++) {
            out.put((byte) ' ');
        }
        return out.put(data).array();
    }

    // ---- model directories (config.json) and max_length

    private static void modelDirectories(List<Case> c) {
        c.add(new Case("model: --max-length beyond the position table", w -> {
            Path model = TinyRoberta.writeCheckpoint(w.dir().resolve("tiny"), 1);
            return train(w, model, model.resolve("config.json").toString(), "max_length 64 exceeds the 38 positions", "64");
        }));
        c.add(new Case("model: config.json not JSON", w -> {
            Path model = TinyRoberta.writeCheckpoint(w.dir().resolve("tiny"), 1);
            Files.writeString(model.resolve("config.json"), "{\n  \"model_type\": \"roberta\",\n  oops\n}\n");
            return train(w, model, model.resolve("config.json") + ":3:", "not valid JSON");
        }));
        c.add(new Case("model: unsupported model_type", w -> {
            Path model = TinyRoberta.writeCheckpoint(w.dir().resolve("tiny"), 1);
            ObjectNode cfg = TinyRoberta.config().put("model_type", "gpt2");
            JSON.writeValue(model.resolve("config.json").toFile(), cfg);
            return train(w, model, model.resolve("config.json").toString(), "unsupported model_type 'gpt2'");
        }));
        c.add(new Case("model: directory without config.json", w -> {
            Path model = TinyRoberta.writeCheckpoint(w.dir().resolve("tiny"), 1);
            Files.delete(model.resolve("config.json"));
            return train(w, model, model.toString(), "no config.json");
        }));
        c.add(new Case("checkpoint: rose_bench.json not JSON", w -> {
            Path ckpt = TinyRoberta.writeCheckpoint(w.dir().resolve("ckpt"), 1);
            Path meta = Files.writeString(ckpt.resolve("rose_bench.json"), "{\"train_config\": {\"maxLength\": 32,");
            return new Invocation(List.of("eval", "--checkpoint", ckpt.toString(), "--task", "sst2", "--data",
                    dataRoot(w).toString()), meta + ":1:", "not valid JSON");
        }));
    }

    // ---- TensorFlow bundles (Google BERT checkpoints): variables/variables.index

    private static void tfBundles(List<Case> c) {
        c.add(tf("tf: index shorter than its footer", new byte[10], "shorter than the 48-byte table footer"));
        byte[] noMagic = new byte[64];
        c.add(tf("tf: bad table magic", noMagic, "bad table magic"));
        c.add(tf("tf: block handle beyond the file", footer(Long.MAX_VALUE - 2, 16), "index block: handle (offset"));
        c.add(tf("tf: block handle whose end overflows", footer(0x7FFF_FFFF_FFFF_FFF0L, 0x20), "outside the 48-byte index"));
    }

    private static Case tf(String name, byte[] index, String reason) {
        return new Case(name, w -> {
            Path model = bertDirectory(w.dir().resolve("bert-tf"));
            Path file = Files.createDirectories(model.resolve("variables")).resolve("variables.index");
            Files.write(file, index);
            return train(w, model, file.toString(), reason);
        });
    }

    /** A LevelDB table footer (metaindex handle, index handle, padding, magic) and nothing else. */
    private static byte[] footer(long indexOffset, long indexSize) {
        ByteArrayOutputStream handles = new ByteArrayOutputStream();
        varint(handles, 0);
        varint(handles, 0);
        varint(handles, indexOffset);
        varint(handles, indexSize);
        byte[] out = Arrays.copyOf(handles.toByteArray(), 48);
        ByteBuffer.wrap(out, 40, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(0xdb4775248b80fb57L);
        return out;
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        long x = v;
        while ((x & ~0x7FL) != 0) {
            out.write((int) ((x & 0x7F) | 0x80));
            x >>>= 7;
        }
        out.write((int) x);
    }

    /** A tiny BERT directory: config.json and vocab.txt; weights are up to the case. */
    private static Path bertDirectory(Path dir) throws IOException {
        Files.createDirectories(dir);
        ObjectNode cfg = JSON.createObjectNode().put("model_type", "bert").put("vocab_size", 8).put("hidden_size", 8)
                .put("num_hidden_layers", 1).put("num_attention_heads", 2).put("intermediate_size", 16)
                .put("max_position_embeddings", 64);
        JSON.writeValue(dir.resolve("config.json").toFile(), cfg);
        Files.writeString(dir.resolve("vocab.txt"), "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\ngood\nbad\nmovie\n");
        return dir;
    }

    // ---- tokenizers

    private static void tokenizers(List<Case> c) {
        c.add(new Case("tokenizer: tokenizer.json not a tokenizer", w -> {
            Path model = TinyRoberta.writeCheckpoint(w.dir().resolve("tiny"), 1);
            Path tok = Files.writeString(model.resolve("tokenizer.json"), "{\"version\": \"1.0\", \"model\": ");
            return train(w, model, tok.toString(), "not a valid tokenizer");
        }));
        c.add(new Case("tokenizer: tokenizer.json without a vocabulary", w -> {
            Path model = TinyRoberta.writeCheckpoint(w.dir().resolve("tiny"), 1);
            Path tok = Files.writeString(model.resolve("tokenizer.json"), "{\"version\": \"1.0\"}");
            return train(w, model, tok.toString(), "not a valid tokenizer");
        }));
        c.add(new Case("tokenizer: vocab.txt with a duplicate token", w -> {
            Path model = bertDirectory(w.dir().resolve("bert"));
            Path vocab = Files.writeString(model.resolve("vocab.txt"), "[PAD]\n[UNK]\n[UNK]\n[CLS]\n[SEP]\n");
            return train(w, model, vocab + ":3:", "duplicate token '[UNK]'");
        }));
        c.add(new Case("tokenizer: vocab.txt without [CLS]", w -> {
            Path model = bertDirectory(w.dir().resolve("bert"));
            Path vocab = Files.writeString(model.resolve("vocab.txt"), "[PAD]\n[UNK]\n[SEP]\nword\n");
            return train(w, model, vocab.toString(), "lacks [CLS]");
        }));
        c.add(new Case("tokenizer: do_lower_case not a boolean", w -> {
            Path model = bertDirectory(w.dir().resolve("bert"));
            Path cfg = Files.writeString(model.resolve("tokenizer_config.json"), "{\"do_lower_case\": \"maybe\"}");
            return train(w, model, cfg.toString(), "do_lower_case must be true or false");
        }));
    }

    // ---- run directories: `table RUN_DIR` reads every row before it writes anything

    static final String EVAL_CELL = "eval-0123456789abcdef";

    /** A finished run: config.yaml, plan.json and one eval cell; the "computed results" no failure may touch. */
    static Path existingRunDir(Path dir) throws IOException {
        Path cell = Files.createDirectories(dir.resolve("cells").resolve(EVAL_CELL));
        Files.writeString(dir.resolve("config.yaml"), HEAD);
        Files.writeString(dir.resolve("plan.json"), "{\"config_name\": \"corpus\", \"config_hash\": \"0\", \"cells\": [\""
                + EVAL_CELL + "\"]}\n");
        Files.writeString(cell.resolve("cell.json"), "{\"kind\": \"eval\"}\n");
        Files.writeString(cell.resolve("result.json"), evalRow("\"accuracy\": 0.75"));
        return dir;
    }

    private static String evalRow(String extra) {
        return "{\"kind\": \"eval\", \"cell\": \"" + EVAL_CELL + "\", \"train_cell\": \"train-0123456789abcdef\", "
                + "\"model\": \"minilm-l6\", \"task\": \"sst2\", \"method\": \"vanilla\", \"seed\": 1, "
                + "\"split\": \"dev\", " + extra + "}\n";
    }

    private static void runDirectories(List<Case> c) {
        c.add(runDir("run dir: result.json not JSON", run -> Files.writeString(result(run), "{\"kind\": \"eval\",\n"),
                run -> result(run) + ":2:", "not valid JSON"));
        c.add(runDir("run dir: plan.json not JSON", run -> Files.writeString(run.resolve("plan.json"), "cells: [x]"),
                run -> run.resolve("plan.json") + ":1:", "not valid JSON"));
        c.add(runDir("run dir: plan.json without cells", run -> Files.writeString(run.resolve("plan.json"), "{}"),
                run -> run.resolve("plan.json").toString(), "no \"cells\" list"));
        c.add(runDir("run dir: accuracy outside [0, 1]", run -> Files.writeString(result(run), evalRow("\"accuracy\": 1.5")),
                run -> result(run).toString(), "not a fraction"));
        c.add(runDir("run dir: selection_log outside its cell", run -> {
            Path train = Files.createDirectories(run.resolve("cells/train-0123456789abcdef"));
            Files.writeString(train.resolve("result.json"), "{\"kind\": \"train\", \"cell\": \"train-0123456789abcdef\", "
                    + "\"model\": \"minilm-l6\", \"task\": \"sst2\", \"method\": \"rose-first\", \"seed\": 1, "
                    + "\"selection_log\": \"../../../../etc/passwd\"}\n");
            Files.writeString(run.resolve("plan.json"), "{\"cells\": [\"" + EVAL_CELL + "\", \"train-0123456789abcdef\"]}");
        }, run -> run.resolve("cells/train-0123456789abcdef/result.json").toString(), "resolves outside its cell"));
        c.add(runDir("run dir: unknown row kind", run -> Files.writeString(result(run),
                evalRow("\"accuracy\": 0.5").replace("\"kind\": \"eval\"", "\"kind\": \"evaluation\"")),
                run -> result(run).toString(), "unknown kind 'evaluation'"));
    }

    @FunctionalInterface
    interface FileNaming {
        String of(Path run);
    }

    private static Case runDir(String name, FileEdit corrupt, FileNaming file, String reason) {
        return new Case(name, w -> {
            Path run = w.existingRun();
            corrupt.apply(run);
            return new Invocation(new String[] {"table", run.toString(), "--no-plots"}, file.of(run), reason, run);
        });
    }

    private static Path result(Path run) {
        return run.resolve("cells").resolve(EVAL_CELL).resolve("result.json");
    }
}
