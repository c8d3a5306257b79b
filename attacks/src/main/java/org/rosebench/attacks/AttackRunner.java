package org.rosebench.attacks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.rosebench.attacks.io.AttackFileHeader;
import org.rosebench.attacks.io.CsvResultSink;
import org.rosebench.attacks.io.JsonlResultSink;
import org.rosebench.attacks.io.ResultFiles;
import org.rosebench.attacks.io.ResultSink;

/**
 * Runs an attack over many examples, writing each result to JSONL and/or CSV as soon as it is known.
 *
 * <p>Resuming reads the JSONL output, skips examples whose id is already there and counts their results in
 * the summary; it therefore needs a JSONL file (the CSV is appended to alongside).
 */
public final class AttackRunner {

    private final Attack attack;
    private Path jsonl;
    private Path csv;
    private boolean resume;
    private AttackFileHeader header;
    private AttackProgressListener listener = new AttackProgressListener() {
    };

    public AttackRunner(Attack attack) {
        this.attack = attack;
    }

    public AttackRunner jsonl(Path file) {
        this.jsonl = file;
        return this;
    }

    public AttackRunner csv(Path file) {
        this.csv = file;
        return this;
    }

    /**
     * The configuration this run writes as the JSONL file's first line; resuming into a file whose header
     * differs (or that has results but no header) is refused.
     */
    public AttackRunner header(AttackFileHeader h) {
        this.header = h;
        return this;
    }

    /** Skip examples already in the JSONL output (requires {@link #jsonl}). */
    public AttackRunner resume(boolean enabled) {
        this.resume = enabled;
        return this;
    }

    public AttackRunner listener(AttackProgressListener l) {
        this.listener = l;
        return this;
    }

    /** Attacks every example not done yet; returns the results of these examples, resumed ones first. */
    public List<AttackResult> run(List<AttackExample> examples) throws IOException {
        if (resume && jsonl == null) {
            throw new IllegalStateException("resuming needs a JSONL output file");
        }
        Set<String> wanted = new HashSet<>();
        for (AttackExample e : examples) {
            wanted.add(e.id());
        }
        // Earlier results count only for examples of this run, once each.
        List<AttackResult> all = new ArrayList<>();
        Set<String> done = new HashSet<>();
        if (resume) {
            checkSameConfiguration();
            for (AttackResult r : ResultFiles.readJsonl(jsonl)) {
                if (wanted.contains(r.exampleId()) && done.add(r.exampleId())) {
                    all.add(r);
                }
            }
        }
        List<AttackExample> todo = new ArrayList<>();
        for (AttackExample e : examples) {
            if (!done.contains(e.id())) {
                todo.add(e);
            }
        }
        int alreadyDone = all.size();
        int[] counts = new int[AttackStatus.values().length];
        for (AttackResult r : all) {
            counts[r.status().ordinal()]++;
        }
        int total = todo.size() + alreadyDone;
        listener.started(total, alreadyDone);
        List<ResultSink> sinks = openSinks();
        try {
            long queries = 0;
            long start = System.nanoTime();
            for (AttackExample example : todo) {
                AttackResult result = attack.attack(example);
                for (ResultSink sink : sinks) {
                    sink.write(result);
                }
                all.add(result);
                counts[result.status().ordinal()]++;
                queries += result.totalQueries();
                listener.resultWritten(result, new AttackProgress(counts[AttackStatus.SUCCEEDED.ordinal()],
                        counts[AttackStatus.FAILED.ordinal()], counts[AttackStatus.SKIPPED.ordinal()], total, queries,
                        (System.nanoTime() - start) / 1e9));
            }
        } finally {
            for (ResultSink sink : sinks) {
                sink.close();
            }
        }
        listener.finished(AttackSummary.of(all));
        return all;
    }

    /** Results of another configuration must never be counted as this one's. */
    private void checkSameConfiguration() throws IOException {
        if (header == null || !java.nio.file.Files.exists(jsonl) || java.nio.file.Files.size(jsonl) == 0) {
            return;
        }
        java.util.Optional<AttackFileHeader> existing = ResultFiles.readHeader(jsonl);
        if (existing.isEmpty()) {
            if (!ResultFiles.readJsonl(jsonl).isEmpty()) {
                throw new AttackConfigurationMismatch(jsonl + ": has results but no header, so the attack that made "
                        + "them is unknown; write to another file or delete it");
            }
            return;
        }
        List<String> diff = header.differences(existing.get());
        if (!diff.isEmpty()) {
            throw new AttackConfigurationMismatch(jsonl + ": made by another attack configuration ("
                    + String.join("; ", diff.subList(0, Math.min(3, diff.size())))
                    + (diff.size() > 3 ? "; " + (diff.size() - 3) + " more" : "")
                    + "); write to another file or delete it to start over");
        }
    }

    private List<ResultSink> openSinks() throws IOException {
        List<ResultSink> sinks = new ArrayList<>();
        if (jsonl != null) {
            sinks.add(new JsonlResultSink(jsonl, header));
        }
        if (csv != null) {
            sinks.add(new CsvResultSink(csv));
        }
        return sinks;
    }
}
