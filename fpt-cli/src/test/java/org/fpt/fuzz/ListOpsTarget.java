package org.fpt.fuzz;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.fpt.tasks.ListOpsTask;

/** LRA ListOps TSVs (train, val, test) through the listops task. */
final class ListOpsTarget extends TaskTarget {
    private static final List<String> ROWS = List.of("( ( ( [MAX 2 9 ) 4 ) ] )\t9", "[MIN 3 ( [SM 4 5 ] ) 1 ]\t1",
            "[MED 1 2 [FIRST 7 8 ] ]\t2", "( [SM 9 9 9 ] )\t7");
    /** Targets a careless integer parser would take: sign, other digits, padding, out of range. */
    private static final List<String> LABELS = List.of("+1", "\u0662", "\u0663\u0664", "-1", "10", "1.0", " 3", "3 ", "", "0x1",
            "\uff11", "2147483648", "NaN", "1e0");

    ListOpsTarget() {
        super("ListOps TSV", new ListOpsTask(), Map.of("max-length", "32"), true);
    }


    @Override
    List<Path> seed(Path dir) throws Exception {
        List<Path> files = new ArrayList<>();
        for (String split : List.of("train", "val", "test")) {
            files.add(Files.writeString(dir.resolve("basic_" + split + ".tsv"), "Source\tTarget\n" + String.join("\n", ROWS) + "\n"));
        }
        return files;
    }


    /** A row's Target replaced by one a careless integer parser would accept. */
    @Override
    Mutations.Mutated structured(Path file, byte[] valid, Random rng) {
        String[] lines = new String(valid, StandardCharsets.UTF_8).split("\n", -1);
        int row = 1 + rng.nextInt(ROWS.size());
        String label = LABELS.get(rng.nextInt(LABELS.size()));
        lines[row] = lines[row].substring(0, lines[row].indexOf('\t') + 1) + label;
        return new Mutations.Mutated("label of row " + row + " -> '" + label + "'", String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
    }


    /** Train: 600 MB of valid rows. Val: one line of 600 MB. Test: 600 MB of zeros. */
    @Override
    byte[] bomb(Path file, byte[] valid) throws Exception {
        String name = file.getFileName().toString();
        byte[] header = "Source\tTarget\n".getBytes(StandardCharsets.UTF_8);
        if (name.contains("train")) {
            return gzipBomb(header, (ROWS.get(1) + "\n").getBytes(StandardCharsets.UTF_8), 600L << 20, new byte[0]);
        }
        if (name.contains("val")) {
            return gzipBomb("Source\tTarget\n[MAX ".getBytes(StandardCharsets.UTF_8), "1 ".getBytes(StandardCharsets.UTF_8), 600L << 20,
                    "]\t1\n".getBytes(StandardCharsets.UTF_8));
        }
        return gzipBomb(new byte[0], new byte[] {0}, 600L << 20, new byte[0]);
    }
}
