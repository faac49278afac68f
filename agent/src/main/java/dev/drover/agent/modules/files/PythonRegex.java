package dev.drover.agent.modules.files;

import dev.drover.agent.module.ModuleException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Python {@code re} syntax on {@link java.util.regex}: Ansible users write Python regular
 * expressions and Python replacement templates, so {@code lineinfile} and {@code replace} accept
 * exactly those. The pattern is translated ({@code (?P<name>..)}, {@code (?P=name)}, {@code \Z},
 * literal {@code [} inside classes, an opening brace that is not a quantifier, {@code x{,n}}) and compiled
 * with {@link Pattern#UNIX_LINES} so {@code .} and {@code $} treat only {@code \n} as a line end,
 * as Python does. Templates support {@code \1}..{@code \99}, {@code \g<n>}, {@code \g<name>} and
 * the escapes {@code \n \t \r \f \v \a \b \\}.
 */
public final class PythonRegex {
    private final Pattern pattern;
    private final Map<String, String> groupNames;

    private PythonRegex(Pattern pattern, Map<String, String> groupNames) {
        this.pattern = pattern;
        this.groupNames = groupNames;
    }

    /** Compiles a Python pattern; {@code argName} names the argument in error messages. */
    public static PythonRegex compile(String python, int extraFlags, String argName) throws ModuleException {
        Map<String, String> names = new LinkedHashMap<>();
        String java = translate(python, names);
        try {
            return new PythonRegex(Pattern.compile(java, Pattern.UNIX_LINES | extraFlags), names);
        } catch (PatternSyntaxException e) {
            throw new ModuleException("argument '" + argName + "' is not a valid regular expression: "
                    + e.getDescription() + " near index " + e.getIndex() + " of '" + python + "'");
        }
    }

    public Matcher matcher(CharSequence text) {
        return pattern.matcher(text);
    }

    /** Start of the named group (Python name) in a match, -1 when it did not take part. */
    public int start(Matcher m, String pythonName) {
        return m.start(groupNames.get(pythonName));
    }

    public int end(Matcher m, String pythonName) {
        return m.end(groupNames.get(pythonName));
    }

    /** Python's {@code match.groupdict()}: named groups in pattern order, null when unmatched. */
    public Map<String, String> groupDict(Matcher m) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : groupNames.entrySet()) {
            out.put(e.getKey(), m.group(e.getValue()));
        }
        return out;
    }

    /** Python's {@code match.expand(template)}. */
    public String expand(Matcher m, String template, String argName) throws ModuleException {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i++);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (i >= template.length()) {
                throw new ModuleException("argument '" + argName + "' ends with a lone backslash");
            }
            char e = template.charAt(i++);
            if (e == 'g') {
                int close = template.indexOf('>', i);
                if (i >= template.length() || template.charAt(i) != '<' || close < 0) {
                    throw new ModuleException("argument '" + argName + "': missing <name> after \\g");
                }
                appendGroup(out, m, template.substring(i + 1, close), argName);
                i = close + 1;
            } else if (e >= '1' && e <= '9') {
                int end = i;
                if (end < template.length() && Character.isDigit(template.charAt(end))) {
                    end++;
                }
                appendGroup(out, m, template.substring(i - 1, end), argName);
                i = end;
            } else if (e == '0') {
                // Octal escape: \0, \01, \012.
                int end = i;
                while (end < template.length() && end < i + 2 && template.charAt(end) >= '0' && template.charAt(end) <= '7') {
                    end++;
                }
                out.append((char) Integer.parseInt(template.substring(i - 1, end), 8));
                i = end;
            } else {
                String simple = "\\\\n\nt\tr\rf\fv\u000ba\u0007b\b";
                int at = simple.indexOf(e);
                if (at >= 0 && at % 2 == 0) {
                    out.append(simple.charAt(at + 1));
                } else if ((e >= 'a' && e <= 'z') || (e >= 'A' && e <= 'Z')) {
                    throw new ModuleException("argument '" + argName + "': bad escape \\" + e
                            + " (write \\\\" + e + " for a literal backslash)");
                } else {
                    out.append('\\').append(e);
                }
            }
        }
        return out.toString();
    }

    private void appendGroup(StringBuilder out, Matcher m, String ref, String argName) throws ModuleException {
        String value;
        try {
            if (!ref.isEmpty() && Character.isDigit(ref.charAt(0))) {
                value = m.group(Integer.parseInt(ref));
            } else {
                String javaName = groupNames.get(ref);
                if (javaName == null) {
                    throw new ModuleException("argument '" + argName + "' refers to unknown group name '" + ref + "'");
                }
                value = m.group(javaName);
            }
        } catch (IndexOutOfBoundsException | NumberFormatException e) {
            throw new ModuleException("argument '" + argName + "' refers to group " + ref
                    + " but the expression has " + m.groupCount() + " group(s)");
        }
        if (value != null) {
            out.append(value);
        }
    }

    static String translate(String py, Map<String, String> names) {
        StringBuilder out = new StringBuilder(py.length() + 8);
        boolean inClass = false;
        int classStart = -1;
        int i = 0;
        while (i < py.length()) {
            char c = py.charAt(i);
            if (c == '\\' && i + 1 < py.length()) {
                char e = py.charAt(i + 1);
                out.append(e == 'Z' && !inClass ? "\\z" : "\\" + e);
                i += 2;
                continue;
            }
            if (inClass) {
                if (c == ']' && i > classStart) {
                    inClass = false;
                    out.append(c);
                } else if (c == '[' || (c == ']')) {
                    out.append('\\').append(c);
                } else if (c == '&' && i + 1 < py.length() && py.charAt(i + 1) == '&') {
                    out.append("&\\&");
                    i++;
                } else {
                    out.append(c);
                }
                i++;
                continue;
            }
            if (c == '[') {
                inClass = true;
                out.append(c);
                i++;
                if (i < py.length() && py.charAt(i) == '^') {
                    out.append('^');
                    i++;
                }
                // A ']' right after '[' or '[^' is a literal in Python.
                classStart = i;
                continue;
            }
            if (c == '(' && py.startsWith("(?P<", i)) {
                int close = py.indexOf('>', i);
                if (close > 0) {
                    String name = py.substring(i + 4, close);
                    String javaName = "pyg" + names.size() + name.replaceAll("[^A-Za-z0-9]", "");
                    names.put(name, javaName);
                    out.append("(?<").append(javaName).append('>');
                    i = close + 1;
                    continue;
                }
            }
            if (c == '(' && py.startsWith("(?P=", i)) {
                int close = py.indexOf(')', i);
                String javaName = close > 0 ? names.get(py.substring(i + 4, close)) : null;
                if (javaName != null) {
                    out.append("\\k<").append(javaName).append('>');
                    i = close + 1;
                    continue;
                }
            }
            if (c == '{') {
                Matcher q = QUANTIFIER.matcher(py).region(i, py.length());
                boolean quantifier = q.lookingAt() && out.length() > 0
                        && !(q.group(1).isEmpty() && q.group(2) == null);
                if (quantifier) {
                    out.append('{').append(q.group(1).isEmpty() && q.group(2) != null ? "0" : q.group(1));
                    if (q.group(2) != null) {
                        out.append(',').append(q.group(2));
                    }
                    out.append('}');
                    i = q.end();
                } else {
                    out.append("\\{");
                    i++;
                }
                continue;
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static final Pattern QUANTIFIER = Pattern.compile("\\{(\\d*)(?:,(\\d*))?\\}");
}
