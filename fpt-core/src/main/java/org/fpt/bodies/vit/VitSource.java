package org.fpt.bodies.vit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.fpt.io.HfConfigJson;
import org.fpt.spi.Body;
import org.fpt.spi.BodyInfo;
import org.fpt.spi.BodySource;

/**
 * ViT bodies: by name ({@code vit-base} = google/vit-base-patch16-224's shape, {@code vit-tiny} for tests),
 * random init; or an HF checkpoint directory ({@code config.json} with {@code model_type: vit} and
 * {@code model.safetensors}), e.g. a local copy of google/vit-base-patch16-224.
 */
public final class VitSource implements BodySource {
    static final String CONFIG_FILE = "config.json";
    static final String WEIGHTS_FILE = "model.safetensors";
    private static final List<VitConfig> CONFIGS = List.of(VitConfig.vitBase(), VitConfig.tiny());

    @Override
    public String name() {
        return "vit";
    }

    @Override
    public String description() {
        return "ViT (HF google/vit-base-patch16-224 layout): vit-base, vit-tiny, or a checkpoint directory";
    }

    @Override
    public List<BodyInfo> bodies() {
        return CONFIGS.stream().map(c -> VitBody.random(c).info()).toList();
    }

    @Override
    public boolean accepts(String spec) {
        if (named(spec).isPresent()) {
            return true;
        }
        return HfConfigJson.isDirectoryOf(spec, "vit");
    }

    @Override
    public Body create(String spec, Init init) {
        Optional<VitConfig> named = named(spec);
        if (named.isPresent()) {
            if (init == Init.PRETRAINED) {
                throw new IllegalArgumentException("No pretrained weights for '" + spec + "' are bundled: pass --init random, "
                        + "or --body DIR with an HF ViT checkpoint (config.json + model.safetensors)");
            }
            return VitBody.random(named.get());
        }
        Path directory = Path.of(spec);
        VitConfig config = VitConfigJson.read(directory.resolve(CONFIG_FILE), directory.getFileName().toString());
        if (init == Init.RANDOM) {
            return VitBody.random(config);
        }
        Path weights = directory.resolve(WEIGHTS_FILE);
        if (!Files.isRegularFile(weights)) {
            throw new IllegalArgumentException("No " + WEIGHTS_FILE + " in " + directory
                    + ": put the checkpoint there, or pass --init random for the same shapes with random weights");
        }
        return new VitBody(config, "pretrained: " + weights, model -> VitWeights.load(model, weights));
    }

    private static Optional<VitConfig> named(String spec) {
        return CONFIGS.stream().filter(c -> c.name().equals(spec)).findFirst();
    }
}
