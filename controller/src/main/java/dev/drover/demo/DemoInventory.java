package dev.drover.demo;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sandbox's inventory: an ordinary drover/Ansible YAML inventory (group {@code acs}, one host per
 * node with its SSH port, {@code rank} and ports; the shared settings as group variables), written
 * so an operator can read it and run the playbook by hand with it.
 *
 * <p>The failure of {@code --fail NODE} is one more entry in that node's {@code acs_node_properties},
 * which the playbook writes into the new version's {@code alfresco-global.properties} at each start:
 * the simulator's {@code sim.fault}, the host variable {@value #FAULT_VAR} when the playbook configures
 * the production start ({@code acs_cfg_purpose}) and {@code none} otherwise, so validation and the
 * customization test still pass, as they would with a fault only production data reveals. The old
 * installation never gets it, so a rollback works; {@code -e demo_fault=none} lets a run again go on
 * (the property is always written, so the fault of an earlier run does not linger in the file).
 */
final class DemoInventory {
    /** The inventory variable of {@code --fail NODE}: the fault's name, or {@code none}. */
    static final String FAULT_VAR = "demo_fault";

    private DemoInventory() {
    }

    /**
     * @param sshPorts each node's SSH port, by name
     * @param java the java every node runs (agent, ACS, its tools)
     */
    static String yaml(SandboxLayout layout, List<SandboxNode> nodes, Map<String, Integer> sshPorts, Path java,
            DemoSettings settings) {
        StringBuilder y = new StringBuilder();
        y.append("# drover demo sandbox: three simulated ACS ").append(DemoSettings.FROM_VERSION)
                .append(" nodes on loopback SSH servers (docs/demo.md).\n")
                .append("# The same inventory shape as inventory-examples/acs-cluster.yml; settings in docs/acs-upgrade.md.\n")
                .append("all:\n  children:\n    acs:\n      hosts:\n");
        Optional<String> fault = settings.effectiveFault();
        for (SandboxNode n : nodes) {
            y.append("        ").append(n.name()).append(":\n");
            line(y, 10, "ansible_port", Integer.toString(sshPorts.get(n.name())));
            line(y, 10, "rank", Integer.toString(n.rank()));
            line(y, 10, "acs_base", quote(layout.acsBase(n.name()).toString()));
            line(y, 10, "acs_http_port", Integer.toString(n.httpPort()));
            Map<String, String> props = nodeProperties(n, settings);
            if (fault.isPresent() && settings.failNode().get().equals(n.name())) {
                y.append("          # --fail ").append(n.name()).append(": the simulator's fault at the production start. To let the\n")
                        .append("          # rollout continue, set it to none here or run again with -e ").append(FAULT_VAR).append("=none.\n");
                line(y, 10, FAULT_VAR, fault.get());
                props.put("sim.fault", "{{ " + FAULT_VAR + " if acs_cfg_purpose == 'production' else 'none' }}");
            }
            y.append("          # Written into the new version's alfresco-global.properties at every start.\n");
            y.append("          acs_node_properties:\n");
            props.forEach((k, v) -> line(y, 12, k, quote(v)));
        }
        y.append("      vars:\n");
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("ansible_host", "127.0.0.1");
        vars.put("ansible_user", Sandbox.USER);
        vars.put("ansible_ssh_private_key_file", quote(layout.clientKey().toString()));
        vars.put("drover_known_hosts_file", quote(layout.knownHosts().toString()));
        vars.put("drover_java", quote(java.toString()));
        vars.put("acs_java", quote(java.toString()));
        vars.put("acs_dist_dir", quote(layout.dist().toString()));
        vars.put("acs_db_kind", "h2-sim");
        vars.put("acs_h2_dir", quote(layout.dbDir().toString()));
        vars.put("acs_dir_root", quote(layout.dirRoot().toString()));
        vars.put("acs_new_dir_root", quote(layout.newDirRoot(DemoSettings.TO_VERSION).toString()));
        vars.put("acs_backup_root", quote(layout.backups().toString()));
        vars.put("acs_http_host", "127.0.0.1");
        vars.put("acs_start_timeout", "120");
        vars.put("acs_upgrade_timeout", "300");
        vars.put("acs_stop_timeout", "60");
        vars.forEach((k, v) -> line(y, 8, k, v));
        return y.toString();
    }

    /** What every start of a node needs: its address and ports, and the simulator's (short) delays. */
    static Map<String, String> nodeProperties(SandboxNode n, DemoSettings settings) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("alfresco.host", "127.0.0.1");
        p.put("alfresco.port", Integer.toString(n.httpPort())); // URLs only: server.xml's connector is the port
        p.put("alfresco.hazelcast.port", Integer.toString(n.clusterPort()));
        p.put("sim.startup.delay.ms", Integer.toString(settings.startupDelayMs()));
        p.put("sim.upgrade.delay.ms", Integer.toString(settings.upgradeDelayMs()));
        p.put("sim.bootstrap.lock.retries", "3");
        p.put("sim.bootstrap.lock.interval.ms", "1000");
        return p;
    }

    private static void line(StringBuilder y, int indent, String key, String value) {
        y.append(" ".repeat(indent)).append(key).append(": ").append(value).append('\n');
    }

    /** A YAML double-quoted scalar. */
    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
