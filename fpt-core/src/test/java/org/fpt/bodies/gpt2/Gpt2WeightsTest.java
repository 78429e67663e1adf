package org.fpt.bodies.gpt2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import org.fpt.safetensors.CheckpointException;
import org.fpt.safetensors.SafetensorsFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints that do not fit the body are refused before anything is copied, naming file, key and shapes. */
class Gpt2WeightsTest {
    private static final Gpt2Config ONE_LAYER = new Gpt2Config("one", 1, 2, 4, 4, 0f, 1e-5f);

    @TempDir
    Path dir;

    private void assertRefused(Path file, String key, String detail) {
        assertThatThrownBy(() -> Gpt2Weights.load(new Gpt2Model(ONE_LAYER), file))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining(key)
                .hasMessageContaining(detail);
    }

    @Test
    void transposeAcrossPartialTiles() {
        int rows = 70;
        int cols = 131;
        float[] values = new float[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
        float[] t = Gpt2Weights.transpose(values, rows, cols);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                assertThat(t[c * rows + r]).isEqualTo(values[r * cols + c]);
            }
        }
    }

    @Test
    void missingKey() {
        Path file = Gpt2CheckpointFiles.write(dir, ONE_LAYER, (k, s) -> k.equals("h.0.attn.c_proj.bias") ? null : s, null);
        assertRefused(file, "tensor 'h.0.attn.c_proj.bias'", "is missing (expected shape (4)");
    }

    @Test
    void wrongShapeNamesExpectedAndFound() {
        // [out, in] as a Linear would store it, instead of Conv1D's [in, out]
        Path file = Gpt2CheckpointFiles.write(dir, ONE_LAYER, (k, s) -> k.equals("h.0.attn.c_attn.weight") ? new Shape(12, 4) : s, null);
        assertRefused(file, "tensor 'h.0.attn.c_attn.weight'", "expected shape (4, 12), found (12, 4)");
    }

    @Test
    void extraLayerIsNotSilentlyDropped() {
        SafetensorsFiles extra = new SafetensorsFiles().filled("h.1.ln_1.weight", new Shape(4), 1f);
        Path file = Gpt2CheckpointFiles.write(dir, ONE_LAYER, (k, s) -> s, extra);
        assertRefused(file, "tensor 'h.1.ln_1.weight'", "not a parameter of a 1-layer GPT-2 body");
    }

    @Test
    void sameParameterWithAndWithoutPrefix() {
        SafetensorsFiles extra = new SafetensorsFiles().filled("transformer.ln_f.bias", new Shape(4), 0f);
        Path file = Gpt2CheckpointFiles.write(dir, ONE_LAYER, (k, s) -> s, extra);
        assertRefused(file, "tensor 'ln_f.bias'", "holds the same parameter as 'transformer.ln_f.bias'");
    }

    @Test
    void integerParameterIsRefused() {
        SafetensorsFiles extra = new SafetensorsFiles().raw("wpe.weight", "I32", new Shape(4, 4), new byte[64]);
        Path file = Gpt2CheckpointFiles.write(dir, ONE_LAYER, (k, s) -> k.equals("wpe.weight") ? null : s, extra);
        assertRefused(file, "tensor 'wpe.weight'", "expected dtype F32, F16 or BF16, found I32");
    }

    @Test
    void formatErrorsSurfaceThroughTheLoader() {
        Path file = new SafetensorsFiles().raw("wpe.weight", "Q4", new Shape(1), new byte[1]).write(dir.resolve("model.safetensors"));
        assertRefused(file, "tensor 'wpe.weight'", "unknown dtype 'Q4'");
    }
}
