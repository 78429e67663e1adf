package org.fpt.backend.pytorch;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fpt.spi.ParameterPath;
import org.fpt.train.BodyIdentity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The body's identity reads the engine's bytes directly (no heap copies); it must still be the SHA-256 of every
 * frozen tensor's path and float32 little-endian values, in order, as checkpoints written before recorded it, on
 * both engines. Trainable tensors are not part of it.
 */
class BodyIdentityBytesTest {
    @ParameterizedTest
    @ValueSource(strings = {"MXNet", "PyTorch"})
    void theIdentityIsTheHashOfPathsAndLittleEndianFloats(String engine) throws Exception {
        try (NDManager manager = Engine.getEngine(engine).newBaseManager()) {
            Map<ParameterPath, Parameter> parameters = new LinkedHashMap<>();
            float[][] values = {{1.5f, -0f, Float.MIN_VALUE, 3e38f, -7.25f, 0.1f}, {42f, Float.NaN}, {9f}};
            String[] paths = {"body.h.0.attn.c_attn.weight", "body.h.0.ln_1.weight", "body.h.0.mlp.c_fc.bias"};
            for (int i = 0; i < paths.length; i++) {
                Parameter parameter = Parameter.builder().setName(paths[i]).setType(Parameter.Type.WEIGHT).build();
                parameter.setArray(manager.create(values[i]));
                parameter.freeze(i != 1); // the layer norm trains: not part of the identity
                parameters.put(ParameterPath.parse(paths[i], ParameterPath.Role.OTHER, java.util.OptionalInt.of(0)), parameter);
            }

            MessageDigest expected = MessageDigest.getInstance("SHA-256");
            for (int i : new int[] {0, 2}) {
                expected.update(paths[i].getBytes(StandardCharsets.UTF_8));
                ByteBuffer bytes = ByteBuffer.allocate(values[i].length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                bytes.asFloatBuffer().put(values[i]);
                expected.update(bytes.array());
            }

            BodyIdentity identity = BodyIdentity.of("test body", parameters);
            assertThat(identity.frozenSha256()).isEqualTo(HexFormat.of().formatHex(expected.digest()));
            assertThat(identity.frozenTensors()).isEqualTo(2);
        }
    }
}
