package org.fpt.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Opening a file the user named, safely: it must be a regular file (a FIFO would block the read forever, a
 * device would never end), and a text file is read whole only up to a size limit and only as valid UTF-8.
 * Errors go through the caller's {@code error}, which adds the file and the reader's own wording.
 */
public final class InputFiles {
    private InputFiles() {
    }

    /** Fails unless {@code file} is a regular file (following links). */
    public static void requireRegularFile(Path file, Function<String, RuntimeException> error) {
        if (Files.isRegularFile(file)) {
            return;
        }
        throw error.apply(!Files.exists(file) ? "does not exist"
                : Files.isDirectory(file) ? "is a directory, not a file"
                : "is not a regular file (a FIFO, socket or device would block or never end)");
    }

    /** The whole file as UTF-8 text; at most {@code maxBytes} bytes. */
    public static String readString(Path file, long maxBytes, Function<String, RuntimeException> error) {
        requireRegularFile(file, error);
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                throw error.apply("is " + size + " bytes; a file of this kind is at most " + maxBytes);
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw error.apply("cannot be read (" + e.getMessage() + ")");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw error.apply("is not valid UTF-8 text");
        }
    }
}
