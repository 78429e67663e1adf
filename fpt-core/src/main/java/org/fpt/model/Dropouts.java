package org.fpt.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.Dropout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.SplittableRandom;

/**
 * Dropout for our models. On DJL's PyTorch engine the mask is drawn here, in Java: libtorch 2.7.1's
 * {@code bernoulli_} took 8 % of a GPT-2-small training step on an AMD CPU, where it skips its MKL path, and the
 * step is 5-9 % faster with masks drawn here (fpt-bench/README.md, issue 12, session 6). Elsewhere it is the
 * engine's own dropout. Masks follow {@link #seed}, which the trainer sets per
 * step, so a step (and a recomputed step) draws the same masks.
 */
public final class Dropouts {
    /** Each 64-bit draw decides four elements, a 16-bit uniform each: the rate is rounded to a multiple of 2^-16. */
    private static final int LEVELS = 1 << 16;
    private static final ThreadLocal<SplittableRandom> RANDOM = ThreadLocal.withInitial(SplittableRandom::new);
    private static final ThreadLocal<ByteBuffer> SCRATCH = new ThreadLocal<>();

    private Dropouts() {
    }

    /** Masks drawn on this thread from now on follow {@code seed}. */
    public static void seed(long seed) {
        RANDOM.set(new SplittableRandom(seed));
    }

    /** {@code x} with each element zeroed with probability {@code rate} and the rest scaled by {@code 1 / (1 - rate)}, when training. */
    public static NDArray dropout(NDArray x, float rate, boolean training) {
        if (!training || rate == 0f) {
            return x;
        }
        if (!Engines.isPyTorch(x) || x.getDataType() != DataType.FLOAT32) {
            return Dropout.dropout(x, rate, training).singletonOrThrow();
        }
        return x.mul(mask(x.getManager(), x.getShape(), rate));
    }

    /**
     * A float32 mask of 0 (probability {@code rate}) and {@code 1 / (1 - rate)}, in the engine's memory. It is drawn
     * into this thread's scratch buffer, then copied: an array made from a Java buffer would keep that buffer's
     * memory until a garbage collection (many megabytes a step), and autograd would read it after DJL lets it go.
     */
    static NDArray mask(NDManager manager, Shape shape, float rate) {
        int n = Math.toIntExact(shape.size());
        ByteBuffer bytes = scratch(n * Float.BYTES);
        FloatBuffer mask = bytes.asFloatBuffer();
        float kept = 1f / (1f - rate);
        int dropBelow = Math.round(rate * LEVELS);
        SplittableRandom random = RANDOM.get();
        for (int i = 0; i < n; i += 4) {
            long bits = random.nextLong();
            for (int j = 0; j < 4 && i + j < n; j++) {
                mask.put(i + j, ((bits >>> (16 * j)) & 0xFFFF) < dropBelow ? 0f : kept);
            }
        }
        try (NDArray wrapped = manager.create(bytes, shape, DataType.FLOAT32)) {
            return wrapped.duplicate();
        }
    }

    /** This thread's scratch buffer, grown to at least {@code size} bytes; {@code size} bytes of it, native order. */
    private static ByteBuffer scratch(int size) {
        ByteBuffer buffer = SCRATCH.get();
        if (buffer == null || buffer.capacity() < size) {
            buffer = ByteBuffer.allocateDirect(size);
            SCRATCH.set(buffer);
        }
        return buffer.slice(0, size).order(ByteOrder.nativeOrder());
    }
}
