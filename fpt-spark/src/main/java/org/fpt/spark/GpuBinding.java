package org.fpt.spark;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.resource.ResourceInformation;

/**
 * Which GPU a run uses: the address Spark's resource scheduling assigned to its task
 * ({@code spark.task.resource.gpu.amount=1}). The run's process sees that GPU alone ({@code CUDA_VISIBLE_DEVICES}),
 * where it is device 0, the device the {@code cuda} backend trains on; the run is then told to use that backend,
 * so a GPU task never falls back to the CPU without saying so. A task without a GPU changes nothing.
 */
record GpuBinding(Optional<String> addresses) {
    static final String GPU = "gpu";
    static final GpuBinding NONE = new GpuBinding(Optional.empty());

    static GpuBinding of(Map<String, ResourceInformation> taskResources) {
        ResourceInformation gpus = taskResources.get(GPU);
        if (gpus == null || gpus.addresses().length == 0) {
            return NONE;
        }
        return new GpuBinding(Optional.of(String.join(",", Arrays.asList(gpus.addresses()))));
    }

    /** Environment of the run's process. */
    Map<String, String> environment() {
        return addresses.map(a -> Map.of("CUDA_VISIBLE_DEVICES", a)).orElse(Map.of());
    }

    /** The backend the run must use, if a GPU was assigned. */
    Optional<String> backend() {
        return addresses.map(a -> "cuda");
    }
}
