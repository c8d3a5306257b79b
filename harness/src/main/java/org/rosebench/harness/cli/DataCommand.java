package org.rosebench.harness.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rosebench.core.data.DataException;
import org.rosebench.core.data.DataPath;
import org.rosebench.core.data.GlueData;
import org.rosebench.core.data.KnownChecksums;
import org.rosebench.core.data.Split;
import org.rosebench.core.data.SplitFile;
import org.rosebench.core.data.Task;
import org.rosebench.core.data.fetch.DataFetcher;
import org.rosebench.core.data.fetch.DataSources;
import org.rosebench.core.data.fetch.DatasetReport;
import org.rosebench.core.data.fetch.FetchReport;
import org.rosebench.core.data.fetch.InstalledFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "data", description = "The GLUE / AdvGLUE data: what is available, from where, and whether it verifies.",
        subcommands = {DataCommand.ListCommand.class, DataCommand.FetchCommand.class})
final class DataCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", description = "The data search path, and for every task and split the file that is used, "
            + "its kind (official, derived, subset) and whether its SHA-256 matches the published one.")
    static final class ListCommand implements Runnable {

        @Mixin
        CommonOptions common = new CommonOptions();

        @Option(names = "--data", description = "a data root searched first")
        Path data;

        @Option(names = "--no-verify", description = "do not hash the files")
        boolean noVerify;

        @Override
        public void run() {
            List<DataPath.Root> all = DataPath.standardRoots(data, "--data");
            DataPath path = DataPath.standard(data, "--data");
            GlueData glue = new GlueData(path);
            ArrayNode roots = Json.MAPPER.createArrayNode();
            for (DataPath.Root r : all) {
                roots.addObject().put("dir", r.dir().toString()).put("origin", r.origin())
                        .put("exists", Files.isDirectory(r.dir()));
            }
            ArrayNode files = Json.MAPPER.createArrayNode();
            for (Task t : Task.values()) {
                for (Split s : t.splits()) {
                    ObjectNode n = files.addObject().put("task", t.cliName()).put("split", s.fileStem());
                    try {
                        SplitFile f = glue.resolve(t, s);
                        describe(n, path, f.path(), kind(f.variant()));
                    } catch (DataException e) {
                        n.put("status", "missing");
                    }
                }
            }
            ObjectNode adv = files.addObject().put("task", "advglue").put("split", "dev");
            try {
                describe(adv, path, glue.advGlueFile(), "official");
            } catch (DataException e) {
                adv.put("status", "missing");
            }
            if (common.json) {
                ObjectNode o = Json.object();
                o.set("search_path", roots);
                o.set("files", files);
                Json.print(o);
                return;
            }
            System.out.println("Data search path (each file: the first root that has it; an official file is "
                    + "preferred over a derived or subset one wherever it is):");
            int i = 1;
            for (var r : roots) {
                System.out.printf("  %d. %s  (%s)%s%n", i++, r.get("dir").asText(), r.get("origin").asText(),
                        r.get("exists").asBoolean() ? "" : "  [absent]");
            }
            System.out.println();
            System.out.printf("%-7s %-15s %-9s %-10s %s%n", "task", "split", "kind", "sha256", "file");
            List<String> advice = new ArrayList<>();
            for (var n : files) {
                if (n.get("status").asText().equals("missing")) {
                    System.out.printf("%-7s %-15s %-9s %-10s %s%n", n.get("task").asText(), n.get("split").asText(),
                            "-", "-", "missing");
                    advice.add(n.get("task").asText());
                    continue;
                }
                System.out.printf("%-7s %-15s %-9s %-10s %s%n", n.get("task").asText(), n.get("split").asText(),
                        n.get("kind").asText(), n.get("status").asText(), n.get("file").asText());
                if (!n.get("kind").asText().equals("official")) {
                    advice.add(n.get("task").asText());
                }
            }
            if (!advice.isEmpty()) {
                System.out.println();
                System.out.println("derived = same texts and labels as the official file, other columns; subset = "
                        + "verbatim official lines, not all of them.");
                System.out.println("Official files: rose-bench data fetch " + String.join(" ", advice.stream().distinct().toList()));
            }
        }

        private void describe(ObjectNode n, DataPath path, Path file, String kind) {
            n.put("file", file.toString()).put("kind", kind);
            Path root = path.dirs().stream().filter(file::startsWith).findFirst().orElse(file.getParent());
            n.put("root", root.toString());
            if (noVerify) {
                n.put("status", "unchecked");
                return;
            }
            try {
                KnownChecksums.Verdict v = KnownChecksums.load().verify(root, file);
                n.put("status", switch (v) {
                    case VERIFIED -> "verified";
                    case MISMATCH -> "MISMATCH";
                    case UNKNOWN -> "unknown";
                });
            } catch (IOException e) {
                n.put("status", "unreadable: " + e.getMessage());
            }
        }

        private static String kind(SplitFile.Variant v) {
            return switch (v) {
                case OFFICIAL -> "official";
                case HF_DERIVED -> "derived";
                case SUBSET -> "subset";
            };
        }
    }

    @Command(name = "fetch", description = "Download the official GLUE zips / the AdvGLUE release over HTTPS, verify "
            + "their sizes and SHA-256 against pinned values, and unpack the train and dev files into a data root.")
    static final class FetchCommand implements Runnable {

        @Mixin
        CommonOptions common = new CommonOptions();

        @Parameters(arity = "1..*", paramLabel = "NAME", description = "sst2, rte, qnli, qqp, mnli, advglue, or all")
        List<String> names;

        @Option(names = "--to", description = "the data root to install into (default: the user data folder, "
                + "~/.cache/rose-bench/data)")
        Path to;

        @Option(names = "--force", description = "replace existing files whose content differs")
        boolean force;

        @Option(names = "--keep-archives", description = "keep the downloaded zips in <root>/.downloads")
        boolean keepArchives;

        @Option(names = "--catalogue", description = "a sources JSON in the shipped format (e.g. a local mirror); "
                + "default: the catalogue built into rose-bench")
        Path catalogue;

        @Override
        public void run() {
            Path target = to != null ? to : DataPath.userDataDir();
            DataFetcher.Builder b = DataFetcher.builder().target(target).force(force).keepArchives(keepArchives);
            if (catalogue != null) {
                b.catalogue(DataSources.load(catalogue));
            }
            FetchReport report = b.build().fetch(names);
            if (common.json) {
                ArrayNode files = Json.MAPPER.createArrayNode();
                for (DatasetReport d : report.datasets()) {
                    for (InstalledFile f : d.files()) {
                        files.addObject().put("dataset", d.name()).put("path", f.path().toString())
                                .put("bytes", f.digest().bytes()).put("sha256", f.digest().sha256())
                                .put("verified", f.verified()).put("outcome", f.outcome().name().toLowerCase());
                    }
                }
                ObjectNode o = Json.object().put("target", target.toString());
                o.set("files", files);
                Json.print(o);
                return;
            }
            for (DatasetReport d : report.datasets()) {
                System.out.printf("%s: archive %s%s%n", d.name(), d.archive().name().toLowerCase(),
                        d.archiveDigest() == null ? "" : " (" + d.archiveDigest().bytes() + " bytes"
                                + (d.archiveVerified() ? ", sha256 verified)" : ", size checked)"));
                for (InstalledFile f : d.files()) {
                    System.out.printf("  %-9s %s  %s%n", f.outcome().name().toLowerCase(), f.path(),
                            f.verified() ? "sha256 verified" : "no published sha256 (archive verified)");
                }
            }
            System.out.println("Installed under " + target + "; 'rose-bench data list' shows what is used.");
        }
    }
}
