package org.fpt.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The fuzz table (reader / cases / clean / not clean, with the kinds of each) and the first not-clean examples. */
final class FuzzReport {
    private FuzzReport() {
    }

    static String markdown(List<FuzzRunner.Result> results, String settings) {
        StringBuilder out = new StringBuilder();
        out.append("# Reader fuzzing\n\n").append(settings).append("\n\n");
        out.append("| reader | cases | clean | not clean | read | refused in one line naming the file | hang | out of memory | other not clean |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        int cases = 0;
        int clean = 0;
        for (FuzzRunner.Result r : results) {
            cases += r.cases();
            clean += r.clean();
            String other = r.counts().entrySet().stream()
                    .filter(e -> !e.getKey().clean && e.getKey() != Outcome.Kind.HANG && e.getKey() != Outcome.Kind.OUT_OF_MEMORY)
                    .map(e -> e.getKey().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " " + e.getValue())
                    .collect(Collectors.joining(", "));
            out.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d | %d | %s |%n", r.reader(), r.cases(), r.clean(),
                    r.notClean(), count(r, Outcome.Kind.READ), count(r, Outcome.Kind.REFUSED), count(r, Outcome.Kind.HANG),
                    count(r, Outcome.Kind.OUT_OF_MEMORY), other.isEmpty() ? "" : other));
        }
        out.append(String.format(Locale.ROOT, "| **all** | %d | %d | %d | | | | | |%n", cases, clean, cases - clean));
        if (results.stream().anyMatch(r -> !r.examples().isEmpty())) {
            out.append("\n## Not clean: first examples per reader\n");
            for (FuzzRunner.Result r : results) {
                if (!r.examples().isEmpty()) {
                    out.append("\n").append(r.reader()).append(":\n\n");
                    r.examples().forEach(e -> out.append("- ").append(e.replace("|", "\\|")).append("\n"));
                }
            }
        }
        return out.toString();
    }

    private static int count(FuzzRunner.Result r, Outcome.Kind kind) {
        return r.counts().getOrDefault(kind, 0);
    }

    static void write(Path file, String markdown) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
        Files.writeString(temp, markdown);
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Every reader under test, in report order. */
    static Stream<Target> targets() {
        return Stream.of(new SafetensorsTarget(), ConfigJsonTarget.gpt2(), ConfigJsonTarget.vit(), new CheckpointTarget(),
                new IdxTarget(), new CifarTarget(), new TapeTarget(), new ListOpsTarget(), new ExperimentSpecTarget(),
                new ConfigFileTarget(), new OnnxTarget());
    }
}
