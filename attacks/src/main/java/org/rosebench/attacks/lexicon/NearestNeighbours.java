package org.rosebench.attacks.lexicon;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.rosebench.attacks.spi.NeighbourIndex;
import org.rosebench.attacks.spi.WordEmbeddingSpace;

/**
 * TextAttack's precomputed neighbour matrix for a word-vector space: for every word, its {@link #k()} nearest other
 * words by cosine similarity, nearest first (ties: lower row first), computed once for the whole vocabulary with
 * blocked dot products ({@link VectorMath}) and cached on disk by {@link #cached(WordVectors, int)}.
 *
 * <p>Lookups lower-case the word ({@link Locale#ROOT}), as TextAttack's embedding lookup does; the vocabularies
 * used here are lower-case. {@link #cosine(String, String)} is empty when either word is out of vocabulary, which
 * the word-embedding-distance constraint treats as a pass.
 */
public final class NearestNeighbours implements NeighbourIndex, WordEmbeddingSpace {

    /** TextFooler's neighbour count (TextAttack {@code WordSwapEmbedding(max_candidates=50)}). */
    public static final int DEFAULT_K = 50;

    private static final int MAGIC = 0x52424e4e; // "RBNN"
    private static final int FORMAT_VERSION = 1;

    private final WordVectors vectors;
    private final int k;
    private final int[] ids;
    private final float[] cos;
    private volatile String contentHash;
    private final OptionalDouble calibratedMinCosSim;

    private NearestNeighbours(WordVectors unitVectors, int k, int[] ids, float[] cos) {
        this(unitVectors, k, ids, cos, OptionalDouble.empty());
    }

    private NearestNeighbours(WordVectors unitVectors, int k, int[] ids, float[] cos, OptionalDouble minCosSim) {
        this.vectors = unitVectors;
        this.k = k;
        this.ids = ids;
        this.cos = cos;
        this.calibratedMinCosSim = minCosSim;
    }

    /** The same table, declaring the word-cosine bound calibrated for it ({@link #calibratedMinCosSim()}). */
    public NearestNeighbours withCalibratedMinCosSim(double minCosSim) {
        return new NearestNeighbours(vectors, k, ids, cos, OptionalDouble.of(minCosSim));
    }

    @Override
    public OptionalDouble calibratedMinCosSim() {
        return calibratedMinCosSim;
    }

    /** A neighbour and its cosine similarity. */
    public record Neighbour(String word, float cosine) {}

    /** Computes the table ({@code k} clamped to the vocabulary size − 1) with all available cores. */
    public static NearestNeighbours build(WordVectors vectors, int k) {
        return build(vectors, k, VectorMath.threads());
    }

    public static NearestNeighbours build(WordVectors vectors, int k, int threads) {
        return buildUnit(vectors.normalised(), k, threads);
    }

    private static NearestNeighbours buildUnit(WordVectors unit, int k, int threads) {
        int n = unit.size();
        int kk = Math.min(k, n - 1);
        if (kk < 1) {
            return new NearestNeighbours(unit, 0, new int[0], new float[0]);
        }
        long t0 = System.nanoTime();
        VectorMath.TopK top = VectorMath.topK(unit.data(), n, unit.dim(), kk, threads, "neighbours (k=" + kk + ")");
        if (n > 10_000) {
            LexiconCache.log("neighbour table: %,d words x %d in %.1f s on %d threads", n, kk,
                    (System.nanoTime() - t0) / 1e9, threads);
        }
        return new NearestNeighbours(unit, kk, top.ids(), top.scores());
    }

