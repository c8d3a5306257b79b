package org.rosebench.attacks.lexicon;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.rosebench.core.catalog.ModelSource;

/**
 * One entry of a Maven artifact's jar, found on the classpath or, failing that, in the local Maven repository
 * ({@code maven.repo.local}, else {@code ~/.m2/repository}).
 */
public record MavenResource(String groupId, String artifactId, String version, String entry) {

    public String coordinates() {
        return groupId + ":" + artifactId + ":" + version;
    }

    /** The jar in the local Maven repository (which may not exist). */
    public Path localRepositoryJar() {
        return new ModelSource(groupId, artifactId, version).localRepositoryJar();
    }

    /** An opened entry: its stream, compressed and uncompressed sizes, CRC-32 and where it came from. */
    public record Opened(InputStream stream, long compressedSize, long size, long crc, String location) {}

    /** Opens the entry; a missing artifact gives an {@link IOException} that says how to fetch it. */
    public Opened open() throws IOException {
        URL url = MavenResource.class.getClassLoader().getResource(entry);
        if (url != null) {
            URLConnection c = url.openConnection();
            c.setUseCaches(false);
            if (c instanceof JarURLConnection jc) {
                JarEntry e = jc.getJarEntry();
                return new Opened(jc.getInputStream(), e.getCompressedSize(), e.getSize(), e.getCrc(), url.toString());
            }
            long size = c.getContentLengthLong();
            return new Opened(c.getInputStream(), size, size, c.getLastModified(), url.toString());
        }
        Path jar = localRepositoryJar();
        if (!Files.isRegularFile(jar)) {
            throw new IOException("the artifact " + coordinates() + " (entry " + entry + ") is neither on the classpath"
                    + " nor at " + jar + "; fetch it with: mvn -B dependency:get -Dartifact=" + coordinates());
        }
        ZipFile zip = new ZipFile(jar.toFile());
        ZipEntry e = zip.getEntry(entry);
        if (e == null) {
            zip.close();
            throw new IOException(jar + " has no entry " + entry);
        }
        InputStream in = new FilterInputStream(zip.getInputStream(e)) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    zip.close();
                }
            }
        };
        return new Opened(in, e.getCompressedSize(), e.getSize(), e.getCrc(), jar.toString());
    }

    /** A content identity for cache keys: coordinates, entry, size and CRC-32 (the stream is closed). */
    public String identity() throws IOException {
        Opened o = open();
        o.stream().close();
        return coordinates() + "!" + entry + "#" + o.size() + ":" + Long.toHexString(o.crc());
    }
}
