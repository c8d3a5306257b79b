package org.rosebench.core.data.fetch;

import java.util.List;

/** What a fetch did, one entry per dataset in the order fetched. */
public record FetchReport(List<DatasetReport> datasets) {

    public FetchReport {
        datasets = List.copyOf(datasets);
    }

    /** Every installed member of every dataset. */
    public List<InstalledFile> files() {
        return datasets.stream().flatMap(d -> d.files().stream()).toList();
    }

    /** Bytes of members now on disk (installed, replaced or already present). */
    public long totalBytes() {
        return files().stream().mapToLong(f -> f.digest().bytes()).sum();
    }
}
