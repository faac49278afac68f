package dev.drover.agent.modules.command;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code stdout_lines}/{@code stderr_lines} as Ansible computes them: Python's
 * {@code str.splitlines()}, which breaks at \n, \r, \r\n and the other Unicode line boundaries and
 * yields no trailing empty line.
 */
public final class TextLines {
    private TextLines() {
    }

    public static List<String> split(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (isBreak(c)) {
                lines.add(text.substring(start, i));
                i += c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n' ? 2 : 1;
                start = i;
            } else {
                i++;
            }
        }
        if (start < n) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    /** Ansible's strip_empty_ends: Python's {@code rstrip("\r\n")}. */
    static String stripEnds(String text) {
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return text.substring(0, end);
    }

    private static boolean isBreak(char c) {
        switch (c) {
            case '\n': case '\r': case '\u000b': case '\u000c': case '\u001c': case '\u001d': case '\u001e':
            case '\u0085': case '\u2028': case '\u2029':
                return true;
            default:
                return false;
        }
    }
}
