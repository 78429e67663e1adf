package org.fpt.backend.pytorch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.fpt.bodies.gpt2.Gpt2Config;
import org.fpt.hardware.CpuInfo;
import org.fpt.spi.Backend;
import org.fpt.plugin.Plugins;
import org.fpt.train.BackendChoice;
import org.fpt.train.BackendTimings;
import org.fpt.train.FastestBackend;
import org.fpt.train.Precision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default backend is the one measured fastest here, measured once and then read from the cache file. */
class FastestBackendTest {
    private static final Plugins PLUGINS = Plugins.load(FastestBackendTest.class.getClassLoader());

    @Test
    void calibratesBothCpuBackendsOnceThenReadsTheCache(@TempDir Path cache) throws Exception {
        BackendTimings timings = new BackendTimings(cache.resolve("backend-timings.json"));
        FastestBackend fastest = new FastestBackend(PLUGINS, timings, Gpt2Config.tiny());
        assertThat(fastest.chosenWithoutCalibrating(Precision.FP32)).as("nothing measured yet").isEmpty();

        BackendChoice first = fastest.choose(Precision.FP32);

        BackendTimings.Calibration calibration = timings.get(timingsKey(timings)).orElseThrow();
        Map<String, Double> ms = calibration.msPerStep();
        assertThat(ms).containsOnlyKeys("cpu", "pytorch");
        String faster = ms.get("cpu") <= ms.get("pytorch") ? "cpu" : "pytorch";
        assertThat(first.backend().name()).isEqualTo(faster);
        assertThat(first.reason()).startsWith("fastest here, fp32 " + faster).contains("calibrated now", cache.toString());

        String file = Files.readString(timings.file());
        BackendChoice second = fastest.choose(Precision.FP32);
        assertThat(second.backend().name()).isEqualTo(faster);
        assertThat(second.reason()).contains("calibrated " + calibration.measured());
        assertThat(Files.readString(timings.file())).as("the cached calibration is not redone").isEqualTo(file);
        assertThat(fastest.chosenWithoutCalibrating(Precision.FP32)).isPresent();
        assertThat(fastest.chosenWithoutCalibrating(Precision.BF16)).as("each precision is measured on its own").isEmpty();
    }

    @Test
    void autoWithoutNativeBfloat16IsFp32AndTimedAsFp32(@TempDir Path cache) {
        assumeFalse(CpuInfo.local().nativeBfloat16().available(), "this CPU multiplies bfloat16 natively: auto is bf16 here");
        FastestBackend fastest = new FastestBackend(PLUGINS, new BackendTimings(cache.resolve("backend-timings.json")), Gpt2Config.tiny());
        BackendChoice fp32 = fastest.choose(Precision.FP32);
        assertThat(fastest.chosenWithoutCalibrating(Precision.AUTO)).as("auto reads fp32's calibration, no bf16 timing of its own")
                .hasValueSatisfying(auto -> assertThat(auto.backend().name()).isEqualTo(fp32.backend().name()));

        Backend pytorch = PLUGINS.backends().get("pytorch");
        pytorch.open();
        Precision.Choice auto = Precision.AUTO.resolve(pytorch);
        assertThat(auto.label()).isEqualTo("fp32");
        assertThat(auto.reason()).as("nothing is emulated in an fp32 run").startsWith("auto: no native bfloat16").doesNotContain("emulated");
        assertThat(Precision.BF16.resolve(pytorch).reason()).startsWith("asked for bf16; no native bfloat16").endsWith(", emulated");
    }

    private static String timingsKey(BackendTimings timings) throws Exception {
        com.google.gson.JsonObject all = com.google.gson.JsonParser.parseString(Files.readString(timings.file())).getAsJsonObject();
        assertThat(all.keySet()).hasSize(1);
        String key = all.keySet().iterator().next();
        assertThat(key).as("keyed by CPU, precision and engine versions").contains(org.fpt.hardware.CpuInfo.local().modelName(), "| fp32 |",
                "cpu: MXNet 1.9.1", "pytorch: DJL PyTorch engine (libtorch 2.7.1)");
        return key;
    }
}
