package dev.drover.template;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A Python {@code re} pattern compiled for Java. Python's syntax differs in a few places playbooks use:
 * named groups ({@code (?P<name>...)}, names with underscores), back references {@code (?P=name)},
 * {@code \Z}, a literal <code>&#123;</code> that is not a repetition, and replacement templates
 * ({@code \1}, {@code \g<name>}). Word, digit and space classes match Unicode, as Python 3's do.
 *
 * <p>Compiled patterns are cached; the cache is safe for concurrent use and bounded.
 */
record PyRegex(Pattern pattern, Map<String, String> groupNames) {
    private static final int CACHE_LIMIT = 512;
    private static final Map<String, PyRegex> CACHE = new ConcurrentHashMap<>();
    private static final Pattern REPETITION = Pattern.compile("\\{\\d*(,\\d*)?}");

    static PyRegex compile(String python, boolean ignoreCase, boolean multiline) {
        String key = (ignoreCase ? "i" : "-") + (multiline ? "m" : "-") + python;
        PyRegex cached = CACHE.get(key);
        if (cached != null) {
            return cached;
        }
        PyRegex compiled = translate(python, ignoreCase, multiline);
        if (CACHE.size() >= CACHE_LIMIT) {
            CACHE.clear();
        }
        CACHE.put(key, compiled);
        return compiled;
    }

    private static PyRegex translate(String python, boolean ignoreCase, boolean multiline) {
        StringBuilder java = new StringBuilder(python.length() + 8);
        Map<String, String> names = new HashMap<>();
        boolean inClass = false;
        for (int i = 0; i < python.length(); i++) {
            char c = python.charAt(i);
            if (c == '\\' && i + 1 < python.length()) {
                char next = python.charAt(i + 1);
                java.append(next == 'Z' ? "\\z" : "\\" + next);
                i++;
            } else if (inClass) {
                // Inside a class Python reads '[' literally; Java would start a nested class.
                inClass = c != ']';
                java.append(c == '[' ? "\\[" : String.valueOf(c));
            } else if (c == '[') {
                inClass = true;
                java.append(c);
                // A ']' right after '[' or '[^' is a literal member in both dialects.
                if (i + 1 < python.length() && python.charAt(i + 1) == '^') {
                    java.append('^');
                    i++;
                }
                if (i + 1 < python.length() && python.charAt(i + 1) == ']') {
                    java.append("\\]");
                    i++;
                }
            } else if (python.startsWith("(?P<", i)) {
                int close = python.indexOf('>', i);
                if (close < 0) {
                    throw bad(python, "unterminated group name");
                }
                String name = python.substring(i + 4, close);
                String javaName = "g" + (names.size() + 1) + "x";
                names.put(name, javaName);
                java.append("(?<").append(javaName).append('>');
                i = close;
            } else if (python.startsWith("(?P=", i)) {
                int close = python.indexOf(')', i);
                String name = close < 0 ? "" : python.substring(i + 4, close);
                if (!names.containsKey(name)) {
                    throw bad(python, "unknown group name '" + name + "'");
                }
                java.append("\\k<").append(names.get(name)).append('>');
                i = close;
            } else if (c == '{' && !REPETITION.matcher(python).region(i, python.length()).lookingAt()) {
                java.append("\\{");
            } else {
                java.append(c);
            }
        }
        int flags = Pattern.UNICODE_CHARACTER_CLASS | (ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0)
                | (multiline ? Pattern.MULTILINE : 0);
        try {
            return new PyRegex(Pattern.compile(java.toString(), flags), Map.copyOf(names));
        } catch (PatternSyntaxException e) {
            throw bad(python, e.getDescription());
        }
    }

    private static TemplateFailure bad(String python, String why) {
        return new TemplateFailure("invalid regular expression '" + python + "': " + why);
    }

    /** A group by Python reference: a number or a name. */
    String group(Matcher m, String reference) {
        String value;
        if (reference.chars().allMatch(Character::isDigit)) {
            int n = Integer.parseInt(reference);
            if (n > m.groupCount()) {
                throw new TemplateFailure("invalid group reference " + n);
            }
            value = m.group(n);
        } else {
            String javaName = groupNames.get(reference);
            if (javaName == null) {
                throw new TemplateFailure("unknown group name '" + reference + "'");
            }
            value = m.group(javaName);
        }
        return value;
    }

    /** Python's {@code re.sub} template expanded for one match; unmatched groups are empty. */
    String expand(Matcher m, String template) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c != '\\' || i + 1 == template.length()) {
                out.append(c);
                continue;
            }
            char next = template.charAt(++i);
            if (Character.isDigit(next)) {
                int end = i + 1;
                if (end < template.length() && Character.isDigit(template.charAt(end))) {
                    end++;
                }
                String g = group(m, template.substring(i, end));
                out.append(g == null ? "" : g);
                i = end - 1;
            } else if (next == 'g' && i + 1 < template.length() && template.charAt(i + 1) == '<') {
                int close = template.indexOf('>', i);
                if (close < 0) {
                    throw new TemplateFailure("missing >, unterminated name in replacement '" + template + "'");
                }
                String g = group(m, template.substring(i + 2, close));
                out.append(g == null ? "" : g);
                i = close;
            } else {
                out.append(switch (next) {
                    case '\\' -> "\\";
                    case 'n' -> "\n";
                    case 't' -> "\t";
                    case 'r' -> "\r";
                    case 'f' -> "\f";
                    case 'v' -> "\u000b";
                    case 'a' -> "\u0007";
                    case 'b' -> "\b";
                    default -> throw new TemplateFailure("bad escape \\" + next + " in replacement '" + template + "'");
                });
            }
        }
        return out.toString();
    }
}
