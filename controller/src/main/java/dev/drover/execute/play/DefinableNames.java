package dev.drover.execute.play;

import dev.drover.playbook.Block;
import dev.drover.playbook.Coerce;
import dev.drover.playbook.ModuleTask;
import dev.drover.playbook.Play;
import dev.drover.playbook.Playbook;
import dev.drover.playbook.PlaybookException;
import dev.drover.playbook.Task;
import dev.drover.playbook.TaskInclude;
import dev.drover.playbook.parse.TaskFileParser;
import dev.drover.playbook.parse.VarsFileParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every variable name the tasks of a playbook could define on some host, wherever they sit, for
 * {@link UndefinedVariables}: {@code set_fact} keys, {@code register}, {@code include_vars} files'
 * keys and {@code name}, loop and index variables, block, task and include {@code vars}, roles'
 * defaults, vars and params, read through roles and statically named include_tasks files. A host's
 * facts persist from play to play, so the set is the playbook's, not a play's.
 *
 * <p>A task is {@link #opaque(Task)} when running it could define names no one can list before the
 * run: a {@code set_fact} with a templated key, an {@code include_vars} of a templated or unreadable
 * file or of a directory, an include_tasks or include_role chosen at run time, or a block, role or
 * include file holding such a task. The check says nothing about the tasks that run after one.
 * One instance per check; not thread-safe.
 */
final class DefinableNames {
    private final Set<String> names = new HashSet<>();
    private final Set<Path> read = new HashSet<>();
    private final Map<Path, Boolean> opaqueFiles = new java.util.HashMap<>();
    private final TaskFileParser parser;
    private final dev.drover.vault.Vault vault;
    private boolean knowable = true;

    private DefinableNames(dev.drover.vault.Vault vault) {
        this.vault = vault;
        this.parser = new TaskFileParser(ActionNames.forParser(), vault);
    }

    static DefinableNames of(Playbook playbook, dev.drover.vault.Vault vault) {
        DefinableNames d = new DefinableNames(vault);
        for (Play play : playbook.plays()) {
            for (List<Task> list : List.of(play.preTasks(), play.tasks(), play.postTasks(), play.handlers())) {
                d.walk(list);
            }
        }
        return d;
    }

    Set<String> names() {
        return names;
    }

    /** Whether running {@code t} (its blocks, role and include files too) could define names no one can list now. */
    boolean opaque(Task t) {
        if (t instanceof Block b) {
            return b.block().stream().anyMatch(this::opaque) || b.rescue().stream().anyMatch(this::opaque)
                    || b.always().stream().anyMatch(this::opaque);
        }
        if (t instanceof TaskInclude inc) {
            if (inc.dynamic().isPresent() || !inc.isRole() && Coerce.isTemplate(inc.file())) {
                return true;
            }
            return inc.role().isPresent() ? opaque(inc.role().get())
                    : opaqueFile(inc.baseDir().resolve(inc.file()).toAbsolutePath().normalize());
        }
        if (t instanceof ModuleTask m) {
            boolean before = knowable;
            knowable = true;
            module(m);
            boolean opaque = !knowable;
            knowable = before;
            return opaque;
        }
        return false;
    }

    private boolean opaqueFile(Path file) {
        if (opaqueFiles.containsKey(file) || !Files.isRegularFile(file)) {
            return opaqueFiles.getOrDefault(file, false); // a file on the way is judged by its other tasks
        }
        opaqueFiles.put(file, false);
        boolean opaque;
        try {
            opaque = parser.parse(file).stream().anyMatch(this::opaque);
        } catch (PlaybookException e) {
            opaque = true;
        }
        opaqueFiles.put(file, opaque);
        return opaque;
    }

    private void walk(List<Task> tasks) {
        for (Task t : tasks) {
            var o = t.options();
            names.addAll(o.vars().keySet());
            o.register().ifPresent(names::add);
            if (o.loop().isPresent()) {
                names.add(o.loopControl().loopVar());
                o.loopControl().indexVar().ifPresent(names::add);
            }
            if (t instanceof Block b) {
                b.role().ifPresent(r -> {
                    names.addAll(r.defaults().keySet());
                    names.addAll(r.vars().keySet());
                    names.addAll(r.params().keySet());
                });
                walk(b.block());
                walk(b.rescue());
                walk(b.always());
            } else if (t instanceof TaskInclude inc) {
                if (inc.dynamic().isPresent()) {
                    knowable = false;
                } else if (inc.role().isPresent()) {
                    walk(List.of(inc.role().get()));
                } else if (Coerce.isTemplate(inc.file())) {
                    knowable = false;
                } else {
                    include(inc.baseDir().resolve(inc.file()).toAbsolutePath().normalize());
                }
            } else if (t instanceof ModuleTask m) {
                module(m);
            }
        }
    }

    private void include(Path file) {
        if (!read.add(file) || !Files.isRegularFile(file)) {
            return; // a missing file is reported by the checker; a cycle by StaticFiles
        }
        try {
            walk(parser.parse(file));
        } catch (PlaybookException e) {
            knowable = false;
        }
    }

    private void module(ModuleTask m) {
        switch (m.module()) {
            case "set_fact" -> m.args().keySet().forEach(k -> {
                if (Coerce.isTemplate(k)) {
                    knowable = false;
                } else if (!k.equals("cacheable") && !k.equals(ModuleTask.RAW_PARAMS)) {
                    names.add(k);
                }
            });
            case "include_vars" -> includeVars(m);
            default -> { }
        }
    }

    private void includeVars(ModuleTask m) {
        Map<String, Object> a = m.args();
        if (a.get("name") instanceof String name) {
            if (Coerce.isTemplate(name)) {
                knowable = false;
            }
            names.add(name);
            return;
        }
        Object file = a.containsKey("file") ? a.get("file") : a.get(ModuleTask.RAW_PARAMS);
        if (a.containsKey("dir") || !(file instanceof String f) || Coerce.isTemplate(f)) {
            knowable = false;
            return;
        }
        Path dir = TaskCall.dir(m.pos().file());
        for (Path candidate : List.of(dir.resolve("vars").resolve(f), dir.resolve(f))) {
            if (Files.isRegularFile(candidate)) {
                try {
                    names.addAll(new VarsFileParser(vault).parse(candidate).keySet());
                    return;
                } catch (PlaybookException e) {
                    break;
                }
            }
        }
        knowable = false;
    }
}
