package org.rosebench.core.data;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opening data files: transparent gunzip for {@code *.gz}, strict UTF-8 so that bad bytes fail loudly. */
final class DataFiles {

    static final String GZIP_SUFFIX = ".gz";

    private DataFiles() {
    }

    static InputStream openStream(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        if (file.getFileName().toString().endsWith(GZIP_SUFFIX)) {
            try {
                return new GZIPInputStream(in, 1 << 16);
            } catch (IOException e) {
                in.close();
                throw e;
            }
        }
        return in;
    }

    /** A UTF-8 reader that throws {@link java.nio.charset.MalformedInputException} instead of inserting U+FFFD. */
    static BufferedReader openText(Path file) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new BufferedReader(new InputStreamReader(openStream(file), decoder), 1 << 16);
    }
}
