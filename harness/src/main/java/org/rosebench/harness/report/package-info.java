/**
 * Everything that reads a result store (docs/result-store.md): {@code rose-bench table} and {@code rose-bench regress}.
 *
 * <h2>Flow</h2>
 * {@link org.rosebench.harness.report.ResultRows} loads {@code RUN_DIR/cells/*}{@code /result.json};
 * {@link org.rosebench.harness.report.LongMetrics} turns eval and attack rows into the long metrics
 * ({@code model,task,method,seed,evaluation,metric,value}); {@link org.rosebench.harness.report.SeedAggregates}
 * (Tablesaw) gives mean ± sample std over seeds; {@link org.rosebench.harness.report.SeedCoverage} counts each cell's
 * seeds against the configured ones ({@link org.rosebench.harness.report.ConfiguredSeeds});
 * {@link org.rosebench.harness.report.Significance} pairs each method with {@code vanilla} example by example and
 * seed by seed ({@link org.rosebench.harness.report.SeedOutcomes}), draws the seeds × examples bootstrap of the
 * difference ({@link org.rosebench.harness.report.PairedBootstrap}) and asks the chosen test for a p-value
 * ({@link org.rosebench.harness.report.McNemarOverSeeds} or {@link org.rosebench.harness.report.BootstrapTest});
 * {@link org.rosebench.harness.report.PaperTables}, {@link org.rosebench.harness.report.AttackTables} and
 * {@link org.rosebench.harness.report.LandscapeTables} build display tables that
 * {@link org.rosebench.harness.report.TableRenderers} write as Markdown, HTML and CSV;
 * {@link org.rosebench.harness.report.Plots} draws PNGs with XChart; {@link org.rosebench.harness.report.HtmlReport}
 * puts tables and PNGs on one page; {@link org.rosebench.harness.report.Regression}
 * compares long metrics with a reference under {@link org.rosebench.harness.report.Tolerances}.
 *
 * <h2>Files of {@code table}</h2>
 * <ul>
 *   <li>{@code tables/metrics.csv}: the long format, 4 decimals, sorted by model, task (SST-2, QQP, QNLI, RTE, MNLI,
 *       others), method (config order), seed, evaluation (dev, advglue, other splits, attacks), metric;</li>
 *   <li>{@code tables/summary.csv}: {@code model,evaluation,task,method,metric,n,n_expected,mean,std,delta,ci_low,
 *       ci_high,p_value,test,n_seeds,n_baseline_seeds,n_examples,paper} (see {@link
 *       org.rosebench.harness.report.SummaryCsv});</li>
 *   <li>{@code tables/<model>_<evaluation>.csv|.md} per table (and {@code <model>_<evaluation>_delta} for the Δ
 *       table), all tables in {@code tables.md} and {@code tables.html};</li>
 *   <li>{@code plots/<model>_<evaluation>_accuracy.png}, {@code plots/<model>_<task>_attack.png},
 *       {@code plots/<model>_<task>_kept-fraction.png}, {@code plots/<model>_<task>_clean-vs-<evaluation>.png}
 *       ({@link org.rosebench.harness.report.ScatterPlots}), {@code plots/<model>_<task>_<landscape>.png} (and
 *       {@code _<method>_2d.png} for a 2-D landscape; docs/landscape.md §5), each with {@code <name>.caption.txt}
 *       ({@link org.rosebench.harness.report.PlotCaptions});</li>
 *   <li>{@code tables/report.html}: the provenance summary ({@link org.rosebench.harness.report.RunSummary}), every
 *       table and every PNG under the plots folder in one self-contained page
 *       ({@link org.rosebench.harness.report.HtmlReport}).</li>
 * </ul>
 *
 * <h2>Cells</h2>
 * Mean ± sample std (n − 1) over seeds with 2 decimals, just the mean for one seed, "–" for none, then the seed
 * count {@code (n=3)}, with {@code †} when the cell has fewer seeds than the table expects ({@code (n=2†)}); a
 * {@code *} marks p &lt; alpha against {@code vanilla}; {@code (paper X)} follows when {@code --paper} gives a
 * reported value (see {@link org.rosebench.harness.report.PaperValues}). Δ cells read
 * {@code +1.15 [-0.30, +2.60] (n=3)*}: the difference in points, its (1 − alpha) bootstrap interval, the seeds
 * compared and the marker. Attack tables give the seeds in a column of their own.
 */
package org.rosebench.harness.report;
