package org.fpt.cli.grid;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ShorterRunTest {
    private static final String NAME = "bit-xor__gpt2-tiny__random__fpt__seed1__";
    private static final String DIR = NAME + "aaaaaaaaaaaa";

    private static JsonObject run(int steps, double lr) {
        return JsonParser.parseString("{\"task\":\"bit-xor\",\"steps\":" + steps + ",\"lr\":" + lr + ",\"seed\":1}").getAsJsonObject();
    }

    private static Optional<ShorterRun.Candidate> at(int steps, double lr, long checkpoint) {
        return Optional.of(new ShorterRun.Candidate(run(steps, lr), checkpoint));
    }

    @Test
    void theShorterRunOfTheSameSettingsWithTheLatestCheckpointIsContinued() {
        Map<String, Optional<ShorterRun.Candidate>> runs = new LinkedHashMap<>();
        runs.put(NAME + "000000000100", at(100, 1e-3, 100));
        runs.put(NAME + "000000000300", at(300, 1e-3, 300));
        runs.put(NAME + "000000000400", at(400, 1e-3, 150)); // more steps asked, but stopped early: less to start from
        runs.put(NAME + "000000000900", at(900, 1e-3, 900)); // longer than asked: not a start
        runs.put(NAME + "0000000nockp", Optional.empty()); // no checkpoint to start from
        runs.put("bit-xor__gpt2-tiny__random__fpt__seed2__000000000450", at(450, 1e-3, 450)); // another seed in the name
        runs.put(NAME + "extra__000000000460", at(460, 1e-3, 460));
        ShorterRun.Search found = ShorterRun.among(DIR, run(500, 1e-3), runs.keySet(), runs::get);
        assertThat(found.found()).contains(new ShorterRun(NAME + "000000000300", 300, 300));
        assertThat(found.notContinued()).isEmpty();
        assertThat(ShorterRun.among(DIR, run(100, 1e-3), runs.keySet(), runs::get).found()).as("nothing shorter than 100 steps").isEmpty();
    }

    @Test
    void aShorterRunThatDiffersInMoreThanStepsIsNamedWithTheDifference() {
        Map<String, Optional<ShorterRun.Candidate>> runs = Map.of(NAME + "00000000lr02", at(300, 1e-2, 300));
        ShorterRun.Search search = ShorterRun.among(DIR, run(500, 1e-3), runs.keySet(), runs::get);
        assertThat(search.found()).isEmpty();
        assertThat(search.notContinued()).singleElement().asString()
                .startsWith(NAME + "00000000lr02 (300 steps) differs in more than steps: lr");
    }

    @Test
    void theContinuedMetricsRecordTheNewRunUpToTheCheckpointAndNeverReadAsFinished() {
        ShorterRun shorter = new ShorterRun(NAME + "000000000300", 300, 200);
        String text = "{\"run\":" + run(300, 1e-3) + "}\n{\"session_start\":1.0,\"from_step\":0}\n{\"step\":200,\"train_loss\":0.5,\"t\":2.0}\n"
                + "{\"step\":201,\"train_loss\":0.4,\"t\":3.0}\n{\"final\":true,\"step\":300}\n{\"step\":3";
        List<String> lines = shorter.continuedMetrics(text, run(500, 1e-3)).lines().toList();
        assertThat(JsonParser.parseString(lines.get(0)).getAsJsonObject().getAsJsonObject("run").get("steps").getAsInt()).isEqualTo(500);
        assertThat(lines.subList(1, lines.size())).containsExactly("{\"session_start\":1.0,\"from_step\":0}",
                "{\"step\":200,\"train_loss\":0.5,\"t\":2.0}",
                "{\"continued_from\":\"" + NAME + "000000000300\",\"checkpoint_step\":200}");
    }
}
