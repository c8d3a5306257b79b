package org.rosebench.core.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Where a catalog model's files come from: a resource inside a Maven artifact, found on the classpath or, failing
 * that, in the local Maven repository ({@code maven.repo.local} or {@code ~/.m2/repository}).
 */
public record ModelSource(String groupId, String artifactId, String version) {

    public String coordinates() {
        return groupId + ":" + artifactId + ":" + version;
    }

    public Path localRepositoryJar() {
        String repo = System.getProperty("maven.repo.local");
        Path root = repo != null ? Path.of(repo) : Path.of(System.getProperty("user.home"), ".m2", "repository");
        return root.resolve(groupId.replace('.', '/')).resolve(artifactId).resolve(version)
                .resolve(artifactId + "-" + version + ".jar");
    }

    /** Copies one resource of the artifact to {@code target}. */
    public void extract(String resource, Path target) throws IOException {
        URL url = ModelSource.class.getClassLoader().getResource(resource);
        if (url != null) {
            try (InputStream in = url.openStream()) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return;
        }
        Path jar = localRepositoryJar();
        if (!Files.isRegularFile(jar)) {
            throw new IOException("model artifact " + coordinates() + " is neither on the classpath nor at " + jar
                    + "; fetch it with: mvn dependency:get -Dartifact=" + coordinates());
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry e = zip.getEntry(resource);
            if (e == null) {
                throw new IOException(jar + " has no entry " + resource);
            }
            try (InputStream in = zip.getInputStream(e)) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
