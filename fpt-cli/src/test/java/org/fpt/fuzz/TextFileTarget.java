package org.fpt.fuzz;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A reader of one text file (a config, a spec), seeded with a realistic one; token edits apply. */
abstract class TextFileTarget extends Target {
    private final String fileName;
    private final String content;

    TextFileTarget(String name, String fileName, String content) {
        super(name);
        this.fileName = fileName;
        this.content = content;
    }

    /** Reads the file as the program does. */
    abstract void readFile(Path file) throws Exception;

    @Override
    final List<Path> seed(Path dir) throws Exception {
        return List.of(Files.writeString(dir.resolve(fileName), content));
    }

    @Override
    final void read(Path dir) throws Exception {
        readFile(dir.resolve(fileName));
    }

    @Override
    final boolean textual() {
        return true;
    }
}
