package org.fpt.bodies.vit;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.fpt.model.PositionTables;
import org.fpt.spi.Body;
import org.fpt.spi.BodyInfo;
import org.fpt.spi.ParameterPath.Role;
import org.fpt.spi.ParameterPath;

/**
 * A ViT body as the SPI sees it. Bidirectional (not causal): the default readout is the first token. Weights
 * are random unless a loader is given, which copies a checkpoint in once the parameters exist.
 */
public final class VitBody implements Body {
    private VitModel model;
    private final String source;
    private final Consumer<VitModel> loader;

    public VitBody(VitConfig config, String source, Consumer<VitModel> loader) {
        this.model = new VitModel(config);
        this.source = source;
        this.loader = loader;
    }

    public static VitBody random(VitConfig config) {
        return new VitBody(config, "random init", model -> { });
    }

    public VitModel model() {
        return model;
    }

    @Override
    public BodyInfo info() {
        VitConfig c = model.config();
        return new BodyInfo(c.name(), "vit", c.numHiddenLayers(), c.hiddenSize(), c.numAttentionHeads(), c.parameterCount(), source);
    }

    @Override
    public Block block() {
        return model;
    }

    @Override
    public int maxPositions() {
        return model.config().numPatches();
    }

    @Override
    public boolean causal() {
        return false;
    }

    /** More patch positions: pretrained rows and CLS kept, new rows from them ({@link org.fpt.model.PositionTables}). */
    @Override
    public void extendPositions(int positions) {
        VitConfig c = model.config();
        if (PositionTables.requireExtension(c.name(), c.numPatches(), positions)) {
            model = new VitModel(c.withPatches(positions), model.pretrainedPatches());
        }
    }

    @Override
    public void loadWeights(NDManager manager) {
        loader.accept(model);
    }

    /** HF ViTModel's layout ({@link VitExport}). */
    @Override
    public void export(Path directory) {
        VitExport.write(model, directory);
    }

    /**
     * Roles by segment: {@code position_embeddings}; {@code cls_token} (a learned token, like a token
     * embedding); {@code layernorm*}; {@code attention}; {@code intermediate} / {@code output} (feed-forward).
     * Layer from {@code encoder.layer.N}.
     */
    @Override
    public ParameterPath parameter(String path) {
        List<String> s = List.of(path.split("\\."));
        boolean inLayer = s.size() > 3 && s.get(0).equals("encoder") && s.get(1).equals("layer");
        OptionalInt layer = inLayer ? OptionalInt.of(Integer.parseInt(s.get(2))) : OptionalInt.empty();
        Role role;
        if (s.contains("position_embeddings")) {
            role = Role.POSITION;
        } else if (s.contains("cls_token")) {
            role = Role.TOKEN_EMBEDDING;
        } else if (s.stream().anyMatch(x -> x.equals("layernorm") || x.equals("layernorm_before") || x.equals("layernorm_after"))) {
            role = Role.LAYER_NORM;
        } else if (inLayer && s.get(3).equals("attention")) {
            role = Role.ATTENTION;
        } else if (inLayer && (s.get(3).equals("intermediate") || s.get(3).equals("output"))) {
            role = Role.FEED_FORWARD;
        } else {
            role = Role.OTHER;
        }
        return new ParameterPath(s, role, layer);
    }
}
