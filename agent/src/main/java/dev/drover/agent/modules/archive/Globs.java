package dev.drover.agent.modules.archive;

import dev.drover.protocol.text.Fnmatch;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Python's {@code glob.glob} and {@code fnmatch.fnmatch}, as the archive modules use them: glob
 * matches path segment by segment ({@code *} never crosses {@code /}, and a leading dot must be
 * matched explicitly); fnmatch matches a whole string and its {@code *} does cross {@code /}.
 */
final class Globs {
    private Globs() {
    }

    /** Existing paths matching {@code pattern}, sorted. */
    static List<String> expand(String pattern) throws IOException {
        List<String> current = new ArrayList<>();
        String[] parts = pattern.split("/", -1);
        current.add(pattern.startsWith("/") ? "/" : "");
        for (int i = pattern.startsWith("/") ? 1 : 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.isEmpty()) {
                continue;
            }
            List<String> next = new ArrayList<>();
            for (String base : current) {
                if (!Fnmatch.hasMagic(part)) {
                    String p = join(base, part);
                    if (Files.exists(Paths.get(p.isEmpty() ? "." : p), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        next.add(p);
                    }
                    continue;
                }
                Path dir = Paths.get(base.isEmpty() ? "." : base);
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                Pattern re = Fnmatch.translate(part);
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                    for (Path entry : entries) {
                        String fn = entry.getFileName().toString();
                        if (fn.startsWith(".") && !part.startsWith(".")) {
                            continue;
                        }
                        if (re.matcher(fn).matches()) {
                            next.add(join(base, fn));
                        }
                    }
                }
            }
            current = next;
        }
        Collections.sort(current);
        return current;
    }

    static boolean fnmatch(String name, String pattern) {
        return Fnmatch.matches(name, pattern);
    }


    private static String join(String base, String part) {
        return base.isEmpty() ? part : base.endsWith("/") ? base + part : base + "/" + part;
    }
}
