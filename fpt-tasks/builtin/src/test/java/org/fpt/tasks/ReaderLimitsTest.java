package org.fpt.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.fpt.spi.TaskOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Task files whose headers lie, that inflate far beyond their size, or whose text a lenient parser would
 * take: each is refused in one line naming the file. Today's main accepted a 16 x 2^30 x 2^30 IDX header
 * (the size check overflowed), ran out of memory on a gzip bomb, and took TAPE files with trailing data and
 * ListOps labels {@code +1} or Arabic-Indic digits.
 */
class ReaderLimitsTest {
    @TempDir
    Path dir;

    @Test
    void anIdxHeaderWhoseSizeOverflowsIsRefused() {
        TestFiles.mnist(dir, 10, 4);
        Path images = TestFiles.write(dir.resolve("t10k-images-idx3-ubyte"), TestFiles.idx(0x08, new int[] {16, 1 << 30, 1 << 30}, new byte[0]));
        assertThatThrownBy(() -> new MnistTask().create(TestFiles.options(dir, Map.of())))
                .hasMessage(images + ": its header says 16 x 1073741824 x 1073741824 data bytes, more than 2^63: not an IDX file");
    }

    @Test
    void aGzipBombIsReadOnlyAsFarAsItsHeaderClaims() throws Exception {
        TestFiles.mnist(dir, 10, 4);
        // 64 MB of zeros after a header claiming 4 images: about 64 KB of gzip.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(TestFiles.idx(0x08, new int[] {4, 28, 28}, new byte[0]));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                gz.write(zeros);
            }
        }
        Path images = TestFiles.write(dir.resolve("t10k-images-idx3-ubyte"), out.toByteArray());
        assertThatThrownBy(() -> new MnistTask().create(TestFiles.options(dir, Map.of())))
                .hasMessage(images + ": has extra bytes: its header says 4 x 28 x 28 = 3136 data bytes, but more follow");

        // A header claiming more than deflate can inflate from the file's size is refused before any allocation.
        Path labels = TestFiles.write(dir.resolve("t10k-labels-idx1-ubyte"), TestFiles.gzip(TestFiles.idx(0x08, new int[] {2_000_000_000}, new byte[0])));
        TestFiles.write(dir.resolve("t10k-images-idx3-ubyte"), TestFiles.idxImages(4, 28, 28));
        assertThatThrownBy(() -> new MnistTask().create(TestFiles.options(dir, Map.of())))
                .hasMessageStartingWith(labels + ": is truncated: its header says 2000000000 = 2000000000 data bytes, but a gzip file of");
    }

    @Test
    void tapeJsonWithTrailingDataOrAHugeValueIsRefused() throws Exception {
        String ok = "[" + RemoteHomologyTest.entry("ACD", 1) + "]";
        RemoteHomologyTest.writeSplits(dir, ok, ok, ok + " trailing");
        Path test = dir.resolve("remote_homology/remote_homology_test_fold_holdout.json");
        assertThatThrownBy(() -> new RemoteHomologyTask().create(TestFiles.options(dir, Map.of())))
                .hasMessageStartingWith(test + ": is not valid JSON in TAPE's layout").hasMessageNotContaining("\n");
        Files.writeString(test, ok + " []");
        assertThatThrownBy(() -> new RemoteHomologyTask().create(TestFiles.options(dir, Map.of()))).hasMessageStartingWith(test.toString());
        Files.writeString(test, "[{\"fold_label\": 1, \"primary\": \"" + "A".repeat(BoundedReaders.MAX_RUN + 1) + "\"}]");
        assertThatThrownBy(() -> new RemoteHomologyTask().create(TestFiles.options(dir, Map.of())))
                .hasMessageContaining(test + ": is not valid JSON in TAPE's layout: a JSON value longer than 1048576 characters");
    }

    @Test
    void listOpsLabelsAreOneAsciiDigit() throws Exception {
        for (String label : new String[] {"+1", "\u0662", "01", "1.0", "\uff11"}) {
            for (String split : ListOpsData.SPLITS) {
                Files.writeString(dir.resolve("basic_" + split + ".tsv"), "Source\tTarget\n[MAX 1 2 ]\t" + label + "\n");
            }
            assertThatThrownBy(() -> new ListOpsTask().create(TestFiles.options(dir, Map.of())))
                    .as(label).hasMessage(dir.resolve("basic_train.tsv") + ": line 2: Target '" + label + "' is not a class 0..9 (one ASCII digit)");
        }
        Files.writeString(dir.resolve("basic_train.tsv"), "Source\tTarget\n[MAX " + "1 ".repeat(BoundedReaders.MAX_RUN) + "]\t1\n");
        assertThatThrownBy(() -> new ListOpsTask().create(TestFiles.options(dir, Map.of())))
                .hasMessageStartingWith(dir.resolve("basic_train.tsv") + ": cannot be read (a line longer than 1048576 characters");
    }

    @Test
    void aReadOnlyRunNeverGeneratesListOps() {
        TaskOptions readOnly = new TaskOptions(7, Optional.of(dir), Map.of("generate", "true", "train-size", "5"), true);
        assertThatThrownBy(() -> new ListOpsTask().create(readOnly)).hasMessageContaining("generating them is off here");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void bitTaskPropertiesAreBoundedAndNamed() {
        assertThatThrownBy(() -> new BitXorTask().create(TestFiles.options(dir, Map.of("test-size", "-1"))))
                .hasMessage("Task 'bit-xor': property 'test-size' must be >= 1, got -1");
        assertThatThrownBy(() -> new BitXorTask().create(TestFiles.options(dir, Map.of("bits", "2147483647"))))
                .hasMessageStartingWith("Task 'bit-xor': test-size 1000 x 2 tokens x bits 2147483647 = 4294967294000 values; at most");
        assertThatThrownBy(() -> new BitMemoryTask().create(TestFiles.options(dir, Map.of("patterns", "2147483647", "bits", "50"))))
                .hasMessageStartingWith("Task 'bit-memory': property 'patterns' must be <= 2147483646, got 2147483647");
        assertThatThrownBy(() -> new BitXorTask().create(TestFiles.options(dir, Map.of("bitz", "5"))))
                .hasMessageStartingWith("Task 'bit-xor' has no property 'bitz'");
    }
}
