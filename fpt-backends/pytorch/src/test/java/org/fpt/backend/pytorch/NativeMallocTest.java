package org.fpt.backend.pytorch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NativeMallocTest {
    private static final String TCMALLOC_LINE =
            "7f1c2a000000-7f1c2a020000 r-xp 00000000 fe:01 1234 /usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4.5.10";
    private static final String LIBC_LINE = "7f1c2b000000-7f1c2b028000 r--p 00000000 fe:01 99 /usr/lib/x86_64-linux-gnu/libc.so.6";

    @Test
    void tcmallocIsRecognisedByTheLibraryThisProcessMaps() {
        assertThat(NativeMalloc.of(List.of(LIBC_LINE, TCMALLOC_LINE), null)).isEqualTo(NativeMalloc.TCMALLOC);
    }

    @Test
    void anotherPreloadedAllocatorIsTheUsersChoiceNotGlibcDefaults() {
        String jemalloc = "7f1c2a000000-7f1c2a020000 r-xp 00000000 fe:01 77 /usr/lib/x86_64-linux-gnu/libjemalloc.so.2";
        assertThat(NativeMalloc.of(List.of(LIBC_LINE, jemalloc), null)).isEqualTo(NativeMalloc.OTHER_PRELOADED);
    }

    @Test
    void glibcCountsAsTunedOnlyWhenItNeverMapsArraysSeparately() {
        assertThat(NativeMalloc.of(List.of(LIBC_LINE), "glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0")).isEqualTo(NativeMalloc.GLIBC_TUNED);
        assertThat(NativeMalloc.of(List.of(LIBC_LINE), "glibc.malloc.arena_max=1")).isEqualTo(NativeMalloc.GLIBC_DEFAULTS);
        assertThat(NativeMalloc.of(List.of(LIBC_LINE), null)).isEqualTo(NativeMalloc.GLIBC_DEFAULTS);
    }

    @Test
    void theBackendNamesTheMallocOfThisProcess() {
        assertThat(new PyTorchBackend().description()).contains(NativeMalloc.inThisProcess().note());
    }
}
