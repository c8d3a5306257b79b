package org.rosebench.harness.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.rosebench.attacks.AttackResources;
import org.rosebench.attacks.backend.DefaultResources;
import org.rosebench.attacks.calibration.CalibrationLexicon;
import org.rosebench.attacks.calibration.CalibrationReport;
import org.rosebench.attacks.calibration.EncoderCalibration;
import org.rosebench.attacks.lexicon.WordNetSynonyms;
import org.rosebench.core.data.Example;
import org.rosebench.core.data.GlueData;
import org.rosebench.core.data.Split;
import org.rosebench.core.data.SplitFile;
import org.rosebench.core.data.Task;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "calibrate-encoder", description = "Calibrate the minilm-l6 sentence-encoder thresholds that stand in "
        + "for USE in textfooler, bae and bert-attack, by one rule, on synonym/antonym swaps of SST-2 training "
        + "sentences (never an attacked split); writes encoder-calibration-DATE.json and .md.")
final class CalibrateEncoderCommand implements Callable<Integer> {

    static final String ENCODER = "minilm-l6";

    @Mixin
    CommonOptions common = new CommonOptions();

    @Option(names = "--data", description = "a data root searched first (see 'data list')")
    Path data;

    @Option(names = "--seed", defaultValue = "" + EncoderCalibration.DEFAULT_SEED, description = "sampling seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--pairs", paramLabel = "N", defaultValue = "" + EncoderCalibration.DEFAULT_PAIRS,
            description = "items per pair set and recipe (default ${DEFAULT-VALUE})")
    int pairs;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "results/attacks", description = "output directory (default ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--scores", paramLabel = "FILE", description = "also write every scored pair as TSV")
    Path scores;

    @Option(names = "--sentences", paramLabel = "N", defaultValue = "" + DEFAULT_SENTENCES,
            description = "training sentences sampled (seeded) to build pairs from (default ${DEFAULT-VALUE})")
    int sampleSize;

    @Option(names = "--date", description = "date in the report's file name (default today)")
    String date;

    static final int DEFAULT_SENTENCES = 8000;

    @Override
    public Integer call() throws Exception {
        if (pairs < 10) {
            throw new IllegalArgumentException("--pairs must be at least 10: " + pairs);
        }
        GlueData glue = new GlueData(CommonOptions.dataDir(data));
        // training data only: the attacks run on dev and AdvGLUE, so thresholds fitted there would leak
        SplitFile file = glue.resolve(Task.SST2, Split.TRAIN);
        List<String> all = new ArrayList<>(new java.util.LinkedHashSet<>(
                glue.load(Task.SST2, Split.TRAIN).examples().stream().map(Example::textA).toList()));
        java.util.Collections.shuffle(all, new java.util.Random(seed));
        List<String> sentences = all.subList(0, Math.min(sampleSize, all.size()));
        String day = date != null ? date : java.time.LocalDate.now().toString();
        String command = "rose-bench calibrate-encoder" + (data != null ? " --data " + data : "") + " --seed " + seed
                + " --pairs " + pairs + " --sentences " + sampleSize + " --out " + out
                + (date != null ? " --date " + date : "");
        CalibrationReport report;
        try (DefaultResources resources = new DefaultResources(null)) {
            AttackResources r = resources.resources();
            Set<String> stopwords = new HashSet<>(r.stopwords(AttackResources.TEXTFOOLER));
            stopwords.addAll(r.stopwords(AttackResources.NLTK));
            EncoderCalibration calibration = new EncoderCalibration(r.sentenceEmbedder(), r.posTagger(),
                    r.neighbourIndex(), r.wordEmbeddings(), CalibrationLexicon.wordNet(WordNetSynonyms.shared()),
                    stopwords);
            EncoderCalibration.Settings settings = new EncoderCalibration.Settings(ENCODER
                    + " (mean-pooled, L2-normalised)", String.format(java.util.Locale.ROOT, "GLUE SST-2 train (%s;"
                    + " a sample drawn with seed %d from its %,d distinct sentences)", file.path().getFileName(), seed,
                    all.size()), seed, pairs, command, calibration.minWordCos());
            report = calibration.run(sentences, settings, m -> {
                if (!common.json) {
                    System.err.println("calibrate-encoder: " + m);
                }
            });
        }
        String base = "encoder-calibration-" + day;
        report.write(out, base);
        if (scores != null) {
            report.writeScores(scores);
        }
        if (common.json) {
            ObjectNode json = report.toJson();
            json.put("out", out.toString());
            Json.print(json);
        } else {
            System.out.printf(Locale.ROOT, "%-12s %-44s %12s %12s %11s %11s %11s %11s%n", "recipe", "regime", "USE",
                    "MiniLM", "syn@USE", "ant@USE", "syn@MiniLM", "ant@MiniLM");
            for (CalibrationReport.RegimeResult x : report.regimes()) {
                System.out.printf(Locale.ROOT, "%-12s %-44s %12s %12s %10.1f%% %10.1f%% %10.1f%% %10.1f%%%n", x.recipe(),
                        x.regimeText(), x.useThreshold(), x.calibrated(), 100 * x.sets().get(0).acceptUse(),
                        100 * x.sets().get(1).acceptUse(), 100 * x.sets().get(0).acceptCalibrated(),
                        100 * x.sets().get(1).acceptCalibrated());
            }
            System.out.println("wrote " + out.resolve(base + ".json") + " and " + out.resolve(base + ".md"));
        }
        return 0;
    }
}
