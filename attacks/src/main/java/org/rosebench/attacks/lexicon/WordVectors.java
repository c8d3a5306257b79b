package org.rosebench.attacks.lexicon;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.rosebench.core.util.Progress;
import org.tukaani.xz.XZInputStream;

/**
 * An immutable word-vector table: a vocabulary and one {@code float[dim]} row per word, stored as one flat array.
 *
 * <h2>Sources</h2>
 * <ul>
 *   <li>{@link #nlp4j()}: NLP4J's 50-dimensional English embeddings ({@value #NLP4J_ENTRY} in
 *       {@code edu.emory.mathcs.nlp:nlp4j-english:1.1.3}, a Java-serialised {@code HashMap<String, float[]>} of
 *       1,067,831 case-sensitive words behind xz), restricted to {@link #nlp4jVocabulary the TextFooler-like
 *       vocabulary}. Reading the xz entry costs 20–40 s (LZMA decodes incompressible floats slowly: native
 *       {@code xz} needs 15 s), so the restricted table is cached in the lexicon cache and later loads take well under a second.</li>
 *   <li>{@link #readText(Path)}: a text file with a word and its floats per line (TextFooler's
 *       {@code counter-fitted-vectors.txt}, GloVe, word2vec text with or without its header line).</li>
 *   <li>{@link #read(Path)} / {@link #write(Path)}: this class's binary format.</li>
 * </ul>
 */
public final class WordVectors {

    /** The NLP4J word-embedding entry. */
    public static final String NLP4J_ENTRY = "edu/emory/mathcs/nlp/lexica/en-word-embeddings-undigitalized.xz";
    /** Where the NLP4J vectors come from. */
    public static final MavenResource NLP4J_SOURCE =
            new MavenResource("edu.emory.mathcs.nlp", "nlp4j-english", "1.1.3", NLP4J_ENTRY);

    /**
     * Word forms admitted to the NLP4J vocabulary: lower-case ASCII letters, optionally joined by single internal
     * hyphens or apostrophes ({@code well-known}, {@code o'clock}).
     */
    public static final Pattern VOCABULARY_FORM = Pattern.compile("[a-z]+(?:[-'][a-z]+)*");
    /** Bump when {@link #nlp4jVocabulary} changes, to invalidate cached tables. */
    static final String VOCABULARY_RULE = "lower-alpha[-']+wordnet-morphy/v1";

    private static final int MAGIC = 0x52425756; // "RBWV"
    private static final int FORMAT_VERSION = 1;
    private static volatile WordVectors nlp4j;

    private final String[] words;
    private final Map<String, Integer> index;
    private final float[] data;
    private final int dim;
    private volatile String contentHash;

    /**
     * @param words distinct words
     * @param data  {@code words.size() × dim} floats, row-major (used as is, not copied)
     */
    public WordVectors(List<String> words, float[] data, int dim) {
        if (dim <= 0 || (long) words.size() * dim != data.length) {
            throw new IllegalArgumentException("need " + words.size() + " x " + dim + " floats, got " + data.length);
        }
        this.words = words.toArray(new String[0]);
        this.index = new HashMap<>(words.size() * 2);
        for (int i = 0; i < this.words.length; i++) {
            if (index.put(this.words[i], i) != null) {
                throw new IllegalArgumentException("duplicate word " + this.words[i]);
            }
        }
        this.data = data;
        this.dim = dim;
    }

