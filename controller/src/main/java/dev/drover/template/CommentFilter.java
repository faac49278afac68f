package dev.drover.template;

import java.util.HashMap;
import java.util.Map;

/**
 * Ansible's {@code comment(text, style='plain', **kw)}: the text as a comment block in one of its
 * styles (plain, erlang, c, cblock, xml), each part overridable by keyword (decoration, prefix,
 * prefix_count, postfix, postfix_count, beginning, end, newline), composed as plugins/filter/core.py
 * composes it.
 */
final class CommentFilter {
    private static final Map<String, Map<String, String>> STYLES = Map.of(
            "plain", Map.of("decoration", "# "),
            "erlang", Map.of("decoration", "% "),
            "c", Map.of("decoration", "// "),
            "cblock", Map.of("beginning", "/*", "decoration", " * ", "end", " */"),
            "xml", Map.of("beginning", "<!--", "decoration", " - ", "end", "-->"));

    private CommentFilter() {
    }

    static FilterDef definition() {
        return FilterDef.of("comment", CommentFilter::comment);
    }

    private static String comment(Object value, Args args, Evaluation eval) {
        String text = PyValues.str(value, eval);
        String style = args.string(0, "style", "plain");
        Map<String, String> styleParams = STYLES.get(style);
        if (styleParams == null) {
            throw new TemplateFailure("unknown comment style '" + style + "'; use one of " + String.join(", ",
                    new java.util.TreeSet<>(STYLES.keySet())));
        }
        Map<String, Object> kw = new HashMap<>();
        for (String name : args.names()) {
            if (!name.equals("style")) {
                kw.put(name, args.get(-1, name, null));
            }
        }
        String prepostfix = kw.containsKey("decoration") ? PyValues.str(kw.get("decoration"), eval) : styleParams.get("decoration");
        Map<String, Object> p = new HashMap<>();
        p.put("newline", "\n");
        p.put("beginning", "");
        p.put("prefix", prepostfix.stripTrailing());
        p.put("prefix_count", 1);
        p.put("decoration", "");
        p.put("postfix", prepostfix.stripTrailing());
        p.put("postfix_count", 1);
        p.put("end", "");
        p.putAll(styleParams);
        p.putAll(kw);
        String newline = PyValues.str(p.get("newline"), eval);
        String beginning = PyValues.str(p.get("beginning"), eval);
        String prefix = PyValues.str(p.get("prefix"), eval);
        String decoration = PyValues.str(p.get("decoration"), eval);
        String postfix = PyValues.str(p.get("postfix"), eval);
        String end = PyValues.str(p.get("end"), eval);
        StringBuilder out = new StringBuilder();
        if (!beginning.isEmpty()) {
            out.append(beginning).append(newline);
        }
        if (!prefix.isEmpty()) {
            out.append((prefix.equals(newline) ? newline : prefix + newline).repeat(count(p.get("prefix_count"))));
        }
        out.append((decoration + text.replace(newline, newline + decoration))
                .replace(decoration + newline, decoration.stripTrailing() + newline));
        for (int i = 0; i < count(p.get("postfix_count")); i++) {
            out.append(newline).append(postfix);
        }
        if (!end.isEmpty()) {
            out.append(newline).append(end);
        }
        return out.toString();
    }

    private static int count(Object v) {
        if (v instanceof Number n) {
            return Math.max(0, n.intValue());
        }
        try {
            return Math.max(0, Integer.parseInt(String.valueOf(v).strip()));
        } catch (NumberFormatException e) {
            throw new TemplateFailure("invalid literal for int() with base 10: " + PyValues.quote(String.valueOf(v)));
        }
    }
}
