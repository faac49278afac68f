package dev.drover.execute.play;

import dev.drover.playbook.Block;
import dev.drover.playbook.Coerce;
import dev.drover.playbook.Play;
import dev.drover.playbook.Playbook;
import dev.drover.playbook.PlaybookException;
import dev.drover.playbook.SourcePos;
import dev.drover.playbook.Task;
import dev.drover.playbook.TaskInclude;
import dev.drover.playbook.check.Problem;
import dev.drover.playbook.parse.TaskFileParser;
import dev.drover.playbook.parse.VarsFileParser;
import dev.drover.template.Templater;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The files a playbook names without a template, read before any host is touched, as the run will
 * read them: every {@code vars_files} entry (bad YAML, invalid UTF-8, an alias bomb, an unreadable
 * file) and every {@code include_tasks} file, parsed and its tasks, templates and loops checked like
 * the playbook's ({@code PlaybookChecker}'s per-task checks too), following further static includes.
 * A chain of include_tasks that comes back to a
 * file on it with no {@code when} or loop anywhere along it would recurse until the run's depth
 * limit: it is refused, naming each link. Missing files are {@code PlaybookChecker}'s to report.
 * One instance per check; not thread-safe.
 */
public final class StaticFiles {
    private final TaskFileParser taskFiles;
    private final dev.drover.vault.Vault vault;
    private final Templater templater = Templater.jinja();
    private final boolean everyFile;
    private final Set<Path> explored = new HashSet<>();
    private final List<Problem> problems = new ArrayList<>();
    private final dev.drover.playbook.check.PlaybookChecker checker = new dev.drover.playbook.check.PlaybookChecker();
    private Play play;

    private StaticFiles(dev.drover.vault.Vault vault, boolean everyFile) {
        this.vault = vault;
        this.everyFile = everyFile;
        this.taskFiles = new TaskFileParser(ActionNames.forParser(), vault);
    }

    /**
     * @param vault     the command's vault, as the run would use for these files
     * @param everyFile true for {@code check}: every static include_tasks file, also those behind a
     *                  {@code when}, a loop, a rescue or a handler; false for {@code run}: only the
     *                  files every host will include (so a broken file a condition keeps away, as
     *                  for another OS, does not stop a run that Ansible would complete)
     */
    public static List<Problem> check(Playbook playbook, dev.drover.vault.Vault vault, boolean everyFile) {
        StaticFiles s = new StaticFiles(vault, everyFile);
        for (Play play : playbook.plays()) {
            s.play = play;
            s.varsFiles(play);
            for (List<Task> list : List.of(play.preTasks(), play.tasks(), play.postTasks())) {
                s.walk(list, List.of(), true);
            }
            s.walk(play.handlers(), List.of(), false);
        }
        return List.copyOf(s.problems);
    }

    private void varsFiles(Play play) {
        Path dir = TaskCall.dir(play.pos().file());
        for (List<String> names : play.varsFiles()) {
            if (names.stream().anyMatch(Coerce::isTemplate)) {
                continue;
            }
            Path file = VarsFileChoice.choose(dir, names).orElse(null);
            if (file == null || !Files.isRegularFile(file)) {
                continue;
            }
            try {
                new VarsFileParser(vault).parse(file);
            } catch (PlaybookException e) {
                problems.add(new Problem(play.pos(), "vars_files: " + e.getMessage()));
            }
        }
    }

    /** One step of an include chain: the include task and the file it names. */
    private record Link(TaskInclude include, Path target) {
        boolean conditional() {
            return !include.options().when().isEmpty() || include.options().loop().isPresent();
        }
    }

    /** @param definite whether every host reaches these tasks (no condition, loop, rescue or handler on the way) */
    private void walk(List<Task> tasks, List<Link> chain, boolean definite) {
        for (Task task : tasks) {
            boolean reached = definite && task.options().when().isEmpty() && task.options().loop().isEmpty();
            if (task instanceof Block b) {
                walk(b.block(), chain, reached);
                walk(b.rescue(), chain, false);
                walk(b.always(), chain, reached);
            } else if (task instanceof TaskInclude inc && inc.role().isPresent()) {
                walk(List.of(inc.role().get()), chain, reached);
            } else if (task instanceof TaskInclude inc && !inc.isRole() && !Coerce.isTemplate(inc.file())
                    && (reached || everyFile)) {
                include(inc, chain, reached);
            }
        }
    }

    private void include(TaskInclude inc, List<Link> chain, boolean definite) {
        Path target = inc.baseDir().resolve(inc.file()).toAbsolutePath().normalize();
        if (!Files.isRegularFile(target)) {
            return;
        }
        List<Link> next = new ArrayList<>(chain);
        next.add(new Link(inc, target));
        Path here = inc.pos().file().toAbsolutePath().normalize();
        int start = here.equals(target) ? next.size() - 1 : -1;
        for (int i = 0; i < chain.size() && start < 0; i++) {
            if (chain.get(i).target().equals(target)) {
                start = i + 1;
            }
        }
        if (start >= 0) {
            List<Link> cycle = next.subList(start, next.size());
            if (cycle.stream().noneMatch(Link::conditional)) {
                problems.add(new Problem(cycle.get(0).include().pos(), "include_tasks cycle: "
                        + cycle.stream().map(l -> where(l.include().pos()) + " includes " + l.target().getFileName())
                                .collect(Collectors.joining(" -> "))
                        + "; no include on it has a 'when' or a loop, so the run would include these files until its"
                        + " depth limit (" + Includes.MAX_DEPTH + "); add a 'when' that ends the recursion"));
            }
            return;
        }
        if (!explored.add(target)) {
            return;
        }
        List<Task> included;
        try {
            included = taskFiles.parse(target);
        } catch (PlaybookException e) {
            problems.add(new Problem(inc.pos(), "include_tasks " + inc.file() + ": " + e.getMessage()));
            return;
        }
        problems.addAll(checker.checkIncluded(play, included));
        problems.addAll(TemplateChecks.tasks(templater, included));
        walk(included, next, definite);
    }

    private static String where(SourcePos pos) {
        return pos.file().getFileName() + ":" + pos.line() + ":" + pos.column();
    }
}
