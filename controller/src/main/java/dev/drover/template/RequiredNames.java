package dev.drover.template;

import com.hubspot.jinjava.el.ExtendedSyntaxBuilder;
import com.hubspot.jinjava.el.ext.ExtendedParser;
import com.hubspot.jinjava.el.ext.OrOperator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jinjava.de.odysseus.el.tree.Node;
import jinjava.de.odysseus.el.tree.impl.Builder;
import jinjava.de.odysseus.el.tree.impl.ast.AstBinary;
import jinjava.de.odysseus.el.tree.impl.ast.AstChoice;
import jinjava.de.odysseus.el.tree.impl.ast.AstEval;
import jinjava.de.odysseus.el.tree.impl.ast.AstIdentifier;
import jinjava.de.odysseus.el.tree.impl.ast.AstMethod;
import jinjava.de.odysseus.el.tree.impl.ast.AstNested;
import jinjava.de.odysseus.el.tree.impl.ast.AstProperty;
import jinjava.de.odysseus.el.tree.impl.ast.AstUnary;

/**
 * The variables a template cannot do without: the names that every rendering reads and uses, so
 * that rendering fails whenever one is undefined, whatever the other variables hold. For
 * {@code drover check}, which knows which names a play can define but not their values.
 *
 * <p>Deliberately an under-estimate (a name left out is a miss, a name wrongly put in would be a
 * false alarm): only what is evaluated on every path counts. So the left side of {@code and}/{@code
 * or} but not the right; the condition of {@code a if c else b} but not its branches; the head of a
 * top-level {@code {% if %}} or {@code {% for %}} but nothing inside their bodies; the value given
 * to a filter, except {@code default}, {@code d} and {@code mandatory}, which accept an undefined
 * one; never the subject of a test ({@code is defined}), nor the arguments of a filter or a function
 * (a default's fallback may be undefined). Names the template binds itself ({@code set}, loop
 * targets, macro parameters) never count, wherever they are bound.
 *
 * <p>Parsing needs the engine's configuration (operator precedence), so callers go through
 * {@link Templater#requiredNames}. Stateless.
 */
final class RequiredNames {
    private static final Set<String> ENGINE_NAMES = Set.of("loop", "caller", "varargs", "kwargs", "self", "super",
            "none", "None", "True", "False", "true", "false", "omit", "range", "lookup", "query", "q", "now",
            ExtendedParser.INTERPRETER);
    private static final Set<String> ACCEPTING_FILTERS = Set.of("default", "d", "mandatory");
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern IN = Pattern.compile("\\s+in\\s+");

    private RequiredNames() {
    }

    /** @param expression a bare condition ({@code when:}); otherwise template text */
    static Set<String> of(String text, boolean expression) {
        Set<String> out = new LinkedHashSet<>();
        if (expression && !TemplateText.isTemplated(text)) {
            expression(TemplateText.forCondition(text.strip()), out);
        } else {
            template(text, out);
        }
        out.removeAll(ENGINE_NAMES);
        return out;
    }

