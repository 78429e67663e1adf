package org.fpt.fuzz;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fpt.tasks.RemoteHomologyTask;

/** TAPE's remote-homology JSON (train, valid, fold test) through the remote-homology task. */
final class TapeTarget extends TaskTarget {
    private static final String ENTRY = "{\"id\": \"d1a%d__\", \"primary\": \"MKVLAAGIVGLLLAX%s\", \"protein_length\": 16, "
            + "\"class_label\": 2, \"fold_label\": %d, \"superfamily_label\": 10, \"family_label\": 31}";

    TapeTarget() {
        super("TAPE JSON", new RemoteHomologyTask(), Map.of("max-length", "16"), true);
    }


    @Override
    List<Path> seed(Path dir) throws Exception {
        List<Path> files = new ArrayList<>();
        for (String split : List.of("train", "valid", "test_fold_holdout")) {
            List<String> entries = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                entries.add(String.format(ENTRY, i, "ACDEFGHIK".substring(i, i + 1 + i), (i * 397) % 1195));
            }
            files.add(Files.writeString(dir.resolve("remote_homology_" + split + ".json"), "[" + String.join(",\n ", entries) + "]\n"));
        }
        return files;
    }



    /** Train: one protein of 600 M residues. Valid: 600 MB of valid proteins. Test: 600 MB of zeros. */
    @Override
    byte[] bomb(Path file, byte[] valid) throws Exception {
        String name = file.getFileName().toString();
        if (name.contains("train")) {
            return gzipBomb("[{\"fold_label\": 1, \"primary\": \"".getBytes(StandardCharsets.UTF_8), "ACDE".getBytes(StandardCharsets.UTF_8),
                    600L << 20, "\"}]".getBytes(StandardCharsets.UTF_8));
        }
        if (name.contains("valid")) {
            return gzipBomb("[".getBytes(StandardCharsets.UTF_8), (String.format(ENTRY, 1, "A", 5) + ",").getBytes(StandardCharsets.UTF_8),
                    600L << 20, String.format(ENTRY, 2, "C", 6).concat("]").getBytes(StandardCharsets.UTF_8));
        }
        return gzipBomb(new byte[0], new byte[] {0}, 600L << 20, new byte[0]);
    }
}
