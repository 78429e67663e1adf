package org.fpt.bodies.bert;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Path;
import org.fpt.bodies.bert.onnx.OnnxInitializers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A body whose weights are an {@code .onnx} file in a jar (langchain4j's embedding-model jars). */
abstract class OnnxJarBertSource extends JarBertSource {
    private static final Logger LOG = LoggerFactory.getLogger(OnnxJarBertSource.class);

    OnnxJarBertSource(BertConfig config, String resource, String artifact, String size, ClassLoader loader) {
        super(config, resource, artifact, size, loader);
    }

    /** From the unpacked copy in the cache (see {@link ExtractedResource}); straight from the jar if there is none. */
    @Override
    StoredTensors readWeights() throws IOException {
        URL url = loader().getResource(resource());
        if (url == null) {
            throw new IOException(resource() + " vanished from the classpath");
        }
        Path cacheDir = ExtractedResource.defaultCacheDir();
        Path file;
        try {
            file = ExtractedResource.file(url, cacheDir);
        } catch (IOException e) {
            LOG.warn("Cannot unpack {} into the cache {} ({}); reading it from the jar", resource(), cacheDir, e.toString());
            try (InputStream in = url.openStream()) {
                return OnnxInitializers.read(in, origin());
            }
        }
        return OnnxInitializers.read(file, origin());
    }
}
