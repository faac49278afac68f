package dev.drover.agent.modules.command;

import dev.drover.protocol.text.Fnmatch;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Python's {@code glob.glob(pattern)} reduced to the question {@code creates}/{@code removes} ask:
 * does anything match? {@code *}, {@code ?} and {@code [...]} work within one path component;
 * wildcards do not match names starting with a dot unless the pattern component does; a pattern
 * without wildcards matches when the path exists (a dangling symlink counts, like lexists).
 */
final class Glob {
    private Glob() {
    }

    /** @param base the directory a relative pattern is resolved against (the command's chdir) */
    static boolean matchesAny(String pattern, Path base) {
        Path path = base.resolve(pattern);
        if (!Fnmatch.hasMagic(pattern)) {
            return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
        }
        List<Path> current = Collections.singletonList(path.getRoot());
        for (Path part : path) {
            String name = part.toString();
            List<Path> next = new ArrayList<>();
            for (Path dir : current) {
                if (!Fnmatch.hasMagic(name)) {
                    next.add(dir.resolve(name));
                } else {
                    addMatches(dir, name, next);
                }
            }
            current = next;
        }
        for (Path candidate : current) {
            if (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
                return true;
            }
        }
        return false;
    }

    private static void addMatches(Path dir, String name, List<Path> into) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        Pattern regex = Fnmatch.translate(name);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String entryName = entry.getFileName().toString();
                if (entryName.startsWith(".") && !name.startsWith(".")) {
                    continue;
                }
                if (regex.matcher(entryName).matches()) {
                    into.add(entry);
                }
            }
        } catch (IOException e) {
            // An unreadable directory matches nothing, as in Python.
        }
    }


}
