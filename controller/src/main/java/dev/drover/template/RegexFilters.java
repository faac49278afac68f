package dev.drover.template;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * Ansible's regular-expression filters and tests with Python's {@code re} semantics (see
 * {@link PyRegex}): {@code regex_replace}, {@code regex_search}, {@code regex_findall},
 * {@code regex_escape}, and the tests {@code match} (anchored at the start), {@code search} and
 * {@code regex}.
 */
final class RegexFilters {
    private RegexFilters() {
    }

    static List<FilterDef> filters() {
        return List.of(
                FilterDef.of("regex_replace", RegexFilters::replace),
                FilterDef.of("regex_search", RegexFilters::search),
                FilterDef.of("regex_findall", RegexFilters::findall),
                FilterDef.of("regex_escape", (v, a, e) -> escape(PyValues.str(v, e), a.string(0, "re_type", "python"))));
    }

    static List<TestDef> tests() {
        return List.of(
                TestDef.of("match", (v, a, e) -> matches(v, a, e, "match")),
                TestDef.of("search", (v, a, e) -> matches(v, a, e, "search")),
                TestDef.of("regex", (v, a, e) -> matches(v, a, e, a.string(3, "match_type", "search"))));
    }

    private static PyRegex pattern(Args args, int index, String name, Evaluation eval, int flagsFrom) {
        String regex = PyValues.str(args.required(index, name), eval);
        return PyRegex.compile(regex, args.flag(flagsFrom, "ignorecase", false),
                args.flag(flagsFrom + 1, "multiline", false));
    }

    /** {@code regex_replace(pattern, replacement='', ignorecase=False, multiline=False, count=0)}. */
    private static Object replace(Object value, Args args, Evaluation eval) {
        String text = PyValues.str(value, eval);
        PyRegex regex = pattern(args, 0, "pattern", eval, 2);
        String replacement = PyValues.str(args.get(1, "replacement", ""), eval);
        int count = args.integer(4, "count", 0);
        Matcher m = regex.pattern().matcher(text);
        StringBuilder out = new StringBuilder();
        int last = 0;
        int done = 0;
        // Java's find() steps over empty matches the way Python 3.7's re.sub does.
        while ((count == 0 || done < count) && m.find()) {
            out.append(text, last, m.start()).append(regex.expand(m, replacement));
            last = m.end();
            done++;
        }
        out.append(text, last, text.length());
        return out.toString();
    }

    /**
     * {@code regex_search(pattern, *groups, ignorecase=False, multiline=False)}: the match, or None; with
     * group references ({@code '\\1'}, {@code '\\g<name>'}) the list of those groups.
     */
    private static Object search(Object value, Args args, Evaluation eval) {
        String text = PyValues.str(value, eval);
        String regex = PyValues.str(args.required(0, "pattern"), eval);
        // ignorecase and multiline are keyword-only here: positional arguments are group references.
        PyRegex compiled = PyRegex.compile(regex, args.flag(-1, "ignorecase", false),
                args.flag(-1, "multiline", false));
        List<String> groups = new ArrayList<>();
        for (Object arg : args.rest(1)) {
            String ref = PyValues.str(arg, eval);
            if (ref.startsWith("\\g<") && ref.endsWith(">")) {
                groups.add(ref.substring(3, ref.length() - 1));
            } else if (ref.matches("\\\\\\d+")) {
                groups.add(ref.substring(1));
            } else {
                throw new TemplateFailure("Unknown argument " + PyValues.repr(ref, eval)
                        + " to regex_search; group references look like '\\1' or '\\g<name>'");
            }
        }
        Matcher m = compiled.pattern().matcher(text);
        if (!m.find()) {
            return null;
        }
        if (groups.isEmpty()) {
            return m.group();
        }
        List<Object> out = new ArrayList<>(groups.size());
        for (String g : groups) {
            out.add(compiled.group(m, g));
        }
        return out;
    }

    /** {@code regex_findall(pattern, multiline=False, ignorecase=False)}: Python's {@code re.findall}. */
    private static Object findall(Object value, Args args, Evaluation eval) {
        String text = PyValues.str(value, eval);
        String regex = PyValues.str(args.required(0, "pattern"), eval);
        PyRegex compiled = PyRegex.compile(regex, args.flag(2, "ignorecase", false), args.flag(1, "multiline", false));
        Matcher m = compiled.pattern().matcher(text);
        List<Object> out = new ArrayList<>();
        while (m.find()) {
            if (m.groupCount() == 0) {
                out.add(m.group());
            } else if (m.groupCount() == 1) {
                out.add(m.group(1) == null ? "" : m.group(1));
            } else {
                List<Object> tuple = new ArrayList<>(m.groupCount());
                for (int g = 1; g <= m.groupCount(); g++) {
                    tuple.add(m.group(g) == null ? "" : m.group(g));
                }
                out.add(tuple);
            }
        }
        return out;
    }

    /** Python 3.7+'s {@code re.escape}: only characters special in patterns are escaped. */
    /** Ansible's {@code regex_escape(re_type='python')}: Python's re.escape, or the POSIX BRE specials. */
    static String escape(String s, String reType) {
        return switch (reType) {
            case "python" -> escape(s);
            case "posix_basic" -> s.replaceAll("([\\].\\[^$*\\\\])", "\\\\$1");
            case "posix_extended" -> throw new TemplateFailure("Regex type (" + reType + ") not yet implemented");
            default -> throw new TemplateFailure("Invalid regex type (" + reType + ")");
        };
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ("()[]{}?*+-|^$\\.&~# \t\n\r\u000b\f".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    private static boolean matches(Object value, Args args, Evaluation eval, String how) {
        String text = PyValues.str(value, eval);
        PyRegex regex = pattern(args, 0, "pattern", eval, 1);
        Matcher m = regex.pattern().matcher(text);
        return switch (how) {
            case "match" -> m.lookingAt();
            case "search" -> m.find();
            case "fullmatch" -> m.matches();
            default -> throw new TemplateFailure("match_type must be match, search or fullmatch, not '" + how + "'");
        };
    }
}