    /**
     * The table for {@code vectors} from the lexicon cache ({@code neighbours-<hash>.nn}, keyed by the vectors'
     * content hash and {@code k}), or computed and cached.
     */
    public static NearestNeighbours cached(WordVectors vectors, int k) {
        WordVectors unit = vectors.normalised();
        int kk = Math.min(k, unit.size() - 1);
        if (kk < 1) {
            return buildUnit(unit, kk, 1);
        }
        Path file = LexiconCache.dir().resolve(
                "neighbours-" + LexiconCache.key(unit.contentHash(), "k=" + kk, "cosine/v1") + ".nn");
        if (Files.isRegularFile(file)) {
            try {
                return read(file, unit);
            } catch (IOException e) {
                LexiconCache.log("ignoring unreadable cache file %s (%s)", file, e.getMessage());
            }
        }
        NearestNeighbours nn = buildUnit(unit, kk, VectorMath.threads());
        try {
            nn.write(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return nn;
    }

    private void write(Path file) throws IOException {
        LexiconCache.writeAtomically(file, o -> {
            DataOutputStream out = new DataOutputStream(o);
            out.writeInt(MAGIC);
            out.writeInt(FORMAT_VERSION);
            out.writeInt(vectors.size());
            out.writeInt(k);
            VectorMath.writeInts(out, ids);
            VectorMath.writeFloats(out, cos);
            out.flush();
        });
    }

    private static NearestNeighbours read(Path file, WordVectors unit) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readInt() != MAGIC || in.readInt() != FORMAT_VERSION) {
                throw new IOException("not a neighbour table (version " + FORMAT_VERSION + ")");
            }
            int n = in.readInt();
            int k = in.readInt();
            if (n != unit.size()) {
                throw new IOException("table for " + n + " words, vectors have " + unit.size());
            }
            int[] ids = new int[n * k];
            float[] cos = new float[n * k];
            VectorMath.readInts(in, ids);
            VectorMath.readFloats(in, cos);
            return new NearestNeighbours(unit, k, ids, cos);
        }
    }

    /**
     * SHA-256 (16 hex digits) of the unit vectors' {@link WordVectors#contentHash()}, {@code k}, and every stored
     * neighbour id and cosine: the space's identity as the attacks see it (candidates and word cosines).
     */
    public String contentHash() {
        String h = contentHash;
        if (h == null) {
            try {
                java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
                md.update(vectors.contentHash().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(8 * Math.max(1, ids.length) + 4)
                        .order(java.nio.ByteOrder.LITTLE_ENDIAN);
                buf.putInt(k);
                for (int id : ids) {
                    buf.putInt(id);
                }
                for (float c : cos) {
                    buf.putFloat(c);
                }
                md.update(buf.array(), 0, buf.position());
                h = java.util.HexFormat.of().formatHex(md.digest()).substring(0, 16);
                contentHash = h;
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return h;
    }

    /** The unit-normalised vectors the table was computed from. */
    public WordVectors vectors() {
        return vectors;
    }

    /** Neighbours stored per word. */
    public int k() {
        return k;
    }

    public int size() {
        return vectors.size();
    }

    public boolean contains(String word) {
        return vectors.contains(word.toLowerCase(Locale.ROOT));
    }

    /**
     * Up to {@code k} nearest neighbours of the word, nearest first, itself excluded; empty when out of vocabulary.
     * {@code k} above {@link #k()} is served up to {@link #k()}.
     */
    @Override
    public List<String> neighbours(String word, int k) {
        return neighbours(word, k, Double.NEGATIVE_INFINITY);
    }

    /** As {@link #neighbours(String, int)}, keeping only neighbours with cosine similarity ≥ {@code minCosine}. */
    public List<String> neighbours(String word, int k, double minCosine) {
        int i = vectors.indexOf(word.toLowerCase(Locale.ROOT));
        if (i < 0 || k <= 0) {
            return List.of();
        }
        int m = Math.min(k, this.k);
        List<String> out = new ArrayList<>(m);
        for (int r = 0; r < m; r++) {
            if (cos[i * this.k + r] < minCosine) {
                break;
            }
            out.add(vectors.word(ids[i * this.k + r]));
        }
        return Collections.unmodifiableList(out);
    }

    /** Neighbours with their cosine similarities. */
    public List<Neighbour> neighboursWithCosine(String word, int k) {
        int i = vectors.indexOf(word.toLowerCase(Locale.ROOT));
        if (i < 0 || k <= 0) {
            return List.of();
        }
        int m = Math.min(k, this.k);
        List<Neighbour> out = new ArrayList<>(m);
        for (int r = 0; r < m; r++) {
            out.add(new Neighbour(vectors.word(ids[i * this.k + r]), cos[i * this.k + r]));
        }
        return Collections.unmodifiableList(out);
    }

    /** Row ids of the neighbours of row {@code i} (a copy). */
    public int[] neighbourIds(int i) {
        return Arrays.copyOfRange(ids, i * k, (i + 1) * k);
    }

    /** Whether row {@code j} is among the first {@code k} neighbours of row {@code i}. */
    public boolean isNeighbour(int i, int j, int k) {
        int m = Math.min(k, this.k);
        for (int r = 0; r < m; r++) {
            if (ids[i * this.k + r] == j) {
                return true;
            }
        }
        return false;
    }

    /** Cosine similarity of the two (lower-cased) words, empty when either is out of vocabulary. */
    @Override
    public OptionalDouble cosine(String a, String b) {
        double c = cosineOrNaN(a, b);
        return Double.isNaN(c) ? OptionalDouble.empty() : OptionalDouble.of(c);
    }

    /** Cosine similarity of the two (lower-cased) words, NaN when either is out of vocabulary. */
    public double cosineOrNaN(String a, String b) {
        return vectors.cosine(a.toLowerCase(Locale.ROOT), b.toLowerCase(Locale.ROOT));
    }
}
