package dev.drover.agent.modules.archive;

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

    static boolean hasMagic(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
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
                if (!hasMagic(part)) {
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
                Pattern re = translate(part);
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
        return translate(pattern).matcher(name).matches();
    }

    /** fnmatch.translate: * any run, ? one char, [seq], [!seq]; everything else literal. */
    static Pattern translate(String glob) {
        StringBuilder re = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i++);
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else if (c == '[') {
                int j = i;
                if (j < glob.length() && glob.charAt(j) == '!') {
                    j++;
                }
                if (j < glob.length() && glob.charAt(j) == ']') {
                    j++;
                }
                while (j < glob.length() && glob.charAt(j) != ']') {
                    j++;
                }
                if (j >= glob.length()) {
                    re.append("\\[");
                } else {
                    String body = glob.substring(i, j).replace("\\", "\\\\").replace("[", "\\[").replace("&&", "&\\&");
                    re.append('[').append(body.startsWith("!") ? "^" + body.substring(1) : body.startsWith("^") ? "\\" + body : body).append(']');
                    i = j + 1;
                }
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    private static String join(String base, String part) {
        return base.isEmpty() ? part : base.endsWith("/") ? base + part : base + "/" + part;
    }
}
