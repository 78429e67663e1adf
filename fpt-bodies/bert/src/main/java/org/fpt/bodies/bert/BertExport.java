package org.fpt.bodies.bert;

import ai.djl.nn.Parameter;
import java.nio.file.Path;
import java.util.Map;
import org.fpt.model.ParameterPaths;
import org.fpt.safetensors.HfCheckpoint;

/**
 * Writes a BERT-family body (MiniLM, e5, BERT-base) as an HF BertModel checkpoint directory: {@code model.safetensors}
 * with BertModel's bare keys ({@code embeddings.position_embeddings.weight},
 * {@code encoder.layer.0.attention.self.query.weight}, ... {@code [out, in]} as PyTorch stores them) and a
 * {@code config.json}; {@link BertDirectorySource} reads it back as {@code --body DIR}. There is no
 * {@code word_embeddings} and no pooler: FPT feeds its own input embeddings and reads hidden states, and HF
 * initialises missing ones itself (with a warning). {@code vocab_size} is BERT's uncased WordPiece vocabulary's.
 */
public final class BertExport {
    static final int BERT_VOCABULARY = 30522;

    private BertExport() {
    }

    public static void write(BertModel model, Path directory) {
        Map<String, Parameter> parameters = ParameterPaths.of(model);
        HfCheckpoint.write(directory, model.checkpointShapes(), path -> parameters.get(path).getArray().toFloatArray(), config(model.config()));
    }

    static Map<String, Object> config(BertConfig c) {
        Map<String, Object> json = HfCheckpoint.encoderConfig("bert", "BertModel", c.hidden(), c.layers(), c.heads(), c.intermediate(),
                c.dropout(), c.layerNormEps());
        json.put("max_position_embeddings", c.maxPositions());
        json.put("type_vocab_size", c.typeVocab());
        json.put("position_embedding_type", "absolute");
        json.put("vocab_size", BERT_VOCABULARY);
        return json;
    }
}
