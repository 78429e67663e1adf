package org.fpt.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's memory from {@code /proc/self/status}: resident now ({@code VmRSS}) and its peak ({@code VmHWM}). */
final class ProcStatus {
    private ProcStatus() {
    }

    static long rssKb() {
        return field("VmRSS");
    }

    static long peakRssKb() {
        return field("VmHWM");
    }

    private static long field(String name) {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith(name + ":"))
                    .map(l -> l.substring(name.length() + 1).trim().split("\\s+")[0])
                    .mapToLong(Long::parseLong).findFirst()
                    .orElseThrow(() -> new IllegalStateException("/proc/self/status has no " + name + " line"));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read /proc/self/status: " + e.getMessage(), e);
        }
    }
}
