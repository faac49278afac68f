package dev.drover.template;

import com.hubspot.jinjava.el.ext.NamedParameter;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import com.hubspot.jinjava.interpret.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's template functions {@code lookup()}, {@code query()} / {@code q()} and {@code now()}.
 * Lookups run on the controller, as Ansible's do: {@code env} reads the controller's environment,
 * {@code file} and {@code template} read files next to the playbook (its {@code files/} and
 * {@code templates/} directories first), {@code vars} reads a variable by a computed name,
 * {@code items} and {@code list} return their terms, {@code pipe} runs a shell command on the
 * controller ({@code lines}: its output a line per item), {@code password} ({@link PasswordLookup})
 * and {@code first_found} ({@link FirstFoundLookup}) as Ansible's. Other plugins are refused by name.
 */
final class Lookups {
    private Lookups() {
    }

    /** The function a {@code *args} argument is rewritten to ({@link TemplateText}); it wraps the values. */
    static final String SPLAT = "__drover_splat__";

    /** Values of a {@code *args} argument, unpacked into the positional arguments of the call. */
    record Splat(List<Object> values) {
    }

    static Object splat(Object... args) {
        if (args == null || args.length != 1) {
            throw Evaluation.current().fail(new TemplateFailure("*args takes one value"));
        }
        return new Splat(PyValues.items(args[0]));
    }

