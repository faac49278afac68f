package dev.drover.python;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How Ansible's INI plugin reads a variable value: Python's {@code ast.literal_eval}, and if that
 * fails, the text itself. So {@code 5} is a number, {@code True} a boolean ({@code true} and
 * {@code yes} stay strings), {@code None} is null, {@code "a b"} and {@code 'a b'} are strings,
 * {@code [1, 2]} a list, {@code {'a': 1}} a map, while {@code 007}, {@code 5.2.7} or
 * {@code hello world} are kept as written. Integers become Integer, Long or BigInteger; floats
 * Double; tuples and sets lists.
 *
 * <p>Not supported (kept as text, where Python would produce a value JSON cannot hold anyway):
 * complex numbers, {@code \N{...}} escapes, non-string-like dictionary keys.
 */
public final class PythonLiteral {
    private static final Pattern HEX = Pattern.compile("0[xX](?:_?[0-9a-fA-F])+");
    private static final Pattern OCT = Pattern.compile("0[oO](?:_?[0-7])+");
    private static final Pattern BIN = Pattern.compile("0[bB](?:_?[01])+");
    private static final String DIGITS = "\\d(?:_?\\d)*";
    private static final Pattern FLOAT = Pattern.compile("(?:(?:" + DIGITS + ")?\\." + DIGITS + "|" + DIGITS + "\\.)"
            + "(?:[eE][+-]?" + DIGITS + ")?|" + DIGITS + "[eE][+-]?" + DIGITS);
    private static final Pattern INT = Pattern.compile("[1-9](?:_?\\d)*|0(?:_?0)*");

    /** Thrown internally when the text is not a Python literal. */
    static final class NotLiteral extends Exception {
        private static final long serialVersionUID = 1L;

        NotLiteral() {
            super(null, null, false, false);
        }
    }

    private final String s;
    private final boolean jsonNames;
    private int pos;

    private PythonLiteral(String s, boolean jsonNames) {
        this.s = s;
        this.jsonNames = jsonNames;
    }

