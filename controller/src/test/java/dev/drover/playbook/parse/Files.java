package dev.drover.playbook.parse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;

/** Test helpers: write YAML into a temp directory, the module names an agent would report. */
final class Files {
    /** A plausible agent module set; controller-side actions are added by the parsers. */
    static final Set<String> MODULES = Set.of("command", "shell", "raw", "script", "copy", "file", "lineinfile",
            "systemd", "service", "stat", "uri", "wait_for", "get_url", "unarchive", "ping");

    private Files() {
    }

    static Path write(Path dir, String name, String text) {
        try {
            Path file = dir.resolve(name);
            java.nio.file.Files.createDirectories(file.getParent());
            java.nio.file.Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