    static void install(Context library) {
        for (String name : List.of("lookup", "query", "q", "now", SPLAT)) {
            String method = name.equals("q") ? "query" : name.equals(SPLAT) ? "splat" : name;
            try {
                java.lang.reflect.Method m = Lookups.class.getDeclaredMethod(method, Object[].class);
                m.setAccessible(true); // the class stays package-private; Jinjava calls it reflectively
                library.registerFunction(new ELFunctionDefinition("", name, m));
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static Object lookup(Object... args) {
        Call c = Call.of("lookup", args);
        List<Object> found = run(c);
        // As Ansible's Templar._lookup: only a non-empty result without allow_unsafe=True is joined.
        if (found.isEmpty() || PyValues.truthy(c.kwargs.get("allow_unsafe"))) {
            return found;
        }
        Evaluation eval = Evaluation.current();
        if (Boolean.TRUE.equals(c.kwargs.get("wantlist"))) {
            return unsafe(found, eval);
        }
        // Joined with commas when every item is text; else the one item, or the list (Python's join
        // raising TypeError there).
        if (found.stream().allMatch(f -> f instanceof String || f instanceof dev.drover.secret.Secret)) {
            if (found.size() == 1) {
                return unsafe(found.get(0), eval);
            }
            List<String> text = new ArrayList<>();
            found.forEach(f -> text.add(PyValues.str(f, eval)));
            String joined = String.join(",", text);
            // A NativeJinjaText first item makes the joined text one (Templar._lookup).
            if (eval.isNativeText(found.get(0))) {
                eval.nativeText(joined);
            }
            return unsafe(joined, eval);
        }
        return unsafe(found.size() == 1 ? found.get(0) : found, eval);
    }

    static Object query(Object... args) {
        Evaluation eval = Evaluation.current();
        Call c = Call.of("query", args);
        List<Object> found = run(c);
        return found.isEmpty() || PyValues.truthy(c.kwargs.get("allow_unsafe")) ? found : unsafe(found, eval);
    }

    /**
     * Remembers a lookup's result as Ansible's {@code wrap_var} makes it (type_debug): text is
     * AnsibleUnsafeText (NativeJinjaUnsafeText for a NativeJinjaText), a list's or dict's texts are.
     */
    private static Object unsafe(Object result, Evaluation eval) {
        if (result instanceof String) {
            eval.classify(result, eval.isNativeText(result) ? PyClass.NATIVE_UNSAFE_TEXT : PyClass.UNSAFE_TEXT);
        } else if (result instanceof List<?> list) {
            eval.classify(result, PyClass.UNSAFE_CONTAINER);
            for (Object item : list) {
                if (item instanceof String && eval.isNativeText(item)) {
                    eval.classify(item, PyClass.NATIVE_UNSAFE_TEXT);
                }
            }
        } else if (result instanceof Map<?, ?>) {
            eval.classify(result, PyClass.UNSAFE_CONTAINER);
        }
        return result;
    }

    /** {@code now(utc=False, fmt=None)}: the controller's time, as text ({@code fmt} is strftime's). */
    static Object now(Object... args) {
        Map<String, Object> kw = new LinkedHashMap<>();
        List<Object> pos = new ArrayList<>();
        split(args, pos, kw);
        boolean utc = PyValues.truthy(kw.getOrDefault("utc", pos.isEmpty() ? false : pos.get(0)));
        Object fmt = kw.getOrDefault("fmt", pos.size() > 1 ? pos.get(1) : null);
        java.time.ZonedDateTime t = utc ? java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC)
                : java.time.ZonedDateTime.now();
        return fmt == null ? Strftime.format("%Y-%m-%d %H:%M:%S.%f", t) : Strftime.format(String.valueOf(fmt), t);
    }

    private record Call(String function, String plugin, List<Object> terms, Map<String, Object> kwargs) {
        static Call of(String function, Object[] args) {
            Map<String, Object> kw = new LinkedHashMap<>();
            List<Object> pos = new ArrayList<>();
            split(args, pos, kw);
            if (pos.isEmpty()) {
                throw Evaluation.current().fail(new TemplateFailure(function + "() needs the name of a lookup plugin"));
            }
            return new Call(function, String.valueOf(pos.get(0)), pos.subList(1, pos.size()), kw);
        }
    }

    private static void split(Object[] args, List<Object> pos, Map<String, Object> kw) {
        if (args == null) {
            return;
        }
        for (Object a : args) {
            if (a instanceof NamedParameter n) {
                kw.put(n.getName(), n.getValue());
            } else if (a instanceof Splat s) {
                pos.addAll(s.values());
            } else {
                pos.add(a);
            }
        }
    }

    private static List<Object> run(Call c) {
        Evaluation eval = Evaluation.current();
        List<Object> out = new ArrayList<>();
        List<Object> terms = new ArrayList<>();
        for (Object term : c.terms()) {
            // Ansible templates a lookup's terms again (listify_lookup_plugin_terms): a literal
            // '{{ x }}' inside a term's text is rendered; an unsafe value never is. Unsafe values are
            // plain once read, so a call that has read any keeps its terms as they are.
            boolean again = !eval.unsafeRead() && term instanceof String s && (s.contains("{{") || s.contains("{%"));
            Object t = again ? eval.renderText((String) term) : term;
            if (t instanceof List<?> l && !c.plugin().equals("list")) {
                terms.addAll(l);
            } else {
                terms.add(t);
            }
        }
        switch (c.plugin()) {
            case "env" -> terms.forEach(t -> {
                String v = System.getenv(String.valueOf(t));
                out.add(v != null ? v : c.kwargs().getOrDefault("default", ""));
            });
            case "vars" -> terms.forEach(t -> {
                if (!(t instanceof String)) {
                    throw eval.fail(new TemplateFailure("Invalid setting identifier, \"" + PyValues.str(t, eval)
                            + "\" is not a string, its a <class '" + PyValues.typeName(t) + "'>"));
                }
                Object v = eval.variable(String.valueOf(t));
                if (v instanceof Undefined) {
                    if (!c.kwargs().containsKey("default")) {
                        throw eval.fail(new TemplateFailure("No variable found with this name: " + t));
                    }
                    v = c.kwargs().get("default");
                }
                out.add(v);
            });
            case "items" -> terms.forEach(t -> {
                if (t instanceof List<?> l) {
                    out.addAll(l); // Ansible's items lookup flattens one more level
                } else {
                    out.add(t);
                }
            });
            case "list" -> out.addAll(c.terms());
            case "file" -> terms.forEach(t -> {
                String text = read(eval, "files", String.valueOf(t), c);
                if (!Boolean.FALSE.equals(c.kwargs().get("rstrip"))) {
                    text = text.stripTrailing();
                }
                if (Boolean.TRUE.equals(c.kwargs().get("lstrip"))) {
                    text = text.stripLeading();
                }
                out.add(text);
            });
            case "template" -> terms.forEach(t -> {
                String text = read(eval, "templates", String.valueOf(t), c);
                // convert_data=False: the text as it renders, a NativeJinjaText no template reads as a literal.
                out.add(PyValues.truthy(c.kwargs().getOrDefault("convert_data", true))
                        ? eval.renderText(text) : eval.renderTextAsText(text));
            });
            case "pipe" -> terms.forEach(t -> out.add(pipe(eval, "pipe", String.valueOf(t)).stripTrailing()));
            // Python's str.splitlines of the command's output, a list item per line.
            case "lines" -> terms.forEach(t -> out.addAll(splitlines(pipe(eval, "lines", String.valueOf(t)))));
            case "password" -> terms.forEach(t -> out.add(password(eval, String.valueOf(t), c)));
            case "first_found" -> {
                try {
                    out.addAll(FirstFoundLookup.run(terms, options(c), eval));
                } catch (TemplateFailure e) {
                    throw eval.fail(e);
                }
            }
            default -> throw eval.fail(new TemplateFailure("lookup plugin '" + c.plugin() + "' is not available in drover"
                    + " (it has env, file, first_found, items, lines, list, password, pipe, template, vars)"));
        }
        UnsafeTracking.lookupResult(out, c.kwargs().get("allow_unsafe"), eval);
        return out;
    }

    /** Python's {@code str.splitlines()}: no item for the final line break, none at all for "". */
    private static List<String> splitlines(String text) {
        List<String> lines = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\r\n|\r|\n").matcher(text);
        int at = 0;
        while (m.find()) {
            lines.add(text.substring(at, m.start()));
            at = m.end();
        }
        if (at < text.length()) {
            lines.add(text.substring(at));
        }
        return lines;
    }

    /** The plugin's own keyword options: without {@code wantlist} and {@code errors}, which are lookup()'s. */
    private static Map<String, Object> options(Call c) {
        Map<String, Object> kw = new LinkedHashMap<>(c.kwargs());
        kw.remove("wantlist");
        kw.remove("errors");
        kw.remove("allow_unsafe");
        return kw;
    }

    /** The password lookup; a relative path is the playbook's folder's, as Ansible's {@code path_dwim}. */
    private static String password(Evaluation eval, String term, Call c) {
        Object dir = eval.variable("playbook_dir");
        try {
            return PasswordLookup.run(term, options(c), Path.of(dir instanceof String s ? s : "."));
        } catch (TemplateFailure e) {
            throw eval.fail(e);
        }
    }

    /**
     * Ansible's pipe and lines lookups: {@code sh -c TERM} on the controller in the playbook's
     * directory, its standard output decoded; a non-zero exit fails. Only in a run (a check, which
     * has no playbook_dir, never runs commands).
     */
    private static String pipe(Evaluation eval, String plugin, String command) {
        if (!(eval.variable("playbook_dir") instanceof String dir)) {
            throw eval.fail(new TemplateFailure("lookup('" + plugin + "') runs only in a run, in the playbook's directory"));
        }
        try {
            Process p = new ProcessBuilder("/bin/sh", "-c", command).directory(Path.of(dir).toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            byte[] stdout = p.getInputStream().readAllBytes();
            int rc = p.waitFor();
            if (rc != 0) {
                throw eval.fail(new TemplateFailure("lookup_plugin." + plugin + "(" + command + ") returned " + rc));
            }
            return new String(stdout, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw eval.fail(new TemplateFailure("lookup_plugin." + plugin + "(" + command + "): " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw eval.fail(new TemplateFailure("lookup_plugin." + plugin + "(" + command + ") was interrupted"));
        }
    }

    private static String read(Evaluation eval, String subdir, String name, Call c) {
        Object dir = eval.variable("playbook_dir");
        Path base = Path.of(dir instanceof String s ? s : ".");
        Path p = Path.of(name);
        List<Path> candidates = new ArrayList<>();
        if (p.isAbsolute()) {
            candidates.add(p);
        } else {
            // Ansible's search path: the role's files/ (or templates/) and the role's directory first,
            // then the playbook's.
            if (eval.variable("role_path") instanceof String role) {
                candidates.add(Path.of(role).resolve(subdir).resolve(name));
                candidates.add(Path.of(role).resolve(name));
            }
            candidates.add(base.resolve(subdir).resolve(name));
            candidates.add(base.resolve(name));
        }
        for (Path f : candidates) {
            if (Files.isRegularFile(f)) {
                try {
                    return Files.readString(f, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw eval.fail(new TemplateFailure("lookup('" + c.plugin() + "'): cannot read " + f + ": " + e.getMessage()));
                }
            }
        }
        throw eval.fail(new TemplateFailure("lookup('" + c.plugin() + "'): could not find '" + name + "' (searched "
                + candidates + ")"));
    }
}
