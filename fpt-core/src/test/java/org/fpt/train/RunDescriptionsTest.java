package org.fpt.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.fpt.spi.BodySource.Init;
import org.junit.jupiter.api.Test;

class RunDescriptionsTest {
    private static RunSpec run(Precision precision) {
        return new RunSpec("bit-xor", "gpt2-tiny", Init.RANDOM, "fpt", Optional.of("cpu"), Optional.empty(), Optional.empty(),
                Map.of(), TrainingConfig.defaults(20, 8, 3)).withPrecision(precision);
    }

    @Test
    void thePrecisionAskedForTravelsWithTheRun() {
        JsonObject json = RunDescriptions.toJson(run(Precision.AUTO));
        assertThat(json.get("precision").getAsString()).isEqualTo("auto");
        assertThat(RunDescriptions.fromJson(json)).isEqualTo(run(Precision.AUTO));
    }

    @Test
    void float32IsNotWrittenSoRunKeysFromBeforePrecisionStillMatch() {
        assertThat(RunDescriptions.toJson(run(Precision.FP32)).has("precision")).isFalse();
        assertThat(RunDescriptions.fromJson(RunDescriptions.toJson(run(Precision.FP32)))).isEqualTo(run(Precision.FP32));
    }

    @Test
    void aCheckpointFromBeforePrecisionExistedWasFloat32() {
        JsonObject old = RunDescriptions.toJson(run(Precision.BF16));
        old.remove("precision");
        assertThat(RunDescriptions.fromJson(old).precision()).isEqualTo(Precision.FP32);
    }

    @Test
    void aRunResumedInAnotherPrecisionIsRefusedNamingIt() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RunDescriptions.requireSameRun(Path.of("c.safetensors"),
                RunDescriptions.toJson(run(Precision.BF16)), RunDescriptions.toJson(run(Precision.FP32))))
                .hasMessageContaining("precision: checkpoint \"bf16\", now null");
    }

    @Test
    void aMicroBatchSizeTravelsWithTheRunAndIsAbsentWhenTheBatchIsWhole() {
        RunSpec whole = run(Precision.FP32);
        assertThat(RunDescriptions.toJson(whole).has("micro_batch_size")).isFalse(); // run keys from before it still match
        RunSpec inPieces = new RunSpec(whole.task(), whole.body(), whole.init(), whole.policy(), whole.backend(), whole.readout(),
                whole.dataDir(), whole.taskProperties(), whole.training().withMicroBatchSize(2));
        JsonObject json = RunDescriptions.toJson(inPieces);
        assertThat(json.get("micro_batch_size").getAsInt()).isEqualTo(2);
        assertThat(RunDescriptions.fromJson(json).training()).isEqualTo(inPieces.training());
        assertThat(RunDescriptions.fromJson(RunDescriptions.toJson(whole)).training().microBatchSize()).isEqualTo(8);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RunDescriptions.requireSameRun(Path.of("c.safetensors"),
                json, RunDescriptions.toJson(whole))).hasMessageContaining("micro_batch_size: checkpoint 2, now null");
    }

    @Test
    void anEvalBatchSizeTravelsWithTheRunAndAResumeWithoutItIsRefusedNamingIt() {
        RunSpec whole = run(Precision.FP32);
        RunSpec smaller = new RunSpec(whole.task(), whole.body(), whole.init(), whole.policy(), whole.backend(), whole.readout(),
                whole.dataDir(), whole.taskProperties(), whole.training().withEvalBatchSize(4));
        JsonObject json = RunDescriptions.toJson(smaller);
        assertThat(json.get("eval_batch_size").getAsInt()).isEqualTo(4);
        assertThat(RunDescriptions.fromJson(json).training()).isEqualTo(smaller.training());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RunDescriptions.requireSameRun(Path.of("c.safetensors"),
                json, RunDescriptions.toJson(whole))).hasMessageContaining("eval_batch_size: checkpoint 4, now 64");
    }

    @Test
    void aRunMayResumeOnAnotherBackend() {
        JsonObject other = RunDescriptions.toJson(run(Precision.FP32));
        other.addProperty("backend", "pytorch");
        assertThatCode(() -> RunDescriptions.requireSameRun(Path.of("c.safetensors"), RunDescriptions.toJson(run(Precision.FP32)), other))
                .doesNotThrowAnyException();
    }

    @Test
    void anAutoRunGoesOnOnlyInThePrecisionAutoChoseWhenItsCheckpointWasWritten() {
        JsonObject onBf16Machine = RunDescriptions.toJson(run(Precision.AUTO));
        onBf16Machine.addProperty(RunDescriptions.AUTO_PRECISION, "bf16");
        JsonObject here = RunDescriptions.toJson(run(Precision.AUTO));
        here.addProperty(RunDescriptions.AUTO_PRECISION, "fp32");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RunDescriptions.requireSameRun(Path.of("c.safetensors"), onBf16Machine, here))
                .hasMessageContaining("auto_precision: checkpoint \"bf16\", now \"fp32\"");
        JsonObject olderCheckpoint = RunDescriptions.toJson(run(Precision.AUTO));
        assertThatCode(() -> RunDescriptions.requireSameRun(Path.of("c.safetensors"), olderCheckpoint, here)).doesNotThrowAnyException();
        assertThatCode(() -> RunDescriptions.requireSameRun(Path.of("c.safetensors"), onBf16Machine, RunDescriptions.toJson(run(Precision.AUTO))))
                .as("the look ahead at the checkpoint's backend, before the run resolves auto").doesNotThrowAnyException();
    }
}
