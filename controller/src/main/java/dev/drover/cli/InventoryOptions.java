package dev.drover.cli;

import dev.drover.execute.TargetHost;
import dev.drover.inventory.Host;
import dev.drover.inventory.Inventory;
import dev.drover.inventory.InventoryException;
import dev.drover.inventory.pattern.HostSelector;
import dev.drover.inventory.pattern.Selection;
import dev.drover.inventory.source.InventorySources;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code -i} and {@code --limit}, shared by every verb that selects hosts. */
final class InventoryOptions {
    @Option(names = {"-i", "--inventory"}, paramLabel = "SOURCE",
            description = "Inventory file (INI or YAML) or comma-separated host list; repeatable. Default: $DROVER_INVENTORY.")
    List<String> sources = new ArrayList<>();

    String limit;

    /** Inventory sources from ansible.cfg, used when neither -i nor DROVER_INVENTORY gives any. */
    List<String> configured = List.of();

    /** The command's vault, for vaulted group_vars/host_vars and {@code !vault} values; none by default. */
    dev.drover.vault.Vault vault = dev.drover.vault.Vault.NONE;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = {"-l", "--limit"}, paramLabel = "PATTERN", description = "Further limit the selected hosts (pattern or @file).")
    void limit(String pattern) {
        if (pattern.isBlank()) {
            // Ansible reads an empty --limit as no limit: in a script whose variable came out empty that
            // touches every host. Refused, so an empty variable cannot widen a run.
            throw new ParameterException(spec.commandLine(), "--limit is empty: Ansible would then run on every host, which from a"
                    + " script whose variable came out empty touches hosts nobody chose. Give a host pattern, or leave --limit"
                    + " out to run on every host the play selects");
        }
        limit = pattern;
    }

    /** Loads the sources; warnings (skipped keys, unmatched pattern terms) go to {@code warnings}. */
    Inventory load(PrintWriter warnings) {
        return load(warnings, null);
    }

    /**
     * Loads the sources, and with a playbook's directory the group_vars/host_vars next to it, as
     * ansible-playbook reads them.
     */
    Inventory load(PrintWriter warnings, java.nio.file.Path playbookDir) {
        List<String> chosen = chosen();
        try {
            Inventory inventory = InventorySources.load(chosen, vault);
            if (playbookDir != null) {
                inventory = InventorySources.withPlaybookVars(inventory, playbookDir, vault);
            }
            inventory.warnings().forEach(w -> warnings.println("[WARNING]: " + w));
            return inventory;
        } catch (InventoryException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** The sources given with -i, else from DROVER_INVENTORY. */
    List<String> chosen() {
        if (!sources.isEmpty()) {
            return sources;
        }
        String env = System.getenv("DROVER_INVENTORY");
        if ((env == null || env.isBlank()) && !configured.isEmpty()) {
            return configured;
        }
        if (env == null || env.isBlank()) {
            throw new UserError("no inventory given: use -i FILE (INI or YAML, as for Ansible) or set DROVER_INVENTORY");
        }
        return List.of(env.split(","));
    }

    /** The sources with files made absolute: what identifies "this inventory" in a lock key. */
    List<String> identity() {
        return chosen().stream().map(s -> Files.exists(Path.of(s)) ? Path.of(s).toAbsolutePath().normalize().toString() : s)
                .toList();
    }

    /**
     * The hosts {@code pattern} and {@code --limit} select, in inventory order, with merged variables and
     * the extra variables over them (Ansible's precedence: {@code -e ansible_host=...} wins).
     */
    List<TargetHost> select(String pattern, java.util.Map<String, Object> extraVars, PrintWriter warnings) {
        Inventory inventory = load(warnings);
        try {
            Selection selection = new HostSelector(inventory).select(pattern, limit);
            selection.warnings().forEach(w -> warnings.println("[WARNING]: " + w));
            List<Host> hosts = selection.hosts();
            return hosts.stream().map(h -> {
                java.util.Map<String, Object> vars = new java.util.LinkedHashMap<>(inventory.hostVars(h.name()));
                vars.putAll(extraVars);
                return new TargetHost(h.name(), vars);
            }).toList();
        } catch (InventoryException e) {
            throw new UserError(e.getMessage());
        }
    }
}
