package org.rosebench.core.data.fetch;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.zip.ZipException;
import org.rosebench.core.data.DataException;

/**
 * Downloads catalogued datasets, checks them against their pinned sizes and hashes, and installs their members
 * under a data root in the layout {@link org.rosebench.core.data.GlueData} reads.
 *
 * <pre>{@code
 * FetchReport report = DataFetcher.builder().target(Path.of("data")).build().fetch(List.of("sst2", "advglue"));
 * }</pre>
 *
 * <p>Downloads go to {@code <target>/.downloads/<file>.part} and resume after an interruption; an archive is
 * unpacked only after its checks pass, and removed after a successful install unless {@code keepArchives}. Any
 * checksum mismatch deletes the downloaded archive and the extracted file and throws
 * {@link ChecksumMismatchException}; any other install failure keeps the checked archive for the next fetch. Datasets are fetched one after another in the order named; a failure stops
 * the fetch, leaving the datasets already done installed.
 */
public final class DataFetcher {

    static final String DOWNLOADS = ".downloads";

    private final Path target;
    private final DataSources catalogue;
    private final Downloader downloader;
    private final boolean force;
    private final boolean keepArchives;

    private DataFetcher(Builder b) {
        this.target = Objects.requireNonNull(b.target, "target folder not set").toAbsolutePath().normalize();
        this.catalogue = b.catalogue != null ? b.catalogue : DataSources.defaults();
        HttpClient client = b.client != null ? b.client : HttpClient.newBuilder()
                .connectTimeout(b.connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.downloader = new Downloader(client, b.requestTimeout, b.stallTimeout, b.retries, b.retryDelay);
        this.force = b.force;
        this.keepArchives = b.keepArchives;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Path target() {
        return target;
    }

    public DataSources catalogue() {
        return catalogue;
    }

    /**
     * Fetches the named datasets ({@value DataSources#ALL} for every one).
     *
     * @throws IllegalArgumentException  on an unknown name, naming it and listing the valid ones
     * @throws ChecksumMismatchException when an archive or member does not match the catalogue
     * @throws DataException             on any other download or install problem
     */
    public FetchReport fetch(List<String> names) {
        List<DataSource> sources = catalogue.select(names);
        for (DataSource s : sources) {
            // refuse a bad target before anything is downloaded or written
            s.members().forEach(m -> TargetPaths.resolve(target, m.target()));
        }
        List<DatasetReport> reports = new ArrayList<>();
        for (DataSource s : sources) {
            try {
                reports.add(fetchOne(s));
            } catch (IOException e) {
                throw new DataException("fetching " + s.name() + " from " + s.url() + " failed: " + e, e);
            }
        }
        return new FetchReport(reports);
    }

    private DatasetReport fetchOne(DataSource source) throws IOException {
        List<InstalledFile> present = alreadyInstalled(source);
        if (present != null) {
            return new DatasetReport(source.name(), source.url(), DatasetReport.Archive.NOT_NEEDED, null, false,
                    present);
        }
        Path downloads = target.resolve(DOWNLOADS);
        Path archive = downloads.resolve(source.fileName());
        try {
            DatasetReport.Archive how = DatasetReport.Archive.REUSED;
            FileDigest digest = Files.isRegularFile(archive) ? FileDigest.of(archive) : null;
            if (digest == null || !digest.matches(source.size(), source.sha256())) {
                Files.deleteIfExists(archive); // a stale or damaged kept archive: fetch it again
                how = DatasetReport.Archive.DOWNLOADED;
                digest = download(source, archive);
            }
            List<InstalledFile> files = install(source, archive);
            if (!keepArchives) {
                Files.deleteIfExists(archive);
            }
            return new DatasetReport(source.name(), source.url(), how, digest, source.sha256() != null, files);
        } finally {
            deleteIfEmpty(downloads);
        }
    }

    private List<InstalledFile> install(DataSource source, Path archive) throws IOException {
        try {
            return new MemberInstaller(target, force).install(archive, source);
        } catch (ChecksumMismatchException e) {
            Files.deleteIfExists(archive); // its content is not what the catalogue describes
            throw new ChecksumMismatchException(e.subject(), e.expectedBytes(), e.expectedSha256(),
                    new FileDigest(e.actualBytes(), e.actualSha256()), "the extracted file and the archive " + archive);
        } catch (ZipException e) {
            // possible when only members are pinned: a damaged archive must not be reused by the next fetch
            Files.deleteIfExists(archive);
            throw new DataException("the archive from " + source.url() + " is not a readable zip (" + e.getMessage()
                    + "); deleted " + archive, e);
        } catch (DataException e) {
            // the archive passed its checks: keep it so that the next fetch (e.g. with force) need not download it
            throw new DataException(e.getMessage() + "; the checked archive is kept at " + archive, e);
        }
    }

    /** Downloads into {@code <archive>.part}, checks it, and renames it to {@code archive}. */
    private FileDigest download(DataSource source, Path archive) throws IOException {
        Files.createDirectories(archive.getParent());
        Path part = archive.resolveSibling(archive.getFileName() + ".part");
        downloader.download(source.url(), part, source.size(), "download " + source.name());
        FileDigest digest = FileDigest.of(part);
        if (!digest.matches(source.size(), source.sha256())) {
            Files.deleteIfExists(part);
            throw new ChecksumMismatchException(source.url().toString(), source.size(), source.sha256(), digest,
                    "the downloaded file " + part);
        }
        Files.move(part, archive, StandardCopyOption.ATOMIC_MOVE);
        return digest;
    }

    /** The members as installed when every one is pinned and already on disk with its pinned hash, else null. */
    private List<InstalledFile> alreadyInstalled(DataSource source) {
        List<InstalledFile> files = new ArrayList<>();
        for (ArchiveMember m : source.members()) {
            Path path = TargetPaths.resolve(target, m.target());
            if (!m.pinned() || !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                return null;
            }
            FileDigest digest = FileDigest.of(path);
            if (!m.matches(digest)) {
                return null;
            }
            files.add(new InstalledFile(m.entry(), path, digest, true, InstalledFile.Outcome.UNCHANGED));
        }
        return files;
    }

    private static void deleteIfEmpty(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (var entries = Files.list(dir)) {
                if (entries.findAny().isEmpty()) {
                    Files.delete(dir);
                }
            }
        }
    }

    /** Configures a {@link DataFetcher}; only {@link #target(Path)} is required. */
    public static final class Builder {

        private Path target;
        private DataSources catalogue;
        private HttpClient client;
        private Duration connectTimeout = Duration.ofSeconds(30);
        private Duration requestTimeout = Duration.ofSeconds(60);
        private Duration stallTimeout = Duration.ofSeconds(60);
        private int retries = 3;
        private Duration retryDelay = Duration.ofSeconds(2);
        private boolean force;
        private boolean keepArchives;

        private Builder() {
        }

        /** The data root; members go to {@code <target>/<member target>}. */
        public Builder target(Path target) {
            this.target = target;
            return this;
        }

        /** The catalogue to fetch from; default {@link DataSources#defaults()}. */
        public Builder catalogue(DataSources catalogue) {
            this.catalogue = catalogue;
            return this;
        }

        /** The HTTP client; default a client with {@link #connectTimeout} that follows redirects (not to http). */
        public Builder client(HttpClient client) {
            this.client = client;
            return this;
        }

        /** Connect timeout of the default client; ignored when a client is given. Default 30 s. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /** How long to wait for a response's headers. Default 60 s. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout, "requestTimeout");
            return this;
        }

        /** How long a response body may deliver nothing before the attempt counts as failed. Default 60 s. */
        public Builder stallTimeout(Duration timeout) {
            this.stallTimeout = positive(timeout, "stallTimeout");
            return this;
        }

        /** How many times a dropped or stalled download is resumed before giving up. Default 3. */
        public Builder retries(int retries) {
            if (retries < 0) {
                throw new IllegalArgumentException("retries must be >= 0, got " + retries);
            }
            this.retries = retries;
            return this;
        }

        /** The pause before each retry. Default 2 s. */
        public Builder retryDelay(Duration delay) {
            if (delay == null || delay.isNegative()) {
                throw new IllegalArgumentException("retryDelay must be >= 0, got " + delay);
            }
            this.retryDelay = delay;
            return this;
        }

        /** Replace existing files whose content differs from the archive's. Default false: such a file is an error. */
        public Builder force(boolean force) {
            this.force = force;
            return this;
        }

        /** Keep verified archives in {@code <target>/.downloads} for reuse. Default false. */
        public Builder keepArchives(boolean keepArchives) {
            this.keepArchives = keepArchives;
            return this;
        }

        public DataFetcher build() {
            return new DataFetcher(this);
        }

        private static Duration positive(Duration d, String what) {
            if (d == null || d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(what + " must be positive, got " + d);
            }
            return d;
        }
    }
}
