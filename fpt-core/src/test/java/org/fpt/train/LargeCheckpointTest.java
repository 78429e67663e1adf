package org.fpt.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint larger than 2 GB (what a {@code full} run of a gpt2-medium-sized body writes: weights plus two
 * Adam moments) is written and read back. Today's main could not write one ({@code Math.toIntExact} of the
 * file size). Opt-in, as it writes 2.5 GB and needs about 3.5 GB of heap:
 * {@code mvn -pl fpt-core -am verify -Dfpt.large-tests=true -Dtest=LargeCheckpointTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "fpt.large-tests", matches = "true")
class LargeCheckpointTest {
    private static final int ELEMENTS = 1 << 27; // 512 MB of float32 per tensor

    @Test
    void aCheckpointOfMoreThanTwoGigabytesIsWrittenAndRead(@TempDir Path dir) throws Exception {
        float[] values = new float[ELEMENTS];
        for (int i = 0; i < ELEMENTS; i += 4096) {
            values[i] = i;
        }
        values[ELEMENTS - 1] = -1;
        Map<String, Checkpoint.Tensor> tensors = new LinkedHashMap<>();
        for (String name : List.of("a", "b", "c", "d", "e")) { // one array, five tensors: 2.5 GB on disk, 0.5 GB in memory
            tensors.put(name, new Checkpoint.Tensor(new long[] {ELEMENTS}, values));
        }
        Path file = dir.resolve("checkpoint-00000001.safetensors");
        new Checkpoint(new com.google.gson.JsonObject(), new BodyIdentity("big", "0".repeat(64), 0), 1, 1, List.of(), tensors).write(file);
        assertThat(Files.size(file)).isGreaterThan(5L * ELEMENTS * Float.BYTES);

        Checkpoint read = Checkpoint.read(file);
        assertThat(read.tensors()).hasSize(5);
        for (Checkpoint.Tensor t : read.tensors().values()) {
            assertThat(t.values()).hasSize(ELEMENTS);
            assertThat(t.values()[4096 * 1000]).isEqualTo(4096 * 1000f);
            assertThat(t.values()[ELEMENTS - 1]).isEqualTo(-1f);
        }
    }
}
