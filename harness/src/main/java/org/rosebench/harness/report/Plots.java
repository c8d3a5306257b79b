package org.rosebench.harness.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes every PNG plot of a run, each with its caption ({@link PlotCaptions}): accuracy bars, accuracy under attack,
 * ROSE's kept-tensor fraction, clean against robust accuracy, loss landscapes.
 */
public final class Plots {

    private Plots() {}

    /** Returns the files written; {@code warn} receives problems that skip a plot without failing the report. */
    public static List<Path> write(ReportData data, Path dir, Consumer<String> warn) throws IOException {
        List<Path> files = new ArrayList<>(AccuracyPlots.write(data, dir));
        files.addAll(AttackPlots.write(data, dir));
        files.addAll(SelectionPlots.write(data, dir, warn));
        files.addAll(ScatterPlots.write(data, dir));
        files.addAll(LandscapePlots.write(data, dir, warn));
        return files;
    }
}
