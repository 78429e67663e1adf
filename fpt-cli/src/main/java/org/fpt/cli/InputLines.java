package org.fpt.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.fpt.spi.Batch;
import org.fpt.spi.InputSpec;

/**
 * One example per JSON line, in the task's input form (see docs/workflow.md):
 * <pre>
 * {"values": [[0,1,1,0,1], [1,1,0,0,0]]}   values tasks: one row of valueDim numbers per token
 * {"ids": [12, 3, 7]}                       token-id tasks: one id per token
 * </pre>
 * Fewer tokens than the task's length are right-padded (and masked); more are an error.
 */
final class InputLines {
    private InputLines() {
    }

    static Batch parse(String source, int lineNumber, String line, InputSpec input) {
        String where = source + " line " + lineNumber;
        JsonObject json;
        try {
            json = JsonParser.parseString(line).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(where + ": not a JSON object (" + e.getMessage() + ")");
        }
        String key = input.isTokenIds() ? "ids" : "values";
        if (!json.has(key) || !json.get(key).isJsonArray()) {
            throw new IllegalArgumentException(where + ": expected an array '" + key + "' (the task's input is "
                    + (input.isTokenIds() ? "token ids" : "rows of " + input.valueDim() + " values") + ")");
        }
        JsonArray rows = json.getAsJsonArray(key);
        int length = rows.size();
        if (length == 0 || length > input.tokens()) {
            throw new IllegalArgumentException(where + ": '" + key + "' has " + length + " tokens; the task takes 1 to " + input.tokens());
        }
        int[] lengths = {length};
        if (input.isTokenIds()) {
            int[] ids = new int[input.tokens()];
            for (int t = 0; t < length; t++) {
                ids[t] = rows.get(t).getAsInt();
                if (ids[t] < 0 || ids[t] >= input.vocabSize()) {
                    throw new IllegalArgumentException(where + ": id " + ids[t] + " at token " + t + " is outside 0.." + (input.vocabSize() - 1));
                }
            }
            return new Batch(1, input.tokens(), null, ids, lengths, new int[0]);
        }
        float[] values = new float[input.tokens() * input.valueDim()];
        for (int t = 0; t < length; t++) {
            JsonArray row = rows.get(t).getAsJsonArray();
            if (row.size() != input.valueDim()) {
                throw new IllegalArgumentException(where + ": token " + t + " has " + row.size() + " values; the task takes " + input.valueDim());
            }
            for (int d = 0; d < row.size(); d++) {
                values[t * input.valueDim() + d] = row.get(d).getAsFloat();
            }
        }
        return new Batch(1, input.tokens(), values, null, lengths, new int[0]);
    }
}
