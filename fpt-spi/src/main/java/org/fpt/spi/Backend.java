package org.fpt.spi;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Optional;

/**
 * Extension point: an engine on a device. Discovery is cheap; {@link #open()} loads the native library,
 * after setting whatever environment it reads at load time.
 */
public interface Backend extends Named {
    /** Whether this backend can run here, and if not, why. Must not load the engine. */
    Availability availability();

    /** Higher wins when the host picks the best available backend. */
    default int priority() {
        return 0;
    }

    /** Prepares the native environment, loads the engine and returns it. */
    Engine open();

    /** The device models run on. */
    Device device();

    /**
     * How this backend multiplies through frozen weights held in bfloat16 ({@code --precision bf16}), or
     * empty when it cannot (the host then trains in float32 and says why). Called after {@link #open()}.
     */
    default Optional<Bfloat16> bfloat16() {
        return Optional.empty();
    }

    record Availability(boolean available, String reason) {
        public static Availability yes(String detail) {
            return new Availability(true, detail);
        }

        public static Availability no(String reason) {
            return new Availability(false, reason);
        }
    }
}
