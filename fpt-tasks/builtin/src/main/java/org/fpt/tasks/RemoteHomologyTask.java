package org.fpt.tasks;

import java.nio.file.Path;
import org.fpt.spi.Task;
import org.fpt.spi.TaskFactory;
import org.fpt.spi.TaskOptions;
import org.fpt.spi.TaskProperties;
import org.fpt.spi.TaskPropertyException;

/**
 * Remote homology detection (TAPE): predict a protein's fold (1195 classes) from its amino-acid sequence.
 * Reads {@code remote_homology_train.json}, {@code remote_homology_valid.json} and
 * {@code remote_homology_test_<test>.json} from {@code --data-dir} (or its {@code remote_homology/}).
 * Training drops sequences longer than {@code max-length}, as the official code does; validation and test
 * cut them to {@code max-length} instead, so that accuracy is over every example (the paper rescaled its
 * figures by the kept fraction).
 * Properties: {@code max-length} (1024), {@code test} (fold_holdout; or superfamily_holdout, family_holdout).
 */
public final class RemoteHomologyTask implements TaskFactory {
    static final String HOW_TO_GET = "Get TAPE's remote homology data in JSON form (\"Raw Data\" in the Data section of TAPE's README, "
            + "github.com/songlab-cal/tape: http://s3.amazonaws.com/proteindata/data_raw/remote_homology.tar.gz) and unpack it into the data directory.";

    @Override
    public String name() {
        return "remote-homology";
    }

    @Override
    public String description() {
        return "TAPE remote homology: amino-acid sequences (up to 1024, 25 letters) -> fold, 1195 classes";
    }

    @Override
    public void checkProperties(TaskOptions options) {
        settings(options);
    }

    @Override
    public Task create(TaskOptions options) {
        Settings settings = settings(options);
        Path dir = DataFiles.directory(options, name());
        int maxLength = settings.maxLength();
        return new SequenceTask(maxLength, RemoteHomologyData.VOCAB_SIZE, RemoteHomologyData.CLASSES,
                read(dir, "train", maxLength, RemoteHomologyData.LongSequences.DROP),
                read(dir, "valid", maxLength, RemoteHomologyData.LongSequences.TRUNCATE),
                read(dir, "test_" + settings.test(), maxLength, RemoteHomologyData.LongSequences.TRUNCATE));
    }

    private record Settings(int maxLength, String test) {
    }

    private Settings settings(TaskOptions options) {
        TaskProperties props = new TaskProperties(name(), options, "max-length", "test");
        int maxLength = props.integer("max-length", 1024, 1);
        String test = props.string("test", "fold_holdout");
        if (!java.util.List.of("fold_holdout", "superfamily_holdout", "family_holdout").contains(test)) {
            throw new TaskPropertyException("Task 'remote-homology': property 'test' must be fold_holdout, superfamily_holdout or family_holdout, got '" + test + "'");
        }
        return new Settings(maxLength, test);
    }

    private SequenceSet read(Path dir, String split, int maxLength, RemoteHomologyData.LongSequences policy) {
        Path file = DataFiles.find(dir, name(), "remote_homology_" + split + ".json", HOW_TO_GET, "remote_homology");
        return RemoteHomologyData.read(file, maxLength, policy).set();
    }
}
