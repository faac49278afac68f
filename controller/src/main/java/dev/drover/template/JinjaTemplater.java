package dev.drover.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.InterpretException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import dev.drover.secret.Secret;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@link Templater} on Jinjava, configured to read templates as Ansible's Jinja2 environment does:
 * {@code trim_blocks}, Python operator precedence and equality ({@link PyEquality}), map keys in literals evaluated, iteration over a
 * map yielding its keys, {@code include} and {@code import} only in template files ({@link TemplateFiles}).
 *
 * <p>Threading: the {@link Jinjava} instance, its configuration and the library context with the
 * filters and tests are built in the constructor and only read afterwards; each call gets its own
 * {@link Evaluation} and interpreter, pushed on Jinjava's per-thread interpreter stack for the call's
 * duration. So one instance serves any number of threads.
 */
final class JinjaTemplater implements Templater {
    private final Jinjava jinjava;
    private final JinjavaConfig config;
    private final TemplateSyntax syntax;
    /** Engines for other template options, made on first use; each is as thread-safe as this one. */
    private final Map<TemplateSyntax, JinjaTemplater> variants = new java.util.concurrent.ConcurrentHashMap<>();

    JinjaTemplater() {
        this(TemplateSyntax.ANSIBLE);
    }

    private JinjaTemplater(TemplateSyntax syntax) {
        this.syntax = syntax;
        config = JinjavaConfig.newBuilder()
                .withTrimBlocks(syntax.trimBlocks())
                .withLstripBlocks(syntax.lstripBlocks())
                .withElResolver(new AnsibleResolver())
                .withFailOnUnknownTokens(false)
                .withLegacyOverrides(LegacyOverrides.newBuilder()
                        .withUseNaturalOperatorPrecedence(true)
                        .withEvaluateMapKeys(true)
                        .withIterateOverMapKeys(true)
                        .withKeepNullableLoopValues(true)
                        .withParseWhitespaceControlStrictly(true)
                        .withUsePyishObjectMapper(true)
                        .build())
                .build();
        jinjava = PyEquality.jinjava(config);
        jinjava.setResourceLocator((name, encoding, interpreter) -> TemplateFiles.read(name, interpreter));
        AnsibleLibrary.install(jinjava.getGlobalContext());
        Lookups.install(jinjava.getGlobalContext());
        // Jinjava creates the global macro table on first lookup, which every function call does;
        // create it now so that calls only ever read the shared context.
        jinjava.getGlobalContext().getGlobalMacros();
    }

    /** The shared context holding the libraries; calls must never write to it. */
    Context library() {
        return jinjava.getGlobalContext();
    }

    @Override
    public Object render(Object value, Map<String, ?> vars) {
        if (value instanceof String s && !TemplateText.isTemplated(s)) {
            return s; // the common case, without allocating anything
        }
        return render(value, new LazyVars(vars, this));
    }

    @Override
    public Object renderKeepingUnsafe(Object value, Map<String, ?> vars, boolean leaveUndefined) {
        return UnsafeTracking.render(this, value, new LazyVars(vars, this), leaveUndefined);
    }

    @Override
    public String renderFile(String text, Map<String, ?> vars, TemplateSyntax given) {
        TemplateOverrides header = TemplateOverrides.read(text, given);
        TemplateSyntax wanted = header.syntax();
        TemplateSyntax engine = wanted.engineOptions();
        JinjaTemplater t = engine.equals(syntax) ? this : variants.computeIfAbsent(engine, JinjaTemplater::new);
        // The template action renders with convert_data=False and escape_backslashes=False: text, and
        // Jinja2 reads the escapes of string literals.
        String body = header.body();
        Object out = TemplateText.isTemplated(body)
                ? t.run(body, new LazyVars(vars, t), i -> i.render(TemplateText.fileForEngine(body)), Result.TEXT)
                : body;
        String rendered = out instanceof String s ? s : PyValues.str(out, null);
        // Ansible's templar keeps as many line breaks at the end as the template had, even where
        // trim_blocks ate the one after a closing tag.
        int missing = trailingNewlines(text) - trailingNewlines(rendered);
        return missing > 0 ? rendered + "\n".repeat(missing) : rendered;
    }

