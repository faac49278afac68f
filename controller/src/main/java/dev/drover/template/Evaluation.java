package dev.drover.template;

import com.google.common.collect.SetMultimap;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.objects.collections.PyList;
import com.hubspot.jinjava.objects.collections.PyMap;
import dev.drover.secret.Secret;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Jinjava scope of one render or evaluate call, and what the call noticed on the way.
 *
 * <p>Variables are read through {@link LazyVars} on demand (Jinjava asks when a name is not set in the
 * template itself), so nothing is copied per call. A missing name becomes an {@link Undefined} that is
 * remembered as pending; operations allowed to see undefined values excuse it, and {@link #check} fails
 * the call on the first one still pending. Containers met on the way are remembered with the path that
 * reached them, so a missing attribute is reported as {@code 'result' has no attribute 'stdout_lines'}.
 *
 * <p>Threading: an evaluation belongs to the one thread running its call. Its parent is the shared
 * library context, which must never be written during calls: Jinjava propagates bookkeeping (resolved
 * names, dependencies) up the scope chain, so those methods stop here.
 */
final class Evaluation extends Context {
    private final LazyVars vars;
    private final List<Undefined> pending = new ArrayList<>(2);
    private final Map<Object, String> paths = new IdentityHashMap<>();
    private TemplateFailure failure;
    private boolean secretRevealed;
    /**
     * Ansible's Python class of the values this call met whose Java class cannot tell (text of unsafe,
     * native and vault values; unsafe lists and dicts), by identity; null until the first one, so a call
     * that meets none allocates nothing. See {@link PyClass}.
     */
    private Map<Object, PyClass> pyClasses;

    Evaluation(Context library, LazyVars vars) {
        super(library);
        this.vars = vars;
        setDynamicVariableResolver(this::lookup);
        setExpressionStrategy(AnsibleOutput.INSTANCE);
    }

    /** The evaluation running on this interpreter, found from whichever nested scope is current. */
    static Evaluation of(JinjavaInterpreter interpreter) {
        for (Context c = interpreter.getContext(); c != null; c = c.getParent()) {
            if (c instanceof Evaluation e) {
                return e;
            }
        }
        throw new IllegalStateException("template engine called outside a drover evaluation");
    }

    static Evaluation current() {
        return of(JinjavaInterpreter.getCurrent());
    }

    /** Most variables in the way to the failing one named; a long chain is not echoed link by link. */
    private static final int CONTEXTS_SHOWN = 5;
    private static final String MORE = " (in more variables)";

    /** {@code reason} with the variable whose template failed: {@code "... (in variable 'a': {{ b }})"}. */
    private static String within(String reason, String name, String template) {
        if (reason.endsWith(MORE)) {
            return reason;
        }
        if (reason.split(" \\(in variable '", -1).length - 1 >= CONTEXTS_SHOWN) {
            return reason + MORE;
        }
        return reason + " (in variable '" + name + "': " + TemplateText.abbreviate(template) + ")";
    }

    private Object lookup(String name) {
        Object value;
        try {
            value = vars.get(name);
        } catch (UndefinedVariableException e) {
            // Like Ansible, a variable whose template uses an undefined name is itself undefined.
            return undefined(e.variable(), within(e.reason(), name, e.template()));
        } catch (TemplateException e) {
            fail(new TemplateFailure(e.kind(), within(e.reason(), name, e.template())));
            return null;
        } catch (TemplateFailure f) {
            fail(f);
            return null;
        }
        if (value == LazyVars.MISSING) {
            return switch (name) {
                // Jinja2's literals that Jinjava's grammar lacks reach here as names.
                case "none", "None" -> null;
                case "True" -> Boolean.TRUE;
                case "False" -> Boolean.FALSE;
                case "omit" -> Omit.VALUE;
                default -> undefined(name, "'" + name + "' is undefined");
            };
        }
        return remember(reveal(value), name);
    }

    /** A variable by name, as a template reading it would see it (for lookup('vars')). */
    Object variable(String name) {
        Object v = lookup(name);
        excuse(v); // the caller decides what a missing one means
        return v;
    }

    /** Renders text read by a lookup with the variables of this call. */
    Object renderText(String text) {
        return vars.templater().renderNested(text, vars);
    }

    /** Renders text read by a lookup as text, never read as a literal (convert_data=False): a NativeJinjaText. */
    Object renderTextAsText(String text) {
        Object out = vars.templater().renderNestedText(text, vars);
        nativeText(out);
        return out;
    }

    /** Whether this call has read an unsafe value so far (host output, !unsafe, facts). */
    boolean unsafeRead() {
        return vars.unsafeRead();
    }

    /** Records that the result is made from an unsafe value (see {@link UnsafeTracking}). */
    void markUnsafe() {
        vars.markUnsafe();
    }

    /** A new pending undefined marker. */
    Undefined undefined(String variable, String reason) {
        Undefined u = new Undefined(variable, reason);
        pending.add(u);
        return u;
    }

    /** Lets an undefined marker pass: it was tested, defaulted or deliberately ignored; not if it was called. */
    void excuse(Object value) {
        if (value instanceof Undefined undefined && !undefined.called()) {
            pending.removeIf(u -> u == value);
        }
    }

    /** Records that a container was reached by {@code path}, for error messages. */
    Object remember(Object value, String path) {
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            paths.put(value, path);
        }
        return value;
    }

    /** The path that reached this container, or null when it was built by the template. */
    String pathOf(Object container) {
        Object underlying = container;
        if (container instanceof PyMap m) {
            underlying = m.toMap();
        } else if (container instanceof PyList l) {
            underlying = l.toList();
        }
        return paths.get(underlying);
    }

    /**
     * A value as templates see it: a secret's text (the result of this call becomes secret), an unsafe
     * value's content, remembered as unsafe for {@code type_debug} and {@code is vault_encrypted}.
     */
    Object reveal(Object value) {
        if (value instanceof Secret s) {
            secretRevealed = true;
            return s.revealString();
        }
        if (value instanceof Unsafe u) {
            vars.markUnsafe();
            Object inner = u.value();
            if (inner instanceof String text) {
                if (u.vaulted()) {
                    // A fresh instance, so only this read's text tests as vault_encrypted (a template
                    // returning it gives plain text, as Ansible's to_text does).
                    String seen = new String(text);
                    classify(seen, PyClass.VAULT_TEXT);
                    return seen;
                }
                classify(text, u.kind() == Unsafe.Kind.NATIVE_TEXT ? PyClass.NATIVE_UNSAFE_TEXT : PyClass.UNSAFE_TEXT);
                return text;
            }
            if (inner instanceof Map<?, ?> || inner instanceof List<?>) {
                classify(inner, PyClass.UNSAFE_CONTAINER);
            }
            return reveal(inner);
        }
        return value;
    }

    /** Records the Python class of a value by identity (the last record wins). */
    void classify(Object value, PyClass type) {
        if (pyClasses == null) {
            pyClasses = new IdentityHashMap<>(4);
        }
        pyClasses.put(value, type);
    }

    /**
     * A list's or dict's item as read through it: the items of an unsafe one are unsafe (wrap_var wraps
     * deeply). Costs nothing in a call that met no unsafe container.
     */
    Object inherit(Object container, Object item) {
        if (pyClasses != null && (item instanceof String || item instanceof Map<?, ?> || item instanceof List<?>)) {
            Object underlying = container instanceof PyMap m ? m.toMap() : container instanceof PyList l ? l.toList() : container;
            if (pyClasses.get(underlying) == PyClass.UNSAFE_CONTAINER && !pyClasses.containsKey(item)) {
                classify(item, item instanceof String ? PyClass.UNSAFE_TEXT : PyClass.UNSAFE_CONTAINER);
            }
        }
        return item;
    }

    /**
     * The result of a str method (or a filter that is one) called on {@code text}: Ansible's unsafe text
     * overrides them to return its own class, and lists of it ({@code split}).
     */
    Object strMethodResult(Object text, Object result) {
        PyClass c = pyClass(text);
        if (c == PyClass.UNSAFE_TEXT || c == PyClass.NATIVE_UNSAFE_TEXT) {
            if (result instanceof String) {
                classify(result, c);
            } else if (result instanceof List<?>) {
                classify(result, PyClass.UNSAFE_CONTAINER);
            }
        }
        return result;
    }

    /** The recorded Python class of the value, or null. */
    PyClass pyClass(Object value) {
        return pyClasses == null || value == null ? null : pyClasses.get(value);
    }

    /** Marks a string-type filter's result: as the whole result of a template it stays text. */
    void nativeText(Object text) {
        if (text instanceof String && pyClass(text) != PyClass.NATIVE_UNSAFE_TEXT) {
            classify(text, PyClass.NATIVE_TEXT);
        }
    }

    /** Whether the text is one a template's result keeps as text (NativeJinjaText), see {@link EvalConcat}. */
    boolean isNativeText(Object text) {
        PyClass c = pyClass(text);
        return c == PyClass.NATIVE_TEXT || c == PyClass.NATIVE_UNSAFE_TEXT;
    }

    /** Whether the value is a {@code !vault} value's text as read from a variable (Ansible's vault_encrypted test). */
    boolean vaulted(Object value) {
        return pyClass(value) == PyClass.VAULT_TEXT;
    }

    /**
     * Ansible's {@code type_debug}: the Python class name the value would have in ansible-playbook 2.14,
     * as far as this call knows where the value came from.
     */
    String typeName(Object value) {
        if (value instanceof String) {
            PyClass c = pyClass(value);
            if (c == null && pyClasses != null && inUnsafeContainer(value)) {
                c = PyClass.UNSAFE_TEXT;
            }
            if (c != null && c != PyClass.UNSAFE_CONTAINER) {
                return c.pythonName();
            }
        }
        return PyValues.typeName(value);
    }

    /** Whether the text sits, by identity, in an unsafe list or dict this call read (wrap_var made its items unsafe). */
    private boolean inUnsafeContainer(Object text) {
        for (Map.Entry<Object, PyClass> e : pyClasses.entrySet()) {
            if (e.getValue() == PyClass.UNSAFE_CONTAINER && PyClass.containsByIdentity(e.getKey(), text)) {
                return true;
            }
        }
        return false;
    }

    void revealed() {
        secretRevealed = true;
    }

    boolean secretRevealed() {
        return secretRevealed;
    }

    /** Keeps the first failure of the call; returns it for throwing. */
    TemplateFailure fail(TemplateFailure f) {
        if (failure == null) {
            failure = f;
        }
        return f;
    }

    /**
     * Fails the call if anything went wrong, most fundamental cause first: an unknown filter or test, an
     * undefined value that was used, a filter's failure, then whatever the engine reported.
     */
    void check(String template, List<TemplateError> engineErrors) {
        if (failure != null && failure.kind() != TemplateException.Kind.FAILED) {
            throw new TemplateException(failure.kind(), template, failure.getMessage());
        }
        if (!pending.isEmpty()) {
            Undefined u = pending.get(0);
            throw new UndefinedVariableException(template, u.variable(), u.reason());
        }
        if (failure != null) {
            throw new TemplateException(failure.kind(), template, failure.getMessage());
        }
        EngineErrors.check(template, engineErrors);
    }

    @Override
    public Filter getFilter(String name) {
        Filter filter = super.getFilter(name);
        if (filter == null) {
            List<String> known = getAllFilters().stream().map(Filter::getName).toList();
            fail(new TemplateFailure(TemplateException.Kind.UNKNOWN_FILTER,
                    "no filter named '" + name + "'" + didYouMean(name, known)));
        }
        return filter;
    }

    /** A name Ansible's plugin loader can look up (its collection references: words joined by dots). */
    private static final java.util.regex.Pattern PLUGIN_NAME = java.util.regex.Pattern.compile("\\w+(\\.\\w+)*",
            java.util.regex.Pattern.UNICODE_CHARACTER_CLASS);

    @Override
    public ExpTest getExpTest(String name) {
        ExpTest test = super.getExpTest(name);
        if (test == null && !PLUGIN_NAME.matcher(name).matches()) {
            // Only a test named by a string (select, selectattr...) can be no name at all; Ansible's plugin
            // loader refuses it before looking, in these words.
            fail(new TemplateFailure(TemplateException.Kind.UNKNOWN_TEST, "TemplateSyntaxError: Could not load \""
                    + name + "\": 'invalid plugin name: ansible.builtin." + name + "'"));
        } else if (test == null) {
            List<String> known = getAllExpTests().stream().map(ExpTest::getName).toList();
            fail(new TemplateFailure(TemplateException.Kind.UNKNOWN_TEST,
                    "no test named '" + name + "'" + didYouMean(name, known)));
        }
        return test;
    }

    // Jinjava's bookkeeping for its own callers; it walks up to the shared library context, which many
    // threads use at once, so it stops here.

    @Override
    public void addResolvedExpression(String expression) {
    }

    @Override
    public void addResolvedValue(String value) {
    }

    @Override
    public void addResolvedFunction(String function) {
    }

    @Override
    public void addDependency(String type, String identification) {
    }

    @Override
    public void addDependencies(SetMultimap<String, String> dependencies) {
    }

    /** {@code "; did you mean 'to_json'?"}, or an empty string when nothing is close. */
    private static String didYouMean(String word, java.util.Collection<String> known) {
        String near = dev.drover.protocol.text.Suggest.closest(word, known);
        return near == null ? "" : "; did you mean '" + near + "'?";
    }
}
