package dev.drover.template;

import com.hubspot.jinjava.el.ext.NamedParameter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Python's string algorithms where Java's differ: split, strip, title, replace with a count, format. */
final class PyStrings {
    private PyStrings() {
    }

    /** {@code str.split} / {@code str.rsplit}: a null separator splits on runs of whitespace. */
    static List<String> split(String s, String sep, int maxsplit, boolean fromRight) {
        if (sep != null && sep.isEmpty()) {
            throw new TemplateFailure("empty separator");
        }
        return sep == null ? splitWhitespace(s, maxsplit, fromRight) : splitOn(s, sep, maxsplit, fromRight);
    }

    private static List<String> splitOn(String s, String sep, int maxsplit, boolean fromRight) {
        List<String> out = new ArrayList<>();
        if (!fromRight) {
            int start = 0;
            int at;
            while ((maxsplit < 0 || out.size() < maxsplit) && (at = s.indexOf(sep, start)) >= 0) {
                out.add(s.substring(start, at));
                start = at + sep.length();
            }
            out.add(s.substring(start));
            return out;
        }
        int end = s.length();
        int at;
        while ((maxsplit < 0 || out.size() < maxsplit) && (at = s.lastIndexOf(sep, end - sep.length())) >= 0) {
            out.add(s.substring(at + sep.length(), end));
            end = at;
        }
        out.add(s.substring(0, end));
        Collections.reverse(out);
        return out;
    }

    private static List<String> splitWhitespace(String s, int maxsplit, boolean fromRight) {
        List<String> out = new ArrayList<>();
        if (fromRight) {
            String reversed = new StringBuilder(s).reverse().toString();
            for (String part : splitWhitespace(reversed, maxsplit, false)) {
                out.add(0, new StringBuilder(part).reverse().toString());
            }
            return out;
        }
        int i = 0;
        int n = s.length();
        while (true) {
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return out;
            }
            if (maxsplit >= 0 && out.size() == maxsplit) {
                out.add(strip(s.substring(i), null, false, true));
                return out;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            out.add(s.substring(start, i));
        }
    }

    /** {@code str.splitlines()}: splits on \n, \r\n and \r, no empty last line. */
    static List<String> splitlines(String s) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r') {
                out.add(s.substring(start, i));
                if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < s.length()) {
            out.add(s.substring(start));
        }
        return out;
    }

    /** {@code str.strip(chars)}: null chars means whitespace. */
    static String strip(String s, String chars, boolean left, boolean right) {
        int start = 0;
        int end = s.length();
        while (left && start < end && stripped(s.charAt(start), chars)) {
            start++;
        }
        while (right && end > start && stripped(s.charAt(end - 1), chars)) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean stripped(char c, String chars) {
        return chars == null ? Character.isWhitespace(c) : chars.indexOf(c) >= 0;
    }

    /** {@code str.title()}: a letter after a non-letter is upper case, every other letter lower case. */
    static String title(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean previousIsLetter = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(previousIsLetter ? Character.toLowerCase(c) : Character.toUpperCase(c));
            previousIsLetter = Character.isLetter(c);
        }
        return out.toString();
    }

    /** {@code str.capitalize()}: first character upper case, the rest lower case. */
    static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1).toLowerCase();
    }

    /** {@code str.replace(old, new, count)}; a negative count replaces all. */
    static String replace(String s, String old, String replacement, int count) {
        if (count < 0) {
            return s.replace(old, replacement);
        }
        StringBuilder out = new StringBuilder();
        int start = 0;
        int done = 0;
        int at;
        while (done < count && (at = s.indexOf(old, start)) >= 0) {
            out.append(s, start, at).append(replacement);
            start = at + old.length();
            done++;
            if (old.isEmpty()) {
                if (start < s.length()) {
                    out.append(s.charAt(start));
                }
                start++;
            }
        }
        if (start < s.length()) {
            out.append(s, start, s.length());
        }
        return out.toString();
    }

    /** {@code str.count(sub)}: non-overlapping occurrences. */
    static int count(String s, String sub) {
        if (sub.isEmpty()) {
            return s.length() + 1;
        }
        int n = 0;
        for (int at = s.indexOf(sub); at >= 0; at = s.indexOf(sub, at + sub.length())) {
            n++;
        }
        return n;
    }

    /** {@code str.zfill(width)}: zeros after any sign up to the width. */
    static String zfill(String s, int width) {
        if (s.length() >= width) {
            return s;
        }
        boolean signed = !s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+');
        String zeros = "0".repeat(width - s.length());
        return signed ? s.charAt(0) + zeros + s.substring(1) : zeros + s;
    }

    /** {@code str.format(...)} with {@code {}}, {@code {0}} and {@code {name}} fields, no format specs. */
    static String format(String template, Object[] params, Evaluation eval) {
        List<Object> positional = new ArrayList<>();
        Map<String, Object> named = new HashMap<>();
        for (Object p : params) {
            if (p instanceof NamedParameter np) {
                named.put(np.getName(), np.getValue());
            } else {
                positional.add(p);
            }
        }
        StringBuilder out = new StringBuilder();
        int auto = 0;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if ((c == '{' || c == '}') && i + 1 < template.length() && template.charAt(i + 1) == c) {
                out.append(c);
                i++;
            } else if (c == '{') {
                int close = template.indexOf('}', i);
                if (close < 0) {
                    throw new TemplateFailure("Single '{' encountered in format string");
                }
                String field = template.substring(i + 1, close);
                Object value;
                if (field.isEmpty()) {
                    value = positionalField(positional, auto++);
                } else if (field.chars().allMatch(Character::isDigit)) {
                    value = positionalField(positional, Integer.parseInt(field));
                } else if (named.containsKey(field)) {
                    value = named.get(field);
                } else {
                    throw new TemplateFailure("format field {" + field + "} is not supported or not given;"
                            + " use {}, {0} or {name} without format specifications");
                }
                out.append(PyValues.str(value, eval));
                i = close;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static Object positionalField(List<Object> positional, int index) {
        if (index >= positional.size()) {
            throw new TemplateFailure("Replacement index " + index + " out of range for positional args tuple");
        }
        return positional.get(index);
    }
}
