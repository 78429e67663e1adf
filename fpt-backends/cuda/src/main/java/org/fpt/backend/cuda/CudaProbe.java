package org.fpt.backend.cuda;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds what the CUDA backend needs without loading anything: an NVIDIA driver ({@code /proc/driver/nvidia/version}
 * or {@code nvidia-smi} on the PATH) and a CUDA build of {@code libmxnet.so} ({@code MXNET_LIBRARY_PATH}, or a
 * {@code *-cu*} folder in DJL's MXNet cache, where DJL puts the CUDA build it downloads on a connected machine).
 * The locations are fields so that a test can point them at a folder it lays out.
 */
record CudaProbe(Path proc, List<Path> pathDirs, Optional<String> mxnetLibraryPath, Path mxnetCache) {
    static final String LIBRARY = "libmxnet.so";

    /** What was found, or why not. */
    record Result(boolean available, String reason, Optional<Path> libraryDir) {
    }

    Result check() {
        Optional<String> driver = driver();
        if (driver.isEmpty()) {
            return new Result(false, "no NVIDIA GPU driver: " + proc.resolve("driver/nvidia/version")
                    + " does not exist and nvidia-smi is not on the PATH", Optional.empty());
        }
        if (mxnetLibraryPath.isPresent()) {
            Path given = Path.of(mxnetLibraryPath.get());
            Path dir = Files.isDirectory(given) ? given : given.getParent();
            if (dir == null || !Files.isRegularFile(dir.resolve(LIBRARY))) {
                return new Result(false, "MXNET_LIBRARY_PATH is " + given + ", but there is no " + LIBRARY + " there", Optional.empty());
            }
            return new Result(true, driver.get() + "; MXNet from MXNET_LIBRARY_PATH " + dir, Optional.of(dir));
        }
        Optional<Path> cached = cachedCudaBuild();
        if (cached.isEmpty()) {
            return new Result(false, driver.get() + ", but no CUDA build of MXNet: set MXNET_LIBRARY_PATH to a folder with a CUDA "
                    + LIBRARY + ", or run once on a connected machine so that DJL downloads one into " + mxnetCache
                    + " (no MXNet CUDA jar is on Maven Central)", Optional.empty());
        }
        return new Result(true, driver.get() + "; MXNet from DJL's cache " + cached.get(), cached);
    }

    private Optional<String> driver() {
        Path version = proc.resolve("driver/nvidia/version");
        if (Files.isReadable(version)) {
            try {
                return Optional.of("NVIDIA driver found (" + Files.readAllLines(version).stream().findFirst().orElse("").trim() + ")");
            } catch (IOException e) {
                return Optional.of("NVIDIA driver at " + version);
            }
        }
        return pathDirs.stream().map(d -> d.resolve("nvidia-smi")).filter(Files::isExecutable).findFirst()
                .map(smi -> "NVIDIA driver (" + smi + ")");
    }

    /** A folder like {@code 1.9.1-cu112mkl-linux-x86_64} holding {@code libmxnet.so}; the newest name wins. */
    private Optional<Path> cachedCudaBuild() {
        if (!Files.isDirectory(mxnetCache)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(mxnetCache)) {
            return dirs.filter(d -> d.getFileName().toString().contains("-cu"))
                    .filter(d -> Files.isRegularFile(d.resolve(LIBRARY)))
                    .max(Path::compareTo);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
