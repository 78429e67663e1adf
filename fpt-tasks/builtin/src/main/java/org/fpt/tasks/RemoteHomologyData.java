package org.fpt.tasks;

import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fpt.io.JsonFields;

/**
 * TAPE's remote homology data in its JSON form: a JSON array of objects, each with {@code primary} (the
 * amino-acid sequence) and {@code fold_label} (0..1194); other fields are ignored. Residues map to the 25
 * letters of TAPE's IUPAC vocabulary (A-Z without J) as ids 1..25; 0 is padding.
 */
final class RemoteHomologyData {
    static final String LETTERS = "ABCDEFGHIKLMNOPQRSTUVWXYZ";
    static final int VOCAB_SIZE = LETTERS.length() + 1;
    static final int CLASSES = 1195;
    /** What a protein costs besides its residues: the array's header, its list slot, its label. */
    private static final int EXAMPLE_OVERHEAD = 48;

    private RemoteHomologyData() {
    }

    /** What to do with sequences longer than the maximum length. */
    enum LongSequences { DROP, TRUNCATE }

    record Loaded(SequenceSet set, int longer) {
    }

    /**
     * Reads one file: strict JSON (one top-level array, nothing after it), values bounded in length
     * ({@link BoundedReaders}), kept sequences charged to the file's {@link HeapBudget}.
     */
    static Loaded read(Path file, int maxLength, LongSequences policy) {
        List<byte[]> sequences = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        HeapBudget budget = HeapBudget.forFile(file);
        int longer = 0;
        try (Reader text = BoundedReaders.jsonValues(DataFiles.textReader(file)); JsonReader json = new JsonReader(text)) {
            json.setStrictness(Strictness.STRICT);
            if (json.peek() != JsonToken.BEGIN_ARRAY) {
                throw new DataFileException(file, "expected a JSON array of {primary, fold_label} objects, found " + json.peek()
                        + " at " + json.getPath());
            }
            json.beginArray();
            for (int entry = 0; json.hasNext(); entry++) {
                Entry e = entry(json, file, entry);
                if (e.residues().length > maxLength) {
                    longer++;
                    if (policy == LongSequences.DROP) {
                        continue;
                    }
                }
                byte[] kept = e.residues().length > maxLength ? java.util.Arrays.copyOf(e.residues(), maxLength) : e.residues();
                budget.charge(kept.length + EXAMPLE_OVERHEAD, "its first " + (sequences.size() + 1) + " proteins");
                sequences.add(kept);
                labels.add(e.fold());
            }
            json.endArray();
            if (json.peek() != JsonToken.END_DOCUMENT) {
                throw new DataFileException(file, "has more after the top-level array, at " + json.getPath() + " (" + json.peek() + ")");
            }
        } catch (IOException | JsonParseException | IllegalStateException e) {
            throw new DataFileException(file, "is not valid JSON in TAPE's layout: " + JsonFields.gsonMessage(e), e);
        }
        if (sequences.isEmpty()) {
            throw new DataFileException(file, "holds no sequences of at most " + maxLength + " residues");
        }
        return new Loaded(new SequenceSet(file.getFileName().toString(), sequences.toArray(byte[][]::new),
                labels.stream().mapToInt(Integer::intValue).toArray()), longer);
    }

    private record Entry(byte[] residues, int fold) {
    }

    private static Entry entry(JsonReader json, Path file, int entry) throws IOException {
        if (json.peek() != JsonToken.BEGIN_OBJECT) {
            throw new DataFileException(file, "entry " + entry + " (" + json.getPath() + ") is " + json.peek() + ", expected an object");
        }
        String primary = null;
        Integer fold = null;
        json.beginObject();
        while (json.hasNext()) {
            String key = json.nextName();
            if (key.equals("primary")) {
                primary = json.peek() == JsonToken.STRING ? json.nextString() : fail(file, entry, "'primary' must be a string, found " + json.peek());
            } else if (key.equals("fold_label")) {
                fold = json.peek() == JsonToken.NUMBER ? foldLabel(json.nextString(), file, entry)
                        : fail(file, entry, "'fold_label' must be a number, found " + json.peek());
            } else {
                json.skipValue();
            }
        }
        json.endObject();
        if (primary == null || fold == null) {
            throw new DataFileException(file, "entry " + entry + " has no '" + (primary == null ? "primary" : "fold_label") + "'");
        }
        return new Entry(residues(primary, file, entry), fold);
    }

    private static int foldLabel(String number, Path file, int entry) {
        int fold;
        try {
            fold = Integer.parseInt(number);
        } catch (NumberFormatException e) {
            return fail(file, entry, "'fold_label' " + (number.length() <= 40 ? number : number.substring(0, 40) + "...")
                    + " is not an integer");
        }
        if (fold < 0 || fold >= CLASSES) {
            return fail(file, entry, "'fold_label' " + fold + " is outside 0.." + (CLASSES - 1));
        }
        return fold;
    }

    private static byte[] residues(String primary, Path file, int entry) {
        if (primary.isEmpty()) {
            fail(file, entry, "'primary' is empty");
        }
        byte[] ids = new byte[primary.length()];
        for (int i = 0; i < ids.length; i++) {
            int letter = LETTERS.indexOf(primary.charAt(i));
            if (letter < 0) {
                char c = primary.charAt(i);
                fail(file, entry, "'primary' has " + (c > ' ' && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c)) + " at position " + i
                        + ", not one of the 25 amino-acid letters " + LETTERS);
            }
            ids[i] = (byte) (letter + 1);
        }
        return ids;
    }

    private static <T> T fail(Path file, int entry, String detail) {
        throw new DataFileException(file, "entry " + entry + ": " + detail);
    }
}
