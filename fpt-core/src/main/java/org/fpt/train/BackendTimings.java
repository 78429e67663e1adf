package org.fpt.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.fpt.io.AtomicFiles;
import org.fpt.io.CacheDirectory;

/**
 * The backend calibrations measured on this machine, one per {@link FastestBackend} key (CPU model and
 * flags, cores, the backends and their engine versions, the precision), kept as JSON in the fpt cache
 * directory so that each machine calibrates once. An unreadable file is ignored and rewritten: it only ever
 * costs a new calibration.
 */
public final class BackendTimings {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();
    private final Path file;

    public BackendTimings(Path file) {
        this.file = file;
    }

    /** {@code backend-timings.json} in {@link CacheDirectory}. */
    public static BackendTimings inUserCache() {
        return new BackendTimings(CacheDirectory.get().resolve("backend-timings.json"));
    }

    public Path file() {
        return file;
    }

    /** One calibration: when, what ran, ms per step of each backend that ran it, and why the others could not. */
    public record Calibration(String measured, String workload, Map<String, Double> msPerStep, Map<String, String> failed) {
    }

    public synchronized Optional<Calibration> get(String key) {
        return Optional.ofNullable(readAll().get(key));
    }

    public synchronized void put(String key, Calibration calibration) {
        Map<String, Calibration> all = readAll();
        all.put(key, calibration);
        AtomicFiles.writeString(file, GSON.toJson(all) + "\n");
    }

    private Map<String, Calibration> readAll() {
        if (!Files.isRegularFile(file)) {
            return new LinkedHashMap<>();
        }
        try {
            Map<String, Calibration> all = GSON.fromJson(Files.readString(file), new TypeToken<LinkedHashMap<String, Calibration>>() { }.getType());
            return all == null ? new LinkedHashMap<>() : all;
        } catch (IOException | JsonParseException e) {
            return new LinkedHashMap<>();
        }
    }
}
