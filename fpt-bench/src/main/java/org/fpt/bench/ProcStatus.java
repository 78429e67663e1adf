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

    /**
     * CPU time this process has used (user + system, all threads), from {@code /proc/self/stat}. On a busy
     * machine it shows how much of the wall time was this process computing (the kernel counts 100 ticks/s).
     */
    static double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields from the state (3rd in proc(5)) on: utime is the 14th, stime the 15th
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read /proc/self/stat: " + e.getMessage(), e);
        }
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
