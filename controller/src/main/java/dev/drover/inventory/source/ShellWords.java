package dev.drover.inventory.source;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an INI host line into words the way Ansible does ({@code shlex.split(line, comments=True)},
 * POSIX mode): whitespace separates words; single quotes keep everything literally; double quotes
 * let a backslash escape {@code "} and {@code \}; outside quotes a backslash escapes any character;
 * quoted parts join the surrounding word ({@code a="b c"} is one word {@code a=b c}); {@code #}
 * starts a comment even in the middle of a word.
 */
final class ShellWords {

    /** A word and the 1-based column of its first character in the line. */
    record Word(String text, int column) {
    }

    /** Unbalanced quote or a trailing backslash. */
    static final class SyntaxException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int column;

        SyntaxException(String message, int column) {
            super(message);
            this.column = column;
        }

        int column() {
            return column;
        }
    }

    private ShellWords() {
    }

    static List<Word> split(String line) throws SyntaxException {
        List<Word> words = new ArrayList<>();
        StringBuilder word = null;
        int start = 0;
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                if (word != null) {
                    words.add(new Word(word.toString(), start + 1));
                    word = null;
                }
                i++;
                continue;
            }
            if (c == '#') {
                break;
            }
            if (word == null) {
                word = new StringBuilder();
                start = i;
            }
            if (c == '\\') {
                if (i + 1 >= n) {
                    throw new SyntaxException("No escaped character", i + 1);
                }
                word.append(line.charAt(i + 1));
                i += 2;
            } else if (c == '\'' || c == '"') {
                int close = quoted(line, i, word);
                i = close + 1;
            } else {
                word.append(c);
                i++;
            }
        }
        if (word != null) {
            words.add(new Word(word.toString(), start + 1));
        }
        return words;
    }

    /** Appends the quoted part starting at {@code open}; returns the index of the closing quote. */
    private static int quoted(String line, int open, StringBuilder word) throws SyntaxException {
        char q = line.charAt(open);
        int i = open + 1;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == q) {
                return i;
            }
            if (q == '"' && c == '\\' && i + 1 < line.length()
                    && (line.charAt(i + 1) == '"' || line.charAt(i + 1) == '\\')) {
                word.append(line.charAt(i + 1));
                i += 2;
                continue;
            }
            word.append(c);
            i++;
        }
        throw new SyntaxException("No closing quotation", open + 1);
    }
}
