package dev.drover.agent.modules.users;

import dev.drover.agent.module.Args;
import dev.drover.agent.module.ModuleContext;
import dev.drover.agent.module.ModuleException;
import dev.drover.agent.module.ModuleResult;
import dev.drover.agent.module.ProcessRunner;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the {@code user} module does in the account's home once the account exists, as Ansible's
 * {@code User} class does it: create_homedir (skeleton, login.defs' UMASK, ownership) and
 * ssh_key_gen.
 */
final class UserHome {
    private static final Pattern UMASK = Pattern.compile("^UMASK\\s+(\\d+)$", Pattern.MULTILINE);

    private UserHome() {
    }

    /** Creates a missing home directory as Ansible does after the account exists; true when it was missing. */
    static boolean ensure(UserChanges u, String[] info) throws ModuleException {
        String dir = u.home != null ? u.home : info[5];
        if (new File(dir).exists() || !u.createHome) {
            return false;
        }
        if (!u.ctx.checkMode()) {
            createHomedir(u, dir);
            chown(u, info, dir);
        }
        return true;
    }

    /** generate_ssh_key, as Ansible's ssh_key_gen: the key pair made (or kept) and its fields in {@code result}. */
    static void sshKey(UserChanges u, String[] info, ModuleResult result) throws ModuleException {
        Args args = u.args;
        ModuleContext ctx = u.ctx;
        AccountDb db = u.db;
        String name = u.name;
        String type = args.string("ssh_key_type", "rsa");
        String file = args.has("ssh_key_file") ? args.string("ssh_key_file") : ".ssh/id_" + type;
        if (!file.startsWith("/")) {
            if (!new File(info[5]).exists() && !ctx.checkMode()) {
                throw new ModuleException("User " + name + " home directory does not exist").with("name", name).with("rc", 1);
            }
            file = Paths.get(info[5], file).toString();
        }
        File sshDir = new File(file).getAbsoluteFile().getParentFile();
        ProcessRunner.Completed done = null;
        boolean generate = true;
        if (!sshDir.exists()) {
            if (ctx.checkMode()) {
                generate = false;
                result.with("changed", true);
            } else {
                UserModule.fail(db.run(UserModule.list("install", "-d", "-m", "0700", "-o", info[2], "-g", info[3],
                        sshDir.getPath()), null), name);
            }
        }
        if (generate && new File(file).exists() && !u.force) {
            generate = false;
        }
        if (generate) {
            List<String> cmd = UserModule.list("ssh-keygen", "-t", type);
            long bits = args.number("ssh_key_bits", 0);
            if (bits > 0) {
                cmd.add("-b");
                cmd.add(String.valueOf(bits));
            }
            cmd.addAll(UserModule.list("-C", args.string("ssh_key_comment", "ansible-generated on " + hostname()),
                    "-f", file, "-N", args.string("ssh_key_passphrase", "")));
            done = ctx.checkMode() ? db.change(cmd)
                    : db.run(cmd, new File(file).exists() ? "y\n".getBytes(StandardCharsets.UTF_8) : null);
            UserModule.fail(done, name);
            result.with("changed", true);
            if (!ctx.checkMode()) {
                UserModule.fail(db.run(UserModule.list("chown", info[2] + ":" + info[3], file, file + ".pub"), null), name);
            }
        }
        if (!new File(file).exists()) {
            result.with("ssh_fingerprint", "");
        } else {
            ProcessRunner.Completed fp = db.run(UserModule.list("ssh-keygen", "-l", "-f", file), null);
            result.with("ssh_fingerprint", (fp.rc == 0 ? fp.stdout : fp.stderr).trim());
        }
        result.with("ssh_key_file", file);
        String pub = null;
        try {
            pub = new String(Files.readAllBytes(Paths.get(file + ".pub")), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            pub = null;
        }
        result.with("ssh_public_key", pub);
    }

    /** Ansible's create_homedir: the skeleton copied (or an empty directory), then login.defs' UMASK applied. */
    static void createHomedir(UserChanges u, String path) throws ModuleException {
        if (new File(path).exists()) {
            return;
        }
        String skel = u.skeleton != null ? u.skeleton : "/etc/skel";
        File parent = new File(path).getAbsoluteFile().getParentFile();
        if (parent != null && !parent.isDirectory() && !parent.mkdirs()) {
            throw new ModuleException("cannot create " + parent);
        }
        List<String> cmd = new File(skel).exists() ? UserModule.list("cp", "-RPp", skel, path)
                : UserModule.list("mkdir", "-p", path);
        ProcessRunner.Completed done = u.db.run(cmd, null);
        if (done.rc != 0) {
            throw new ModuleException(done.stderr.trim());
        }
        try {
            Matcher m = UMASK.matcher(new String(Files.readAllBytes(Paths.get("/etc/login.defs")), StandardCharsets.UTF_8));
            if (m.find()) {
                int mode = 0777 & ~Integer.parseInt(m.group(1), 8);
                UserModule.fail(u.db.run(UserModule.list("chmod", Integer.toOctalString(mode), path), null), u.name);
            }
        } catch (IOException e) {
            // no login.defs: the mode stays as created, as Ansible
        }
    }

    static void chown(UserChanges u, String[] info, String path) throws ModuleException {
        ProcessRunner.Completed done = u.db.run(UserModule.list("chown", "-R", info[2] + ":" + info[3], path), null);
        if (done.rc != 0) {
            throw new ModuleException(done.stderr.trim());
        }
    }

    private static String hostname() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
