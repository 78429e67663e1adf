package org.fpt.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.fpt.plugin.Plugins;
import org.fpt.spi.Batch;
import org.fpt.spi.Task.Split;
import org.fpt.spi.Task;
import org.fpt.spi.TaskFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RemoteHomologyTest {
    private static final TaskFactory HOMOLOGY = Plugins.load(RemoteHomologyTest.class.getClassLoader()).tasks().get("remote-homology");

    @TempDir
    Path dir;

    /** TAPE's JSON layout, with the extra fields TAPE's files carry. */
    static String entry(String primary, int fold) {
        return "{\"id\": \"d1a1x__\", \"primary\": \"" + primary + "\", \"protein_length\": " + primary.length()
                + ", \"class_label\": 3, \"fold_label\": " + fold + ", \"superfamily_label\": 11, \"family_label\": 20,"
                + " \"secondary_structure\": [0, 1], \"solvent_accessibility\": [1, 1], \"evolutionary\": [[0.1]]}";
    }

    static Path writeSplits(Path dir, String train, String valid, String test) {
        TestFiles.write(dir.resolve("remote_homology/remote_homology_train.json"), train);
        TestFiles.write(dir.resolve("remote_homology/remote_homology_valid.json"), valid);
        TestFiles.write(dir.resolve("remote_homology/remote_homology_test_fold_holdout.json"), test);
        return dir;
    }

    @Test
    void readsSequencesAsLetterIdsWithFoldLabels() {
        writeSplits(dir, "[" + entry("MKV", 0) + ", " + entry("ACDY", 1194) + "]", "[" + entry("GG", 5) + "]",
                "[" + entry("ZB", 7) + ", " + entry("W", 8) + "]");
        Task task = HOMOLOGY.create(TestFiles.options(dir, Map.of()));
        assertThat(task.input().tokens()).isEqualTo(1024);
        assertThat(task.input().vocabSize()).isEqualTo(26);
        assertThat(task.output().numClasses()).isEqualTo(1195);
        assertThat(task.size(Split.TRAIN)).isEqualTo(2);
        assertThat(task.size(Split.VALIDATION)).isEqualTo(1);
        assertThat(task.size(Split.TEST)).isEqualTo(2);
        Batch train = task.batch(Split.TRAIN, 0, 2);
        // A=1 ... I=9, K=10 (no J), M=12, V=21, Y=24, Z=25
        assertThat(train.ids()).containsExactly(12, 10, 21, 0, 1, 3, 4, 24);
        assertThat(train.lengths()).containsExactly(3, 4);
        assertThat(train.labels()).containsExactly(0, 1194);
        assertThat(task.batch(Split.TEST, 0, 2).ids()).containsExactly(25, 2, 22, 0);
    }

    @Test
    void longSequencesAreDroppedFromTrainingButCutInEvaluation() {
        writeSplits(dir, "[" + entry("AAAAAA", 1) + ", " + entry("CC", 2) + "]", "[" + entry("DDDDDDD", 3) + "]",
                "[" + entry("EEEEEEEE", 4) + "]");
        Task task = HOMOLOGY.create(TestFiles.options(dir, Map.of("max-length", "5")));
        assertThat(task.size(Split.TRAIN)).isEqualTo(1);
        assertThat(task.batch(Split.TRAIN, 0, 1).labels()).containsExactly(2);
        assertThat(task.batch(Split.VALIDATION, 0, 1).lengths()).containsExactly(5);
        assertThat(task.batch(Split.TEST, 0, 1).lengths()).containsExactly(5);
    }

    @Test
    void otherTestSetsAndGzipAreAccepted() {
        writeSplits(dir, "[" + entry("AC", 1) + "]", "[" + entry("AC", 1) + "]", "[]");
        TestFiles.write(dir.resolve("remote_homology_test_family_holdout.json.gz"), TestFiles.gzip(("[" + entry("KK", 9) + "]").getBytes()));
        Task task = HOMOLOGY.create(TestFiles.options(dir, Map.of("test", "family_holdout")));
        assertThat(task.batch(Split.TEST, 0, 1).labels()).containsExactly(9);
        assertThatThrownBy(() -> HOMOLOGY.create(TestFiles.options(dir, Map.of("test", "fold"))))
                .hasMessageContaining("fold_holdout, superfamily_holdout or family_holdout");
        assertThatThrownBy(() -> HOMOLOGY.create(TestFiles.options(dir, Map.of())))
                .hasMessageContaining("remote_homology_test_fold_holdout.json").hasMessageContaining("holds no sequences");
    }

    @Test
    void badEntriesNameTheFileAndEntry() {
        assertBad("[" + entry("AC", 1) + ", " + entry("AJC", 1) + "]", "entry 1: 'primary' has 'J' at position 1");
        assertBad("[" + entry("AC", 1195) + "]", "entry 0: 'fold_label' 1195 is outside 0..1194");
        assertBad("[" + entry("AC", -1) + "]", "'fold_label' -1 is outside");
        assertBad("[" + entry("AC", 1) + ", {\"fold_label\": 3}]", "entry 1 has no 'primary'");
        assertBad("[{\"primary\": \"AC\"}]", "entry 0 has no 'fold_label'");
        assertBad("[{\"primary\": 5, \"fold_label\": 3}]", "'primary' must be a string");
        assertBad("[{\"primary\": \"AC\", \"fold_label\": 2.5}]", "'fold_label' 2.5 is not an integer");
        assertBad("[" + entry("AC", 1) + ", 7]", "entry 1 ($[1]) is NUMBER, expected an object");
        assertBad("{\"primary\": \"AC\"}", "expected a JSON array");
        assertBad("[" + entry("AC", 1) + ", {\"primary\": \"A", "is not valid JSON");
    }

    @Test
    void emptyDataDirNamesTheFileAndWhereToGetIt() {
        assertThatThrownBy(() -> HOMOLOGY.create(TestFiles.options(dir, Map.of())))
                .hasMessageContaining("no remote_homology_train.json").hasMessageContaining("the directory is empty")
                .hasMessageContaining("songlab-cal/tape");
    }

    private void assertBad(String valid, String message) {
        writeSplits(dir, "[" + entry("AC", 1) + "]", valid, "[" + entry("AC", 1) + "]");
        assertThatThrownBy(() -> HOMOLOGY.create(TestFiles.options(dir, Map.of())))
                .isInstanceOf(DataFileException.class).hasMessageContaining("remote_homology_valid.json").hasMessageContaining(message);
    }
}
