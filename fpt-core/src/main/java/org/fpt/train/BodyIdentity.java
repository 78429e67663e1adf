package org.fpt.train;

import ai.djl.nn.Parameter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.fpt.spi.ParameterPath;

/**
 * Which body a checkpoint belongs to: its name and a SHA-256 over the frozen tensors (float32 little-endian,
 * in path order, each preceded by its path). A checkpoint keeps only the trainable tensors, so resuming
 * on a body with other weights (another init seed, another pretrained file) must be refused.
 */
public record BodyIdentity(String name, String frozenSha256, int frozenTensors) {

    public static BodyIdentity of(String name, Map<ParameterPath, Parameter> parameters) {
        MessageDigest digest = sha256();
        int count = 0;
        for (Map.Entry<ParameterPath, Parameter> entry : parameters.entrySet()) {
            Parameter parameter = entry.getValue();
            if (parameter.requiresGradient()) {
                continue;
            }
            digest.update(entry.getKey().dotted().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            float[] values = parameter.getArray().toFloatArray();
            ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asFloatBuffer().put(values);
            digest.update(bytes.array());
            count++;
        }
        return new BodyIdentity(name, HexFormat.of().formatHex(digest.digest()), count);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK has no SHA-256", e);
        }
    }
}
