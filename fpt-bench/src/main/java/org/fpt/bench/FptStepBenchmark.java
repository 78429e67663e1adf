package org.fpt.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: one FPT training step (policy {@code fpt} or {@code full}) or one forward pass, per shape. Each
 * invocation reads a value back from the engine, so the asynchronous engine has finished the work.
 * Select with {@code -p shape=small -p mode=fpt}; see fpt-bench/README.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g", "--enable-native-access=ALL-UNNAMED"})
public class FptStepBenchmark {
    @Param({"gpt2-small", "small"})
    public String shape;

    @Param({"fpt", "full", "inference"})
    public String mode;

    @Param({"cpu"})
    public String backend;

    @Param({"fp32"})
    public String precision;

    private BenchSession session;

    @Setup(Level.Trial)
    public void setUp() {
        session = new BenchSession(BenchShape.named(shape), BenchMode.parse(mode), backend, org.fpt.train.Precision.parse(precision));
    }

    @Benchmark
    public float step() {
        return session.run();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        session.close();
    }
}