    /** A table of the given words of {@code map} (in the order given; words absent from the map are skipped). */
    public static WordVectors of(Map<String, float[]> map, Iterable<String> words) {
        List<String> kept = new ArrayList<>();
        int dim = -1;
        for (String w : words) {
            float[] v = map.get(w);
            if (v != null) {
                if (dim < 0) {
                    dim = v.length;
                } else if (v.length != dim) {
                    throw new IllegalArgumentException("vector of " + w + " has " + v.length + " dimensions, not " + dim);
                }
                kept.add(w);
            }
        }
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("no vectors");
        }
        float[] data = new float[kept.size() * dim];
        for (int i = 0; i < kept.size(); i++) {
            System.arraycopy(map.get(kept.get(i)), 0, data, i * dim, dim);
        }
        return new WordVectors(kept, data, dim);
    }

    public int size() {
        return words.length;
    }

    public int dim() {
        return dim;
    }

    public String word(int i) {
        return words[i];
    }

    /** The vocabulary in row order (unmodifiable). */
    public List<String> words() {
        return Collections.unmodifiableList(Arrays.asList(words));
    }

    /** Row of {@code word}, or -1 when out of vocabulary. */
    public int indexOf(String word) {
        Integer i = index.get(word);
        return i == null ? -1 : i;
    }

    public boolean contains(String word) {
        return index.containsKey(word);
    }

    /** A copy of the vector of {@code word}, or null when out of vocabulary. */
    public float[] vector(String word) {
        int i = indexOf(word);
        return i < 0 ? null : Arrays.copyOfRange(data, i * dim, (i + 1) * dim);
    }

    /** The flat row-major array itself (not a copy: do not modify). */
    public float[] data() {
        return data;
    }

    /** Cosine similarity of two words' vectors (exact, case-sensitive lookup), or NaN when either is missing. */
    public double cosine(String a, String b) {
        int i = indexOf(a);
        int j = indexOf(b);
        if (i < 0 || j < 0) {
            return Double.NaN;
        }
        return cosine(i, j);
    }

    public double cosine(int i, int j) {
        double dot = 0, ni = 0, nj = 0;
        int oi = i * dim, oj = j * dim;
        for (int k = 0; k < dim; k++) {
            double x = data[oi + k], y = data[oj + k];
            dot += x * y;
            ni += x * x;
            nj += y * y;
        }
        return ni == 0 || nj == 0 ? 0.0 : dot / Math.sqrt(ni * nj);
    }

    /** The same words with every vector scaled to unit length (zero vectors stay zero). */
    public WordVectors normalised() {
        return new WordVectors(Arrays.asList(words), VectorMath.normalisedCopy(data, words.length, dim), dim);
    }

    /** SHA-256 (16 hex digits) of dimension, words and vector bits: the identity used in cache keys. */
    public String contentHash() {
        String h = contentHash;
        if (h == null) {
            try {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                md.update(ByteBuffer.allocate(8).putInt(words.length).putInt(dim).array());
                for (String w : words) {
                    md.update(w.getBytes(StandardCharsets.UTF_8));
                    md.update((byte) 0);
                }
                ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
                for (float f : data) {
                    if (buf.remaining() < 4) {
                        md.update(buf.array(), 0, buf.position());
                        buf.clear();
                    }
                    buf.putFloat(f);
                }
                md.update(buf.array(), 0, buf.position());
                h = HexFormat.of().formatHex(md.digest()).substring(0, 16);
                contentHash = h;
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return h;
    }

    // ---------------------------------------------------------------- binary format

    /** Writes the table (magic, version, size, dim, UTF-8 words, little-endian floats), atomically. */
    public void write(Path file) throws IOException {
        LexiconCache.writeAtomically(file, o -> {
            DataOutputStream out = new DataOutputStream(o);
            out.writeInt(MAGIC);
            out.writeInt(FORMAT_VERSION);
            out.writeInt(words.length);
            out.writeInt(dim);
            for (String w : words) {
                out.writeUTF(w);
            }
            VectorMath.writeFloats(out, data);
            out.flush();
        });
    }

    /** Reads a table written by {@link #write(Path)}. */
    public static WordVectors read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readInt() != MAGIC || in.readInt() != FORMAT_VERSION) {
                throw new IOException(file + " is not a rose-bench word-vector file (version " + FORMAT_VERSION + ")");
            }
            int n = in.readInt();
            int dim = in.readInt();
            List<String> words = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                words.add(in.readUTF());
            }
            float[] data = new float[Math.multiplyExact(n, dim)];
            VectorMath.readFloats(in, data);
            return new WordVectors(words, data, dim);
        } catch (EOFException e) {
            throw new IOException(file + " is truncated", e);
        }
    }

    // ---------------------------------------------------------------- text format

    /**
     * Reads a text vector file: one word and its floats per line, separated by spaces or tabs (TextFooler's
     * {@code counter-fitted-vectors.txt}: 65,713 lines of 300 floats). A word2vec header line ({@code count dim})
     * is skipped; later duplicates of a word are ignored; blank lines are skipped.
     */
    public static WordVectors readText(Path file) throws IOException {
        List<String> words = new ArrayList<>();
        FloatList values = new FloatList();
        int dim;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            dim = scanText(r, file, (word, vector) -> {
                words.add(word);
                for (float f : vector) {
                    values.add(f);
                }
            });
        }
        return new WordVectors(words, values.toArray(), dim);
    }

    /**
     * What {@link #checkText} found in a text vector file.
     *
     * @param sha256 the SHA-256 of the file's bytes (hex): its identity in result keys
     */
    public record TextFileInfo(Path file, int words, int dim, String sha256) {}

    /**
     * Checks a text vector file line by line as {@link #readText} reads it (same format, same errors: file, line and
     * reason; every value a finite number; at least one vector), without keeping the vectors, and hashes its bytes.
     */
    public static TextFileInfo checkText(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        int[] words = {0};
        int dim;
        try (BufferedReader r = new BufferedReader(new java.io.InputStreamReader(
                new java.security.DigestInputStream(Files.newInputStream(file), md), StandardCharsets.UTF_8), 1 << 16)) {
            dim = scanText(r, file, (word, vector) -> words[0]++);
        }
        return new TextFileInfo(file, words[0], dim, HexFormat.of().formatHex(md.digest()));
    }

    /** Receives each distinct word of a text vector file with its values, in file order. */
    private interface VectorSink {
        void accept(String word, float[] vector);
    }

    /**
     * The one parser of the text format behind {@link #readText} and {@link #checkText}: skips blank lines and a
     * word2vec header, ignores later duplicates, and fails naming file, line and reason. Returns the dimension.
     */
    private static int scanText(BufferedReader r, Path file, VectorSink sink) throws IOException {
        Set<String> seen = new java.util.HashSet<>();
        int dim = -1;
        String line;
        int lineNo = 0;
        while ((line = r.readLine()) != null) {
            lineNo++;
            String[] parts = line.trim().split("[ \\t]+");
            if (parts.length == 0 || parts[0].isEmpty()) {
                continue;
            }
            if (lineNo == 1 && parts.length == 2 && parts[0].matches("\\d+") && parts[1].matches("\\d+")) {
                continue; // word2vec header
            }
            if (dim < 0) {
                dim = parts.length - 1;
                if (dim < 1) {
                    throw new IOException(file + ":" + lineNo + ": no vector values");
                }
            } else if (parts.length - 1 != dim) {
                throw new IOException(file + ":" + lineNo + ": " + (parts.length - 1) + " values, expected " + dim);
            }
            float[] vector = new float[dim];
            for (int k = 1; k <= dim; k++) {
                vector[k - 1] = parseValue(file, lineNo, parts[k]);
            }
            if (seen.add(parts[0])) {
                sink.accept(parts[0], vector);
            }
        }
        if (seen.isEmpty()) {
            throw new IOException(file + " holds no vectors");
        }
        return dim;
    }

    private static float parseValue(Path file, int lineNo, String text) throws IOException {
        float f;
        try {
            f = Float.parseFloat(text);
        } catch (NumberFormatException e) {
            throw new IOException(file + ":" + lineNo + ": not a number: " + text);
        }
        if (!Float.isFinite(f)) {
            throw new IOException(file + ":" + lineNo + ": not a finite number: " + text);
        }
        return f;
    }

    // ---------------------------------------------------------------- NLP4J

    /**
     * NLP4J's vectors restricted to {@link #nlp4jVocabulary} (sorted): read from the lexicon cache, or built once
     * from the artifact (20–40 s) and cached. One instance per JVM.
     */
    public static WordVectors nlp4j() {
        WordVectors v = nlp4j;
        if (v == null) {
            synchronized (WordVectors.class) {
                v = nlp4j;
                if (v == null) {
                    try {
                        v = loadNlp4j();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e.getMessage(), e);
                    }
                    nlp4j = v;
                }
            }
        }
        return v;
    }

    private static WordVectors loadNlp4j() throws IOException {
        String key = LexiconCache.key(NLP4J_SOURCE.identity(), VOCABULARY_RULE, WordNetSynonyms.VERSION);
        Path file = LexiconCache.dir().resolve("nlp4j-vocab-" + key + ".vec");
        if (Files.isRegularFile(file)) {
            try {
                return read(file);
            } catch (IOException e) {
                LexiconCache.log("ignoring unreadable cache file %s (%s)", file, e.getMessage());
            }
        }
        long t0 = System.nanoTime();
        Map<String, float[]> map = readNlp4jMap();
        long t1 = System.nanoTime();
        List<String> vocabulary = nlp4jVocabulary(map.keySet(), WordNetSynonyms.shared());
        WordVectors v = of(map, vocabulary);
        v.write(file);
        LexiconCache.log("NLP4J vectors: %,d words read in %.1f s, vocabulary %,d words x %d, cached at %s",
                map.size(), (t1 - t0) / 1e9, v.size(), v.dim(), file);
        return v;
    }

    /**
     * The vocabulary taken from NLP4J, sorted: the words that match {@link #VOCABULARY_FORM} (lower-case, letters,
     * internal hyphen or apostrophe) and that WordNet recognises through NLTK's morphy in some part of speech, i.e.
     * WordNet lemmas and their regular or listed inflections (movies, running, better). From NLP4J 1.1.3 this gives
     * 91,953 words (of 237,755 lower-case candidates; 55,799 of them are WordNet lemmas themselves), against
     * 65,713 in TextFooler's counter-fitted space.
     *
     * <p>Why: TextFooler looks the lower-cased word up, so only lower-case entries matter; the attack perturbs
     * content words and must propose real words, and WordNet (which also supplies the counter-fitting pairs) is the
     * one English word list the registries carry; morphy keeps the inflected forms that fill real sentences, which a
     * lemma-only list (55,799 words) would leave without candidates. NLP4J's web noise (typos, run-together words,
     * numbers, lower-cased names WordNet does not list) is dropped; NLP4J has no frequencies to rank by. Known
     * leftovers: misspelt regular inflections that morphy accepts (applys, binded), and closed-class words WordNet
     * lacks (the, of, and) are out, which costs nothing since TextFooler never swaps its stopwords.
     */
    public static List<String> nlp4jVocabulary(Iterable<String> nlp4jWords, WordNetSynonyms wordNet) {
        List<String> out = new ArrayList<>();
        for (String w : nlp4jWords) {
            if (VOCABULARY_FORM.matcher(w).matches() && wordNet.recognises(w)) {
                out.add(w);
            }
        }
        Collections.sort(out);
        return out;
    }

    /** Reads NLP4J's whole map (1,067,831 words; 20–40 s and about 1 GB of heap), with a progress bar. */
    @SuppressWarnings("unchecked")
    public static Map<String, float[]> readNlp4jMap() throws IOException {
        MavenResource.Opened o = NLP4J_SOURCE.open();
        try (Progress bar = Progress.start("NLP4J vectors (xz)", Math.max(1, o.compressedSize() >> 20), "MB");
                InputStream counted = new CountingStream(o.stream(), bar);
                ObjectInputStream in = new ObjectInputStream(new BufferedInputStream(
                        new XZInputStream(new BufferedInputStream(counted, 1 << 16)), 1 << 16))) {
            Object obj = in.readObject();
            if (!(obj instanceof Map<?, ?> m)) {
                throw new IOException(o.location() + "!" + NLP4J_ENTRY + " holds a " + obj.getClass().getName()
                        + ", not a map");
            }
            return (Map<String, float[]>) m;
        } catch (ClassNotFoundException e) {
            throw new IOException("cannot deserialise " + NLP4J_ENTRY + ": " + e, e);
        }
    }

    /** Advances a progress bar by the megabytes read. */
    private static final class CountingStream extends FilterInputStream {
        private final Progress bar;
        private long count;
        private long reported;

        CountingStream(InputStream in, Progress bar) {
            super(in);
            this.bar = bar;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                advance(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                advance(n);
            }
            return n;
        }

        private void advance(long n) {
            count += n;
            long mb = count >> 20;
            if (mb > reported) {
                bar.stepBy(mb - reported, null);
                reported = mb;
            }
        }
    }

    /** A growable float array. */
    static final class FloatList {
        private float[] a = new float[1024];
        private int n;

        void add(float f) {
            if (n == a.length) {
                a = Arrays.copyOf(a, a.length * 2);
            }
            a[n++] = f;
        }

        int size() {
            return n;
        }

        float[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }
}
