package dev.drover.agent.modules.files;

import dev.drover.agent.module.ModuleException;
import dev.drover.agent.module.ProcessRunner;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The {@code attributes} argument (alias {@code attr}) of the {@code file} module: ext2 flags set
 * with {@code chattr}, exactly as Ansible's {@code set_attributes_if_different}. {@code +A} or
 * {@code A} is compared with every flag {@code lsattr -d} shows, so a file that also has another
 * flag (ext4's {@code e}) is changed again each run, and {@code -A} always counts as a change, as
 * in Ansible 2.14. Without {@code chattr} on the host nothing is done.
 */
final class ChattrFlags {
    private final String attributes;
    private final ProcessRunner processes;

    ChattrFlags(String attributes, ProcessRunner processes) {
        this.attributes = attributes;
        this.processes = processes;
    }

    /** @return true if {@code chattr} ran, or would run in check mode */
    boolean apply(Path path, boolean check, FileDiff diff) throws ModuleException {
        if (attributes == null) {
            return false;
        }
        if (check && !java.nio.file.Files.exists(path)) {
            return true;
        }
        String existing = FileMeta.flags(path, processes);
        String mod = "=";
        String flags = attributes;
        if (flags.startsWith("-") || flags.startsWith("+")) {
            mod = flags.substring(0, 1);
            flags = flags.substring(1);
        }
        if ((existing == null ? "" : existing).equals(flags) && !"-".equals(mod)) {
            return false;
        }
        String chattr = FileMeta.program("chattr");
        if (chattr == null) {
            return false;
        }
        if (diff != null) {
            diff.put("attributes", existing, mod + flags);
        }
        if (!check) {
            ProcessRunner.Completed done = processes.run(Arrays.asList(chattr, mod + flags, path.toString()), null, null, null, 30_000);
            if (done.rc != 0 || !done.stderr.isEmpty()) {
                throw new ModuleException("chattr failed").with("path", path.toString())
                        .with("details", "Error while setting attributes: " + done.stdout + done.stderr);
            }
        }
        return true;
    }
}