    private static int trailingNewlines(String s) {
        int n = 0;
        while (n < s.length() && s.charAt(s.length() - 1 - n) == '\n') {
            n++;
        }
        return n;
    }

    /** A whole template text rendered inside a call in progress (lookup('template')). */
    Object renderNested(String text, LazyVars vars) {
        return renderString(text, vars);
    }

    /**
     * A whole template text rendered inside a call in progress as text, never read as a literal
     * (lookup('template', convert_data=False): Ansible's {@code ansible_concat}).
     */
    Object renderNestedText(String text, LazyVars vars) {
        if (!TemplateText.isTemplated(text)) {
            return text;
        }
        String template = TemplateText.templateForEngine(text);
        return run(text, vars, interpreter -> interpreter.render(template), Result.TEXT);
    }

    /** Renders with the variables of a call in progress; nested renders of variables come here too. */
    Object render(Object value, LazyVars vars) {
        if (value instanceof String s) {
            return renderString(s, vars);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, render(v, vars)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object item : list) {
                out.add(render(item, vars));
            }
            return out;
        }
        if (value instanceof Unsafe u) {
            vars.markUnsafe(); // a variable holding an unsafe part is unsafe as a whole, as in Ansible
            return u.value();
        }
        return value;
    }

    private Object renderString(String text, LazyVars vars) {
        if (!TemplateText.isTemplated(text)) {
            return text;
        }
        Optional<String> single = TemplateText.singleExpression(text);
        if (single.isPresent()) {
            String expression = TemplateText.forEngine(single.get());
            Object value = run(text, vars, interpreter -> interpreter.resolveELExpression(expression, 1), Result.CONVERTED_VALUE);
            if (value == null && !nullVariable(single.get(), vars)) {
                // Ansible 2.14's finalize: an expression that is None renders as '' ("{{ None }}",
                // "{{ 'a' | regex_search('b') }}"); only "{{ name }}" of a variable set to null is None
                // (Templar.template's SINGLE_VAR shortcut, C.DEFAULT_NULL_REPRESENTATION).
                value = "";
            }
            return withLineBreaks(value, TemplateText.trailingLineBreaks(text));
        }
        String template = TemplateText.templateForEngine(text);
        return run(text, vars, interpreter -> interpreter.render(template), Result.CONVERTED_TEXT);
    }

    /** Whether the expression is a lone name (Ansible's SINGLE_VAR, {@code \\w*}) of a variable whose value is null. */
    private static boolean nullVariable(String expression, LazyVars vars) {
        String name = expression.strip();
        if (!name.matches("\\w+")) {
            return false;
        }
        Object value = vars.get(name);
        return (value instanceof Unsafe u ? u.value() : value) == null;
    }

    /** What a call makes of the engine's result. */
    private enum Result {
        /** An expression's value as it is (conditions, bare expressions). */
        NATIVE,
        /** A lone {@code {{ expression }}} of a templated value: {@link EvalConcat#single}. */
        CONVERTED_VALUE,
        /** Rendered text of a templated value: {@link EvalConcat#literal}. */
        CONVERTED_TEXT,
        /** Rendered text as it is (template files). */
        TEXT
    }

    /**
     * Ansible keeps the line breaks that end a template when its result is text, so
     * {@code content: "{{ version }}\n"} writes a line; a list, dict or boolean result is the value
     * itself (Ansible turns its text back into the value), so {@code loop: >} and {@code when: |} work.
     */
    private static Object withLineBreaks(Object value, String lineBreaks) {
        if (lineBreaks.isEmpty()) {
            return value;
        }
        if (value == null) {
            return lineBreaks;
        }
        if (value instanceof Secret secret) {
            return Secret.of(secret.revealString() + lineBreaks);
        }
        if (value instanceof String || value instanceof Number) {
            return PyValues.str(value, null) + lineBreaks;
        }
        return value;
    }

    @Override
    public java.util.Set<String> requiredNames(String text, boolean expression) {
        // Parsed under an interpreter of this configuration, so operators bind as they will at run time.
        JinjavaInterpreter interpreter = new JinjavaInterpreter(jinjava, new Evaluation(library(),
                new LazyVars(Map.of(), this)), config);
        JinjavaInterpreter.pushCurrent(interpreter);
        try {
            return RequiredNames.of(text, expression);
        } finally {
            JinjavaInterpreter.popCurrent();
        }
    }

    @Override
    public Object evaluate(String expression, Map<String, ?> vars) {
        return evaluate(expression, new LazyVars(vars, this));
    }

    private Object evaluate(String expression, LazyVars vars) {
        if (expression.isBlank()) {
            throw new TemplateException(TemplateException.Kind.SYNTAX, expression, "empty expression");
        }
        String forEngine = TemplateText.forEngine(expression.strip());
        return run(expression, vars, interpreter -> interpreter.resolveELExpression(forEngine, 1), Result.NATIVE);
    }

    @Override
    public boolean condition(String expression, Map<String, ?> vars) {
        LazyVars lazy = new LazyVars(vars, this);
        if (!TemplateText.isTemplated(expression)) {
            if (expression.isBlank()) {
                throw new TemplateException(TemplateException.Kind.SYNTAX, expression, "empty expression");
            }
            // Ansible wraps a bare condition in {% if %}, where Jinja2 reads string escapes.
            String forEngine = TemplateText.forCondition(expression.strip());
            return PyValues.truthy(run(expression, lazy, interpreter -> interpreter.resolveELExpression(forEngine, 1), Result.NATIVE));
        }
        // Ansible renders a templated condition first and evaluates a string result again.
        Object rendered = render(expression, lazy);
        if (rendered instanceof String s) {
            return !s.isBlank() && PyValues.truthy(evaluate(s, lazy));
        }
        return PyValues.truthy(rendered);
    }

    private Object run(String source, LazyVars vars, Function<JinjavaInterpreter, Object> body, Result kind) {
        Evaluation eval = new Evaluation(library(), vars);
        JinjavaInterpreter interpreter = new JinjavaInterpreter(jinjava, eval, config);
        Object raw;
        JinjavaInterpreter.pushCurrent(interpreter);
        try {
            raw = body.apply(interpreter);
        } catch (TemplateFailure f) {
            eval.fail(f);
            raw = null;
        } catch (InterpretException e) {
            // Jinjava throws instead of collecting for a few errors, such as a refused include.
            String reason = EngineErrors.clean(String.valueOf(e.getMessage()));
            throw new TemplateException(TemplateException.Kind.FAILED, source, reason, e);
        } finally {
            JinjavaInterpreter.popCurrent();
        }
        eval.check(source, interpreter.getErrors());
        Object result = switch (kind) {
            case NATIVE -> PyValues.toJava(raw);
            case CONVERTED_VALUE -> {
                Object value = EvalConcat.single(PyValues.toJava(raw), eval);
                if (value instanceof String && eval.isNativeText(value)) {
                    vars.nativeResult(value); // stays text where it is stored (NativeJinjaUnsafeText)
                }
                yield value;
            }
            case CONVERTED_TEXT -> raw instanceof String s ? EvalConcat.literal(s) : raw;
            case TEXT -> raw;
        };
        return eval.secretRevealed() ? secret(result) : result;
    }

    /** A result a secret contributed to: every string in it becomes a secret. */
    private static Object secret(Object value) {
        if (value instanceof String s) {
            return Secret.of(s);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, secret(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object item : list) {
                out.add(secret(item));
            }
            return out;
        }
        return value;
    }
}
