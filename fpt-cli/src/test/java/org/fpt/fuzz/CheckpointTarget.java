package org.fpt.fuzz;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.fpt.spi.BodySource.Init;
import org.fpt.spi.Task.Split;
import org.fpt.train.BodyIdentity;
import org.fpt.train.Checkpoint;
import org.fpt.train.Evaluation;
import org.fpt.train.RunDescriptions;
import org.fpt.train.RunSpec;
import org.fpt.train.TrainingConfig;
import org.fpt.train.TrainingResult;

/**
 * FPT checkpoints, read as {@code fpt eval} reads them: the file, then the run it describes. The content
 * is checksummed, so any change must be refused, except the "re-signed" cases, whose checksum the case
 * recomputed: those reach the checks behind the checksum (offsets, dtype, step, run description).
 */
final class CheckpointTarget extends Target {
    CheckpointTarget() {
        super("checkpoint");
    }

    private static final String RESIGNED = "re-signed";


    @Override
    List<Path> seed(Path dir) {
        RunSpec spec = new RunSpec("bit-xor", "gpt2-tiny", Init.RANDOM, "fpt", Optional.empty(), Optional.empty(),
                Optional.empty(), Map.of("test-size", "50"), TrainingConfig.defaults(8, 4, 3));
        Map<String, Checkpoint.Tensor> tensors = new LinkedHashMap<>();
        for (String path : List.of("ln_f.weight", "head.weight")) {
            tensors.put(path, new Checkpoint.Tensor(new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6}));
            tensors.put("optimizer.m." + path, new Checkpoint.Tensor(new long[] {2, 3}, new float[] {0, 0.1f, 0, 0, 0, 0}));
            tensors.put("optimizer.v." + path, new Checkpoint.Tensor(new long[] {2, 3}, new float[] {0, 0.01f, 0, 0, 0, 0}));
        }
        List<TrainingResult.Step> history = List.of(new TrainingResult.Step(4, 0.7f, new Evaluation(Split.TEST, 50, 0.69f, 0.52)));
        Path file = dir.resolve("checkpoint-00000004.safetensors");
        new Checkpoint(RunDescriptions.toJson(spec), new BodyIdentity("gpt2-tiny", "ab".repeat(32), 12), 4, 4, history, tensors)
                .write(file);
        return List.of(file);
    }

    @Override
    void read(Path dir) {
        Checkpoint checkpoint = Checkpoint.read(dir.resolve("checkpoint-00000004.safetensors"));
        RunDescriptions.fromJson(checkpoint.run()); // what fpt eval does next
        InvalidAccepted.check(checkpoint.step() >= 0 && checkpoint.optimizerSteps() >= 0,
                "step " + checkpoint.step() + ", optimizer steps " + checkpoint.optimizerSteps());
        checkpoint.tensors().forEach((key, t) -> InvalidAccepted.check(java.util.Arrays.stream(t.shape()).allMatch(d -> d >= 0)
                && java.util.Arrays.stream(t.shape()).reduce(1, (a, b) -> a * b) == t.values().length, "tensor " + key));
        checkpoint.history().forEach(s -> InvalidAccepted.check(s.evaluation() != null && s.evaluation().split() != null
                && s.step() >= 0 && s.step() <= checkpoint.step(), "history step " + s));
        InvalidAccepted.check(checkpoint.body() != null && checkpoint.body().frozenSha256() != null, "body " + checkpoint.body());
    }

    @Override
    Mutations.Mutated structured(Path file, byte[] valid, Random rng) throws Exception {
        Mutations.Mutated edit = rng.nextBoolean() ? SafetensorsTarget.headerEdit(valid, rng) : stateEdit(valid, rng);
        return rng.nextInt(4) == 0 ? edit
                : new Mutations.Mutated(edit.description() + ", " + RESIGNED, SafetensorsBytes.resign(edit.bytes()));
    }

    /** A token of the run/step/history JSON (stored as a string in {@code __metadata__}) edited. */
    private static Mutations.Mutated stateEdit(byte[] valid, Random rng) {
        JsonObject header = JsonParser.parseString(SafetensorsBytes.header(valid)).getAsJsonObject();
        JsonObject metadata = header.getAsJsonObject("__metadata__");
        Mutations.Mutated edited = Mutations.text(metadata.get("fpt.checkpoint").getAsString(), rng);
        metadata.addProperty("fpt.checkpoint", new String(edited.bytes(), StandardCharsets.UTF_8));
        return new Mutations.Mutated("state " + edited.description(), SafetensorsBytes.withHeader(valid, header.toString()));
    }

    @Override
    boolean mustRefuse(Mutations.Mutated damaged, byte[] valid) {
        return !damaged.description().endsWith(RESIGNED);
    }
}
