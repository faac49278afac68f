package dev.drover.cli;

import dev.drover.inventory.Inventory;
import dev.drover.inventory.InventoryException;
import dev.drover.inventory.output.InventoryGraph;
import dev.drover.inventory.output.InventoryJson;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code drover inventory}: show an inventory as ansible-inventory does. */
@Command(mixinStandardHelpOptions = true, name = "inventory", description = {
    "Show the inventory: --list prints the same JSON as ansible-inventory --list, --graph a tree.",
    "Example: drover inventory -i lab.yml --graph"})
final class InventoryCommand implements Callable<Integer> {
    @Mixin
    InventoryOptions inventory;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Action action;

    static final class Action {
        @Option(names = "--list", description = "All hosts and groups with their variables, as JSON.")
        boolean list;

        @Option(names = "--graph", description = "The group tree (of GROUP, default all).")
        boolean graph;

        @Option(names = "--host", paramLabel = "HOST", description = "One host's merged variables, as JSON.")
        String host;
    }

    @Option(names = "--vars", description = "With --graph: show variables too.")
    boolean vars;

    @Parameters(index = "0", arity = "0..1", paramLabel = "GROUP", description = "With --graph: the group to start from.")
    String group;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Inventory inv = inventory.load(spec.commandLine().getErr());
        try {
            String text;
            if (action.list) {
                text = InventoryJson.list(inv);
            } else if (action.graph) {
                text = InventoryGraph.render(inv, group == null ? "all" : group, vars);
            } else {
                text = InventoryJson.host(inv, action.host);
            }
            spec.commandLine().getOut().println(text);
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        } catch (InventoryException e) {
            throw new UserError(e.getMessage());
        }
    }
}
