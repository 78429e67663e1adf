package org.fpt.bodies.bert;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.fpt.model.InPlace;
import org.fpt.model.ParameterPaths;
import org.fpt.model.PositionTables;
import org.fpt.spi.Body;
import org.fpt.spi.BodyInfo;
import org.fpt.spi.ParameterPath.Role;
import org.fpt.spi.ParameterPath;

/**
 * A BERT-family body as the SPI sees it: bidirectional, weights from a {@link PretrainedWeights} reader
 * (read only when the model is initialised, so creating a body stays cheap) or HF's random init.
 *
 * <p>Roles: {@code position_embeddings} and {@code token_type_embeddings} are {@link Role#POSITION}.
 * Every FPT input is segment A, so {@code token_type[0]} is one learned vector added to every token before
 * the embedding LayerNorm: it is indistinguishable from a shift of all position rows, and the paper's
 * policy (positions train) should treat it the same way; a policy that freezes positions freezes it too,
 * so "frozen embeddings" stays frozen. Every LayerNorm (including {@code embeddings.LayerNorm}) is
 * {@link Role#LAYER_NORM}; {@code attention.*} is {@link Role#ATTENTION}; {@code intermediate.*} and
 * {@code output.*} are {@link Role#FEED_FORWARD}.
 */
public final class BertBody implements Body {
    static final String POSITIONS = "embeddings.position_embeddings.weight";

    private BertModel model;
    private final String source;
    private final PretrainedWeights weights;
    private final int pretrainedPositions;

    private BertBody(BertConfig config, String source, PretrainedWeights weights) {
        this.model = new BertModel(config);
        this.source = source;
        this.weights = weights;
        this.pretrainedPositions = config.maxPositions();
    }

    public static BertBody random(BertConfig config) {
        return new BertBody(config, "random init", null);
    }

    /** A body whose weights {@code weights} reads when {@link #loadWeights} runs; {@code source} says from where. */
    public static BertBody pretrained(BertConfig config, String source, PretrainedWeights weights) {
        return new BertBody(config, source, weights);
    }

    public BertModel model() {
        return model;
    }

    @Override
    public BodyInfo info() {
        BertConfig c = model.config();
        return new BodyInfo(c.name(), "bert", c.layers(), c.hidden(), c.heads(), c.parameterCount(), source);
    }

    @Override
    public Block block() {
        return model;
    }

    @Override
    public int maxPositions() {
        return model.config().maxPositions();
    }

    @Override
    public boolean causal() {
        return false;
    }

    /** A longer {@code position_embeddings}: pretrained rows kept, new rows from them ({@link PositionTables}). */
    @Override
    public void extendPositions(int positions) {
        BertConfig c = model.config();
        if (PositionTables.requireExtension(c.name(), c.maxPositions(), positions)) {
            model = new BertModel(c.withMaxPositions(positions));
        }
    }

    /** HF BertModel's layout ({@link BertExport}). */
    @Override
    public void export(Path directory) {
        BertExport.write(model, directory);
    }

    @Override
    public ParameterPath parameter(String path) {
        List<String> segments = List.of(path.split("\\."));
        boolean inEncoder = segments.size() > 3 && segments.get(0).equals("encoder") && segments.get(1).equals("layer");
        OptionalInt layer = inEncoder ? OptionalInt.of(Integer.parseInt(segments.get(2))) : OptionalInt.empty();
        Role role;
        if (segments.contains("LayerNorm")) {
            role = Role.LAYER_NORM;
        } else if (segments.contains("position_embeddings") || segments.contains("token_type_embeddings")) {
            role = Role.POSITION;
        } else if (inEncoder && segments.get(3).equals("attention")) {
            role = Role.ATTENTION;
        } else if (inEncoder && (segments.get(3).equals("intermediate") || segments.get(3).equals("output"))) {
            role = Role.FEED_FORWARD;
        } else {
            role = Role.OTHER;
        }
        return new ParameterPath(segments, role, layer);
    }

    /** Copies every pretrained value in; the reader has checked keys and shapes against the model's. */
    @Override
    public void loadWeights(NDManager manager) {
        if (weights == null) {
            return;
        }
        Map<String, Shape> expected = model.checkpointShapes();
        int hidden = model.config().hidden();
        expected.put(POSITIONS, new Shape(pretrainedPositions, hidden)); // as the weights have it, also when extended
        Map<String, float[]> values;
        try {
            values = new java.util.HashMap<>(weights.read(expected));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the weights of " + model.config().name() + " from " + source, e);
        }
        values.computeIfPresent(POSITIONS, (path, table) -> PositionTables.extend(table, hidden, 0, model.config().maxPositions()));
        ParameterPaths.of(model).forEach((path, parameter) -> {
            if (expected.containsKey(path)) { // parameters a PEFT method inserted are not in checkpoints: they keep their init
                copy(path, parameter, values.get(path));
            }
        });
    }

    private void copy(String path, Parameter parameter, float[] value) {
        long size = parameter.getShape().size();
        if (value == null || value.length != size) {
            throw new IllegalStateException(source + ": " + path + " should have " + size + " values, the reader gave "
                    + (value == null ? "none" : value.length));
        }
        InPlace.copy(value, parameter.getArray());
    }
}
