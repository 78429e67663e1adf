package org.fpt.train;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.fpt.spi.Backend;
import org.fpt.spi.Bfloat16;

/**
 * {@code --precision}: in what type the products through frozen weights run. {@code fp32} everywhere;
 * {@code bf16} holds each frozen weight matrix in bfloat16 and multiplies through it in bfloat16 with float32
 * accumulation, while everything that trains (adapter, head, positions, layer norms, PEFT additions), its
 * gradients and Adam's state stay float32; {@code auto} is bf16 where the backend has a bfloat16 path and the
 * hardware multiplies bfloat16 natively, else fp32.
 */
public enum Precision {
    FP32, BF16, AUTO;

    public static Precision parse(String text) {
        return Arrays.stream(values()).filter(p -> p.label().equals(text.trim().toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown precision '" + text + "'. Available: "
                        + Arrays.stream(values()).map(Precision::label).collect(Collectors.joining(", "))));
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What this request means on {@code backend} (opened), and why. {@code bf16} where impossible is an error. */
    public Choice resolve(Backend backend) {
        Optional<Bfloat16> casts = this == FP32 ? Optional.empty() : backend.bfloat16();
        return switch (this) {
            case FP32 -> Choice.fp32("asked for fp32");
            case BF16 -> casts.map(c -> Choice.bf16(c, "asked for bf16; " + hardware(c) + (c.hardware().available() ? "" : ", emulated")))
                    .orElseThrow(() -> new IllegalArgumentException("--precision bf16: backend '" + backend.name()
                            + "' has no bfloat16 path on this machine; use --precision fp32 or auto, or another backend (fpt plugins lists them)"));
            case AUTO -> casts.map(c -> c.hardware().available() ? Choice.bf16(c, "auto: " + hardware(c))
                            : Choice.fp32("auto: " + hardware(c)))
                    .orElseGet(() -> Choice.fp32("auto: backend '" + backend.name() + "' has no bfloat16 path on this machine"));
        };
    }

    private static String hardware(Bfloat16 casts) {
        Backend.Availability native16 = casts.hardware();
        return (native16.available() ? "native bfloat16 (" : "no native bfloat16 (") + native16.reason() + ")";
    }

    /** The precision a run uses: bf16 with the backend's casts, or fp32; {@code reason} is for the summary. */
    public record Choice(Optional<Bfloat16> bfloat16, String reason) {
        static Choice fp32(String reason) {
            return new Choice(Optional.empty(), reason);
        }

        static Choice bf16(Bfloat16 casts, String reason) {
            return new Choice(Optional.of(casts), reason);
        }

        public String label() {
            return bfloat16.isPresent() ? BF16.label() : FP32.label();
        }
    }
}
