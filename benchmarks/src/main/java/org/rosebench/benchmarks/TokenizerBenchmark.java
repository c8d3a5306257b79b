package org.rosebench.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.rosebench.benchmarks.fixtures.ForkedJvm;
import org.rosebench.benchmarks.fixtures.MiniLm;
import org.rosebench.benchmarks.fixtures.Sst2;
import org.rosebench.core.model.EncodedBatch;
import org.rosebench.core.model.HfDirectory;
import org.rosebench.core.tokenize.TextTokenizer;

/**
 * Tokenising a batch of SST-2 dev sentences with minilm-l6's WordPiece tokenizer (HuggingFace tokenizers through
 * DJL), truncation and dynamic padding included; successive calls take successive batches of the shuffled dev set.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {ForkedJvm.OFFLINE, ForkedJvm.NO_TRACKING, ForkedJvm.NO_PROGRESS, ForkedJvm.HEAP})
public class TokenizerBenchmark {

    @Param({"32"})
    int batch;

    @Param({"128"})
    int maxLength;

    private TextTokenizer tokenizer;
    private List<List<String>> batches;
    private int next;

    @Setup
    public void setUp() {
        HfDirectory dir = MiniLm.directory();
        tokenizer = TextTokenizer.load(dir.tokenizerJson(), maxLength, dir.config().padTokenId());
        List<String> sentences = Sst2.shuffledSentences(MiniLm.SEED);
        batches = new ArrayList<>();
        for (int start = 0; start + batch <= sentences.size(); start += batch) {
            batches.add(sentences.subList(start, start + batch));
        }
    }

    @Benchmark
    public EncodedBatch encode() {
        List<String> texts = batches.get(next);
        next = (next + 1) % batches.size();
        return tokenizer.encode(texts, null);
    }

    @TearDown
    public void tearDown() {
        tokenizer.close();
    }
}
