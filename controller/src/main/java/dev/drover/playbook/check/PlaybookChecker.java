package dev.drover.playbook.check;

import dev.drover.protocol.text.Suggest;
import dev.drover.playbook.Block;
import dev.drover.playbook.Coerce;
import dev.drover.playbook.Play;
import dev.drover.playbook.Playbook;
import dev.drover.playbook.Task;
import dev.drover.playbook.TaskInclude;
import dev.drover.playbook.TaskOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Checks what the parser cannot see in a single node: that each {@code notify} names a handler or
 * {@code listen} topic of the same play, that {@code include_tasks} and {@code vars_files} name
 * existing files (when the name has no template), and that {@code register}, {@code loop_var} and
 * {@code index_var} are usable variable names. Returns every problem found, play by play.
 * Stateless and thread-safe.
 */
public final class PlaybookChecker {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Python keywords (Ansible variable names must be Python identifiers) plus Jinja2's literals. */
    private static final Set<String> RESERVED = Set.of("False", "None", "True", "and", "as", "assert", "async",
            "await", "break", "class", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from",
            "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try",
            "while", "with", "yield", "true", "false", "none");

    public List<Problem> check(Playbook playbook) {
        List<Problem> problems = new ArrayList<>();
        for (Play play : playbook.plays()) {
            checkPlay(play, problems);
        }
        return List.copyOf(problems);
    }

    /**
     * The per-task checks for tasks read from a file the play includes ({@code include_tasks}):
     * names, notify targets among the play's handlers, commands, loops and nested include files.
     */
    public List<Problem> checkIncluded(Play play, List<Task> tasks) {
        List<Problem> problems = new ArrayList<>();
        Targets targets = targets(play, new ArrayList<>());
        walk(tasks, t -> checkTask(t, targets.names(), targets.checkNotify(), problems));
        return List.copyOf(problems);
    }

    /** The names and topics notify may use in a play; no check when a handler's name is templated. */
    private record Targets(Set<String> names, boolean checkNotify) {
    }

    private void checkPlay(Play play, List<Problem> problems) {
        Path playDir = dirOf(play.pos().file());
        for (String name : play.vars().keySet()) {
            if (!IDENTIFIER.matcher(name).matches() || RESERVED.contains(name)) {
                problems.add(new Problem(play.pos(), "vars: '" + name + "' is not a valid variable name; use letters,"
                        + " digits and underscores, not starting with a digit, and not a reserved word"));
            }
        }
        for (List<String> names : play.varsFiles()) {
            if (names.stream().anyMatch(Coerce::isTemplate) || names.stream().anyMatch(f -> Files.isRegularFile(playDir.resolve(f)))) {
                continue;
            }
            problems.add(new Problem(play.pos(), names.size() == 1
                    ? "vars_files entry '" + names.get(0) + "' not found (looked for " + playDir.resolve(names.get(0)).normalize() + ")"
                    : "vars_files: vars file ['" + String.join("', '", names) + "'] was not found (none of them exists in "
                            + playDir.toAbsolutePath().normalize() + "; the first that exists is read)"));
        }
        Targets targets = targets(play, problems);
        Consumer<Task> perTask = t -> checkTask(t, targets.names(), targets.checkNotify(), problems);
        for (List<Task> list : List.of(play.preTasks(), play.tasks(), play.postTasks(), play.handlers())) {
            walk(list, perTask);
        }
    }

    /** @param problems receives the play's handlers that nothing can notify */
    private static Targets targets(Play play, List<Problem> problems) {
        Set<String> handlerNames = new LinkedHashSet<>();
        Set<String> topics = new LinkedHashSet<>();
        boolean templatedHandlerName = false;
        List<Task> handlers = new java.util.ArrayList<>();
        for (Task h : play.handlers()) {
            if (h instanceof Block b && b.role().isPresent()) {
                // A role's handlers answer to their names and to "role : name".
                for (Task inner : b.block()) {
                    inner.options().name().ifPresent(n -> handlerNames.add(b.role().get().name() + " : " + n));
                    handlers.add(inner);
                }
            } else {
                handlers.add(h);
            }
        }
        for (Task h : handlers) {
            TaskOptions o = h.options();
            o.name().ifPresent(handlerNames::add);
            templatedHandlerName |= o.name().map(Coerce::isTemplate).orElse(false);
            topics.addAll(o.listen());
            if (o.name().isEmpty() && o.listen().isEmpty() && !(h instanceof Block)) {
                problems.add(new Problem(h.pos(), "this handler has neither a name nor 'listen', so nothing can notify it"));
            }
        }
        Set<String> targets = new LinkedHashSet<>(handlerNames);
        targets.addAll(topics);
        return new Targets(targets, !templatedHandlerName);
    }

