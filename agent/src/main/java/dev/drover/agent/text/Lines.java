package dev.drover.agent.text;

import java.util.ArrayList;
import java.util.List;

/** Lines as Python's {@code readlines()} sees them: split after each {@code \n}, terminators kept. */
public final class Lines {
    private Lines() {
    }

    /** The last element lacks a terminator when the text does not end with one; "" has no lines. */
    public static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                out.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            out.add(text.substring(start));
        }
        return out;
    }

    /** Python's {@code line.rstrip('\r\n')}: drops every trailing CR and LF. */
    public static String stripEol(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == '\n' || line.charAt(end - 1) == '\r')) {
            end--;
        }
        return line.substring(0, end);
    }

    public static boolean endsWithEol(String line) {
        return line.endsWith("\n") || line.endsWith("\r");
    }

    public static String join(List<String> lines) {
        StringBuilder out = new StringBuilder();
        for (String l : lines) {
            out.append(l);
        }
        return out.toString();
    }
}
