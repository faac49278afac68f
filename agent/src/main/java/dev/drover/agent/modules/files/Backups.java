package dev.drover.agent.modules.files;

import dev.drover.agent.module.ModuleException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.text.SimpleDateFormat;
import java.util.Date;

/**
 * {@code backup: true}: a copy of the file next to it, named like Ansible's
 * {@code backup_local}: {@code <file>.<pid>.<YYYY-MM-DD@HH:MM:SS>~}, with mode, owner and times
 * preserved. A second backup within the same second gets {@code .2~}, {@code .3~}, ... instead of
 * overwriting the first (Ansible would overwrite it and lose the older original).
 */
public final class Backups {
    private Backups() {
    }

    /** Copies {@code file}; returns the backup's path. */
    public static String create(Path file) throws ModuleException {
        String stamp = new SimpleDateFormat("yyyy-MM-dd@HH:mm:ss").format(new Date());
        String base = file.toString() + "." + pid() + "." + stamp;
        Path backup = Paths.get(base + "~");
        for (int i = 2; Files.exists(backup, LinkOption.NOFOLLOW_LINKS); i++) {
            backup = Paths.get(base + "." + i + "~");
        }
        try {
            Files.copy(file, backup, StandardCopyOption.COPY_ATTRIBUTES);
            try {
                Files.setOwner(backup, Files.getOwner(file));
                Files.setAttribute(backup, "unix:gid", Files.getAttribute(file, "unix:gid"));
            } catch (IOException e) {
                // Only root may give files away; a non-root backup stays ours, like cp -p.
            }
        } catch (IOException e) {
            throw new ModuleException("cannot back up " + file + " to " + backup + ": " + e.getMessage(), e);
        }
        return backup.toString();
    }

    private static String pid() {
        try {
            return Files.readSymbolicLink(Paths.get("/proc/self")).toString();
        } catch (IOException | UnsupportedOperationException e) {
            String jvm = java.lang.management.ManagementFactory.getRuntimeMXBean().getName();
            int at = jvm.indexOf('@');
            return at > 0 ? jvm.substring(0, at) : "0";
        }
    }
}
