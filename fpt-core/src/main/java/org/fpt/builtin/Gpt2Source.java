package org.fpt.builtin;

import java.util.List;
import org.fpt.model.Gpt2Body;
import org.fpt.model.Gpt2Config;
import org.fpt.spi.Body;
import org.fpt.spi.BodyInfo;
import org.fpt.spi.BodySource;

/** The GPT-2 sizes by name. Random init here; pretrained weights are read from a checkpoint directory. */
public final class Gpt2Source implements BodySource {
    private static final List<Gpt2Config> CONFIGS = List.of(
            Gpt2Config.gpt2(), Gpt2Config.gpt2Medium(), Gpt2Config.gpt2Large(), Gpt2Config.gpt2Xl(), Gpt2Config.tiny());

    @Override
    public String name() {
        return "gpt2";
    }

    @Override
    public String description() {
        return "GPT-2 small/medium/large/xl and a tiny test size";
    }

    @Override
    public List<BodyInfo> bodies() {
        return CONFIGS.stream().map(c -> new Gpt2Body(c, "random init").info()).toList();
    }

    @Override
    public Body create(String spec, Init init) {
        Gpt2Config config = CONFIGS.stream().filter(c -> c.name().equals(spec)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No GPT-2 size '" + spec + "'"));
        if (init == Init.PRETRAINED) {
            throw new IllegalArgumentException("No pretrained weights for '" + spec
                    + "' are bundled: pass --init random, or --body DIR with a HF model.safetensors");
        }
        return new Gpt2Body(config, "random init");
    }
}
