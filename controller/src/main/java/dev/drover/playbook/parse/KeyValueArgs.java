package dev.drover.playbook.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ansible's {@code k=v} argument strings, ported line by line from
 * {@code ansible/parsing/splitter.py} (ansible-core 2.14) so {@code copy: src=a dest="b c"} means
 * exactly what it means there: whitespace splits tokens except inside quotes and Jinja2 blocks,
 * escapes are decoded, the first unescaped {@code =} separates key and value, one level of
 * matching quotes is removed from values, and words without {@code =} are joined into
 * {@code _raw_params}.
 */
final class KeyValueArgs {

    /** Options that command/shell accept inside their free-form text ({@code chdir=/x uname}). */
    static final Set<String> FREE_FORM_OPTIONS = Set.of("creates", "removes", "chdir", "executable", "warn",
            "stdin", "stdin_add_newline", "strip_empty_ends");

    private static final Pattern ESCAPE = Pattern.compile(
            "\\\\U[a-fA-F0-9]{8}|\\\\u[a-fA-F0-9]{4}|\\\\x[a-fA-F0-9]{2}|\\\\N\\{[^}]+}|\\\\[\\\\'\"abfnrtv]");

    private KeyValueArgs() {
    }

    /** A malformed argument string: unbalanced quotes or Jinja2 blocks. */
    static final class SplitException extends Exception {
        private static final long serialVersionUID = 1L;

        SplitException(String message) {
            super(message);
        }
    }

    /**
     * {@code parse_kv}: the arguments as an ordered map of strings.
     *
     * @param checkRaw true for free-form modules (command, shell, ...): {@code k=v} words whose key is
     *                 not one of {@link #FREE_FORM_OPTIONS} stay part of the command line
     */
    static Map<String, Object> parse(String args, boolean checkRaw) throws SplitException {
        Map<String, Object> options = new LinkedHashMap<>();
        List<String> rawParams = new ArrayList<>();
        for (String orig : split(args)) {
            String x = decodeEscapes(orig);
            if (!x.contains("=")) {
                rawParams.add(orig);
                continue;
            }
            int pos = x.indexOf('=', 1);
            while (pos > 0 && x.charAt(pos - 1) == '\\') {
                pos = x.indexOf('=', pos + 1);
            }
            if (pos < 0) {
                rawParams.add(x.replace("\\=", "="));
                continue;
            }
            String k = x.substring(0, pos);
            String v = x.substring(pos + 1);
            if (checkRaw && !FREE_FORM_OPTIONS.contains(k)) {
                rawParams.add(orig);
            } else {
                options.put(k.strip(), unquote(v.strip()));
            }
        }
        if (!rawParams.isEmpty()) {
            options.put("_raw_params", join(rawParams));
        }
        return options;
    }

