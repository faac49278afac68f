package dev.drover.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Python's {@code textwrap.wrap(text, width)} with its defaults, as Ansible's Display wraps warnings:
 * every whitespace character counts as a space, lines break between words and hold at most
 * {@code width} characters, a word longer than a line is cut, and no line starts or ends with a
 * space. (Python also breaks after hyphens inside words; drover breaks only at whitespace.)
 */
final class TextWrap {
    private TextWrap() {
    }

    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            if (line.length() > 0 && line.length() + 1 + word.length() <= width) {
                line.append(' ').append(word);
                continue;
            }
            if (line.length() > 0) {
                lines.add(line.toString());
                line.setLength(0);
            }
            while (word.length() > width) {
                lines.add(word.substring(0, width));
                word = word.substring(width);
            }
            line.append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }
}
