package org.fpt.bodies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.fpt.bodies.gpt2.Gpt2ConfigJson;
import org.fpt.bodies.lstm.LstmSource;
import org.fpt.bodies.vit.VitConfigJson;
import org.fpt.plugin.Plugins;
import org.fpt.spi.BodySource.Init;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HF config.json readers refuse a field of the wrong type in one line naming the file and the field, and
 * {@code --body DIR} surfaces what is wrong in the directory instead of "No body". (Today's main answered
 * {@code For input string: "abc"}, {@code JsonObject}, or the list of body names.)
 */
class ConfigJsonAndDirectoryTest {
    @TempDir
    Path dir;

    private Path config(String json) throws Exception {
        return Files.writeString(dir.resolve("config.json"), json);
    }

    @Test
    void vitFieldsOfTheWrongTypeAreNamedWithTheFile() throws Exception {
        Path file = config("{\"model_type\": \"vit\", \"hidden_size\": \"abc\"}");
        assertThatThrownBy(() -> VitConfigJson.read(file, "x"))
                .hasMessage(file + ": field hidden_size: expected a number, found \"abc\"");
        Files.writeString(file, "{\"model_type\": \"vit\", \"qkv_bias\": {}}");
        assertThatThrownBy(() -> VitConfigJson.read(file, "x")).hasMessage(file + ": field qkv_bias: expected true or false, found {}");
        Files.writeString(file, "{\"model_type\": \"vit\", \"num_attention_heads\": 1.5}");
        assertThatThrownBy(() -> VitConfigJson.read(file, "x"))
                .hasMessage(file + ": field num_attention_heads: expected an integer in 1..2147483647, found 1.5");
        Files.writeString(file, "{\"model_type\": \"vit\", \"hidden_size\": 4294967296}");
        assertThatThrownBy(() -> VitConfigJson.read(file, "x")).hasMessageStartingWith(file + ": field hidden_size: expected an integer");
    }

    @Test
    void gpt2FieldsOfTheWrongTypeAndBrokenJsonAreOneLineNamingTheFile() throws Exception {
        Path file = config("{\"model_type\": \"gpt2\", \"n_layer\": [12]}");
        assertThatThrownBy(() -> Gpt2ConfigJson.read(file, "x")).hasMessage(file + ": field n_layer: expected a number, found [12]");
        Files.writeString(file, "{\"model_type\": \"gpt2\", \"n_embd\": 768,");
        assertThatThrownBy(() -> Gpt2ConfigJson.read(file, "x")).hasMessageStartingWith(file + ": config: is not valid JSON")
                .hasMessageNotContaining("\n");
        Files.writeString(file, "{\"model_type\": \"gpt2\"} trailing");
        assertThatThrownBy(() -> Gpt2ConfigJson.read(file, "x")).hasMessageStartingWith(file + ": config: is not valid JSON");
    }

    @Test
    void aBodyDirectoryWithABrokenConfigSaysWhatIsBroken() throws Exception {
        Path file = config("{\"model_type\": \"gpt2\", \"n_embd\": 64,");
        Plugins plugins = Plugins.load(getClass().getClassLoader());
        assertThatThrownBy(() -> plugins.bodySourceFor(dir.toString()))
                .hasMessageStartingWith("No body '" + dir + "': " + file + ": config: is not valid JSON").hasMessageNotContaining("Available");
        Files.writeString(file, "{\"model_type\": \"llama\"}");
        assertThatThrownBy(() -> plugins.bodySourceFor(dir.toString())).hasMessageContaining("model_type \"llama\" is not one of gpt2, vit");
        Files.delete(file);
        Path weights = Files.writeString(dir.resolve("model.safetensors"), "garbage!");
        assertThatThrownBy(() -> plugins.bodySourceFor(dir.toString())).hasMessageContaining(weights + ": header: length field claims");
        assertThatThrownBy(() -> plugins.bodySourceFor("no-such-body")).hasMessageContaining("Available: ");
    }

    @Test
    void absurdLstmWidthsAreRefusedUpFront() {
        assertThatThrownBy(() -> new LstmSource().create("lstm-99999", Init.RANDOM))
                .hasMessage("Body 'lstm-99999': width must be 1..4096, got 99999");
        assertThat(new LstmSource().create("lstm-32", Init.RANDOM).info().hiddenSize()).isEqualTo(32);
    }
}
