package org.fpt.builtin;

import java.util.List;
import org.fpt.model.VitBody;
import org.fpt.model.VitConfig;
import org.fpt.spi.Body;
import org.fpt.spi.BodyInfo;
import org.fpt.spi.BodySource;

/**
 * The ViT sizes by name ({@code vit-base} = google/vit-base-patch16-224's shape, {@code vit-tiny} for tests),
 * random init. Pretrained ViT weights are read by {@link org.fpt.weights.VitWeights} from an HF checkpoint.
 */
public final class VitSource implements BodySource {
    private static final List<VitConfig> CONFIGS = List.of(VitConfig.vitBase(), VitConfig.tiny());

    @Override
    public String name() {
        return "vit";
    }

    @Override
    public String description() {
        return "ViT (google/vit-base-patch16-224 layout) and a tiny test size; image-pretrained bodies";
    }

    @Override
    public List<BodyInfo> bodies() {
        return CONFIGS.stream().map(c -> VitBody.random(c).info()).toList();
    }

    @Override
    public Body create(String spec, Init init) {
        VitConfig config = CONFIGS.stream().filter(c -> c.name().equals(spec)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No ViT size '" + spec + "'"));
        if (init == Init.PRETRAINED) {
            throw new IllegalArgumentException("No pretrained weights for '" + spec
                    + "' are bundled: pass --init random, or an HF ViT checkpoint directory");
        }
        return VitBody.random(config);
    }
}
