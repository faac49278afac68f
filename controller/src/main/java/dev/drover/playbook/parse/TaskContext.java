package dev.drover.playbook.parse;

import dev.drover.playbook.SourcePos;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a task list is being read: the file (relative names resolve against its directory), the
 * chain of files imported to get here (to report cycles), and whether these are handlers (only
 * handlers may {@code listen}).
 *
 * @param file     as the user or the importing file named it; positions print this form
 * @param chain    absolute, normalized files from the playbook down to {@code file}
 * @param handlers true inside a play's {@code handlers:}
 */
record TaskContext(Path file, List<Path> chain, boolean handlers) {

    TaskContext {
        chain = List.copyOf(chain);
    }

    static TaskContext root(Path file, boolean handlers) {
        return new TaskContext(file, List.of(canonical(file)), handlers);
    }

    static Path canonical(Path file) {
        return file.toAbsolutePath().normalize();
    }

    /** The directory relative names resolve against, in the same (relative or absolute) form as {@link #file}. */
    Path dir() {
        Path parent = file.getParent();
        return parent == null ? Path.of("") : parent;
    }

    /** The context for a file imported from this one. */
    TaskContext enter(Path imported) {
        List<Path> next = new ArrayList<>(chain);
        next.add(canonical(imported));
        return new TaskContext(imported, next, handlers);
    }

    boolean onChain(Path candidate) {
        return chain.contains(canonical(candidate));
    }

    SourcePos start() {
        return new SourcePos(file, 1, 1);
    }
}
