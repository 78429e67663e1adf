package org.fpt.backend.pytorch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fpt.hardware.CpuInfo;
import org.junit.jupiter.api.Test;

/**
 * MKL's fast kernels on AMD CPUs ({@link MklIntelKernels}): where it applies, what the switch does, and, in fresh
 * JVMs (the library must load before libtorch), that MKL then dispatches to other kernels whose products are right.
 */
class MklIntelKernelsTest {
    private static final CpuInfo AMD = CpuInfo.parse("vendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC\nflags\t\t: avx2 avx512f\n", 2);
    private static final CpuInfo INTEL = CpuInfo.parse("vendor_id\t: GenuineIntel\nmodel name\t: Xeon\nflags\t\t: avx2 avx512f\n", 2);

    @Test
    void onlyAnAmdCpuNeedsItAndTheSwitchOrAMissingLibraryKeepsMklAsItIs() {
        assertThat(MklIntelKernels.plan(INTEL, null, true)).isEqualTo(MklIntelKernels.Plan.INTEL_CPU);
        assertThat(MklIntelKernels.plan(INTEL, "off", true)).as("meaningless on Intel, so not refused there").isEqualTo(MklIntelKernels.Plan.INTEL_CPU);
        assertThat(MklIntelKernels.plan(AMD, null, true)).isEqualTo(MklIntelKernels.Plan.BYPASS);
        assertThat(MklIntelKernels.plan(AMD, " bypass", true)).isEqualTo(MklIntelKernels.Plan.BYPASS);
        assertThat(MklIntelKernels.plan(AMD, "KEEP", true)).isEqualTo(MklIntelKernels.Plan.KEEP);
        assertThat(MklIntelKernels.plan(AMD, null, false)).isEqualTo(MklIntelKernels.Plan.NOT_BUILT);
        assertThat(MklIntelKernels.plan(AMD, "off", true)).isEqualTo(MklIntelKernels.Plan.INVALID);
        assertThat(MklIntelKernels.Plan.INTEL_CPU.note()).isEmpty();
        assertThat(MklIntelKernels.Plan.NOT_BUILT.note()).contains("rebuild with gcc");
    }

    @Test
    void aMistypedSwitchIsRefusedInOneLineWhereItMatters() throws Exception {
        assumeTrue(CpuInfo.local().vendor().equals("AuthenticAMD"), "not an AMD CPU (" + CpuInfo.local().vendor() + "): the switch means nothing here");
        String output = run("off", true);
        assertThat(output).contains("FPT_MKL_VENDOR_CHECK=off: expected keep (MKL's own vendor check) or bypass (the default)");
    }

    @Test
    void onThisAmdCpuMklDispatchesToOtherKernelsAndTheirProductsAreRight() throws Exception {
        assumeTrue(CpuInfo.local().vendor().equals("AuthenticAMD"), "not an AMD CPU (" + CpuInfo.local().vendor() + "): MKL needs nothing");
        assumeTrue(MklIntelKernels.class.getResource(MklIntelKernels.LIBRARY) != null,
                MklIntelKernels.LIBRARY + " was not built (no gcc where this module was built)");
        Probe bypassed = probe("bypass");
        Probe kept = probe("keep");
        assertThat(bypassed.description).endsWith(MklIntelKernels.Plan.BYPASS.note());
        assertThat(kept.description).endsWith(MklIntelKernels.Plan.KEEP.note());
        assertThat(bypassed.mklCpuCode).as("MKL's dispatch code with the library loaded").isGreaterThan(kept.mklCpuCode);
        assertThat(bypassed.worstError).as("a 96x200 by 200x80 product against Java's, in float32").isLessThan(1e-4);
        assertThat(kept.worstError).isLessThan(1e-4);
    }

    private record Probe(int mklCpuCode, double worstError, String description) {
    }

    private static Probe probe(String switchValue) throws Exception {
        String output = run(switchValue, false);
        Matcher line = Pattern.compile("mkl_cpu_detect=(\\d+) worst_error=(\\S+) description=(.*)").matcher(output);
        assertThat(line.find()).as(output).isTrue();
        return new Probe(Integer.parseInt(line.group(1)), Double.parseDouble(line.group(2)), line.group(3).trim());
    }

    /** {@link MklProbe}'s output in a fresh JVM with the switch set; it must exit 0, or not where {@code fails}. */
    private static String run(String switchValue, boolean fails) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), MklProbe.class.getName()));
        builder.environment().put(MklIntelKernels.SWITCH, switchValue);
        builder.redirectErrorStream(true);
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = process.waitFor();
        if (fails) {
            assertThat(code).as(output).isNotZero();
        } else {
            assertThat(code).as(output).isZero();
        }
        return output;
    }
}
