package org.fpt.bodies.bert;

import java.io.IOException;
import java.util.List;
import org.fpt.spi.Body;
import org.fpt.spi.BodyInfo;
import org.fpt.spi.BodySource;

/**
 * A BERT-family body whose pretrained weights are a resource inside a Maven jar on the classpath: nothing
 * is downloaded. Creating a body is cheap; the weights are read when the model is initialised. Without
 * the jar, {@code --init random} still works and a pretrained body is refused with the jar's coordinates.
 */
abstract class JarBertSource implements BodySource {
    private final BertConfig config;
    private final String resource;
    private final String artifact;
    private final String howToAdd;
    private final ClassLoader loader;

    /**
     * @param resource the weights' path inside the jar
     * @param artifact the jar's Maven coordinates, for messages
     * @param howToAdd how to put the jar on the classpath, for the message when it is absent
     * @param loader where to look for {@code resource}; {@code null} for this class's own loader
     */
    JarBertSource(BertConfig config, String resource, String artifact, String howToAdd, ClassLoader loader) {
        this.config = config;
        this.resource = resource;
        this.artifact = artifact;
        this.howToAdd = howToAdd;
        this.loader = loader != null ? loader : getClass().getClassLoader();
    }

    /** Reads the jar's weights under the body's parameter names. */
    abstract StoredTensors readWeights() throws IOException;

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
                    + artifact + " (" + howToAdd + "), or use --init random");
        }
        return BertBody.pretrained(config, origin(), new StoredWeights(this::readWeights));
    }

    boolean available() {
        return loader.getResource(resource) != null;
    }

    ClassLoader loader() {
        return loader;
    }

    String resource() {
        return resource;
    }

    String origin() {
        return resource + " in " + artifact;
    }
}
