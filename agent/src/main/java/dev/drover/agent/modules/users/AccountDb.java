package dev.drover.agent.modules.users;

import dev.drover.agent.module.ModuleContext;
import dev.drover.agent.module.ModuleException;
import dev.drover.agent.module.ProcessRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Account lookups and changes for one request. Entries are the colon-separated fields of
 * {@code getent}: passwd {@code name:pw:uid:gid:gecos:home:shell}, group {@code name:pw:gid:members}.
 * Commands run through the module's process runner; in check mode {@link #change} runs nothing.
 */
final class AccountDb {
    private final ModuleContext ctx;

    AccountDb(ModuleContext ctx) {
        this.ctx = ctx;
    }

    /** The passwd entry of {@code name}, or null. */
    String[] user(String name) throws ModuleException {
        return entry("passwd", name);
    }

    /** The group entry for a name or, when numeric, a gid first (as Ansible's user module); or null. */
    String[] group(String nameOrGid) throws ModuleException {
        return entry("group", nameOrGid);
    }

    /** Names of the groups that list {@code user} as a member (supplementary groups). */
    List<String> memberOf(String user) throws ModuleException {
        List<String> out = new ArrayList<>();
        for (String line : getent("group", null).split("\n")) {
            String[] f = line.split(":", -1);
            if (f.length >= 4 && Arrays.asList(f[3].split(",")).contains(user)) {
                out.add(f[0]);
            }
        }
        return out;
    }

    /** The shadow fields of {@code user} (password at 1, min 3, max 4, expire 7), or null when unreadable. */
    String[] shadow(String user) {
        try {
            for (String line : new String(Files.readAllBytes(Paths.get("/etc/shadow")), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith(user + ":")) {
                    return Arrays.copyOf(line.split(":", -1), 9);
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    /** Runs a command that changes the databases; in check mode nothing runs and rc 0 is reported. */
    ProcessRunner.Completed change(List<String> argv) throws ModuleException {
        if (ctx.checkMode()) {
            return new ProcessRunner.Completed(0, "", "", 0, 0, false);
        }
        return run(argv, null);
    }

    ProcessRunner.Completed run(List<String> argv, byte[] stdin) throws ModuleException {
        return ctx.processes().run(argv, null, Collections.singletonMap("LC_ALL", "C"), stdin, 0);
    }

    private String[] entry(String db, String key) throws ModuleException {
        String out = getent(db, key);
        if (out.isEmpty()) {
            return null;
        }
        String[] f = out.split("\n")[0].split(":", -1);
        return f.length < 4 ? null : f;
    }

    private String getent(String db, String key) throws ModuleException {
        List<String> argv = new ArrayList<>(Arrays.asList("getent", db));
        if (key != null) {
            if (key.isEmpty() || key.contains(":") || key.contains("\n")) {
                return "";
            }
            argv.add(key);
        }
        ProcessRunner.Completed done = run(argv, null);
        if (done.rc == 2) {
            return "";
        }
        if (done.rc != 0) {
            throw new ModuleException("getent " + db + " failed (rc " + done.rc + "): " + done.stderr.trim());
        }
        return done.stdout;
    }
}
