package org.fpt.fuzz;

import java.nio.file.Path;
import org.fpt.cli.ExperimentSpecs;

/** {@code fpt experiment} specs (YAML), with every key the format knows. */
final class ExperimentSpecTarget extends TextFileTarget {
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

    ExperimentSpecTarget() {
        super("experiment spec", "ablation.yaml", SPEC);
    }

    @Override
    void readFile(Path file) {
        ExperimentSpecs.read(file);
    }
}
