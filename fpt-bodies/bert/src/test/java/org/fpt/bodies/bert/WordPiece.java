package org.fpt.bodies.bert;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * BERT's greedy longest-match WordPiece over a real vocabulary, enough to turn plain
 * lower-case sentences (words and ASCII punctuation) into real token ids for the parity tests.
 */
final class WordPiece {
    /** Upper case cannot occur after lower-casing, so it marks where [MASK] was. */
    private static final String MASK = "MASK";
    private final Map<String, Integer> vocab = new HashMap<>();

    private WordPiece() {
    }

    /** The vocabulary of a HF {@code tokenizer.json} ({@code model.vocab}). */
    static WordPiece fromTokenizerJson(InputStream tokenizerJson) throws IOException {
        WordPiece wp = new WordPiece();
        try (InputStreamReader reader = new InputStreamReader(tokenizerJson, StandardCharsets.UTF_8)) {
            JsonObject v = JsonParser.parseReader(reader).getAsJsonObject().getAsJsonObject("model").getAsJsonObject("vocab");
            v.entrySet().forEach(e -> wp.vocab.put(e.getKey(), e.getValue().getAsInt()));
        }
        return wp;
    }

    /** Google's {@code vocab.txt}: one token a line, id = line number. */
    static WordPiece fromLines(List<String> tokens) {
        WordPiece wp = new WordPiece();
        for (int i = 0; i < tokens.size(); i++) {
            wp.vocab.put(tokens.get(i).strip(), i);
        }
        return wp;
    }

    int id(String token) {
        Integer id = vocab.get(token);
        if (id == null) {
            throw new IllegalArgumentException("No token " + token + " in the vocabulary");
        }
        return id;
    }

    /** {@code [CLS] pieces... [SEP]}; {@code [MASK]} stays one token. */
    int[] encode(String sentence) {
        List<Integer> ids = new ArrayList<>();
        ids.add(id("[CLS]"));
        String text = sentence.toLowerCase(Locale.ROOT).replace("[mask]", " " + MASK + " ").replaceAll("(\\p{Punct})", " $1 ");
        for (String word : text.trim().split("\\s+")) {
            if (word.equals(MASK)) {
                ids.add(id("[MASK]"));
                continue;
            }
            int start = 0;
            while (start < word.length()) {
                int end = word.length();
                Integer piece = null;
                while (end > start) {
                    piece = vocab.get((start > 0 ? "##" : "") + word.substring(start, end));
                    if (piece != null) {
                        break;
                    }
                    end--;
                }
                if (piece == null) {
                    ids.add(id("[UNK]"));
                    break;
                }
                ids.add(piece);
                start = end;
            }
        }
        ids.add(id("[SEP]"));
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }
}