    /**
     * What Ansible's templar turns a rendered text into ({@code ansible_eval_concat}): Python's
     * {@code ast.literal_eval} of the text, the JSON names {@code true}, {@code false} and {@code null}
     * read as {@code True}, {@code False} and {@code None}; empty when the text is no such literal.
     * Unlike {@link #valueOf}, leading blanks are a syntax error, as in {@code ast.parse}.
     */
    public static java.util.Optional<Object> literalEval(String text) {
        PythonLiteral p = new PythonLiteral(text, true);
        try {
            Object v = p.expression();
            p.skipBlank();
            return p.pos == p.s.length() ? java.util.Optional.ofNullable(v).or(() -> java.util.Optional.of(NONE)) : java.util.Optional.empty();
        } catch (NotLiteral | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /** Ansible's Json2Python: the JSON names a rendered template may hold, as Python's. */
    private static final Map<String, String> JSON_NAMES = Map.of("true", "True", "false", "False", "null", "None");

    /** What {@link #literalEval} holds for Python's None (an Optional cannot hold null). */
    public static final Object NONE = new Object() {
        @Override
        public String toString() {
            return "None";
        }
    };

    /** The value {@code text} denotes as a Python literal, or {@code text} unchanged if it is none. */
    public static Object valueOf(String text) {
        int start = 0;
        while (start < text.length() && (text.charAt(start) == ' ' || text.charAt(start) == '\t')) {
            start++;
        }
        PythonLiteral p = new PythonLiteral(text.substring(start), false);
        try {
            Object v = p.expression();
            p.skipBlank();
            if (p.pos != p.s.length()) {
                return text;
            }
            return v;
        } catch (NotLiteral | RuntimeException e) {
            return text;
        }
    }

    private Object expression() throws NotLiteral {
        skipBlank();
        if (pos >= s.length()) {
            throw new NotLiteral();
        }
        char c = s.charAt(pos);
        if (c == '+' || c == '-') {
            pos++;
            skipBlank();
            Object n = number();
            return c == '-' ? negate(n) : n;
        }
        if (c == '[') {
            pos++;
            return Collections.unmodifiableList(sequence(']'));
        }
        if (c == '(') {
            pos++;
            return tupleOrParenthesized();
        }
        if (c == '{') {
            pos++;
            return dictOrSet();
        }
        if (c == '\'' || c == '"' || (Character.isLetter(c) && stringPrefixAhead())) {
            StringBuilder sb = new StringBuilder();
            do {
                sb.append(string());
                skipBlank();
            } while (pos < s.length() && (s.charAt(pos) == '\'' || s.charAt(pos) == '"' || stringPrefixAhead()));
            return sb.toString();
        }
        if (Character.isDigit(c) || c == '.') {
            return number();
        }
        String name = identifier();
        switch (jsonNames ? JSON_NAMES.getOrDefault(name, name) : name) {
            case "True":
                return Boolean.TRUE;
            case "False":
                return Boolean.FALSE;
            case "None":
                return null;
            default:
                throw new NotLiteral();
        }
    }

    private List<Object> sequence(char close) throws NotLiteral {
        List<Object> items = new ArrayList<>();
        while (true) {
            skipBlank();
            if (peek() == close) {
                pos++;
                return items;
            }
            items.add(expression());
            skipBlank();
            if (peek() == ',') {
                pos++;
            } else if (peek() != close) {
                throw new NotLiteral();
            }
        }
    }

    private Object tupleOrParenthesized() throws NotLiteral {
        skipBlank();
        if (peek() == ')') {
            pos++;
            return List.of();
        }
        Object first = expression();
        skipBlank();
        if (peek() == ')') {
            pos++;
            return first;
        }
        if (peek() != ',') {
            throw new NotLiteral();
        }
        pos++;
        List<Object> items = new ArrayList<>();
        items.add(first);
        items.addAll(sequence(')'));
        return Collections.unmodifiableList(items);
    }

    private Object dictOrSet() throws NotLiteral {
        skipBlank();
        if (peek() == '}') {
            pos++;
            return Map.of();
        }
        Object first = expression();
        skipBlank();
        if (peek() != ':') {
            List<Object> items = new ArrayList<>();
            items.add(first);
            if (peek() == ',') {
                pos++;
                items.addAll(sequence('}'));
            } else if (peek() == '}') {
                pos++;
            } else {
                throw new NotLiteral();
            }
            return Collections.unmodifiableList(new ArrayList<>(new LinkedHashSet<>(items)));
        }
        Map<String, Object> map = new LinkedHashMap<>();
        Object key = first;
        while (true) {
            pos++; // the ':'
            map.put(keyText(key), expression());
            skipBlank();
            if (peek() == ',') {
                pos++;
                skipBlank();
            }
            if (peek() == '}') {
                pos++;
                return Collections.unmodifiableMap(map);
            }
            key = expression();
            skipBlank();
            if (peek() != ':') {
                throw new NotLiteral();
            }
        }
    }

    /** Dictionary keys as JSON (and so Ansible's output) shows them. */
    private static String keyText(Object key) throws NotLiteral {
        if (key instanceof String k) {
            return k;
        }
        if (key == null) {
            return "null";
        }
        if (key instanceof Boolean || key instanceof Number) {
            return key.toString();
        }
        throw new NotLiteral();
    }

    private boolean stringPrefixAhead() {
        int i = pos;
        while (i < s.length() && i - pos < 2 && "rRuUbB".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        return i > pos && i < s.length() && (s.charAt(i) == '\'' || s.charAt(i) == '"');
    }

    private String string() throws NotLiteral {
        StringBuilder sb = new StringBuilder();
        pos = PythonStrings.read(s, pos, sb);
        return sb.toString();
    }

    private Object number() throws NotLiteral {
        for (Pattern p : new Pattern[] {HEX, OCT, BIN, FLOAT, INT}) {
            Matcher m = p.matcher(s).region(pos, s.length());
            if (m.lookingAt()) {
                int end = m.end();
                if (end < s.length() && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_'
                        || s.charAt(end) == '.')) {
                    throw new NotLiteral(); // 007, 1j, 5.2.7, 1x
                }
                String text = m.group().replace("_", "");
                pos = end;
                if (p == FLOAT) {
                    return Double.valueOf(text);
                }
                int radix = p == HEX ? 16 : p == OCT ? 8 : p == BIN ? 2 : 10;
                return narrow(new BigInteger(radix == 10 ? text : text.substring(2), radix));
            }
        }
        throw new NotLiteral();
    }

    private static Object narrow(BigInteger v) {
        if (v.bitLength() < 32) {
            return v.intValue();
        }
        if (v.bitLength() < 64) {
            return v.longValue();
        }
        return v;
    }

    private static Object negate(Object n) {
        if (n instanceof Double d) {
            return -d;
        }
        BigInteger v = n instanceof BigInteger b ? b : BigInteger.valueOf(((Number) n).longValue());
        return narrow(v.negate());
    }

    private String identifier() throws NotLiteral {
        int start = pos;
        while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
            pos++;
        }
        if (start == pos) {
            throw new NotLiteral();
        }
        return s.substring(start, pos);
    }

    /** Skips spaces and a trailing {@code # comment}, which Python's tokenizer ignores too. */
    private void skipBlank() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\f' || c == '\n' || c == '\r') {
                pos++;
            } else if (c == '#') {
                int nl = s.indexOf('\n', pos);
                pos = nl < 0 ? s.length() : nl;
            } else {
                return;
            }
        }
    }

    private char peek() {
        return pos < s.length() ? s.charAt(pos) : '\0';
    }
}
