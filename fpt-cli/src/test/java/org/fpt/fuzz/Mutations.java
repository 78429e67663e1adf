package org.fpt.fuzz;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ways to damage a valid file, each a pure function of the bytes and a seeded {@link Random}, so a case is
 * reproducible from its reader, seed and index. Byte-level damage (bit flips, truncation, extension, cut or
 * repeated ranges) suits every format; token edits (numbers made huge, negative, fractional or non-numbers,
 * strings made empty, long or non-ASCII, values made null or nested) reach the checks behind a format's
 * syntax; integer edits reach a binary header's fields.
 */
final class Mutations {
    /** Numbers that break naive parsing: sign, overflow of int/long, fractions, non-finite, other spellings. */
    static final List<String> NUMBERS = List.of("-1", "0", "-0", "1.5", "1e308", "-1e308", "2147483647", "2147483648",
            "-2147483649", "4294967296", "9223372036854775807", "9223372036854775808", "99999999999999999999999999",
            "NaN", "Infinity", "-Infinity", "0x10", "1_000", "+1", "1e-400", "00012", "\u0663");
    /** Replacements for any token: wrong types, empty and odd strings, null, nesting. */
    static final List<String> VALUES = List.of("null", "~", "true", "{}", "[]", "[1, 2]", "{\"a\": 1}", "\"\"", "\"abc\"",
            "\"\u0662\"", "\"../../x\"", "\"/abs/x\"", "\"a\\u0000b\"", "\"" + "A".repeat(5000) + "\"", "\"\\ud800\"", "-",
            "&a [*a, *a]", "*undefined", "!!binary x", "? [a]", "\"NaN\"");
    private static final Pattern TOKEN = Pattern.compile(
            "\"(?:[^\"\\\\]|\\\\.)*\"|-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?|[A-Za-z_][A-Za-z0-9_.+\\-]*|[\\[\\]{}:,\\t\\n]");
    private static final long[] INTS = {0, 1, -1, 255, 1L << 15, (1L << 16) - 1, 1L << 30, Integer.MAX_VALUE, 1L << 31,
            (1L << 32) - 1, 1L << 40, Long.MAX_VALUE, Long.MIN_VALUE};

    private Mutations() {
    }

    /** One random byte-level damage: what it did (for the report) and the result. */
    static Mutated bytes(byte[] in, Random rng) {
        int n = in.length;
        switch (rng.nextInt(7)) {
            case 0 -> {
                byte[] out = in.clone();
                int flips = 1 + rng.nextInt(8);
                for (int i = 0; i < flips && n > 0; i++) {
                    int at = rng.nextInt(n);
                    out[at] ^= (byte) (1 << rng.nextInt(8));
                }
                return new Mutated("flip " + flips + " bits", out);
            }
            case 1 -> {
                byte[] out = in.clone();
                byte[] interesting = {0, (byte) 0xff, 0x7f, (byte) 0x80, ' ', '"', '{', '[', ',', '-', '9', '\n', '\t', '\\'};
                int sets = 1 + rng.nextInt(4);
                for (int i = 0; i < sets && n > 0; i++) {
                    out[rng.nextInt(n)] = interesting[rng.nextInt(interesting.length)];
                }
                return new Mutated("set " + sets + " bytes", out);
            }
            case 2 -> {
                int keep = n == 0 ? 0 : rng.nextInt(n);
                return new Mutated("truncate to " + keep, Arrays.copyOf(in, keep));
            }
            case 3 -> {
                byte[] tail = new byte[1 + rng.nextInt(64)];
                rng.nextBytes(tail);
                return new Mutated("append " + tail.length + " random bytes", concat(in, tail));
            }
            case 4 -> {
                return new Mutated("append a copy", concat(in, in));
            }
            case 5 -> {
                int from = n == 0 ? 0 : rng.nextInt(n);
                int to = Math.min(n, from + 1 + rng.nextInt(Math.max(1, n / 4)));
                return new Mutated("cut bytes [" + from + ", " + to + ")", concat(Arrays.copyOf(in, from), Arrays.copyOfRange(in, to, n)));
            }
            default -> {
                int from = n == 0 ? 0 : rng.nextInt(n);
                int to = Math.min(n, from + 1 + rng.nextInt(Math.max(1, n / 4)));
                int at = n == 0 ? 0 : rng.nextInt(n);
                byte[] range = Arrays.copyOfRange(in, from, to);
                return new Mutated("repeat bytes [" + from + ", " + to + ") at " + at,
                        concat(concat(Arrays.copyOf(in, at), range), Arrays.copyOfRange(in, at, n)));
            }
        }
    }

    /** One token of a text (JSON, YAML, TSV) replaced, deleted or repeated; or deep nesting inserted. */
    static Mutated text(String in, Random rng) {
        List<int[]> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(in);
        while (m.find()) {
            tokens.add(new int[] {m.start(), m.end()});
        }
        if (tokens.isEmpty()) {
            return new Mutated("text: no tokens", in.getBytes(StandardCharsets.UTF_8));
        }
        int[] t = tokens.get(rng.nextInt(tokens.size()));
        String token = in.substring(t[0], t[1]);
        String replacement;
        String what;
        switch (rng.nextInt(6)) {
            case 0, 1 -> {
                replacement = NUMBERS.get(rng.nextInt(NUMBERS.size()));
                what = "number";
            }
            case 2, 3 -> {
                replacement = VALUES.get(rng.nextInt(VALUES.size()));
                what = "value";
            }
            case 4 -> {
                replacement = rng.nextBoolean() ? "" : token + token;
                what = replacement.isEmpty() ? "delete" : "repeat";
            }
            default -> {
                int depth = 1000 + rng.nextInt(20000);
                replacement = "[".repeat(depth) + "]".repeat(depth);
                what = "nest " + depth;
            }
        }
        String out = in.substring(0, t[0]) + replacement + in.substring(t[1]);
        return new Mutated("token " + abbreviate(token) + " -> " + what + " " + abbreviate(replacement),
                out.getBytes(StandardCharsets.UTF_8));
    }

    /** A 1-, 2-, 4- or 8-byte integer field at {@code offset} set to an edge value, in the given byte order. */
    static Mutated integer(byte[] in, int offset, int width, ByteOrder order, Random rng) {
        long value = INTS[rng.nextInt(INTS.length)];
        byte[] out = in.clone();
        if (offset + width > out.length) {
            return new Mutated("int field beyond the end", out);
        }
        ByteBuffer b = ByteBuffer.wrap(out).order(order);
        switch (width) {
            case 1 -> b.put(offset, (byte) value);
            case 2 -> b.putShort(offset, (short) value);
            case 4 -> b.putInt(offset, (int) value);
            default -> b.putLong(offset, value);
        }
        return new Mutated("int" + 8 * width + " at " + offset + " = " + value, out);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static String abbreviate(String s) {
        String one = s.replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r");
        return one.length() <= 40 ? one : one.substring(0, 40) + "...(" + one.length() + ")";
    }

    /** A damaged file: what was done, and its bytes. */
    record Mutated(String description, byte[] bytes) {
    }
}
