package org.fpt.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.math.BigDecimal;
import org.fpt.io.JsonFields;
import org.fpt.spi.Batch;
import org.fpt.spi.InputSpec;

/**
 * One example per JSON line, in the task's input form (see docs/workflow.md):
 * <pre>
 * {"values": [[0,1,1,0,1], [1,1,0,0,0]]}   values tasks: one row of valueDim numbers per token
 * {"ids": [12, 3, 7]}                       token-id tasks: one id per token
 * </pre>
 * Fewer tokens than the task's length are right-padded (and masked); more are an error. The line is strict
 * JSON, and every value must be a finite float (no NaN, no 1e400) and every id an integer in the vocabulary:
 * anything else is refused naming the line, the token and the position.
 */
final class InputLines {
    private InputLines() {
    }

    static Batch parse(String source, int lineNumber, String line, InputSpec input) {
        String where = source + " line " + lineNumber;
        JsonObject json = JsonFields.parseObject(line, detail -> new IllegalArgumentException(where + ": " + detail));
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
                BigDecimal id = number(rows.get(t), where + ": id at token " + t);
                if (id.stripTrailingZeros().scale() > 0 || id.signum() < 0 || id.compareTo(BigDecimal.valueOf(input.vocabSize())) >= 0) {
                    throw new IllegalArgumentException(where + ": id " + id + " at token " + t + " is not an integer in 0.." + (input.vocabSize() - 1));
                }
                ids[t] = id.intValueExact();
            }
            return new Batch(1, input.tokens(), null, ids, lengths, new int[0]);
        }
        float[] values = new float[input.tokens() * input.valueDim()];
        for (int t = 0; t < length; t++) {
            JsonElement row = rows.get(t);
            if (!row.isJsonArray() || row.getAsJsonArray().size() != input.valueDim()) {
                throw new IllegalArgumentException(where + ": token " + t + " must be an array of " + input.valueDim() + " numbers, found "
                        + (row.isJsonArray() ? row.getAsJsonArray().size() + " values" : row.toString()));
            }
            for (int d = 0; d < input.valueDim(); d++) {
                String at = where + ": value at token " + t + ", position " + d;
                float value = number(row.getAsJsonArray().get(d), at).floatValue();
                if (!Float.isFinite(value)) {
                    throw new IllegalArgumentException(at + " does not fit a float (" + row.getAsJsonArray().get(d) + ")");
                }
                values[t * input.valueDim() + d] = value;
            }
        }
        return new Batch(1, input.tokens(), values, null, lengths, new int[0]);
    }

    private static BigDecimal number(JsonElement e, String what) {
        if (!(e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber())) {
            throw new IllegalArgumentException(what + " must be a number, found " + e);
        }
        return new BigDecimal(e.getAsString());
    }
}
