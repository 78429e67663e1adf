package com.example.peft;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.fpt.bodies.gpt2.Gpt2Body;
import org.fpt.bodies.gpt2.Gpt2Config;
import org.fpt.plugin.PluginRegistry;
import org.fpt.plugin.Plugins;
import org.fpt.spi.PeftMethod;
import org.fpt.train.FptTrainer;
import org.fpt.train.PeftChecks;
import org.fpt.train.ToyTask;
import org.junit.jupiter.api.Test;

/**
 * docs/plugins.md's PEFT method, compiled as the docs print it (the test checks the text is this file's), trains
 * as {@code --policy shift} from a registry the host builds, and merges into the projections' biases.
 */
class ShiftMethodTest {
    @Test
    void theDocsPrintThisFile() throws Exception {
        String source = Files.readString(Path.of("src/test/java/com/example/peft/ShiftMethod.java"));
        assertThat(Files.readString(Path.of("../docs/plugins.md"))).contains(source.strip());
    }

    @Test
    void itTrainsAsAPolicyAndMergesIntoTheBias() {
        Plugins loaded = PeftChecks.PLUGINS;
        Plugins plugins = new Plugins(loaded.tasks(), loaded.adapters(), loaded.policies(), loaded.backends(), loaded.bodySources(),
                PluginRegistry.of("PEFT method", List.<PeftMethod>of(new ShiftMethod())));
        try (FptTrainer trainer = PeftChecks.trainer(ToyTask.INSTANCE, new Gpt2Body(Gpt2Config.tiny(), "random init"), plugins.policy("shift"))) {
            Map<String, float[]> before = PeftChecks.snapshot(trainer);
            assertThat(before).containsKeys("body.h.0.attn.c_proj.shift", "body.h.1.attn.c_proj.shift");
            PeftChecks.train(trainer, ToyTask.INSTANCE, 5);
            PeftChecks.assertMovedExactly(before, PeftChecks.snapshot(trainer), PeftChecks.GPT2_FPT.or(p -> p.endsWith(".shift")));
            PeftChecks.assertMergeKeepsTheFunction(trainer, ToyTask.INSTANCE, 1e-5f);
        }
    }
}
