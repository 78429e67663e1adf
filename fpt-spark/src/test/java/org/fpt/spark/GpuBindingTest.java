package org.fpt.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.spark.resource.ResourceInformation;
import org.junit.jupiter.api.Test;

class GpuBindingTest {
    @Test
    void theAssignedAddressIsTheOnlyGpuTheRunSeesAndTheRunUsesTheCudaBackend() {
        GpuBinding binding = GpuBinding.of(Map.of("gpu", new ResourceInformation("gpu", new String[] {"3"})));
        assertThat(binding.environment()).containsExactly(Map.entry("CUDA_VISIBLE_DEVICES", "3"));
        assertThat(binding.backend()).contains("cuda");
    }

    @Test
    void severalAddressesAreAllVisibleInTheirOrder() {
        GpuBinding binding = GpuBinding.of(Map.of("gpu", new ResourceInformation("gpu", new String[] {"1", "0"})));
        assertThat(binding.environment()).containsExactly(Map.entry("CUDA_VISIBLE_DEVICES", "1,0"));
    }

    @Test
    void aTaskWithoutGpusChangesNothing() {
        assertThat(GpuBinding.of(Map.of()).environment()).isEmpty();
        assertThat(GpuBinding.of(Map.of()).backend()).isEmpty();
        GpuBinding fpgaOnly = GpuBinding.of(Map.of("fpga", new ResourceInformation("fpga", new String[] {"0"})));
        assertThat(fpgaOnly.environment()).isEmpty();
        assertThat(fpgaOnly.backend()).isEmpty();
    }
}
