package dev.drover.execute.play;

import dev.drover.playbook.Block;
import dev.drover.playbook.Coerce;
import dev.drover.playbook.Play;
import dev.drover.playbook.Playbook;
import dev.drover.playbook.PlaybookException;
import dev.drover.playbook.Task;
import dev.drover.playbook.TaskInclude;
import dev.drover.playbook.check.Problem;
import dev.drover.playbook.parse.VarsFileParser;
import dev.drover.template.TemplateException;
import dev.drover.template.Templater;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * For {@code drover check}: the templated names a run resolves before its first task, resolved here
 * as the run will, with the play's vars and {@code -e}: a templated {@code hosts} or
 * {@code vars_files} entry that uses an undefined variable, and a vars_files file that the rendered
 * name does not find or that does not parse, fail the run at the play's start, so they are reported.
 * A templated include_tasks name is resolved when every variable it reads is an {@code -e} or a play
 * variable nothing else could override (no task, role or vars_files defines it), and a missing file
 * reported; anything else it reads depends on the host and waits for the run.
 * One instance per check; not thread-safe.
 */
public final class PlayTemplates {
    private final Templater templater = Templater.jinja();
    private final List<Problem> problems = new ArrayList<>();
    private final dev.drover.vault.Vault vault;
    private final Set<String> overridable;

    private PlayTemplates(dev.drover.vault.Vault vault, Set<String> overridable) {
        this.vault = vault;
        this.overridable = overridable;
    }

    public static List<Problem> check(Playbook playbook, Map<String, Object> extraVars, dev.drover.vault.Vault vault) {
        DefinableNames definable = DefinableNames.of(playbook, vault);
        PlayTemplates p = new PlayTemplates(vault, definable.names());
        for (Play play : playbook.plays()) {
            Map<String, Object> playLevel = new LinkedHashMap<>(play.vars());
            playLevel.putAll(extraVars);
            if (Coerce.isTemplate(play.hosts())) {
                p.render(play, "hosts", play.hosts(), playLevel);
            }
            Set<String> fileVars = p.varsFiles(play, playLevel);
            Map<String, Object> fixed = new LinkedHashMap<>(play.vars());
            fixed.keySet().removeAll(fileVars);
            fixed.keySet().removeAll(p.overridable);
            fixed.putAll(extraVars);
            for (List<Task> list : List.of(play.preTasks(), play.tasks(), play.postTasks(), play.handlers())) {
                p.includes(list, fixed);
            }
        }
        return List.copyOf(p.problems);
    }

    private Optional<String> render(Play play, String keyword, String raw, Map<String, Object> vars) {
        try {
            return Optional.of(String.valueOf(templater.render(raw, vars)));
        } catch (TemplateException e) {
            problems.add(new Problem(play.pos(), keyword + ": " + e.getMessage() + "; play-level keywords see only play"
                    + " vars and extra vars (-e)"));
            return Optional.empty();
        }
    }

    /** @return the names the vars_files define (static ones are StaticFiles' to read) */
    private Set<String> varsFiles(Play play, Map<String, Object> playLevel) {
        Set<String> names = new HashSet<>();
        Path dir = TaskCall.dir(play.pos().file());
        entries:
        for (List<String> entry : play.varsFiles()) {
            if (entry.stream().noneMatch(Coerce::isTemplate)) {
                continue;
            }
            List<String> rendered = new ArrayList<>();
            for (String name : entry) {
                Optional<String> r = render(play, "vars_files", name, playLevel);
                if (r.isEmpty()) {
                    continue entries;
                }
                rendered.add(r.get());
            }
            Path file = VarsFileChoice.choose(dir, rendered).orElse(null);
            if (file == null || !Files.isRegularFile(file)) {
                problems.add(new Problem(play.pos(), entry.size() == 1 ? "vars_files entry '" + entry.get(0) + "' is '"
                        + rendered.get(0) + "' with the play's vars and -e, which is not found (looked for "
                        + dir.resolve(rendered.get(0)).toAbsolutePath().normalize() + ")"
                        : "vars_files: " + VarsFileChoice.notFound(rendered, dir)));
                continue;
            }
            try {
                names.addAll(new VarsFileParser(vault).parse(file).keySet());
            } catch (PlaybookException e) {
                problems.add(new Problem(play.pos(), "vars_files: " + e.getMessage()));
            }
        }
        return names;
    }

    private void includes(List<Task> tasks, Map<String, Object> fixed) {
        for (Task t : tasks) {
            if (t instanceof Block b) {
                includes(b.block(), fixed);
                includes(b.rescue(), fixed);
                includes(b.always(), fixed);
            } else if (t instanceof TaskInclude inc && inc.role().isPresent()) {
                includes(List.of(inc.role().get()), fixed);
            } else if (t instanceof TaskInclude inc && !inc.isRole() && Coerce.isTemplate(inc.file())
                    && t.options().vars().isEmpty()) {
                resolved(inc.file(), fixed).ifPresent(name -> {
                    Path target = inc.baseDir().resolve(name).toAbsolutePath().normalize();
                    if (!Files.isRegularFile(target)) {
                        problems.add(new Problem(t.pos(), "include_tasks file '" + inc.file() + "' is '" + name
                                + "' with -e and the play's vars, which is not found (looked for " + target + ")"));
                    }
                });
            }
        }
    }

    /** The text rendered with {@code vars} when it reads nothing else; empty when it would depend on a host. */
    private Optional<String> resolved(String text, Map<String, Object> vars) {
        Recording recording = new Recording(vars);
        try {
            Object value = templater.render(text, recording);
            return recording.missed ? Optional.empty() : Optional.of(String.valueOf(value));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Variables that remember whether a template asked for a name they do not hold. */
    private static final class Recording extends AbstractMap<String, Object> {
        private final Map<String, Object> vars;
        private boolean missed;

        Recording(Map<String, Object> vars) {
            this.vars = vars;
        }

        @Override
        public Object get(Object key) {
            missed |= !vars.containsKey(key);
            return vars.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            missed |= !vars.containsKey(key);
            return vars.containsKey(key);
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return vars.entrySet();
        }
    }
}
