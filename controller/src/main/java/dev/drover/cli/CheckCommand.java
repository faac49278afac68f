package dev.drover.cli;

import dev.drover.playbook.Block;
import dev.drover.playbook.Playbook;
import dev.drover.playbook.Task;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code drover check}: parse and check a playbook without touching any host. */
@Command(mixinStandardHelpOptions = true, name = "check", description = {
    "Check a playbook without touching hosts: syntax, handler and file references, variable names,",
    "and features drover does not support yet. Lists every problem; exit 4 if there is one.",
    "Example:",
    "  drover check playbooks/examples/site.yml"})
final class CheckCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PLAYBOOK", description = "The playbook file.")
    Path playbook;

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    VaultOptions vault;

    @Override
    public Integer call() {
        AnsibleConfigs cfg = AnsibleConfigs.load(spec.commandLine().getErr());
        Playbook pb = PlaybookLoader.load(playbook, cfg.rolesPath(),
                vault.vault(TerminalPrompt.forThisProcess(), cfg.vaultPasswordFile()), true);
        int tasks = pb.plays().stream().mapToInt(p -> count(p.preTasks()) + count(p.tasks()) + count(p.postTasks())
                + count(p.handlers())).sum();
        spec.commandLine().getOut().println(playbook + ": OK (" + pb.plays().size() + " play"
                + (pb.plays().size() == 1 ? "" : "s") + ", " + tasks + " task" + (tasks == 1 ? "" : "s") + ")");
        return ExitCodes.OK;
    }

    private static int count(List<Task> tasks) {
        int n = 0;
        for (Task t : tasks) {
            n += t instanceof Block b ? count(b.block()) + count(b.rescue()) + count(b.always()) : 1;
        }
        return n;
    }
}
