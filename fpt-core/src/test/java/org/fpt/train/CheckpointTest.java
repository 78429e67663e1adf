package org.fpt.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.engine.Engine;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fpt.adapters.LinearAdapter;
import org.fpt.bodies.gpt2.Gpt2Body;
import org.fpt.bodies.gpt2.Gpt2Config;
import org.fpt.model.Readout;
import org.fpt.policies.FptPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    @TempDir
    Path dir;

    @Test
    void resumedRunEqualsTheUninterruptedOneExactly() {
        TrainingResult straight;
        try (FptTrainer trainer = trainer(12, 7)) {
            straight = trainer.train(TrainingListener.NONE);
        }
        // Stop after 6 steps: a run with --steps 6 leaves its final checkpoint at step 6.
        try (FptTrainer trainer = trainer(6, 7)) {
            trainer.train(TrainingListener.NONE, new Checkpointing(dir, 4, false).forRun(run()));
        }
        assertThat(Checkpointing.latest(dir)).hasValueSatisfying(p -> assertThat(p.getFileName().toString()).isEqualTo("checkpoint-00000006.safetensors"));
        TrainingResult resumed;
        try (FptTrainer trainer = trainer(12, 7)) {
            resumed = trainer.train(TrainingListener.NONE, new Checkpointing(dir, 4, true).forRun(run()));
        }
        assertThat(resumed.history()).isEqualTo(straight.history());
        assertThat(resumed.test()).isEqualTo(straight.test());
    }

    @Test
    void checkpointHoldsOnlyTrainableTensorsAndRoundTrips() {
        try (FptTrainer trainer = trainer(3, 7)) {
            trainer.train(TrainingListener.NONE, new Checkpointing(dir, 3, false).forRun(run()));
            Checkpoint checkpoint = Checkpoint.read(Checkpointing.latest(dir).orElseThrow());
            long trainable = checkpoint.weights().values().stream().mapToLong(t -> t.values().length).sum();
            assertThat(trainable).isEqualTo(trainer.trainableParams());
            assertThat(checkpoint.tensors()).hasSize(3 * checkpoint.weights().size()); // weights, m, v
            assertThat(checkpoint.step()).isEqualTo(3);
            assertThat(checkpoint.optimizerSteps()).isEqualTo(3);
            assertThat(checkpoint.body()).isEqualTo(trainer.bodyIdentity());
            assertThat(checkpoint.body().frozenTensors()).isPositive();
            assertThat(checkpoint.run().get("task").getAsString()).isEqualTo("toy");
            assertThat(checkpoint.history()).hasSize(1);
        }
    }

    @Test
    void truncatedOrAlteredCheckpointIsRefusedNamingFileAndCheck() throws Exception {
        try (FptTrainer trainer = trainer(2, 7)) {
            trainer.train(TrainingListener.NONE, new Checkpointing(dir, 2, false).forRun(run()));
        }
        Path file = Checkpointing.latest(dir).orElseThrow();
        byte[] good = Files.readAllBytes(file);
        Checkpoint.read(file); // intact: reads

        Path truncated = dir.resolve("truncated.safetensors");
        Files.write(truncated, java.util.Arrays.copyOf(good, good.length - 100));
        assertThatThrownBy(() -> Checkpoint.read(truncated)).hasMessageContaining(truncated.toString()).hasMessageContaining("truncated");

        Path cut = dir.resolve("cut.safetensors");
        Files.write(cut, java.util.Arrays.copyOf(good, 20));
        assertThatThrownBy(() -> Checkpoint.read(cut)).hasMessageContaining(cut.toString()).hasMessageContaining("truncated");

        byte[] flipped = good.clone();
        flipped[flipped.length - 5] ^= 0x01; // one bit of one trained weight
        Path altered = dir.resolve("altered.safetensors");
        Files.write(altered, flipped);
        assertThatThrownBy(() -> Checkpoint.read(altered)).hasMessageContaining(altered.toString())
                .hasMessageContaining("content checksum mismatch");
    }

    @Test
    void resumeOnAnotherBodyOrRunIsRefused() {
        try (FptTrainer trainer = trainer(2, 7)) {
            trainer.train(TrainingListener.NONE, new Checkpointing(dir, 2, false).forRun(run()));
        }
        Checkpoint checkpoint = Checkpoint.read(Checkpointing.latest(dir).orElseThrow());
        try (FptTrainer otherInit = trainer(4, 8)) { // another seed: other random body weights
            assertThatThrownBy(() -> otherInit.restore(checkpoint)).hasMessageContaining("frozen weights hash to");
        }
        JsonObject other = run();
        other.addProperty("policy", "full");
        assertThatThrownBy(() -> new Checkpointing(dir, 2, true).forRun(other).resumeFrom())
                .hasMessageContaining("belongs to another run").hasMessageContaining("policy");
    }

    /** A run as the CLI describes it: a checkpoint must hold one that rebuilds the run. */
    private static JsonObject run() {
        return RunDescriptions.toJson(new RunSpec("toy", "gpt2-tiny", org.fpt.spi.BodySource.Init.RANDOM, "fpt",
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(), java.util.Map.of(),
                TrainingConfig.defaults(12, 8, 7)));
    }

    private static FptTrainer trainer(int steps, long seed) {
        Engine.getEngine("MXNet");
        return new FptTrainer(ToyTask.INSTANCE, new Gpt2Body(Gpt2Config.tiny(), "random init"), new LinearAdapter(),
                new FptPolicy(), Readout.LAST, TrainingConfig.defaults(steps, 8, seed).withEvalEvery(3), Device.cpu(), "MXNet");
    }

}
