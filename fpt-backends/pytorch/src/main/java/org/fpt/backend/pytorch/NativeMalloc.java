package org.fpt.backend.pytorch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Which malloc libtorch's arrays get in this process. With glibc's defaults every array over 32 MB is mapped fresh,
 * zeroed page by page and unmapped when freed: a step of attention over 512 tokens took 22.8-25.1 s so against 7.1-8.1 s
 * with glibc's arrays kept for reuse (fpt-bench/README.md, "Memory allocator"). Only the process's start can change it (glibc reads its
 * tunables then, and each thread keeps its arena), so {@code ./fpt} does it when {@code FPT_MALLOC} asks
 * ({@code native-allocator.sh}); here the backend says which one is in force, in its description (so the calibration
 * measures again when it changes). glibc's defaults stay the default, without a warning: the alternatives keep freed
 * memory, and a run whose arrays change size grew to twice its memory under them.
 */
enum NativeMalloc {
    TCMALLOC("malloc: tcmalloc"),
    OTHER_PRELOADED("malloc: jemalloc or mimalloc, preloaded"),
    GLIBC_TUNED("malloc: glibc, arrays kept for reuse"),
    GLIBC_DEFAULTS("malloc: glibc defaults");

    /** Of what {@code FPT_MALLOC=glibc} sets, the setting that matters. */
    static final String GLIBC_NO_MMAP = "glibc.malloc.mmap_max=0";

    private final String note;

    NativeMalloc(String note) {
        this.note = note;
    }

    String note() {
        return note;
    }

    static NativeMalloc inThisProcess() {
        return of(mappedFiles(), System.getenv("GLIBC_TUNABLES"));
    }

    /** From the files this process maps ({@code /proc/self/maps}) and its {@code GLIBC_TUNABLES}. */
    static NativeMalloc of(List<String> mappedFiles, String glibcTunables) {
        if (mappedFiles.stream().anyMatch(line -> line.contains("/libtcmalloc"))) {
            return TCMALLOC;
        }
        if (mappedFiles.stream().anyMatch(line -> line.contains("/libjemalloc") || line.contains("/libmimalloc"))) {
            return OTHER_PRELOADED; // the user's choice
        }
        return glibcTunables != null && glibcTunables.contains(GLIBC_NO_MMAP) ? GLIBC_TUNED : GLIBC_DEFAULTS;
    }

    /** The lines of {@code /proc/self/maps}; none where it cannot be read. */
    static List<String> mappedFiles() {
        try {
            return Files.readAllLines(Path.of("/proc/self/maps"));
        } catch (IOException e) {
            return List.of();
        }
    }
}