    private static void template(String text, Set<String> out) {
        if (!TemplateText.isTemplated(text)) {
            return;
        }
        var single = TemplateText.singleExpression(text);
        if (single.isPresent()) {
            expression(TemplateText.forEngine(single.get()), out);
            return;
        }
        Set<String> required = new LinkedHashSet<>();
        Set<String> bound = new LinkedHashSet<>();
        int depth = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            int open = TemplateText.nextOpening(text, i);
            if (open < 0) {
                break;
            }
            char kind = text.charAt(open + 1);
            if (kind == '#') {
                int close = text.indexOf("#}", open + 2);
                i = close < 0 ? n : close + 2;
                continue;
            }
            int close = TemplateText.closeOfExpression(text, open + 2, n);
            if (close < 0) {
                return; // a syntax error: reported as one elsewhere
            }
            String body = strip(text.substring(open + 2, close));
            i = close + 2;
            if (kind == '{') {
                if (depth == 0) {
                    expression(TemplateText.forEngine(body), required);
                }
                continue;
            }
            Matcher w = WORD.matcher(body);
            String tag = w.lookingAt() ? w.group() : "";
            String rest = body.substring(tag.length()).strip();
            switch (tag) {
                case "raw" -> {
                    int end = text.indexOf("endraw", i);
                    int stop = end < 0 ? -1 : text.indexOf("%}", end);
                    i = stop < 0 ? n : stop + 2;
                }
                case "if" -> {
                    if (depth == 0) {
                        expression(TemplateText.forEngine(rest), required);
                    }
                    depth++;
                }
                case "for" -> {
                    Matcher in = IN.matcher(rest);
                    if (in.find()) {
                        words(rest.substring(0, in.start()), bound);
                        String seq = rest.substring(in.end()).replaceAll("\\s+recursive\\s*$", "");
                        if (depth == 0 && !Pattern.compile("\\bif\\b").matcher(seq).find()) {
                            expression(TemplateText.forEngine(seq), required);
                        }
                    }
                    depth++;
                }
                case "set" -> {
                    int eq = rest.indexOf('=');
                    words(eq < 0 ? rest : rest.substring(0, eq), bound);
                    if (eq < 0) {
                        depth++; // {% set x %}...{% endset %}
                    }
                }
                case "macro", "with", "call", "filter", "block", "autoescape" -> {
                    words(rest, bound); // macro and parameter names, with's targets: bound for the whole text
                    depth++;
                }
                case "import", "from", "include" -> words(rest, bound);
                default -> {
                    if (tag.startsWith("end")) {
                        depth = Math.max(0, depth - 1);
                    }
                }
            }
        }
        required.removeAll(bound);
        out.addAll(required);
    }

    private static String strip(String body) {
        String s = body;
        if (s.startsWith("-") || s.startsWith("+")) {
            s = s.substring(1);
        }
        if (s.endsWith("-") || s.endsWith("+")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.strip();
    }

    private static void words(String text, Set<String> out) {
        Matcher m = WORD.matcher(text.replaceAll("'[^']*'|\"[^\"]*\"", ""));
        while (m.find()) {
            out.add(m.group());
        }
    }

    private static void expression(String expr, Set<String> out) {
        if (expr.isBlank()) {
            return;
        }
        try {
            Builder builder = new ExtendedSyntaxBuilder(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS,
                    Builder.Feature.NULL_PROPERTIES, Builder.Feature.IGNORE_RETURN_TYPE);
            forced(builder.build("#{" + expr + "}").getRoot(), out);
        } catch (RuntimeException e) {
            // Not parseable: a syntax error, which the template checks report.
        }
    }

    /** Adds the names whose undefined value makes evaluating {@code node} fail. */
    private static void forced(Node node, Set<String> out) {
        if (node instanceof AstEval || node instanceof AstNested) {
            forced(node.getChild(0), out);
        } else if (node instanceof AstIdentifier id) {
            if (!id.getName().contains(":")) {
                out.add(id.getName());
            }
        } else if (node instanceof AstMethod m) {
            Node property = m.getChild(0);
            Node params = m.getChild(1);
            Node target = property.getChild(0);
            if (target instanceof AstIdentifier id && id.getName().startsWith(ExtendedParser.FILTER_PREFIX)) {
                String filter = id.getName().substring(ExtendedParser.FILTER_PREFIX.length());
                if (!ACCEPTING_FILTERS.contains(filter) && params.getCardinality() > 0) {
                    forced(params.getChild(0), out);
                }
            } else if (!(target instanceof AstIdentifier id2 && id2.getName().startsWith(ExtendedParser.EXPTEST_PREFIX))) {
                forced(target, out); // a method of a value: x.split(',')
            }
        } else if (node instanceof AstProperty) {
            forced(node.getChild(0), out); // x.y, x['y']: x is needed
        } else if (node instanceof AstBinary b) {
            forced(b.getChild(0), out);
            if (b.getOperator() != AstBinary.AND && b.getOperator() != AstBinary.OR && b.getOperator() != OrOperator.OP) {
                forced(b.getChild(1), out);
            }
        } else if (node instanceof AstUnary u) {
            if (u.getOperator() == AstUnary.NOT || u.getOperator() == AstUnary.NEG) {
                forced(u.getChild(0), out);
            }
        } else if (node instanceof AstChoice c) {
            forced(c.getChild(0), out);
        }
    }
}
