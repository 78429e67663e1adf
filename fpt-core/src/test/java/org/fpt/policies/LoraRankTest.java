package org.fpt.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.fpt.bodies.gpt2.Gpt2Body;
import org.fpt.bodies.gpt2.Gpt2Config;
import org.fpt.peft.LoraMethod;
import org.fpt.spi.FreezingPolicy;
import org.junit.jupiter.api.Test;

/** A LoRA rank above a projection's size is refused before anything is allocated (once: an engine error). */
class LoraRankTest {
    @Test
    void aRankAboveAProjectionsSizeIsRefusedInOneLine() {
        FreezingPolicy huge = new PeftPolicy(new LoraMethod()).configure(Map.of("r", "99999999"));
        assertThatThrownBy(() -> huge.prepare(new Gpt2Body(Gpt2Config.tiny(), "random init")))
                .hasMessageStartingWith("Policy 'lora': r=99999999 exceeds the size of h.0.attn.c_attn (64 -> 192)")
                .hasMessageNotContaining("\n");
        assertThat(new PeftPolicy(new LoraMethod()).configure(Map.of("r", "64")).prepare(new Gpt2Body(Gpt2Config.tiny(), "random init")))
                .isNotNull();
    }
}
