package org.fpt.safetensors;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The element types a safetensors header may name, with their sizes, so the layout of every tensor can be
 * checked. Only {@link #F32}, {@link #F16} and {@link #BF16} can be read as floats: the model is float32, and
 * integer or 8-bit float tensors in a GPT-2 checkpoint are buffers (masks) that the loader skips.
 */
public enum SafetensorsDtype {
    BOOL(1), U8(1), I8(1), F8_E5M2(1), F8_E4M3(1),
    I16(2), U16(2), F16(2), BF16(2),
    I32(4), U32(4), F32(4),
    I64(8), U64(8), F64(8);

    private final int bytes;

    SafetensorsDtype(int bytes) {
        this.bytes = bytes;
    }

    public int bytes() {
        return bytes;
    }

    public boolean isFloatReadable() {
        return this == F32 || this == F16 || this == BF16;
    }

    public static Optional<SafetensorsDtype> parse(String name) {
        return Arrays.stream(values()).filter(d -> d.name().equals(name)).findFirst();
    }

    public static String known() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }

    /** Reads {@code out.length} elements of this type from a little-endian buffer as floats. */
    void readFloats(ByteBuffer little, float[] out) {
        switch (this) {
            case F32 -> little.asFloatBuffer().get(out);
            case F16 -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = halfToFloat(little.getShort(2 * i));
                }
            }
            case BF16 -> {
                // bfloat16 is the top half of a float32: shift it back into place.
                for (int i = 0; i < out.length; i++) {
                    out[i] = Float.intBitsToFloat((little.getShort(2 * i) & 0xffff) << 16);
                }
            }
            default -> throw new IllegalStateException(this + " is not float-readable");
        }
    }

    /** IEEE 754 binary16 to float32 (Java 17 has no {@code Float.float16ToFloat}). */
    static float halfToFloat(short half) {
        int h = half & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1f;
        int mantissa = h & 0x3ff;
        if (exponent == 0) {
            // zero or subnormal: mantissa * 2^-24, exact in float32
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13)); // inf or NaN
        }
        return Float.intBitsToFloat(sign | ((exponent - 15 + 127) << 23) | (mantissa << 13));
    }
}
