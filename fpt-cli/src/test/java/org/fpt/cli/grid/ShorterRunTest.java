package org.fpt.cli.grid;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ShorterRunTest {
    private static final String DIR = "bit-xor__gpt2-tiny__random__fpt__seed1__aaaaaaaaaaaa";

    private static JsonObject run(int steps, double lr) {
        return JsonParser.parseString("{\"task\":\"bit-xor\",\"steps\":" + steps + ",\"lr\":" + lr + ",\"seed\":1}").getAsJsonObject();
    }

    private static Optional<List<JsonObject>> lines(JsonObject description) {
        JsonObject first = new JsonObject();
        first.add("run", description);
        return Optional.of(List.of(first));
    }

    @Test
    void theLongestShorterRunOfTheSameSettingsIsContinued() {
        Map<String, Optional<List<JsonObject>>> runs = Map.of(
                "bit-xor__gpt2-tiny__random__fpt__seed1__000000000100", lines(run(100, 1e-3)),
                "bit-xor__gpt2-tiny__random__fpt__seed1__000000000300", lines(run(300, 1e-3)),
                "bit-xor__gpt2-tiny__random__fpt__seed1__000000000200", lines(run(200, 1e-3)),
                "bit-xor__gpt2-tiny__random__fpt__seed1__000000000900", lines(run(900, 1e-3)), // longer: not a start
                "bit-xor__gpt2-tiny__random__fpt__seed1__00000000lr02", lines(run(400, 1e-2)), // another lr: another run
                "bit-xor__gpt2-tiny__random__fpt__seed1__0000000nockp", Optional.empty(), // no checkpoint to start from
                "bit-xor__gpt2-tiny__random__fpt__seed2__000000000450", lines(run(450, 1e-3)), // another seed in the name
                "bit-xor__gpt2-tiny__random__fpt__seed1__extra__000000000460", lines(run(460, 1e-3)));
        Optional<ShorterRun> found = ShorterRun.among(DIR, run(500, 1e-3), runs.keySet(), runs::get);
        assertThat(found).contains(new ShorterRun("bit-xor__gpt2-tiny__random__fpt__seed1__000000000300", 300));
        assertThat(ShorterRun.among(DIR, run(100, 1e-3), runs.keySet(), runs::get)).as("nothing shorter than 100 steps").isEmpty();
        assertThat(ShorterRun.among(DIR, run(500, 1e-4), runs.keySet(), runs::get)).as("no run with this lr").isEmpty();
    }

    @Test
    void theContinuedMetricsRecordTheNewRunAndWhereItContinuedFrom() {
        ShorterRun shorter = new ShorterRun("bit-xor__gpt2-tiny__random__fpt__seed1__000000000300", 300);
        String text = "{\"run\":" + run(300, 1e-3) + "}\n{\"session_start\":1.0,\"from_step\":0}\n{\"step\":1,\"train_loss\":0.5,\"t\":2.0}\n"
                + "{\"final\":true,\"step\":300}\n{\"step\":3";
        List<String> lines = shorter.continuedMetrics(text, run(500, 1e-3), 300).lines().toList();
        assertThat(JsonParser.parseString(lines.get(0)).getAsJsonObject().getAsJsonObject("run").get("steps").getAsInt()).isEqualTo(500);
        assertThat(lines.subList(1, 5)).containsExactly("{\"session_start\":1.0,\"from_step\":0}", "{\"step\":1,\"train_loss\":0.5,\"t\":2.0}",
                "{\"final\":true,\"step\":300}", "{\"step\":3");
        assertThat(lines.get(5)).isEqualTo("{\"continued_from\":\"bit-xor__gpt2-tiny__random__fpt__seed1__000000000300\",\"checkpoint_step\":300}");
    }
}
