package dev.drover.protocol.text;

import java.util.regex.Pattern;

/**
 * Python's {@code fnmatch}: the shell-style patterns Ansible uses for {@code creates}, archive
 * exclusions, fact filters and inventory host patterns. {@code *} matches any run (also across
 * {@code /}), {@code ?} one character, {@code [seq]} / {@code [!seq]} a set; an unclosed {@code [}
 * is literal; everything else is literal. One implementation for the agent's modules and the
 * controller's host patterns, so the same pattern means the same thing everywhere.
 */
public final class Fnmatch {
    private Fnmatch() {
    }

    public static boolean matches(String name, String pattern) {
        return translate(pattern).matcher(name).matches();
    }

    /** True when {@code s} contains a wildcard ({@code *}, {@code ?} or {@code [}). */
    public static boolean hasMagic(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
    }

    /** {@code fnmatch.translate} as a Java pattern that must match the whole string. */
    public static Pattern translate(String glob) {
        StringBuilder re = new StringBuilder();
        int n = glob.length();
        int i = 0;
        while (i < n) {
            char c = glob.charAt(i++);
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else if (c == '[') {
                int j = i;
                if (j < n && glob.charAt(j) == '!') {
                    j++;
                }
                if (j < n && glob.charAt(j) == ']') {
                    j++;
                }
                while (j < n && glob.charAt(j) != ']') {
                    j++;
                }
                if (j >= n) {
                    re.append("\\[");
                } else {
                    String set = glob.substring(i, j);
                    i = j + 1;
                    re.append('[');
                    if (set.startsWith("!")) {
                        re.append('^');
                        set = set.substring(1);
                    }
                    // Characters special inside a Java class (not in Python's) are escaped, so
                    // "[^a]" is a literal caret or a and "[a&&b]" is no intersection.
                    for (char s : set.toCharArray()) {
                        if (s == '\\' || s == '[' || s == ']' || s == '&' || s == '^') {
                            re.append('\\');
                        }
                        re.append(s);
                    }
                    re.append(']');
                }
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
}
