package org.fpt.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Runs {@code cases} damaged inputs through one reader. Each case runs in its own thread with a timeout (a
 * case still running then counts as a hang and is abandoned), on a fresh copy of the valid files with one
 * of them damaged. Case {@code i} of a reader is a pure function of (seed, reader, i). Every 25th case
 * is the reader's bomb, when it has one.
 */
final class FuzzRunner {
    private static final int BOMB_EVERY = 25;
    private static final int KEPT_EXAMPLES = 12;

    private final long seed;
    private final long timeoutSeconds;
    private final Path work;
    private final Path progress;

    /** {@code progress}: a file that gets a line every 100 cases, to follow a long run. */
    FuzzRunner(long seed, long timeoutSeconds, Path work, Path progress) {
        this.seed = seed;
        this.timeoutSeconds = timeoutSeconds;
        this.work = work;
        this.progress = progress;
    }

    private void progress(String line) {
        try {
            Files.createDirectories(progress.toAbsolutePath().getParent());
            Files.writeString(progress, java.time.LocalTime.now().withNano(0) + " " + line + "\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What one reader's cases came to: counts by kind, and a few not-clean examples. */
    record Result(String reader, int cases, Map<Outcome.Kind, Integer> counts, List<String> examples) {
        int clean() {
            return counts.entrySet().stream().filter(e -> e.getKey().clean).mapToInt(Map.Entry::getValue).sum();
        }

        int notClean() {
            return cases - clean();
        }
    }

    Result run(Target target, int cases) throws Exception {
        Path pristine = Files.createDirectories(work.resolve(target.name()).resolve("valid"));
        List<Path> files = target.seed(pristine);
        target.read(pristine); // the valid input must read, or the reader (or the seed) is broken
        Map<Path, byte[]> valid = new java.util.LinkedHashMap<>();
        for (Path f : files) {
            valid.put(pristine.relativize(f), Files.readAllBytes(f));
        }
        Map<Path, byte[]> bombs = new java.util.HashMap<>();
        Map<Outcome.Kind, Integer> counts = new EnumMap<>(Outcome.Kind.class);
        List<String> examples = new ArrayList<>();
        for (int i = 0; i < cases; i++) {
            Random rng = new Random(seed * 1_000_003L + target.name().hashCode() * 7919L + i);
            Path relative = new ArrayList<>(valid.keySet()).get(rng.nextInt(valid.size()));
            byte[] original = valid.get(relative);
            Mutations.Mutated damage;
            if (i % BOMB_EVERY == 0 && target.hasBomb()) {
                byte[] bomb = bombs.computeIfAbsent(relative, r -> bomb(target, pristine.resolve(r), original));
                damage = new Mutations.Mutated("bomb (" + bomb.length + " bytes of gzip)", bomb);
            } else {
                damage = target.mutate(pristine.resolve(relative), original, rng);
            }
            Path caseDir = work.resolve(target.name()).resolve("case-" + i);
            copy(pristine, caseDir);
            Path damaged = caseDir.resolve(relative);
            Files.write(damaged, damage.bytes());
            Outcome outcome = runCase(target, caseDir, damaged);
            if (outcome.kind() == Outcome.Kind.READ && !Arrays.equals(damage.bytes(), original) && target.mustRefuse(damage, original)) {
                outcome = Outcome.acceptedAltered();
            }
            counts.merge(outcome.kind(), 1, Integer::sum);
            if (!outcome.kind().clean && examples.size() < KEPT_EXAMPLES) {
                examples.add("case " + i + ", " + relative + ", " + damage.description() + ": " + outcome.kind() + " " + outcome.detail());
            }
            if (outcome.kind() != Outcome.Kind.HANG) {
                delete(caseDir);
            }
            if ((i + 1) % 100 == 0 || i + 1 == cases) {
                progress(target.name() + ": " + (i + 1) + " of " + cases + " cases, " + counts);
            }
        }
        return new Result(target.name(), cases, counts, examples);
    }

    private Outcome runCase(Target target, Path caseDir, Path damaged) throws InterruptedException {
        AtomicReference<Outcome> result = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                target.read(caseDir);
                result.set(Outcome.read());
            } catch (Throwable t) { // NOPMD - an Error is an outcome to count, not to die of
                result.set(Outcome.of(t, damaged));
            }
        }, "fuzz-" + target.name());
        thread.setDaemon(true);
        thread.start();
        thread.join(timeoutSeconds * 1000);
        if (thread.isAlive()) {
            stop(thread);
            return Outcome.hang(timeoutSeconds);
        }
        if (result.get().kind() == Outcome.Kind.OUT_OF_MEMORY) {
            System.gc(); // let the next case start from a clean heap
        }
        return result.get();
    }

    /**
     * Ends a hung case: interrupted, and if that does not end it, stopped, so it neither burns CPU nor holds
     * memory while later cases run (Java 17 still has Thread.stop; a JVM without it keeps the thread).
     */
    @SuppressWarnings({"deprecation", "removal"})
    private static void stop(Thread thread) throws InterruptedException {
        thread.interrupt();
        thread.join(1000);
        if (thread.isAlive()) {
            try {
                thread.stop();
            } catch (UnsupportedOperationException e) {
                return;
            }
            thread.join(5000);
        }
    }

    private static byte[] bomb(Target target, Path file, byte[] valid) {
        try {
            return target.bomb(file, valid);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot build the bomb for " + target.name(), e);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p));
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
