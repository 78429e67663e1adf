package org.fpt.bodies.bert;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.fpt.model.ParameterPaths;
import org.fpt.model.PositionTables;
import org.fpt.plugin.Plugins;
import org.fpt.spi.Body;
import org.fpt.spi.BodySource;
import org.junit.jupiter.api.Test;

/** MiniLM's 512 pretrained positions extended to 1024 (what cifar10-lra and remote-homology need). */
class BertPositionsTest {
    private final Plugins plugins = Plugins.load(getClass().getClassLoader());

    @Test
    void theDefaultBodyExtendedTo1024KeepsItsPretrainedRows() {
        float[] pretrained = positions(body(), 8);
        Body extended = body();
        extended.extendPositions(1024);
        assertThat(extended.maxPositions()).isEqualTo(1024);
        float[] table = positions(extended, 8);
        assertThat(table).hasSize(1024 * 384);
        assertThat(Arrays.copyOf(table, 512 * 384)).as("rows 0..511 as pretrained").containsExactly(pretrained);
        assertThat(table).as("rows 512..1023: the pretrained table again (N = 2P)").containsExactly(PositionTables.extend(pretrained, 384, 0, 1024));
        assertThat(Arrays.copyOfRange(table, 512 * 384, 1024 * 384)).containsExactly(pretrained);
    }

    private Body body() {
        return plugins.bodySourceFor("minilm-l6").create("minilm-l6", BodySource.Init.PRETRAINED);
    }

    private static float[] positions(Body body, int tokens) {
        try (NDManager manager = NDManager.newBaseManager("MXNet")) {
            body.block().initialize(manager, DataType.FLOAT32, new Shape(1, tokens, 384), new Shape(1, tokens));
            body.loadWeights(manager);
            return ParameterPaths.of(body.block()).get(BertBody.POSITIONS).getArray().toFloatArray();
        }
    }
}
