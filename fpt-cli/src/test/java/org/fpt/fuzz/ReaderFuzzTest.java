package org.fpt.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file reader against damaged copies of valid files (docs/fuzzing.md). Each case must end in a read or
 * in a one-line error naming the file; no hang, no out-of-memory. {@code mvn verify} runs a fast slice
 * ({@code fuzz.cases}, default 30 per reader); {@code fpt-cli/fuzz.sh} runs 1,000 per reader and writes the
 * table to docs/fuzz-results.md. The JVM has a modest heap (see the fuzz execution in this module's pom).
 */
class ReaderFuzzTest {
    private static final int CASES = Integer.getInteger("fuzz.cases", 30);
    private static final long SEED = Long.getLong("fuzz.seed", 11);
    private static final long TIMEOUT_SECONDS = Long.getLong("fuzz.timeout", 60);
    private static final Path REPORT = Path.of(System.getProperty("fuzz.report", "target/fuzz-report.md"));
    private static final Path PROGRESS = Path.of(System.getProperty("fuzz.progress", "target/fuzz-progress.log"));
    /** Comma-separated reader names to run (all when empty), e.g. {@code -Dfuzz.readers=checkpoint,ONNX}. */
    private static final String READERS = System.getProperty("fuzz.readers", "");
    private static final List<FuzzRunner.Result> RESULTS = Collections.synchronizedList(new ArrayList<>());

    @TempDir
    static Path work;

    static Stream<Target> readers() {
        List<String> wanted = READERS.isBlank() ? List.of() : List.of(READERS.split(","));
        return FuzzReport.targets().filter(t -> wanted.isEmpty() || wanted.contains(t.name()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readers")
    void everyDamagedInputIsReadOrRefusedInOneLineNamingTheFile(Target reader) throws Exception {
        FuzzRunner.Result result = new FuzzRunner(SEED, TIMEOUT_SECONDS, work, PROGRESS).run(reader, CASES);
        RESULTS.add(result);
        assertThat(result.notClean()).as("%s: %d of %d cases not clean, e.g.%n%s", reader.name(), result.notClean(), result.cases(),
                String.join("\n", result.examples())).isZero();
    }

    @AfterAll
    static void writeTheTable() throws Exception {
        String settings = String.format(Locale.ROOT, "%d cases per reader, seed %d, timeout %d s per case, max heap %d MB, Java %s. "
                        + "Command: `fpt-cli/fuzz.sh` (see docs/fuzzing.md).", CASES, SEED, TIMEOUT_SECONDS,
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));
        FuzzReport.write(REPORT, FuzzReport.markdown(RESULTS, settings));
    }
}
