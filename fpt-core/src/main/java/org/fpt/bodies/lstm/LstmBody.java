package org.fpt.bodies.lstm;

import ai.djl.nn.Block;
import java.util.List;
import java.util.OptionalInt;
import org.fpt.spi.Body;
import org.fpt.spi.BodyInfo;
import org.fpt.spi.ParameterPath.Role;
import org.fpt.spi.ParameterPath;

/**
 * The LSTM baseline as a body (the paper's "LSTM" row: 3 layers, trained from scratch with {@code full}).
 * Roles: {@code ln.N} are {@link Role#LAYER_NORM}; the recurrent weights are {@link Role#OTHER}, which only
 * {@code full} trains: under {@code fpt} an LSTM body is a frozen random recurrent network.
 */
public final class LstmBody implements Body {
    public static final int LAYERS = 3;

    private final String name;
    private final int width;
    private final LstmModel model;

    public LstmBody(String name, int width) {
        this.name = name;
        this.width = width;
        this.model = new LstmModel(LAYERS, width);
    }

    @Override
    public BodyInfo info() {
        long perLayer = 4L * (2L * width * width + 2L * width) + 2L * width; // i2h, h2h weights + biases; LayerNorm
        return new BodyInfo(name, "lstm", LAYERS, width, 0, LAYERS * perLayer, "random init");
    }

    @Override
    public Block block() {
        return model;
    }

    /** No positions: any length fits. */
    @Override
    public int maxPositions() {
        return Integer.MAX_VALUE;
    }

    @Override
    public boolean causal() {
        return true;
    }

    @Override
    public ParameterPath parameter(String path) {
        List<String> segments = List.of(path.split("\\."));
        Role role = segments.get(0).equals("ln") ? Role.LAYER_NORM : Role.OTHER;
        return new ParameterPath(segments, role, OptionalInt.of(Integer.parseInt(segments.get(1))));
    }
}
