package org.rosebench.attacks;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * TextAttack's summary metrics (docs/attacks.md §7), raw and rounded to 2 decimals like its table.
 *
 * <p>With S, F, K the successful, failed and skipped results and N = S + F + K:
 * original accuracy (N − K)/N × 100; accuracy under attack F/N × 100; attack success rate S/(S + F) × 100
 * (0 when S + F = 0); average perturbed word % = mean over successful results with a value above 0 of
 * changed words × 100 / original words; average words per input = mean original word count over all N;
 * average queries = mean {@code num_queries} over S and F. A mean over nothing is NaN, as numpy gives.
 *
 * @param succeeded             S
 * @param failed                F
 * @param skipped               K
 * @param originalAccuracy      raw percentage
 * @param accuracyUnderAttack   raw percentage
 * @param attackSuccessRate     raw percentage
 * @param avgPerturbedWordPercent raw percentage
 * @param avgWordsPerInput      raw mean
 * @param avgQueries            raw mean (TextAttack's {@code num_queries})
 * @param avgTotalQueries       raw mean of all queries spent over S and F (not a TextAttack metric)
 */
public record AttackSummary(int succeeded, int failed, int skipped, double originalAccuracy,
        double accuracyUnderAttack, double attackSuccessRate, double avgPerturbedWordPercent,
        double avgWordsPerInput, double avgQueries, double avgTotalQueries) {

    public static AttackSummary of(List<AttackResult> results) {
        int s = 0;
        int f = 0;
        int k = 0;
        double perturbedSum = 0;
        int perturbedCount = 0;
        double wordsSum = 0;
        double queriesSum = 0;
        double totalQueriesSum = 0;
        for (AttackResult r : results) {
            wordsSum += r.originalNumWords();
            switch (r.status()) {
                case SUCCEEDED -> {
                    s++;
                    double pct = r.perturbedWordPercent();
                    if (pct > 0) {
                        perturbedSum += pct;
                        perturbedCount++;
                    }
                }
                case FAILED -> f++;
                case SKIPPED -> k++;
                default -> throw new IllegalStateException("unknown status " + r.status());
            }
            if (r.status() != AttackStatus.SKIPPED) {
                queriesSum += r.numQueries();
                totalQueriesSum += r.totalQueries();
            }
        }
        int n = s + f + k;
        return new AttackSummary(s, f, k,
                ratio((n - k) * 100.0, n),
                ratio(f * 100.0, n),
                s + f == 0 ? 0 : s * 100.0 / (s + f),
                ratio(perturbedSum, perturbedCount),
                ratio(wordsSum, n),
                ratio(queriesSum, s + f),
                ratio(totalQueriesSum, s + f));
    }

    private static double ratio(double sum, int count) {
        return count == 0 ? Double.NaN : sum / count;
    }

    public int total() {
        return succeeded + failed + skipped;
    }

    /** Python's {@code round(x, 2)}: half-even on the exact binary value. */
    public static double round2(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return x;
        }
        return new BigDecimal(x).setScale(2, RoundingMode.HALF_EVEN).doubleValue();
    }

    /** TextAttack's result table. */
    public String toTable() {
        String[][] rows = {
            {"Number of successful attacks:", String.valueOf(succeeded)},
            {"Number of failed attacks:", String.valueOf(failed)},
            {"Number of skipped attacks:", String.valueOf(skipped)},
            {"Original accuracy:", py(round2(originalAccuracy)) + "%"},
            {"Accuracy under attack:", py(round2(accuracyUnderAttack)) + "%"},
            {"Attack success rate:", py(round2(attackSuccessRate)) + "%"},
            {"Average perturbed word %:", py(round2(avgPerturbedWordPercent)) + "%"},
            {"Average num. words per input:", py(round2(avgWordsPerInput))},
            {"Avg num queries:", py(round2(avgQueries))},
        };
        int w0 = "Attack Results".length();
        int w1 = 0;
        for (String[] r : rows) {
            w0 = Math.max(w0, r[0].length());
            w1 = Math.max(w1, r[1].length());
        }
        String rule = "+" + "-".repeat(w0 + 2) + "+" + "-".repeat(w1 + 2) + "+\n";
        StringBuilder sb = new StringBuilder(rule);
        sb.append(String.format("| %-" + w0 + "s | %-" + w1 + "s |%n", "Attack Results", ""));
        sb.append(rule);
        for (String[] r : rows) {
            sb.append(String.format("| %-" + w0 + "s | %-" + w1 + "s |%n", r[0], r[1]));
        }
        sb.append(rule);
        return sb.toString();
    }

    /** A double as Python's {@code str} prints it (shortest repr, at least one decimal, {@code nan}). */
    static String py(double x) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        return BigDecimal.valueOf(x).stripTrailingZeros().scale() <= 0
                ? BigDecimal.valueOf(x).setScale(1, RoundingMode.UNNECESSARY).toPlainString()
                : BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
    }
}
