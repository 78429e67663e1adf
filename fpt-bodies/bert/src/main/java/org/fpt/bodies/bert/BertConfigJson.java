package org.fpt.bodies.bert;

import static org.fpt.io.HfConfigJson.field;
import static org.fpt.io.HfConfigJson.integer;
import static org.fpt.io.HfConfigJson.number;
import static org.fpt.io.HfConfigJson.string;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import org.fpt.io.HfConfigJson;

/**
 * Reads HF's BERT {@code config.json} (BertModel, and sentence-transformers' MiniLM and e5, which are BERTs).
 * Missing fields take HF's {@code BertConfig} defaults; fields that would change the computation in ways the
 * body does not implement, and sizes no body can have, are refused by name.
 */
public final class BertConfigJson {
    private BertConfigJson() {
    }

    public static BertConfig read(Path file, String name) {
        JsonObject o = HfConfigJson.readObject(file);
        String type = string(file, o, "model_type", "");
        require(type.equals("bert"), file, "model_type", "expected \"bert\", found \"" + type + "\"");
        String act = string(file, o, "hidden_act", "gelu");
        require(act.equals("gelu"), file, "hidden_act", "expected \"gelu\" (the exact GELU the body implements), found \"" + act + "\"");
        String positions = string(file, o, "position_embedding_type", "absolute");
        require(positions.equals("absolute"), file, "position_embedding_type", "expected \"absolute\", found \"" + positions + "\"");
        int hidden = positive(file, o, "hidden_size", 768);
        int heads = positive(file, o, "num_attention_heads", 12);
        require(hidden % heads == 0, file, "num_attention_heads", "expected a divisor of hidden_size = " + hidden + ", found " + heads);
        float eps = (float) number(file, o, "layer_norm_eps", 1e-12);
        require(eps > 0 && Float.isFinite(eps), file, "layer_norm_eps", "expected a positive number, found " + o.get("layer_norm_eps"));
        float dropout = (float) number(file, o, "hidden_dropout_prob", 0.1);
        require(dropout >= 0 && dropout < 1, file, "hidden_dropout_prob", "expected a probability in [0, 1), found " + dropout);
        double attentionDropout = number(file, o, "attention_probs_dropout_prob", dropout);
        require((float) attentionDropout == dropout, file, "attention_probs_dropout_prob",
                "expected hidden_dropout_prob = " + dropout + " (the body uses one dropout rate), found " + attentionDropout);
        return new BertConfig(name, positive(file, o, "num_hidden_layers", 12), heads, hidden, positive(file, o, "intermediate_size", 3072),
                positive(file, o, "max_position_embeddings", 512), positive(file, o, "type_vocab_size", 2), eps, dropout);
    }

    private static int positive(Path file, JsonObject o, String name, int otherwise) {
        int value = integer(file, o, name, otherwise);
        require(value > 0, file, name, "expected a positive integer, found " + value);
        return value;
    }

    private static void require(boolean ok, Path file, String name, String detail) {
        if (!ok) {
            throw field(file, name, detail);
        }
    }
}
