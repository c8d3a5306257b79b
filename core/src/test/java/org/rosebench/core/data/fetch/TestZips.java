package org.rosebench.core.data.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Small in-memory zips of synthetic GLUE-like files, and their hashes. */
final class TestZips {

    static final String TRAIN = "sentence\tlabel\nit is good \t1\nit is bad \t0\n";
    static final String DEV = "sentence\tlabel\nrather good \t1\n";
    static final String TEST = "index\tsentence\n0\tunlabelled \n";

    private TestZips() {
    }

    /** A GLUE-style zip: {@code <dir>/} plus train, dev and test TSVs. */
    static byte[] glueZip(String dir) {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put(dir + "/train.tsv", TRAIN);
        entries.put(dir + "/dev.tsv", DEV);
        entries.put(dir + "/test.tsv", TEST);
        return zip(dir + "/", entries);
    }

    static byte[] zip(String folder, Map<String, String> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            if (folder != null) {
                zip.putNextEntry(new ZipEntry(folder));
                zip.closeEntry();
            }
            for (Map.Entry<String, String> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    static long size(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
