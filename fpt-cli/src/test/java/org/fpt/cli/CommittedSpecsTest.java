package org.fpt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every experiment spec committed under fpt-bench/experiments passes the checks {@code fpt experiment} makes before
 * any run: a typo in one would otherwise stop fpt-bench/table1-runs.sh's lane hours into a session. Bodies given as
 * paths (made by an earlier step of their experiment) are checked as the workers of a cluster would leave them.
 */
class CommittedSpecsTest {
    static List<Path> specs() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("..", "fpt-bench", "experiments"))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    static List<Path> longerSpecs() throws Exception {
        List<Path> longer = specs().stream().filter(f -> f.getFileName().toString().matches("table1-.*-long\\.yaml")).toList();
        assertThat(longer).as("table1-runs.sh's longer specs").isNotEmpty();
        return longer;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void passesTheUpFrontChecks(Path file) {
        ExperimentSpec spec = ExperimentSpec.read(file);
        boolean pathBodies = spec.bodies().stream().anyMatch(body -> body.contains("/"));
        assertThatCode(() -> ExperimentChecks.check(file, spec, Host.injector(), !pathBodies)).doesNotThrowAnyException();
    }

    /**
     * A Table-1 {@code X-long.yaml} (fpt-bench/table1-runs.sh) trains X's runs longer into X's output: it must name X's output and differ from X in
     * {@code steps} alone, or its runs would start from step 0 instead of continuing X's.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("longerSpecs")
    void aLongerSpecDiffersFromItsShorterOneInStepsAlone(Path file) {
        String fileName = file.getFileName().toString();
        ExperimentSpec longer = ExperimentSpec.read(file);
        ExperimentSpec shorter = ExperimentSpec.read(file.resolveSibling(fileName.replace("-long.yaml", ".yaml")));
        assertThat(longer.name()).isEqualTo(shorter.name());
        assertThat(longer.runs()).isEqualTo(shorter.runs());
        for (ExperimentSpec.Run run : shorter.runs()) {
            JsonObject a = shorter.description(run);
            JsonObject b = longer.description(run);
            assertThat(b.get("steps").getAsInt()).isGreaterThan(a.get("steps").getAsInt());
            a.remove("steps");
            b.remove("steps");
            assertThat(b).as(run.toString()).isEqualTo(a);
        }
    }
}
