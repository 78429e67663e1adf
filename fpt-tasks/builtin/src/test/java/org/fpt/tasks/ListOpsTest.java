package org.fpt.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fpt.plugin.Plugins;
import org.fpt.spi.Batch;
import org.fpt.spi.Task.Split;
import org.fpt.spi.Task;
import org.fpt.spi.TaskFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListOpsTest {
    private static final TaskFactory LISTOPS = Plugins.load(ListOpsTest.class.getClassLoader()).tasks().get("listops");
    private static final Map<String, String> SMALL = Map.of("generate", "true", "train-size", "40", "val-size", "6", "test-size", "5");

    @TempDir
    Path dir;

    @Test
    void generatedFilesEvaluateToTheirLabelsWithinTheLengthBounds() throws IOException {
        LISTOPS.create(TestFiles.options(dir, SMALL));
        Set<String> seen = new HashSet<>();
        int rows = 0;
        for (String split : List.of("train", "val", "test")) {
            List<String> lines = Files.readAllLines(dir.resolve("basic_" + split + ".tsv"));
            assertThat(lines.get(0)).isEqualTo("Source\tTarget");
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.split("\t");
                List<String> tokens = new ArrayList<>(List.of(fields[0].split(" ")));
                tokens.removeIf(t -> t.equals("(") || t.equals(")"));
                assertThat(tokens.size()).isGreaterThan(500).isLessThan(2000);
                assertThat(evaluate(tokens)).as(line).isEqualTo(Integer.parseInt(fields[1]));
                assertThat(seen.add(fields[0])).as("duplicate").isTrue();
                rows++;
            }
        }
        assertThat(rows).isEqualTo(51);
        assertThat(Files.list(dir).map(p -> p.getFileName().toString()))
                .as("no temp file left; the lock that lets one of several runs generate stays").containsExactlyInAnyOrder(
                        "basic_train.tsv", "basic_val.tsv", "basic_test.tsv", ".generate.lock");
    }

    @Test
    void generatingMakesAMissingDataDirectoryAndReadingRefusesOne() throws IOException {
        Path missing = dir.resolve("not/yet");
        assertThatThrownBy(() -> LISTOPS.create(TestFiles.options(missing, Map.of("generate", "false"))))
                .hasMessageContaining(missing.toString()).hasMessageContaining("does not exist");
        assertThat(missing).doesNotExist();
        LISTOPS.create(TestFiles.options(missing, SMALL));
        assertThat(missing.resolve("basic_test.tsv")).isRegularFile();
    }

    @Test
    void theSameSeedGivesTheSameFilesAndAnotherSeedOthers() throws IOException {
        Path a = Files.createDirectory(dir.resolve("a"));
        Path b = Files.createDirectory(dir.resolve("b"));
        ListOpsTask.generate(a, 11, 8, 2, 2);
        ListOpsTask.generate(b, 11, 8, 2, 2);
        for (String split : List.of("train", "val", "test")) {
            assertThat(Files.readAllBytes(b.resolve("basic_" + split + ".tsv"))).isEqualTo(Files.readAllBytes(a.resolve("basic_" + split + ".tsv")));
        }
        Path c = Files.createDirectory(dir.resolve("c"));
        ListOpsTask.generate(c, 12, 8, 2, 2);
        assertThat(Files.readAllBytes(c.resolve("basic_train.tsv"))).isNotEqualTo(Files.readAllBytes(a.resolve("basic_train.tsv")));
    }

    @Test
    void readsLraTsvWithTheFixedTokenisationAndPadsPerBatch() {
        writeSplits("Source\tTarget\r\n( ( ( [MAX 2 ) 9 ) ] )\t9\r\n( ( [SM 4 ) ] )\t4\r\n");
        Task task = LISTOPS.create(TestFiles.options(dir, Map.of()));
        assertThat(task.input().isTokenIds()).isTrue();
        assertThat(task.input().tokens()).isEqualTo(2000);
        assertThat(task.input().vocabSize()).isEqualTo(ListOpsData.VOCABULARY.size());
        assertThat(task.output().numClasses()).isEqualTo(10);
        Batch batch = task.batch(Split.TEST, 0, 2);
        int max = id("[MAX");
        int sm = id("[SM");
        int close = id("]");
        // [MAX 2 9 ] and [SM 4 ] right-padded with 0 to the longest (4), with their lengths
        assertThat(batch.tokens()).isEqualTo(4);
        assertThat(batch.ids()).containsExactly(max, id("2"), id("9"), close, sm, id("4"), close, 0);
        assertThat(batch.lengths()).containsExactly(4, 3);
        assertThat(batch.labels()).containsExactly(9, 4);
    }

    @Test
    void maxLengthCutsLongSequencesAsLraDoes() {
        LISTOPS.create(TestFiles.options(dir, SMALL));
        Task task = LISTOPS.create(TestFiles.options(dir, Map.of("max-length", "512")));
        assertThat(task.input().tokens()).isEqualTo(512);
        Task uncut = LISTOPS.create(TestFiles.options(dir, Map.of()));
        Batch all = task.batch(Split.TRAIN, 0, task.size(Split.TRAIN));
        Batch full = uncut.batch(Split.TRAIN, 0, uncut.size(Split.TRAIN));
        assertThat(all.tokens()).isEqualTo(512);
        assertThat(full.tokens()).isGreaterThan(512);
        for (int i = 0; i < all.size(); i++) {
            assertThat(all.length(i)).isEqualTo(Math.min(512, full.length(i)));
            for (int t = 0; t < all.length(i); t++) {
                assertThat(all.ids()[i * 512 + t]).isEqualTo(full.ids()[i * full.tokens() + t]);
            }
        }
        assertThat(task.size(Split.VALIDATION)).isEqualTo(6);
        assertThat(task.size(Split.TEST)).isEqualTo(5);
    }

    @Test
    void malformedRowsAreReportedWithFileAndLine() {
        assertBad("Source\tTarget\n( [MIN 1 ] )\t1\n( [MIN 1 ] )\t1\textra\n", "basic_test.tsv", "line 3: expected 2 tab-separated fields");
        assertBad("Source\tTarget\n( [MIN 1 ] )\tseven\n", "basic_test.tsv", "line 2: Target 'seven' is not a class 0..9");
        assertBad("Source\tTarget\n( [MIN 1 ] )\t10\n", "basic_test.tsv", "line 2: Target '10'");
        assertBad("Source\tTarget\n( [POW 1 ] )\t1\n", "basic_test.tsv", "line 2: unknown token '[POW'");
        assertBad("Source\tTarget\n( )\t1\n", "basic_test.tsv", "line 2: the Source expression has no tokens");
        assertBad("Input\tOutput\n", "basic_test.tsv", "line 1: expected the header 'Source\\tTarget'");
        assertBad("", "basic_test.tsv", "is empty");
        assertBad("Source\tTarget\n", "basic_test.tsv", "has a header but no examples");
    }

    @Test
    void missingFilesNeedGenerateTrue() {
        assertThatThrownBy(() -> LISTOPS.create(TestFiles.options(dir, Map.of())))
                .hasMessageContaining("basic_train.tsv").hasMessageContaining("generate=true");
        TestFiles.write(dir.resolve("basic_train.tsv"), "Source\tTarget\n( [MIN 1 ] )\t1\n");
        assertThatThrownBy(() -> LISTOPS.create(TestFiles.options(dir, SMALL)))
                .hasMessageContaining("basic_val.tsv").hasMessageContaining("remove the others");
    }

    private void writeSplits(String test) {
        String good = "Source\tTarget\n( ( [MIN 3 ) ] )\t3\n";
        TestFiles.write(dir.resolve("basic_train.tsv"), good);
        TestFiles.write(dir.resolve("basic_val.tsv"), good);
        TestFiles.write(dir.resolve("basic_test.tsv"), test);
    }

    private void assertBad(String test, String file, String message) {
        writeSplits(test);
        assertThatThrownBy(() -> LISTOPS.create(TestFiles.options(dir, Map.of())))
                .isInstanceOf(DataFileException.class).hasMessageContaining(file).hasMessageContaining(message);
    }

    private static int id(String token) {
        return ListOpsData.VOCABULARY.indexOf(token);
    }

    /** An evaluator independent of the generator: a stack machine over the prefix tokens. */
    private static int evaluate(List<String> tokens) {
        Deque<List<Integer>> arguments = new ArrayDeque<>();
        Deque<String> operators = new ArrayDeque<>();
        Integer result = null;
        for (String token : tokens) {
            if (token.startsWith("[")) {
                operators.push(token);
                arguments.push(new ArrayList<>());
            } else if (token.equals("]")) {
                List<Integer> args = arguments.pop();
                int value = switch (operators.pop()) {
                    case "[MIN" -> args.stream().mapToInt(Integer::intValue).min().orElseThrow();
                    case "[MAX" -> args.stream().mapToInt(Integer::intValue).max().orElseThrow();
                    case "[SM" -> args.stream().mapToInt(Integer::intValue).sum() % 10;
                    case "[MED" -> (int) Math.floor(median(args));
                    default -> throw new AssertionError(token);
                };
                if (arguments.isEmpty()) {
                    result = value;
                } else {
                    arguments.peek().add(value);
                }
            } else {
                arguments.peek().add(Integer.parseInt(token));
            }
        }
        return result;
    }

    private static double median(List<Integer> values) {
        List<Integer> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }
}
