package dev.drover.cli;

import dev.drover.execute.play.ModuleArgChecks;
import dev.drover.execute.play.PlayTemplates;
import dev.drover.execute.play.UndefinedVariables;
import dev.drover.playbook.Block;
import dev.drover.playbook.Playbook;
import dev.drover.playbook.Task;
import dev.drover.playbook.check.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code drover check}: parse and check a playbook without touching any host. */
@Command(mixinStandardHelpOptions = true, name = "check", description = {
    "Check a playbook without touching hosts: syntax, handler and file references,",
    "module arguments, variable names, templates, and features drover does not",
    "support yet. Given the inventory and -e that run will get (the same -i, -e and",
    "-l as run), also variables nothing could define and templated hosts, vars_files",
    "and include names.",
    "Lists every problem; exit 4 if there is one.",
    "Example:",
    "  drover check -i inventory.yml -e release=7.4 playbooks/examples/site.yml"})
final class CheckCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PLAYBOOK", description = "The playbook file.")
    Path playbook;

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    VaultOptions vault;

    @picocli.CommandLine.Mixin
    InventoryOptions inventory;

    @picocli.CommandLine.Mixin
    ExtraVarsOptions extraVars;

    @Override
    public Integer call() {
        AnsibleConfigs cfg = AnsibleConfigs.load(spec.commandLine().getErr());
        dev.drover.vault.Vault v = vault.vault(TerminalPrompt.forThisProcess(), cfg.vaultPasswordFile());
        java.io.PrintWriter err = spec.commandLine().getErr();
        inventory.vault = v;
        inventory.configured = cfg.inventory().stream().map(Path::toString).toList();
        Map<String, Object> extra = extraVars.parse(err, v);
        boolean withInventory = hasInventory();
        List<Problem> notShipped = new ArrayList<>();
        Playbook pb = PlaybookLoader.load(playbook, cfg.rolesPath(), v, true, p -> {
            ModuleArgChecks.Findings args = ModuleArgChecks.check(p, v);
            notShipped.addAll(args.notShipped());
            List<Problem> problems = new ArrayList<>(args.problems());
            problems.addAll(PlayTemplates.check(p, extra, v));
            if (withInventory) {
                problems.addAll(UndefinedVariables.check(p, inventory.load(err, playbook.toAbsolutePath().getParent()), extra, v));
            }
            return problems;
        });
        // A task naming an Ansible module drover does not ship fails only on a host that reaches it.
        notShipped.forEach(w -> err.println("[WARNING]: " + w));
        int tasks = pb.plays().stream().mapToInt(p -> count(p.preTasks()) + count(p.tasks()) + count(p.postTasks())
                + count(p.handlers())).sum();
        spec.commandLine().getOut().println(playbook + ": OK (" + pb.plays().size() + " play"
                + (pb.plays().size() == 1 ? "" : "s") + ", " + tasks + " task" + (tasks == 1 ? "" : "s") + ")"
                + (withInventory ? "" : "; variables not checked: give the inventory (-i) and -e that run will get"));
        return ExitCodes.OK;
    }

    /** Whether run would find an inventory: -i, DROVER_INVENTORY or ansible.cfg. */
    private boolean hasInventory() {
        String env = System.getenv("DROVER_INVENTORY");
        return !inventory.sources.isEmpty() || env != null && !env.isBlank() || !inventory.configured.isEmpty();
    }

    private static int count(List<Task> tasks) {
        int n = 0;
        for (Task t : tasks) {
            n += t instanceof Block b ? count(b.block()) + count(b.rescue()) + count(b.always()) : 1;
        }
        return n;
    }
}