    private void checkTask(Task t, Set<String> targets, boolean checkNotify, List<Problem> problems) {
        TaskOptions o = t.options();
        if (checkNotify) {
            for (String n : o.notifies()) {
                if (!Coerce.isTemplate(n) && !targets.contains(n)) {
                    String near = Suggest.closest(n, targets);
                    problems.add(new Problem(t.pos(), "notify '" + n + "' matches no handler name or listen topic in this play"
                            + (near != null ? " (did you mean '" + near + "'?)" : "")
                            + (targets.isEmpty() ? "; the play has no handlers" : "; handlers: " + String.join(", ", targets))));
                }
            }
        }
        o.register().ifPresent(r -> checkIdentifier(t, "register", r, problems));
        // As Ansible's task vars (refused at parse) and set_fact (refused on every host: known now).
        o.vars().keySet().forEach(k -> checkIdentifier(t, "vars", k, problems));
        if (t instanceof dev.drover.playbook.ModuleTask m) {
            if (m.module().equals("set_fact") || m.module().equals("ansible.builtin.set_fact")) {
                m.args().keySet().stream().filter(k -> !k.equals("cacheable") && !Coerce.isTemplate(k)
                        && !k.equals(dev.drover.playbook.ModuleTask.RAW_PARAMS))
                        .forEach(k -> checkIdentifier(t, "set_fact", k, problems));
            }
            if (List.of("command", "shell", "ansible.builtin.command", "ansible.builtin.shell").contains(m.module())
                    && !m.args().containsKey(dev.drover.playbook.ModuleTask.RAW_PARAMS) && !m.args().containsKey("argv")
                    && !m.args().containsKey("cmd") && !o.ignoreErrors().isSet()) {
                // Every host would fail ("no command given", rc 256); a task whose failure is ignored
                // runs, as in Ansible (its own integration test does so).
                problems.add(new Problem(t.pos(), m.module() + ": no command given; write it after '" + m.module()
                        + ":' or in 'cmd:' / 'argv:'"));
            }
            if ((m.module().equals("debug") || m.module().equals("ansible.builtin.debug"))
                    && m.args().containsKey("msg") && m.args().containsKey("var")) {
                problems.add(new Problem(t.pos(), "debug: 'msg' and 'var' are incompatible options; keep one"));
            }
        }
        if (o.loop().isPresent()) {
            if (!Coerce.isTemplate(o.loopControl().loopVar())) { // a templated one is checked when rendered
                checkIdentifier(t, "loop_var", o.loopControl().loopVar(), problems);
            }
            o.loopControl().indexVar().ifPresent(v -> checkIdentifier(t, "index_var", v, problems));
        }
        if (t instanceof TaskInclude inc && inc.role().isEmpty() && !Coerce.isTemplate(inc.file())) {
            Path target = inc.baseDir().resolve(inc.file());
            if (!Files.isRegularFile(target)) {
                problems.add(new Problem(t.pos(), "include_tasks file '" + inc.file() + "' not found (looked for "
                        + target.toAbsolutePath().normalize() + ")"));
            }
        }
    }

    private static void checkIdentifier(Task t, String keyword, String name, List<Problem> problems) {
        if (!IDENTIFIER.matcher(name).matches() || RESERVED.contains(name)) {
            problems.add(new Problem(t.pos(), keyword + " '" + name + "' is not a valid variable name; use letters, digits"
                    + " and underscores, not starting with a digit, and not a reserved word"));
        }
    }

    private static void walk(List<Task> tasks, Consumer<Task> visit) {
        for (Task t : tasks) {
            visit.accept(t);
            if (t instanceof Block b) {
                walk(b.block(), visit);
                walk(b.rescue(), visit);
                walk(b.always(), visit);
            } else if (t instanceof TaskInclude inc && inc.role().isPresent()) {
                walk(List.of(inc.role().get()), visit);
            }
        }
    }

    private static Path dirOf(Path file) {
        Path parent = file.getParent();
        return parent == null ? Path.of("") : parent;
    }
}
