package org.rosebench.core.data.fetch;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Catalogue entries pointing at a {@link LoopbackServer}, and a fetcher with short timeouts for tests. */
final class TestCatalogues {

    // A holder, so that tests needing only catalogue entries do not pay for creating an HTTP client.
    private static final class Http {
        static final HttpClient CLIENT = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
    }

    private TestCatalogues() {
    }

    /** A GLUE-style entry for {@link TestZips#glueZip}: train and dev installed under {@code glue/<dir>/}, pinned. */
    static DataSource glue(String name, String dir, URI url, byte[] zip) {
        return new DataSource(name, url, zip.length, TestZips.sha256(zip), Verification.ARCHIVE, null, List.of(
                member(dir + "/train.tsv", "glue/" + dir + "/train.tsv", TestZips.TRAIN),
                member(dir + "/dev.tsv", "glue/" + dir + "/dev.tsv", TestZips.DEV)));
    }

    static ArchiveMember member(String entry, String target, String content) {
        return new ArchiveMember(entry, target, TestZips.size(content), TestZips.sha256(content));
    }

    /**
     * One request through the tests' client, so that the JDK's one-off HTTP and TLS set-up (about a second) is paid
     * by the test class, not by whichever test happens to run first.
     */
    static void warmUp() throws IOException, InterruptedException {
        try (LoopbackServer server = new LoopbackServer()) {
            URI url = server.serve("/warm-up", new byte[1], LoopbackServer.Mode.NORMAL);
            Http.CLIENT.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.discarding());
        }
    }

    static DataFetcher.Builder fetcher(Path root, DataSource... sources) {
        return DataFetcher.builder()
                .target(root)
                .catalogue(DataSources.of(List.of(sources)))
                .client(Http.CLIENT)
                .requestTimeout(Duration.ofSeconds(5))
                .stallTimeout(Duration.ofMillis(200))
                .retries(3)
                .retryDelay(Duration.ZERO);
    }
}
