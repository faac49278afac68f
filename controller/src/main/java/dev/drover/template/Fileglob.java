package dev.drover.template;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * Ansible's {@code fileglob} filter: the regular files on the controller (where filters run) that a
 * pattern matches, as Python's {@code glob.glob}: wildcards ({@code * ? [...]}) in any path
 * component, never across a {@code /}, and a leading dot matched only by a pattern's own leading
 * dot. Python lists in directory order, which is arbitrary; drover sorts by name.
 */
final class Fileglob {
    private Fileglob() {
    }

    static List<String> files(String pattern) {
        if (pattern.isEmpty()) {
            return List.of();
        }
        boolean absolute = pattern.startsWith("/");
        List<String> found = new ArrayList<>();
        List<String> parts = new ArrayList<>(List.of(pattern.split("/+")));
        parts.removeIf(String::isEmpty);
        walk(absolute ? "/" : "", parts, 0, found);
        found.removeIf(f -> !Files.isRegularFile(Path.of(f.isEmpty() ? "." : f)));
        found.sort(null);
        return found;
    }

    private static void walk(String prefix, List<String> parts, int i, List<String> found) {
        if (i == parts.size()) {
            found.add(prefix.endsWith("/") && prefix.length() > 1 ? prefix.substring(0, prefix.length() - 1) : prefix);
            return;
        }
        String part = parts.get(i);
        Path dir = Path.of(prefix.isEmpty() ? "." : prefix);
        if (!part.matches(".*[*?\\[].*")) {
            Path next = dir.resolve(part);
            if (Files.exists(next)) {
                walk(prefix + part + (i + 1 < parts.size() ? "/" : ""), parts, i + 1, found);
            }
            return;
        }
        if (!Files.isDirectory(dir)) {
            return;
        }
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + part.replace("\\", "\\\\").replace("{", "\\{"));
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path e : entries) {
                String name = e.getFileName().toString();
                if (name.startsWith(".") && !part.startsWith(".")) {
                    continue;
                }
                if (m.matches(Path.of(name))) {
                    walk(prefix + name + (i + 1 < parts.size() ? "/" : ""), parts, i + 1, found);
                }
            }
        } catch (IOException e) {
            // Python's glob skips what it cannot list
        }
    }
}
