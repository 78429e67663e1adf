package org.fpt.bodies.gpt2;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.fpt.spi.Body;
import org.fpt.spi.BodyInfo;
import org.fpt.spi.BodySource;

/**
 * GPT-2 bodies by name ({@code gpt2}, {@code gpt2-medium}, {@code gpt2-large}, {@code gpt2-xl}, {@code gpt2-tiny})
 * or by checkpoint directory. Pretrained weights of a named size are read from
 * {@code $FPT_WEIGHTS_DIR/<name>/model.safetensors} (default {@code ~/.fpt/weights}); no registry ships them,
 * so the user puts HF's file there. A directory holds {@code model.safetensors} and/or {@code config.json}.
 */
public final class Gpt2Source implements BodySource {
    public static final String WEIGHTS_DIR_ENV = "FPT_WEIGHTS_DIR";

    private static final List<Gpt2Config> CONFIGS = List.of(
            Gpt2Config.gpt2(), Gpt2Config.gpt2Medium(), Gpt2Config.gpt2Large(), Gpt2Config.gpt2Xl(), Gpt2Config.tiny());

    private final Path weightsRoot;

    /** The ServiceLoader's constructor: weights under {@code $FPT_WEIGHTS_DIR} or {@code ~/.fpt/weights}. */
    public Gpt2Source() {
        this(defaultWeightsRoot());
    }

    public Gpt2Source(Path weightsRoot) {
        this.weightsRoot = weightsRoot;
    }

    public static Path defaultWeightsRoot() {
        String env = System.getenv(WEIGHTS_DIR_ENV);
        return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".fpt", "weights");
    }

    @Override
    public String name() {
        return "gpt2";
    }

    @Override
    public String description() {
        return "GPT-2 small/medium/large/xl and a tiny test size; pretrained weights from HF model.safetensors";
    }

    @Override
    public List<BodyInfo> bodies() {
        return CONFIGS.stream().map(c -> {
            Gpt2Checkpoint checkpoint = Gpt2Checkpoint.in(weightsRoot.resolve(c.name()));
            String source = checkpoint.hasWeights() ? "pretrained: " + checkpoint.weights()
                    : "random init only (for --init pretrained, put model.safetensors in " + checkpoint.directory() + ")";
            return new Gpt2Body(c, source).info();
        }).toList();
    }

    /** A size's name, or a directory whose config.json says gpt2 (or, lacking one, whose weights have GPT-2 keys). */
    @Override
    public boolean accepts(String spec) {
        if (named(spec).isPresent()) {
            return true;
        }
        try {
            return Gpt2Checkpoint.recognises(Path.of(spec));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    @Override
    public Body create(String spec, Init init) {
        Optional<Gpt2Config> named = named(spec);
        if (named.isPresent()) {
            return init == Init.RANDOM ? new Gpt2Body(named.get(), "random init") : pretrained(named.get());
        }
        Path directory = Path.of(spec);
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("No GPT-2 size or checkpoint directory '" + spec + "'. Sizes: "
                    + CONFIGS.stream().map(Gpt2Config::name).toList());
        }
        Gpt2Checkpoint checkpoint = Gpt2Checkpoint.in(directory);
        Gpt2Config config = checkpoint.config(directory.getFileName().toString());
        if (init == Init.RANDOM) {
            return new Gpt2Body(config, "random init, shapes of " + directory);
        }
        if (!checkpoint.hasWeights()) {
            throw new IllegalArgumentException("No " + Gpt2Checkpoint.WEIGHTS_FILE + " in " + directory
                    + ": put the checkpoint there, or pass --init random for the same shapes with random weights");
        }
        return new PretrainedGpt2Body(config, checkpoint.weights());
    }

    private Body pretrained(Gpt2Config config) {
        Gpt2Checkpoint checkpoint = Gpt2Checkpoint.in(weightsRoot.resolve(config.name()));
        if (!checkpoint.hasWeights()) {
            throw new IllegalArgumentException(String.format("No pretrained weights for '%s': expected HF's %s at %s "
                            + "(the weights directory is $%s, default ~/.fpt/weights). Put the file there, pass "
                            + "--body DIR for a checkpoint elsewhere, or --init random.",
                    config.name(), Gpt2Checkpoint.WEIGHTS_FILE, checkpoint.weights(), WEIGHTS_DIR_ENV));
        }
        checkpoint.configJson().ifPresent(json -> requireSameArchitecture(config, Gpt2ConfigJson.read(json, config.name()), json));
        return new PretrainedGpt2Body(config, checkpoint.weights());
    }

    /** A named size's config.json must describe that size: a head count is in no tensor shape to check. */
    private static void requireSameArchitecture(Gpt2Config expected, Gpt2Config found, Path json) {
        if (found.nLayer() != expected.nLayer() || found.nHead() != expected.nHead() || found.nEmbd() != expected.nEmbd()
                || found.nPositions() != expected.nPositions()) {
            throw new IllegalArgumentException(String.format(
                    "%s describes n_layer=%d n_head=%d n_embd=%d n_positions=%d, but '%s' is n_layer=%d n_head=%d n_embd=%d n_positions=%d; "
                            + "move it to its own directory and pass --body DIR",
                    json, found.nLayer(), found.nHead(), found.nEmbd(), found.nPositions(),
                    expected.name(), expected.nLayer(), expected.nHead(), expected.nEmbd(), expected.nPositions()));
        }
    }

    private static Optional<Gpt2Config> named(String spec) {
        return CONFIGS.stream().filter(c -> c.name().equals(spec)).findFirst();
    }
}
