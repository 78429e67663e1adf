package org.fpt.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
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
            digest.update(littleEndianBytes(parameter.getArray()));
            count++;
        }
        return new BodyIdentity(name, HexFormat.of().formatHex(digest.digest()), count);
    }

    /**
     * The tensor's float32 values as little-endian bytes, without copying them onto the Java heap where the engine
     * allows it (PyTorch hands out a view of the tensor's memory): three heap copies of every frozen tensor made a
     * GPT-2-small body's identity cost hundreds of MB of resident heap.
     */
    private static ByteBuffer littleEndianBytes(NDArray array) {
        if (array.getDataType() != DataType.FLOAT32) {
            throw new IllegalStateException("A frozen tensor of type " + array.getDataType() + ": the body's identity hashes float32 values");
        }
        // the engine's memory is in this machine's byte order, whatever order the buffer object claims
        ByteBuffer bytes = array.toByteBuffer(true).order(ByteOrder.nativeOrder());
        if (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
            return bytes;
        }
        ByteBuffer swapped = ByteBuffer.allocate(bytes.remaining()).order(ByteOrder.LITTLE_ENDIAN);
        swapped.asFloatBuffer().put(bytes.asFloatBuffer());
        return swapped;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK has no SHA-256", e);
        }
    }
}
