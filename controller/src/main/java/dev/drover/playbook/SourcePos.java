package dev.drover.playbook;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a node was written: file, 1-based line, 1-based column (the first character of the key or
 * value the user has to look at). Printed as {@code file:line:column}, the form editors and
 * terminals turn into a link.
 */
public record SourcePos(Path file, int line, int column) {

    public SourcePos {
        Objects.requireNonNull(file, "file");
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column are 1-based: " + line + ":" + column);
        }
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
