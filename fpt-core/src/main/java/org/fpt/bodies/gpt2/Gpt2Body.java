package org.fpt.bodies.gpt2;

import ai.djl.nn.Block;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.fpt.model.PositionTables;
import org.fpt.spi.Body;
import org.fpt.spi.BodyInfo;
import org.fpt.spi.ParameterPath.Role;
import org.fpt.spi.ParameterPath;

/** A GPT-2 body as the SPI sees it; the source decides where (if anywhere) its weights come from. */
public class Gpt2Body implements Body {
    private Gpt2Model model;
    private final String source;

    public Gpt2Body(Gpt2Config config, String source) {
        this.model = new Gpt2Model(config);
        this.source = source;
    }

    public Gpt2Model model() {
        return model;
    }

    @Override
    public BodyInfo info() {
        Gpt2Config c = model.config();
        return new BodyInfo(c.name(), "gpt2", c.nLayer(), c.nEmbd(), c.nHead(), c.parameterCount(), source);
    }

    @Override
    public Block block() {
        return model;
    }

    @Override
    public int maxPositions() {
        return model.config().nPositions();
    }

    @Override
    public boolean causal() {
        return true;
    }

    /** A longer {@code wpe}: pretrained rows kept, new rows from them ({@link org.fpt.model.PositionTables}). */
    @Override
    public void extendPositions(int positions) {
        Gpt2Config c = model.config();
        if (PositionTables.requireExtension(c.name(), c.nPositions(), positions)) {
            model = new Gpt2Model(c.withPositions(positions), model.pretrainedPositions());
        }
    }

    /** HF GPT2Model's layout ({@link Gpt2Export}). */
    @Override
    public void export(Path directory) {
        Gpt2Export.write(model, directory);
    }

    /** Roles by segment: {@code wpe}, {@code ln_*}, {@code attn}, {@code mlp}; layer from {@code h.N}. */
    @Override
    public ParameterPath parameter(String path) {
        List<String> segments = List.of(path.split("\\."));
        OptionalInt layer = segments.get(0).equals("h") ? OptionalInt.of(Integer.parseInt(segments.get(1))) : OptionalInt.empty();
        Role role;
        if (segments.get(0).equals("wpe")) {
            role = Role.POSITION;
        } else if (segments.stream().anyMatch(s -> s.equals("ln_1") || s.equals("ln_2") || s.equals("ln_f"))) {
            role = Role.LAYER_NORM;
        } else if (segments.contains("attn")) {
            role = Role.ATTENTION;
        } else if (segments.contains("mlp")) {
            role = Role.FEED_FORWARD;
        } else {
            role = Role.OTHER;
        }
        return new ParameterPath(segments, role, layer);
    }
}
