package org.fpt.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.fpt.bodies.gpt2.Gpt2Body;
import org.fpt.bodies.gpt2.Gpt2Config;
import org.fpt.spi.FreezingPolicy;
import org.junit.jupiter.api.Test;

/** A LoRA rank above the body's width is refused before anything is allocated (today's main: an engine error). */
class LoraRankTest {
    @Test
    void aRankAboveTheBodysWidthIsRefusedInOneLine() {
        FreezingPolicy huge = new LoraPolicy().configure(Map.of("r", "99999999"));
        assertThatThrownBy(() -> huge.prepare(new Gpt2Body(Gpt2Config.tiny(), "random init")))
                .hasMessage("Policy 'lora': option r=99999999 is larger than the width of body 'gpt2-tiny' (64); "
                        + "a low-rank update of its projections has rank at most 64");
        assertThat(new LoraPolicy().configure(Map.of("r", "64")).prepare(new Gpt2Body(Gpt2Config.tiny(), "random init"))).isNotNull();
    }
}
