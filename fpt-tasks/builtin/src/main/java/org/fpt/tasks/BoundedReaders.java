package org.fpt.tasks;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Readers that refuse text with an unbroken run longer than a limit, before it is buffered whole: a line
 * of a TSV, or a string or number of a JSON document (Gson holds each value in memory at once). Without the
 * limit, one 600 MB line in a small gzip file would run the JVM out of memory.
 */
final class BoundedReaders {
    /** Far above any real line or value (LRA ListOps lines are at most ~10 KB; proteins at most ~40 k residues). */
    static final int MAX_RUN = 1 << 20;

    private BoundedReaders() {
    }

    /** Fails when a line (up to {@code \n}) is longer than {@link #MAX_RUN} characters. */
    static Reader lines(Reader in) {
        return new Bounded(in, "line") {
            @Override
            boolean endsRun(char c) {
                return c == '\n';
            }
        };
    }

    /** Fails when a JSON string, number or literal is longer than {@link #MAX_RUN} characters. */
    static Reader jsonValues(Reader in) {
        return new Bounded(in, "JSON value") {
            private boolean inString;
            private boolean escaped;

            @Override
            boolean endsRun(char c) {
                if (inString) {
                    if (escaped) {
                        escaped = false;
                    } else if (c == '\\') {
                        escaped = true;
                    } else if (c == '"') {
                        inString = false;
                        return true;
                    }
                    return false;
                }
                if (c == '"') {
                    inString = true;
                    return true;
                }
                return "{}[]:, \t\r\n".indexOf(c) >= 0;
            }
        };
    }

    private abstract static class Bounded extends FilterReader {
        private final String what;
        private long run;
        private long position;

        Bounded(Reader in, String what) {
            super(in);
            this.what = what;
        }

        abstract boolean endsRun(char c);

        @Override
        public int read() throws IOException {
            char[] one = new char[1];
            return read(one, 0, 1) < 0 ? -1 : one[0];
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            for (int i = offset; i < offset + Math.max(n, 0); i++) {
                run = endsRun(buffer[i]) ? 0 : run + 1;
                position++;
                if (run > MAX_RUN) {
                    throw new IOException("a " + what + " longer than " + MAX_RUN + " characters, at character " + position);
                }
            }
            return n;
        }
    }
}
