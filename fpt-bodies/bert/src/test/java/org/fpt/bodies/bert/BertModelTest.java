package org.fpt.bodies.bert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.Map;
import java.util.OptionalInt;
import org.fpt.model.ParameterPaths;
import org.fpt.spi.ParameterPath.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BertModelTest {
    private static final int B = 2;
    private static final int T = 6;
    private static NDManager manager;
    private static BertBody body;

    @BeforeAll
    static void build() {
        manager = NDManager.newBaseManager();
        body = BertBody.random(BertConfig.tiny());
        body.block().initialize(manager, DataType.FLOAT32, new Shape(B, T, 128), new Shape(B, T));
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @Test
    void parameterPathsAreHfCheckpointKeys() {
        Map<String, Parameter> paths = ParameterPaths.of(body.model());
        assertThat(paths.keySet()).contains(
                "embeddings.position_embeddings.weight", "embeddings.token_type_embeddings.weight",
                "embeddings.LayerNorm.weight", "embeddings.LayerNorm.bias",
                "encoder.layer.0.attention.self.query.weight", "encoder.layer.0.attention.self.key.bias",
                "encoder.layer.0.attention.self.value.weight", "encoder.layer.0.attention.output.dense.weight",
                "encoder.layer.0.attention.output.LayerNorm.weight", "encoder.layer.1.intermediate.dense.weight",
                "encoder.layer.1.output.dense.bias", "encoder.layer.1.output.LayerNorm.bias");
        assertThat(paths).hasSize(4 + 2 * 16);
        assertThat(paths.get("encoder.layer.1.intermediate.dense.weight").getShape()).isEqualTo(new Shape(512, 128));
        long total = paths.values().stream().mapToLong(p -> p.getShape().size()).sum();
        assertThat(total).isEqualTo(BertConfig.tiny().parameterCount());
    }

    @Test
    void miniLmBodyHasTheCheckpointsParameterCount() {
        // all-MiniLM-L6-v2 has 22,713,216 parameters; less word embeddings (30522 x 384) and pooler (384 x 384 + 384).
        assertThat(BertConfig.minilmL6().parameterCount()).isEqualTo(22_713_216L - 30_522L * 384 - (384L * 384 + 384));
    }

    @Test
    void rolesFollowTheArchitecture() {
        assertThat(body.parameter("embeddings.position_embeddings.weight").role()).isEqualTo(Role.POSITION);
        assertThat(body.parameter("embeddings.token_type_embeddings.weight").role()).isEqualTo(Role.POSITION);
        assertThat(body.parameter("embeddings.LayerNorm.weight").role()).isEqualTo(Role.LAYER_NORM);
        assertThat(body.parameter("encoder.layer.1.attention.output.LayerNorm.bias").role()).isEqualTo(Role.LAYER_NORM);
        assertThat(body.parameter("encoder.layer.1.output.LayerNorm.weight").role()).isEqualTo(Role.LAYER_NORM);
        assertThat(body.parameter("encoder.layer.0.attention.self.query.weight").role()).isEqualTo(Role.ATTENTION);
        assertThat(body.parameter("encoder.layer.0.attention.output.dense.bias").role()).isEqualTo(Role.ATTENTION);
        assertThat(body.parameter("encoder.layer.1.intermediate.dense.weight").role()).isEqualTo(Role.FEED_FORWARD);
        assertThat(body.parameter("encoder.layer.1.output.dense.weight").role()).isEqualTo(Role.FEED_FORWARD);
        assertThat(body.parameter("encoder.layer.1.output.dense.weight").layer()).isEqualTo(OptionalInt.of(1));
        assertThat(body.parameter("embeddings.LayerNorm.bias").layer()).isEmpty();
        assertThat(body.causal()).isFalse();
    }

    @Test
    void randomInitIsHfs() {
        Map<String, Parameter> paths = ParameterPaths.of(body.model());
        float[] w = paths.get("encoder.layer.0.intermediate.dense.weight").getArray().toFloatArray();
        double mean = 0;
        double sq = 0;
        for (float v : w) {
            mean += v;
            sq += v * v;
        }
        mean /= w.length;
        assertThat(mean).isCloseTo(0, within(1e-3));
        assertThat(Math.sqrt(sq / w.length - mean * mean)).isCloseTo(0.02, within(1e-3));
        assertThat(paths.get("encoder.layer.0.intermediate.dense.bias").getArray().abs().max().getFloat()).isZero();
        assertThat(paths.get("embeddings.LayerNorm.weight").getArray().toFloatArray()).containsOnly(1f);
        assertThat(paths.get("embeddings.LayerNorm.bias").getArray().toFloatArray()).containsOnly(0f);
    }

    @Test
    void everyPositionSeesTheWholeSequence() {
        try (NDManager step = manager.newSubManager()) {
            NDArray x = step.randomNormal(new Shape(B, T, 128));
            NDArray changedLast = x.duplicate();
            changedLast.set(new NDIndex(":, -1, :"), step.randomNormal(new Shape(B, 128)));
            NDArray first = forward(x, null).get(new NDIndex(":, 0, :"));
            NDArray firstAfter = forward(changedLast, null).get(new NDIndex(":, 0, :"));
            // A causal body's first output could not move; a bidirectional one's must.
            assertThat(first.sub(firstAfter).abs().max().getFloat()).isGreaterThan(1e-3f);
        }
    }

    @Test
    void paddedKeysAreInvisible() {
        try (NDManager step = manager.newSubManager()) {
            NDArray x = step.randomNormal(new Shape(B, T, 128));
            NDArray mask = step.create(new float[] {1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1}, new Shape(B, T));
            NDArray otherPadding = x.duplicate();
            otherPadding.set(new NDIndex("0, 4:, :"), step.randomNormal(new Shape(2, 128)).mul(5));
            NDArray valid = forward(x, mask).get(new NDIndex("0, :4, :"));
            NDArray validAfter = forward(otherPadding, mask).get(new NDIndex("0, :4, :"));
            assertThat(valid.sub(validAfter).abs().max().getFloat()).isLessThan(1e-5f);
            // and without the mask the padding would have leaked in
            NDArray leaked = forward(otherPadding, null).get(new NDIndex("0, :4, :"));
            assertThat(valid.sub(leaked).abs().max().getFloat()).isGreaterThan(1e-3f);
        }
    }

    private NDArray forward(NDArray x, NDArray mask) {
        NDList in = mask == null ? new NDList(x) : new NDList(x, mask);
        return body.block().forward(new ParameterStore(x.getManager(), false), in, false).singletonOrThrow();
    }
}
