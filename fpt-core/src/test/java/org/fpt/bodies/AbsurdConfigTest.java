package org.fpt.bodies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fpt.bodies.gpt2.Gpt2Config;
import org.fpt.bodies.gpt2.Gpt2ConfigJson;
import org.fpt.bodies.vit.VitConfig;
import org.fpt.bodies.vit.VitConfigJson;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hyper-parameters no model can have (no layers, no positions, dropout of 2, a LayerNorm epsilon that is not
 * positive) are refused where the config is made, in one line naming the file and the key, before any
 * weight is read or any run starts.
 */
class AbsurdConfigTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "\"n_layer\": 0; n_layer",
            "\"n_positions\": 0; n_positions",
            "\"resid_pdrop\": 2; resid_pdrop",
            "\"resid_pdrop\": -0.1; resid_pdrop",
            "\"resid_pdrop\": 1; resid_pdrop",
            "\"layer_norm_epsilon\": -1; layer_norm_epsilon",
            "\"layer_norm_epsilon\": 0; layer_norm_epsilon",
            "\"layer_norm_epsilon\": NaN; layer_norm_epsilon",
            "\"layer_norm_epsilon\": Infinity; layer_norm_epsilon"})
    void gpt2ConfigJson(String field, String key) throws IOException {
        Path file = write("{\"model_type\": \"gpt2\", \"n_embd\": 64, \"n_head\": 4, " + field + "}");
        // NaN and Infinity are not JSON: the strict parser refuses them first, naming the field's path
        assertThatThrownBy(() -> Gpt2ConfigJson.read(file, "x"))
                .hasMessageStartingWith(file + ": ").hasMessageContaining(key).hasMessageNotContaining("\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "\"num_hidden_layers\": 0; num_hidden_layers",
            "\"intermediate_size\": 0; intermediate_size",
            "\"hidden_dropout_prob\": 1.5; hidden_dropout_prob",
            "\"layer_norm_eps\": -1e-12; layer_norm_eps",
            "\"layer_norm_eps\": 0; layer_norm_eps"})
    void vitConfigJson(String field, String key) throws IOException {
        Path file = write("{\"model_type\": \"vit\", \"hidden_size\": 64, \"num_attention_heads\": 4, " + field + "}");
        assertThatThrownBy(() -> VitConfigJson.read(file, "x"))
                .hasMessageStartingWith(file + ": field " + key + ": ").hasMessageNotContaining("\n");
    }

    @Test
    void theRecordsThemselvesRefuseSoThatEveryPathIsCovered() {
        assertThatThrownBy(() -> Gpt2Config.of("x", -3, 4, 64)).hasMessage("n_layer must be a positive integer, found -3");
        assertThatThrownBy(() -> Gpt2Config.tiny().withPositions(0)).hasMessage("n_positions must be a positive integer, found 0");
        assertThatThrownBy(() -> Gpt2Config.tiny().withDropout(2f)).hasMessage("resid_pdrop must be in [0, 1), found 2.0");
        assertThatThrownBy(() -> Gpt2Config.of("x", 2, 0, 64)).hasMessage("n_head must be a positive integer, found 0");
        assertThatThrownBy(() -> new VitConfig("x", 2, 4, 64, 256, 0, 0f, 1e-12f)).hasMessageContaining("found 0");
        assertThatThrownBy(() -> new VitConfig("x", 2, 4, 64, 256, 64, 0f, Float.NaN)).hasMessage("layer_norm_eps must be a positive finite number, found NaN");
        assertThat(Gpt2Config.tiny().withDropout(0f).dropout()).isZero();
    }

    private Path write(String json) throws IOException {
        return Files.writeString(dir.resolve("config.json"), json);
    }
}
