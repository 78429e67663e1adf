package org.fpt.bodies;

import java.util.List;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Path;
import org.fpt.bodies.onnx.OnnxInitializers;
import org.fpt.bodies.weights.StoredWeights;
import org.fpt.model.BertBody;
import org.fpt.model.BertConfig;
import org.fpt.spi.Body;
import org.fpt.spi.BodyInfo;
import org.fpt.spi.BodySource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A BERT-family body whose pretrained weights are an {@code .onnx} resource inside a Maven jar on the
 * classpath: nothing is downloaded. Creating a body is cheap; the model is read when it is initialised.
 * Without the jar, {@code --init random} still works and a pretrained body is refused with the jar's
 * coordinates.
 */
abstract class OnnxJarBertSource implements BodySource {
    private static final Logger LOG = LoggerFactory.getLogger(OnnxJarBertSource.class);
    private final BertConfig config;
    private final String resource;
    private final String artifact;
    private final ClassLoader loader;

    /**
     * @param resource the model's path inside the jar
     * @param artifact the jar's Maven coordinates, for messages
     * @param loader where to look for {@code resource}; {@code null} for this class's own loader
     */
    OnnxJarBertSource(BertConfig config, String resource, String artifact, ClassLoader loader) {
        this.config = config;
        this.resource = resource;
        this.artifact = artifact;
        this.loader = loader != null ? loader : getClass().getClassLoader();
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public List<BodyInfo> bodies() {
        String where = available() ? origin() : "random init only: add " + artifact + " for pretrained weights";
        return List.of(BertBody.pretrained(config, where, null).info());
    }

    @Override
    public Body create(String spec, Init init) {
        if (!accepts(spec)) {
            throw new IllegalArgumentException("Source " + name() + " offers only '" + config.name() + "', not '" + spec + "'");
        }
        if (init == Init.RANDOM) {
            return BertBody.random(config);
        }
        if (!available()) {
            throw new IllegalStateException("Body '" + config.name() + "' needs " + resource + " on the classpath, from the jar "
                    + artifact + " (depend on it excluding its dependencies, or put the jar in the CLI's lib/),"
                    + " or use --init random");
        }
        return BertBody.pretrained(config, origin(), new StoredWeights(this::readModel));
    }

    /** From the unpacked copy in the cache (see {@link ExtractedResource}); straight from the jar if that fails. */
    private OnnxInitializers readModel() throws IOException {
        URL url = loader.getResource(resource);
        if (url == null) {
            throw new IOException(resource + " vanished from the classpath");
        }
        Path cacheDir = ExtractedResource.defaultCacheDir();
        try {
            return OnnxInitializers.read(ExtractedResource.file(url, cacheDir), origin());
        } catch (IOException e) {
            LOG.warn("Cannot use the cache {} for {} ({}); reading it from the jar", cacheDir, resource, e.toString());
        }
        try (InputStream in = url.openStream()) {
            return OnnxInitializers.read(in, origin());
        }
    }

    boolean available() {
        return loader.getResource(resource) != null;
    }

    private String origin() {
        return resource + " in " + artifact;
    }
}