    /** {@code split_args}: whitespace-separated words, re-joined across quotes and Jinja2 blocks. */
    static List<String> split(String args) throws SplitException {
        List<String> params = new ArrayList<>();
        String[] items = args.split("\n", -1);
        Character quote = null;
        boolean insideQuotes = false;
        int printDepth = 0;
        int blockDepth = 0;
        int commentDepth = 0;
        for (int itemIdx = 0; itemIdx < items.length; itemIdx++) {
            String[] tokens = items[itemIdx].split(" ", -1);
            boolean lineContinuation = false;
            for (int idx = 0; idx < tokens.length; idx++) {
                String token = tokens[idx];
                if (token.isEmpty() && idx != 0) {
                    appendToLast(params, " ");
                    continue;
                }
                if (token.equals("\\") && !insideQuotes) {
                    lineContinuation = true;
                    continue;
                }
                boolean wasInsideQuotes = insideQuotes;
                quote = quoteState(token, quote);
                insideQuotes = quote != null;
                boolean appended = false;
                boolean inJinja = printDepth > 0 || blockDepth > 0 || commentDepth > 0;
                if (insideQuotes && !wasInsideQuotes && !inJinja) {
                    params.add(token);
                    appended = true;
                } else if (inJinja || insideQuotes || wasInsideQuotes) {
                    if (idx == 0 && wasInsideQuotes) {
                        appendToLast(params, token);
                    } else if (tokens.length > 1) {
                        appendToLast(params, (idx > 0 ? " " : "") + token);
                    } else {
                        appendToLast(params, "\n" + token);
                    }
                    appended = true;
                }
                int before = printDepth;
                printDepth = depth(token, printDepth, "{{", "}}");
                if (printDepth != before && !appended) {
                    params.add(token);
                    appended = true;
                }
                before = blockDepth;
                blockDepth = depth(token, blockDepth, "{%", "%}");
                if (blockDepth != before && !appended) {
                    params.add(token);
                    appended = true;
                }
                before = commentDepth;
                commentDepth = depth(token, commentDepth, "{#", "#}");
                if (commentDepth != before && !appended) {
                    params.add(token);
                    appended = true;
                }
                if (printDepth == 0 && blockDepth == 0 && commentDepth == 0 && !insideQuotes && !appended
                        && !token.isEmpty()) {
                    params.add(token);
                }
            }
            if (items.length > 1 && itemIdx != items.length - 1 && !lineContinuation) {
                appendToLast(params, "\n");
            }
        }
        if (printDepth > 0 || blockDepth > 0 || commentDepth > 0 || insideQuotes) {
            throw new SplitException("unbalanced quotes or Jinja2 block in: " + args);
        }
        return params;
    }

    /** {@code join_args}: words joined by spaces, except after a newline. */
    static String join(List<String> words) {
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '\n') {
                sb.append(' ');
            }
            sb.append(w);
        }
        return sb.toString();
    }

    /** {@code unquote}: strips one pair of matching quotes unless the closing one is escaped. */
    static String unquote(String s) {
        int n = s.length();
        if (n > 1 && s.charAt(0) == s.charAt(n - 1) && (s.charAt(0) == '"' || s.charAt(0) == '\'')
                && s.charAt(n - 2) != '\\') {
            return s.substring(1, n - 1);
        }
        return s;
    }

    private static void appendToLast(List<String> params, String suffix) throws SplitException {
        if (params.isEmpty()) {
            // Python raises IndexError here; Ansible reports it as an unparsable argument string.
            throw new SplitException("unable to parse argument string");
        }
        params.set(params.size() - 1, params.get(params.size() - 1) + suffix);
    }

    private static Character quoteState(String token, Character quote) {
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            Character prev = i > 0 ? token.charAt(i - 1) : null;
            if ((c == '"' || c == '\'') && (prev == null || prev != '\\')) {
                if (quote != null) {
                    if (c == quote) {
                        quote = null;
                    }
                } else {
                    quote = c;
                }
            }
        }
        return quote;
    }

    private static int depth(String token, int current, String open, String close) {
        int opened = count(token, open);
        int closed = count(token, close);
        if (opened != closed) {
            current = Math.max(0, current + opened - closed);
        }
        return current;
    }

    private static int count(String s, String sub) {
        int n = 0;
        for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + sub.length())) {
            n++;
        }
        return n;
    }

    /** {@code _decode_escapes}: Python's unicode-escape for the sequences Ansible recognises. */
    static String decodeEscapes(String s) {
        Matcher m = ESCAPE.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(decode(m.group())));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static String decode(String esc) {
        char kind = esc.charAt(1);
        return switch (kind) {
            case 'U', 'u', 'x' -> new String(Character.toChars(Integer.parseInt(esc.substring(2), 16)));
            case 'N' -> {
                String name = esc.substring(3, esc.length() - 1);
                try {
                    yield new String(Character.toChars(Character.codePointOf(name)));
                } catch (IllegalArgumentException e) {
                    yield esc;  // unknown name: Python would fail; keep the text as written
                }
            }
            case 'a' -> "\u0007";
            case 'b' -> "\b";
            case 'f' -> "\f";
            case 'n' -> "\n";
            case 'r' -> "\r";
            case 't' -> "\t";
            case 'v' -> "\u000B";
            default -> String.valueOf(kind);  // \\ \' \"
        };
    }
}
