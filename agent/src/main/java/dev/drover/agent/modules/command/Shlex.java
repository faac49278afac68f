package dev.drover.agent.modules.command;

import dev.drover.agent.module.ModuleException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into words exactly as Python's {@code shlex.split(s)} does (POSIX mode, no
 * comments), which is what Ansible's command module uses: whitespace separates words; single quotes
 * keep everything literally; inside double quotes a backslash escapes only {@code "} and
 * {@code \} (before any other character it stays); outside quotes a backslash escapes any
 * character; {@code ''} is an empty word. No variable, glob or tilde expansion happens here.
 */
final class Shlex {
    private Shlex() {
    }

    static List<String> split(String line) throws ModuleException {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int n = line.length();
        int i = 0;
        while (i < n) {
            char c = line.charAt(i++);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                continue;
            }
            inWord = true;
            if (c == '\\') {
                if (i >= n) {
                    throw unsplittable(line, "No escaped character");
                }
                word.append(line.charAt(i++));
            } else if (c == '\'') {
                int close = line.indexOf('\'', i);
                if (close < 0) {
                    throw unsplittable(line, "No closing quotation");
                }
                word.append(line, i, close);
                i = close + 1;
            } else if (c == '"') {
                i = doubleQuoted(line, i, word);
            } else {
                word.append(c);
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** Appends the inside of a double-quoted part starting at {@code i}; returns the index after it. */
    private static int doubleQuoted(String line, int i, StringBuilder word) throws ModuleException {
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i++);
            if (c == '"') {
                return i;
            }
            if (c == '\\' && i < n) {
                char next = line.charAt(i++);
                if (next != '"' && next != '\\') {
                    word.append('\\');
                }
                word.append(next);
            } else {
                word.append(c);
            }
        }
        throw unsplittable(line, "No closing quotation");
    }

    private static ModuleException unsplittable(String line, String reason) {
        return new ModuleException("cannot split the command into words: " + reason + " in: " + line);
    }
}
