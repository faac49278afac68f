package dev.drover.demo;

import java.nio.file.Path;

/**
 * Where everything of a sandbox lives; nothing outside {@link #root} is written.
 *
 * <pre>
 * ROOT/
 *   inventory.yml                      the inventory the demo runs the playbook with
 *   ssh/id_ed25519(.pub) known_hosts   the client key and the nodes' host keys
 *   dist/                              alfresco-content-services-5.1.0.zip and -5.2.7.zip ("on every node")
 *   shared/alf_data/                   production's dir.root (shared storage of the cluster)
 *   shared/alf_data-5.2.7/             the new version's copy, restored by the playbook
 *   shared/backups/                    the backup set
 *   db/                                the embedded database files (alfresco, alfresco_527, ...)
 *   nodes/nodeN/                       a node's home: HOME and working directory of its SSH commands
 *   nodes/nodeN/alfresco/              acs_base: alfresco-content-services-5.1.0/, later -5.2.7/
 *   state/                             drover's state directory for the run (lock, journal)
 *   database.log                       the database server's output
 *   sim-tools.log                      output of the simulator tools the demo ran itself
 * </pre>
 */
record SandboxLayout(Path root) {

    SandboxLayout {
        root = root.toAbsolutePath().normalize();
    }

    Path inventory() {
        return root.resolve("inventory.yml");
    }

    Path sshDir() {
        return root.resolve("ssh");
    }

    Path clientKey() {
        return sshDir().resolve("id_ed25519");
    }

    Path knownHosts() {
        return sshDir().resolve("known_hosts");
    }

    Path dist() {
        return root.resolve("dist");
    }

    Path distribution(String version) {
        return dist().resolve("alfresco-content-services-" + version + ".zip");
    }

    Path dirRoot() {
        return root.resolve("shared/alf_data");
    }

    Path newDirRoot(String version) {
        return root.resolve("shared/alf_data-" + version);
    }

    Path backups() {
        return root.resolve("shared/backups");
    }

    Path dbDir() {
        return root.resolve("db");
    }

    /** The JDBC URL of database {@code name}, as the playbooks build it for {@code acs_db_kind: h2-sim}. */
    String dbUrl(String name) {
        return "jdbc:h2:file:" + dbDir() + "/" + name + ";AUTO_SERVER=TRUE";
    }

    Path node(String name) {
        return root.resolve("nodes").resolve(name);
    }

    /** A node's {@code acs_base}. */
    Path acsBase(String node) {
        return node(node).resolve("alfresco");
    }

    Path home(String node, String version) {
        return acsBase(node).resolve("alfresco-content-services-" + version);
    }

    Path stateDir() {
        return root.resolve("state");
    }

    Path toolLog() {
        return root.resolve("sim-tools.log");
    }
}
