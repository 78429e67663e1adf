package org.fpt.tasks;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.fpt.spi.Task;
import org.fpt.spi.TaskFactory;
import org.fpt.spi.TaskOptions;
import org.fpt.spi.TaskProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ListOps (LRA): nested MIN/MAX/MED/SM expressions over 0-9, predict the value (10 classes). Reads
 * {@code basic_train.tsv}, {@code basic_val.tsv}, {@code basic_test.tsv} from {@code --data-dir} (LRA's
 * released files or ones made here). With {@code generate=true} and none of the three files present, it
 * first generates them there with LRA's procedure from the task seed; generation is never implicit, so a
 * mistyped directory is an error rather than 100 MB of new files.
 * Properties: {@code max-length} (2000; 512 for parity with the paper, which also fits GPT-2's 1024
 * positions), {@code generate} (false), {@code train-size} (96000), {@code val-size} (2000),
 * {@code test-size} (2000) — the sizes apply only when generating.
 */
public final class ListOpsTask implements TaskFactory {
    private static final Logger LOG = LoggerFactory.getLogger(ListOpsTask.class);

    @Override
    public String name() {
        return "listops";
    }

    @Override
    public String description() {
        return "LRA ListOps: nested MIN/MAX/MED/SM over 0-9 (up to 2000 tokens), 10 classes; can generate the data";
    }

    @Override
    public void checkProperties(TaskOptions options) {
        settings(options);
    }

    @Override
    public Task create(TaskOptions options) {
        Settings settings = settings(options);
        // a run that may generate its files may also make the directory they go in; any other run reads an existing one
        Path dir = settings.generate() && !options.readOnly() ? DataFiles.directoryToWrite(options, name()) : DataFiles.directory(options, name());
        int maxLength = settings.maxLength();
        List<Path> missing = missing(dir);
        if (!missing.isEmpty() && settings.generate() && !options.readOnly()) {
            generateOnce(dir, options.seed(), settings);
            missing = missing(dir);
        }
        if (!missing.isEmpty()) {
            if (settings.generate() && options.readOnly()) {
                throw new IllegalArgumentException("Task 'listops': missing " + missing + ", and generating them is off here (this run "
                        + "comes from a checkpoint, whose settings may not make the program write): pass --data-dir with the files");
            }
            if (!settings.generate() || missing.size() != ListOpsData.SPLITS.length) {
                throw new IllegalArgumentException("Task 'listops': missing " + missing + ". Use LRA's released files (lra_release/listops-1000/), "
                        + (missing.size() == ListOpsData.SPLITS.length ? "or pass -P generate=true to generate them in " + dir
                        : "or remove the others and pass -P generate=true to generate all three"));
            }
        }
        return new SequenceTask(maxLength, ListOpsData.VOCABULARY.size(), ListOpsData.CLASSES,
                ListOpsData.read(ListOpsData.file(dir, "train"), maxLength),
                ListOpsData.read(ListOpsData.file(dir, "val"), maxLength),
                ListOpsData.read(ListOpsData.file(dir, "test"), maxLength));
    }

    private static List<Path> missing(Path dir) {
        List<Path> missing = new ArrayList<>();
        for (String split : ListOpsData.SPLITS) {
            if (!Files.isRegularFile(ListOpsData.file(dir, split))) {
                missing.add(ListOpsData.file(dir, split));
            }
        }
        return missing;
    }

    /**
     * Generates the three files unless another process has, under a lock on {@code dir/.generate.lock}: the runs of a
     * grid on {@code local[2]} or a cluster may start together, and the first generates while the others wait. Files
     * only some of which exist are left as they are (and refused by the caller).
     */
    private static void generateOnce(Path dir, long seed, Settings settings) {
        try (FileChannel lock = FileChannel.open(dir.resolve(".generate.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock held = lock.lock()) {
            if (missing(dir).size() == ListOpsData.SPLITS.length) {
                // a warning, so that it shows at the default log level: some 650 MB are about to be written there
                LOG.warn("Task 'listops': generating {} + {} + {} examples into {} with LRA's procedure (seed {})", settings.trainSize(),
                        settings.valSize(), settings.testSize(), dir.toAbsolutePath(), seed);
                generate(dir, seed, settings.trainSize(), settings.valSize(), settings.testSize());
            }
        } catch (IOException e) {
            throw new IllegalStateException("Task 'listops': cannot lock " + dir.resolve(".generate.lock") + " to generate the data: " + e, e);
        }
    }

    /** The properties; the sizes apply only when generating, but a bad one is refused either way. */
    private record Settings(int maxLength, boolean generate, int trainSize, int valSize, int testSize) {
    }

    private Settings settings(TaskOptions options) {
        TaskProperties props = new TaskProperties(name(), options, "max-length", "generate", "train-size", "val-size", "test-size");
        return new Settings(props.integer("max-length", 2000, 1), props.bool("generate", false), props.integer("train-size", 96000, 1),
                props.integer("val-size", 2000, 1), props.integer("test-size", 2000, 1));
    }

    /** LRA's procedure: one stream of distinct trees, split in order into train, val and test. */
    static void generate(Path dir, long seed, int train, int val, int test) {
        ListOpsData.generate(dir, ListOpsGenerator.lra(seed), new int[] {train, val, test});
    }
}
