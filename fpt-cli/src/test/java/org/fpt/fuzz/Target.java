package org.fpt.fuzz;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * One reader under fuzzing: it writes a small valid input in the real format, then reads a damaged copy the
 * way the program does. Subclasses say which damage suits the format (token edits for text, field edits
 * for binary headers, gzip for readers that inflate) and may name a "bomb": a small file that would
 * inflate or expand far beyond any sane size.
 */
abstract class Target {
    private final String name;

    Target(String name) {
        this.name = name;
    }

    /** The reader's name in the report. */
    final String name() {
        return name;
    }

    @Override
    public String toString() {
        return name();
    }

    /** Writes valid input files into {@code dir}; returns those a case may damage. */
    abstract List<Path> seed(Path dir) throws Exception;

    /** Reads {@code dir} as the program would; returns normally when the input was accepted. */
    abstract void read(Path dir) throws Exception;

    /** Whether the format's content is text, so token edits reach its checks. */
    boolean textual() {
        return false;
    }

    /** A format-aware damage (a header field, a recomputed checksum), or null for none. */
    Mutations.Mutated structured(Path file, byte[] valid, Random rng) throws Exception {
        return null;
    }

    /** Whether the reader takes gzip as well (then a damaged file is sometimes gzipped). */
    boolean inflates() {
        return false;
    }

    /** Whether {@link #bomb} makes one. */
    boolean hasBomb() {
        return false;
    }

    /** A small file that expands enormously (a gzip bomb) in place of {@code file}; built once per file. */
    byte[] bomb(Path file, byte[] valid) throws Exception {
        throw new UnsupportedOperationException(name() + " has no bomb");
    }

    /** Whether accepting {@code damaged} in place of {@code valid} is itself wrong (the format checksums its content). */
    boolean mustRefuse(Mutations.Mutated damaged, byte[] valid) {
        return false;
    }

    /** Picks this case's damage. */
    Mutations.Mutated mutate(Path file, byte[] valid, Random rng) throws Exception {
        int dice = rng.nextInt(100);
        if (dice < 20) {
            Mutations.Mutated special = structured(file, valid, rng);
            if (special != null) {
                return special;
            }
        }
        Mutations.Mutated damaged = textual() && dice < 60
                ? Mutations.text(new String(valid, StandardCharsets.UTF_8), rng)
                : Mutations.bytes(valid, rng);
        if (inflates() && rng.nextInt(10) == 0) {
            return new Mutations.Mutated(damaged.description() + ", gzipped", gzip(damaged.bytes()));
        }
        return damaged;
    }

    static byte[] gzip(byte[] bytes) throws java.io.IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    /** A gzip of {@code head}, then {@code pattern} repeated to about {@code size} bytes, then {@code tail}. */
    static byte[] gzipBomb(byte[] head, byte[] pattern, long size, byte[] tail) throws java.io.IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16)) {
            gz.write(head);
            byte[] block = new byte[(1 << 20) - (1 << 20) % Math.max(1, pattern.length)];
            for (int i = 0; i < block.length; i++) {
                block[i] = pattern[i % pattern.length];
            }
            for (long written = 0; written < size; written += block.length) {
                gz.write(block);
            }
            gz.write(tail);
        }
        return out.toByteArray();
    }
}
