package org.rosebench.attacks.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.rosebench.attacks.AttackResult;

/** One JSON object per line, appended; the file can be read back with {@link ResultFiles#readJsonl}. */
public final class JsonlResultSink implements ResultSink {

    private final BufferedWriter writer;
    private final ObjectMapper mapper = ResultFiles.mapper();

    /** Opens {@code file} for appending (created if missing), dropping a torn last line left by a crash. */
    public JsonlResultSink(Path file) throws IOException {
        this(file, null);
    }

    /** As {@link #JsonlResultSink(Path)}, writing {@code header} first when the file is new or empty. */
    public JsonlResultSink(Path file, AttackFileHeader header) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        dropTornLine(file);
        boolean empty = !Files.exists(file) || Files.size(file) == 0;
        this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        if (header != null && empty) {
            writer.write(mapper.writeValueAsString(header.toJson()));
            writer.write('\n');
            writer.flush();
        }
    }

    private static void dropTornLine(Path file) throws IOException {
        if (!Files.exists(file) || Files.size(file) == 0) {
            return;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long end = channel.size();
            ByteBuffer one = ByteBuffer.allocate(1);
            while (end > 0) {
                one.clear();
                channel.read(one, end - 1);
                if (one.get(0) == '\n') {
                    break;
                }
                end--;
            }
            channel.truncate(end);
        }
    }

    @Override
    public synchronized void write(AttackResult result) throws IOException {
        // one write of record and newline: a line-sized buffer boundary cannot leave a complete record without its
        // newline, which the torn-line check on resume would then drop although the result counted it
        writer.write(mapper.writeValueAsString(result) + "\n");
        writer.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        writer.close();
    }
}
