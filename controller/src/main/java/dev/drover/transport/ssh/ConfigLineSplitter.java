package dev.drover.transport.ssh;

import dev.drover.transport.TransportException;
import dev.drover.transport.TransportException.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits one {@code ssh_config} line into the keyword and its arguments, as OpenSSH does: the
 * keyword may be followed by whitespace or by {@code =} (with optional whitespace around it);
 * arguments are separated by whitespace; double quotes group an argument containing spaces; an
 * unquoted word starting with {@code #} begins a comment.
 */
final class ConfigLineSplitter {
    private ConfigLineSplitter() {
    }

    /** @return the words of the line, empty for a blank or comment line */
    static List<String> split(String line, SshConfig.Origin origin) throws TransportException {
        List<String> words = new ArrayList<>();
        int i = skipBlanks(line, 0);
        if (i >= line.length() || line.charAt(i) == '#') {
            return words;
        }
        int start = i;
        while (i < line.length() && !isBlank(line.charAt(i)) && line.charAt(i) != '=') {
            i++;
        }
        words.add(line.substring(start, i));
        i = skipBlanks(line, i);
        if (i < line.length() && line.charAt(i) == '=') {
            i = skipBlanks(line, i + 1);
        }
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '#') {
                break;
            }
            if (c == '"') {
                int end = line.indexOf('"', i + 1);
                if (end < 0) {
                    throw new TransportException(Kind.CONFIG, null, origin + ": unterminated quote in '" + line.trim()
                            + "'");
                }
                words.add(line.substring(i + 1, end));
                i = end + 1;
            } else {
                int end = i;
                while (end < line.length() && !isBlank(line.charAt(end))) {
                    end++;
                }
                words.add(line.substring(i, end));
                i = end;
            }
            i = skipBlanks(line, i);
        }
        return words;
    }

    private static int skipBlanks(String s, int i) {
        while (i < s.length() && isBlank(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
