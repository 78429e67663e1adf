package org.fpt.tasks;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ListOps in LRA's TSV layout ({@code basic_train.tsv}, {@code basic_val.tsv}, {@code basic_test.tsv}:
 * header {@code Source\tTarget}, one expression and its value per row), with a fixed tokenisation:
 * whitespace-separated tokens, the parentheses dropped (they only mirror LRA's nesting of tuples) and the
 * closing bracket {@code ]} kept. LRA's own pipeline split on non-alphanumerics and so lost every
 * {@code ]}, which leaves the expression ambiguous.
 */
final class ListOpsData {
    static final String HEADER = "Source\tTarget";
    static final String[] SPLITS = {"train", "val", "test"};
    static final int CLASSES = 10;
    /** Id 0 is padding; digits, the closing bracket, then every operator LRA's generator knows. */
    static final List<String> VOCABULARY = List.of("<pad>", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9",
            "]", "[MIN", "[MAX", "[MED", "[SM", "[FIRST", "[LAST");
    private static final Map<String, Integer> IDS = ids();
    /** What an example costs besides its tokens: the array's header, its list slot, its label. */
    private static final int EXAMPLE_OVERHEAD = 48;

    private ListOpsData() {
    }

    static Path file(Path dir, String split) {
        return dir.resolve("basic_" + split + ".tsv");
    }

    /**
     * Generates {@code sizes[0..2]} examples into the train, val and test TSVs, in that order, streaming
     * each to a temporary file that is renamed into place only when all three are complete.
     */
    static void generate(Path dir, ListOpsGenerator generator, int[] sizes) {
        Path[] tmp = new Path[SPLITS.length];
        BufferedWriter[] out = new BufferedWriter[SPLITS.length];
        try {
            for (int s = 0; s < SPLITS.length; s++) {
                tmp[s] = file(dir, SPLITS[s]).resolveSibling("basic_" + SPLITS[s] + ".tsv.tmp");
                out[s] = Files.newBufferedWriter(tmp[s], StandardCharsets.UTF_8);
                out[s].write(HEADER + "\n");
            }
            int[] written = {0};
            generator.generate(sizes[0] + sizes[1] + sizes[2], example -> {
                int n = written[0]++;
                int split = n < sizes[0] ? 0 : n < sizes[0] + sizes[1] ? 1 : 2;
                try {
                    out[split].write(example.source() + "\t" + example.label() + "\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            for (int s = 0; s < SPLITS.length; s++) {
                out[s].close();
            }
            for (int s = 0; s < SPLITS.length; s++) {
                Files.move(tmp[s], file(dir, SPLITS[s]), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalStateException("Cannot write ListOps data to " + dir + ": " + e.getMessage(), e);
        } finally {
            for (int s = 0; s < SPLITS.length; s++) {
                closeQuietly(out[s]);
                deleteQuietly(tmp[s]);
            }
        }
    }

    private static void closeQuietly(BufferedWriter writer) {
        try {
            if (writer != null) {
                writer.close();
            }
        } catch (IOException e) {
            // already reported, or the file was complete
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // a leftover .tmp file is harmless
        }
    }

    /**
     * Reads one TSV; sequences longer than {@code maxLength} tokens are cut there, as LRA's pipeline does.
     * Lines are bounded ({@link BoundedReaders}) and the kept examples charged to the file's {@link HeapBudget}.
     */
    static SequenceSet read(Path file, int maxLength) {
        List<byte[]> sequences = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        HeapBudget budget = HeapBudget.forFile(file);
        try (BufferedReader in = new BufferedReader(BoundedReaders.lines(DataFiles.textReader(file)))) {
            String header = in.readLine();
            if (header == null) {
                throw new DataFileException(file, "is empty; expected the header line '" + HEADER.replace("\t", "\\t") + "'");
            }
            if (!strip(header).equals(HEADER)) {
                throw new DataFileException(file, "line 1: expected the header '" + HEADER.replace("\t", "\\t")
                        + "', found '" + abbreviate(strip(header)).replace("\t", "\\t") + "'");
            }
            int lineNumber = 1;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNumber++;
                line = strip(line);
                if (line.isEmpty()) {
                    continue;
                }
                String[] fields = line.split("\t", -1);
                if (fields.length != 2) {
                    throw new DataFileException(file, "line " + lineNumber + ": expected 2 tab-separated fields (Source, Target), found " + fields.length);
                }
                byte[] sequence = tokenize(fields[0], file, lineNumber, maxLength);
                budget.charge(sequence.length + EXAMPLE_OVERHEAD, "its first " + (sequences.size() + 1) + " examples");
                sequences.add(sequence);
                labels.add(label(fields[1], file, lineNumber));
            }
        } catch (IOException e) {
            throw DataFiles.unreadable(file, e);
        }
        if (sequences.isEmpty()) {
            throw new DataFileException(file, "has a header but no examples");
        }
        return new SequenceSet(file.getFileName().toString(), sequences.toArray(byte[][]::new),
                labels.stream().mapToInt(Integer::intValue).toArray());
    }

    private static byte[] tokenize(String source, Path file, int line, int maxLength) {
        String[] tokens = source.trim().split("\\s+");
        byte[] ids = new byte[tokens.length];
        int n = 0;
        for (String token : tokens) {
            if (token.equals("(") || token.equals(")") || token.isEmpty()) {
                continue;
            }
            Integer id = IDS.get(token);
            if (id == null) {
                throw new DataFileException(file, "line " + line + ": unknown token '" + abbreviate(token) + "'; expected one of "
                        + String.join(" ", VOCABULARY.subList(1, VOCABULARY.size())) + " ( )");
            }
            if (n < maxLength) {
                ids[n++] = (byte) (int) id;
            }
        }
        if (n == 0) {
            throw new DataFileException(file, "line " + line + ": the Source expression has no tokens");
        }
        return java.util.Arrays.copyOf(ids, n);
    }

    /** One ASCII digit, as LRA writes it: not {@code +1}, {@code 01}, or another script's digit, which Integer.parseInt takes. */
    private static int label(String text, Path file, int line) {
        String label = text.strip();
        if (label.length() == 1 && label.charAt(0) >= '0' && label.charAt(0) <= '9') {
            return label.charAt(0) - '0';
        }
        throw new DataFileException(file, "line " + line + ": Target '" + abbreviate(text) + "' is not a class 0..9 (one ASCII digit)");
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "... (" + text.length() + " characters)";
    }

    /** Python's csv writer ends lines with CRLF; a UTF-8 BOM may start the file. */
    private static String strip(String line) {
        String s = line.startsWith("\uFEFF") ? line.substring(1) : line;
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    private static Map<String, Integer> ids() {
        Map<String, Integer> ids = new java.util.HashMap<>();
        for (int i = 1; i < VOCABULARY.size(); i++) {
            ids.put(VOCABULARY.get(i), i);
        }
        return Map.copyOf(ids);
    }
}
