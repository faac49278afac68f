package dev.drover.agent.modules.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading the small text files facts come from ({@code /proc}, {@code /etc}); a missing one is empty. */
final class FactFiles {
    private FactFiles() {
    }

    /** The file's first line, trimmed, or {@code fallback} when it cannot be read. */
    static String firstLine(String path, String fallback) {
        List<String> lines = lines(path);
        return lines.isEmpty() || lines.get(0).trim().isEmpty() ? fallback : lines.get(0).trim();
    }

    static List<String> lines(String path) {
        Path p = Paths.get(path);
        try {
            return Files.readAllLines(p, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return Collections.emptyList();
        }
    }

    /** {@code KEY=value} lines with optional shell quotes, as in /etc/os-release. */
    static Map<String, String> shellVariables(String path) {
        Map<String, String> vars = new LinkedHashMap<>();
        for (String line : lines(path)) {
            int eq = line.indexOf('=');
            if (eq <= 0 || line.trim().startsWith("#")) {
                continue;
            }
            String value = line.substring(eq + 1).trim();
            if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')
                    && value.charAt(value.length() - 1) == value.charAt(0)) {
                value = value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\$", "$").replace("\\\\", "\\");
            }
            vars.put(line.substring(0, eq).trim(), value);
        }
        return vars;
    }

    /** {@code Key:   1234 kB} lines, as in /proc/meminfo, to the number before the unit. */
    static Map<String, Long> colonNumbers(String path) {
        Map<String, Long> values = new LinkedHashMap<>();
        for (String line : lines(path)) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String[] words = line.substring(colon + 1).trim().split("\\s+");
            try {
                values.put(line.substring(0, colon).trim(), Long.parseLong(words[0]));
            } catch (NumberFormatException notNumeric) {
                // Lines such as "Uid: 0 0 0 0" keep only their first number; others are skipped.
            }
        }
        return values;
    }
}
