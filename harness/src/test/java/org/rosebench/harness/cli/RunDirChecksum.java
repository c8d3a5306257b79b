package org.rosebench.harness.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** SHA-256 over every file under a directory: relative names and contents, in name order. */
final class RunDirChecksum {

    private RunDirChecksum() {}

    static String of(Path dir) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        List<Path> entries;
        try (Stream<Path> walk = Files.walk(dir)) {
            entries = walk.sorted().toList();
        }
        for (Path p : entries) {
            md.update(dir.relativize(p).toString().getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            if (Files.isRegularFile(p)) {
                md.update(Files.readAllBytes(p));
                md.update((byte) 0);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
