package org.fpt.fuzz;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fpt.cli.ExperimentSpecs;

/** {@code fpt experiment} specs (YAML), with every key the format knows. */
final class ExperimentSpecTarget extends Target {
    static final String SPEC = """
            name: ablation-small
            tasks: [bit-xor, listops]
            bodies: [gpt2-tiny, lstm]
            inits: [pretrained, random]
            policies: [fpt, "lora:r=4,alpha=8", full]
            seeds: [1, 2]
            steps: 800
            batch_size: 32
            lr: 1.0e-3
            eval_every: 100
            checkpoint_every: 200
            threshold: 0.9
            task_properties:
              bit-xor: {bits: 5, test-size: 500}
              listops: {max-length: 512, generate: true}
            task_steps: {listops: 400}
            data_dirs: {listops: data/listops}
            policy_lr: {full: 1.0e-4}
            """;

    @Override
    String name() {
        return "experiment spec";
    }

    @Override
    List<Path> seed(Path dir) throws Exception {
        return List.of(Files.writeString(dir.resolve("ablation.yaml"), SPEC));
    }

    @Override
    void read(Path dir) {
        ExperimentSpecs.read(dir.resolve("ablation.yaml"));
    }

    @Override
    boolean textual() {
        return true;
    }
}
