package org.fpt.bodies.gpt2;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The body's parameter paths and checkpoint shapes are HF gpt2's keys, minus wte (unused by FPT). */
class Gpt2KeyListTest {
    /** HF gpt2 (small) {@code model.safetensors}: Conv1D weights [in, out]; wte [50257, 768] left out. */
    private static Map<String, Shape> hfGpt2Keys() {
        Map<String, Shape> keys = new LinkedHashMap<>();
        keys.put("wpe.weight", new Shape(1024, 768));
        for (int n = 0; n < 12; n++) {
            String h = "h." + n + ".";
            keys.put(h + "ln_1.weight", new Shape(768));
            keys.put(h + "ln_1.bias", new Shape(768));
            keys.put(h + "attn.c_attn.weight", new Shape(768, 2304));
            keys.put(h + "attn.c_attn.bias", new Shape(2304));
            keys.put(h + "attn.c_proj.weight", new Shape(768, 768));
            keys.put(h + "attn.c_proj.bias", new Shape(768));
            keys.put(h + "ln_2.weight", new Shape(768));
            keys.put(h + "ln_2.bias", new Shape(768));
            keys.put(h + "mlp.c_fc.weight", new Shape(768, 3072));
            keys.put(h + "mlp.c_fc.bias", new Shape(3072));
            keys.put(h + "mlp.c_proj.weight", new Shape(3072, 768));
            keys.put(h + "mlp.c_proj.bias", new Shape(768));
        }
        keys.put("ln_f.weight", new Shape(768));
        keys.put("ln_f.bias", new Shape(768));
        return keys;
    }

    @Test
    void gpt2SmallParametersAreHfKeysWithHfShapes() {
        Gpt2Model model = new Gpt2Model(Gpt2Config.gpt2());
        assertThat(model.checkpointShapes()).containsExactlyEntriesOf(hfGpt2Keys());
    }

    @Test
    void parameterCountIsHfsMinusTheTokenTable() {
        long hfTotal = 124_439_808L; // GPT2Model("gpt2").num_parameters()
        long wte = 50_257L * 768;
        assertThat(Gpt2Config.gpt2().parameterCount()).isEqualTo(hfTotal - wte);
        assertThat(hfGpt2Keys().values().stream().mapToLong(Shape::size).sum()).isEqualTo(hfTotal - wte);
    }
}
