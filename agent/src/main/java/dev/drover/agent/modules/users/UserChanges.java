package dev.drover.agent.modules.users;

import dev.drover.agent.module.Args;
import dev.drover.agent.module.ModuleContext;
import dev.drover.agent.module.ModuleException;
import dev.drover.agent.module.ModuleResult;
import dev.drover.agent.module.ProcessRunner;
import java.io.File;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;
import java.util.regex.Pattern;

/**
 * The {@code user} module's arguments and the command lines Ansible's {@code User} class builds
 * from them (create_user_useradd, modify_user_usermod, remove_user_userdel, set_password_expire),
 * in the same order and with the same flags; what happens in the home once the account exists
 * (create_homedir, ssh_key_gen) is {@link UserHome}'s.
 */
final class UserChanges {
    private static final Pattern NOT_HASH = Pattern.compile("[^a-zA-Z0-9./=]");

    final AccountDb db;
    final ModuleContext ctx;
    final String name;
    final String state;
    final Long uid;
    final boolean nonUnique;
    final String group;
    /** The requested supplementary groups, or null when {@code groups} is not given. */
    final List<String> groups;
    final boolean append;
    final String comment;
    final String home;
    final String shell;
    final String password;
    final boolean updateAlways;
    final Boolean passwordLock;
    final boolean createHome;
    final boolean moveHome;
    final String skeleton;
    final boolean system;
    final boolean force;
    final boolean remove;
    /** {@code expires} in epoch seconds, or null. */
    final Double expires;
    final String umask;
    final Long expireMax;
    final Long expireMin;
    final boolean sshKey;
    final List<String> warnings = new ArrayList<>();
    final Args args;

    UserChanges(Args args, ModuleContext ctx) throws ModuleException {
        this.args = args;
        this.ctx = ctx;
        this.db = new AccountDb(ctx);
        name = args.has("name") ? args.string("name") : args.requireString("user");
        state = args.choice("state", "present", "present", "absent");
        uid = args.has("uid") ? args.number("uid", 0) : null;
        nonUnique = args.bool("non_unique", false);
        group = args.string("group");
        if (args.has("groups")) {
            groups = new ArrayList<>();
            for (String g : args.strings("groups")) {
                for (String part : g.split(",")) {
                    if (!part.trim().isEmpty()) {
                        groups.add(part.trim());
                    }
                }
            }
        } else {
            groups = null;
        }
        append = args.bool("append", false);
        comment = args.string("comment");
        home = args.has("home") ? dev.drover.agent.modules.files.PathArgs.expand(args.string("home")).toString() : null;
        shell = args.string("shell");
        password = args.string("password");
        updateAlways = "always".equals(args.choice("update_password", "always", "always", "on_create"));
        passwordLock = args.has("password_lock") ? args.bool("password_lock", false) : null;
        createHome = args.bool("create_home", args.bool("createhome", true));
        moveHome = args.bool("move_home", false);
        skeleton = args.string("skeleton");
        system = args.bool("system", false);
        force = args.bool("force", false);
        remove = args.bool("remove", false);
        expires = args.has("expires") ? args.decimal("expires", 0) : null;
        umask = args.string("umask");
        expireMax = args.has("password_expire_max") ? args.number("password_expire_max", 0) : null;
        expireMin = args.has("password_expire_min") ? args.number("password_expire_min", 0) : null;
        sshKey = args.bool("generate_ssh_key", false);
        if (groups == null && append) {
            warnings.add("'append' is set, but no 'groups' are specified. Use 'groups' for appending new groups."
                    + "This will change to an error in Ansible 2.14.");
        }
        if (password != null && !password.isEmpty() && !looksHashed(password)) {
            warnings.add("The input password appears not to have been hashed. "
                    + "The 'password' argument must be encrypted for this module to work properly.");
        }
    }

    ProcessRunner.Completed remove() throws ModuleException {
        List<String> cmd = UserModule.list("userdel");
        if (force) {
            cmd.add("-f");
        }
        if (remove) {
            cmd.add("-r");
        }
        cmd.add(name);
        return db.change(cmd);
    }

    ProcessRunner.Completed create() throws ModuleException {
        List<String> cmd = UserModule.list("useradd");
        if (uid != null) {
            cmd.add("-u");
            cmd.add(String.valueOf(uid));
            if (nonUnique) {
                cmd.add("-o");
            }
        }
        if (group != null) {
            requireGroup(group);
            cmd.add("-g");
            cmd.add(group);
        } else if (db.group(name) != null) {
            cmd.add("-N");
        }
        if (groups != null && !groups.isEmpty()) {
            for (String g : groups) {
                requireGroup(g);
            }
            cmd.add("-G");
            cmd.add(String.join(",", new LinkedHashSet<>(groups)));
        }
        addIf(cmd, "-c", comment);
        boolean needsParents = false;
        if (home != null) {
            if (createHome && !new File(home).getAbsoluteFile().getParentFile().isDirectory()) {
                needsParents = true;
                UserHome.createHomedir(this, home);
            }
            cmd.add("-d");
            cmd.add(home);
        }
        addIf(cmd, "-s", shell);
        if (expires != null) {
            cmd.add("-e");
            cmd.add(expires < 0 ? "" : day(expires));
        }
        if (password != null) {
            cmd.add("-p");
            cmd.add(Boolean.TRUE.equals(passwordLock) ? "!" + password : password);
        }
        if (createHome) {
            cmd.add("-m");
            addIf(cmd, "-k", skeleton);
            if (umask != null) {
                cmd.add("-K");
                cmd.add("UMASK=" + umask);
            }
        } else {
            cmd.add("-M");
        }
        if (system) {
            cmd.add("-r");
        }
        cmd.add(name);
        ProcessRunner.Completed done = db.change(cmd);
        String[] made = db.user(name);
        if (needsParents && made != null) {
            UserHome.chown(this, made, home);
        }
        return done;
    }

    /** usermod with what differs; null when nothing does. */
    ProcessRunner.Completed modify(String[] info) throws ModuleException {
        List<String> cmd = UserModule.list("usermod");
        String[] shadow = db.shadow(name);
        String currentPassword = info[1].length() <= 1 && shadow != null ? shadow[1] : info[1];
        if (uid != null && Long.parseLong(info[2]) != uid) {
            cmd.add("-u");
            cmd.add(String.valueOf(uid));
            if (nonUnique) {
                cmd.add("-o");
            }
        }
        if (group != null) {
            String[] g = requireGroup(group);
            if (!info[3].equals(g[2])) {
                cmd.add("-g");
                cmd.add(g[2]);
            }
        }
        if (groups != null) {
            List<String> current = db.memberOf(name);
            Set<String> wanted = new LinkedHashSet<>(groups);
            for (String g : wanted) {
                requireGroup(g);
            }
            Set<String> diff = new LinkedHashSet<>(current);
            diff.addAll(wanted);
            Set<String> both = new LinkedHashSet<>(current);
            both.retainAll(wanted);
            diff.removeAll(both);
            boolean needed;
            if (wanted.isEmpty()) {
                needed = !current.isEmpty() && !append;
            } else if (append) {
                needed = !java.util.Collections.disjoint(wanted, diff);
                if (needed) {
                    cmd.add("-a");
                }
            } else {
                needed = !diff.isEmpty();
            }
            if (needed) {
                cmd.add("-G");
                cmd.add(String.join(",", wanted));
            }
        }
        if (comment != null && !info[4].equals(comment)) {
            cmd.add("-c");
            cmd.add(comment);
        }
        if (home != null && !info[5].equals(home)) {
            cmd.add("-d");
            cmd.add(home);
            if (moveHome) {
                cmd.add("-m");
            }
        }
        if (shell != null && !info[6].equals(shell)) {
            cmd.add("-s");
            cmd.add(shell);
        }
        if (expires != null) {
            long current = shadow == null || shadow[7] == null || shadow[7].isEmpty() ? -1 : Long.parseLong(shadow[7]);
            if (expires < 0) {
                if (current >= 0) {
                    cmd.add("-e");
                    cmd.add("");
                }
            } else if (current < 0 || !day(current * 86400d).equals(day(expires))) {
                cmd.add("-e");
                cmd.add(day(expires));
            }
        }
        if (Boolean.TRUE.equals(passwordLock) && !currentPassword.startsWith("!")) {
            cmd.add("-L");
        } else if (Boolean.FALSE.equals(passwordLock) && currentPassword.startsWith("!")) {
            cmd.add("-U");
        }
        if (updateAlways && password != null && !strip(currentPassword).equals(strip(password))) {
            cmd.remove("-L");
            cmd.remove("-U");
            cmd.add("-p");
            cmd.add(Boolean.TRUE.equals(passwordLock) ? "!" + password : password);
        }
        if (cmd.size() == 1) {
            return null;
        }
        cmd.add(name);
        return db.change(cmd);
    }

    /** Creates a missing home directory as Ansible does after the account exists; true when it was missing. */
    boolean ensureHome(String[] info) throws ModuleException {
        return UserHome.ensure(this, info);
    }

    /** generate_ssh_key: the key pair made (or kept) and its fields in {@code result}. */
    void sshKey(String[] info, ModuleResult result) throws ModuleException {
        UserHome.sshKey(this, info, result);
    }

    /** chage for password_expire_min/max when they differ; null when nothing to do. */
    ProcessRunner.Completed passwordExpiry() throws ModuleException {
        if (expireMin == null && expireMax == null) {
            return null;
        }
        String[] shadow = db.shadow(name);
        boolean min = expireMin != null && (shadow == null || !String.valueOf(expireMin).equals(shadow[3]));
        boolean max = expireMax != null && (shadow == null || !String.valueOf(expireMax).equals(shadow[4]));
        if (!min && !max) {
            return null;
        }
        List<String> cmd = UserModule.list("chage");
        if (min) {
            cmd.addAll(UserModule.list("-m", String.valueOf(expireMin)));
        }
        if (max) {
            cmd.addAll(UserModule.list("-M", String.valueOf(expireMax)));
        }
        cmd.add(name);
        return db.change(cmd);
    }

    private String[] requireGroup(String g) throws ModuleException {
        String[] entry = db.group(g);
        if (entry == null) {
            throw new ModuleException("Group " + g + " does not exist");
        }
        return entry;
    }

    private static void addIf(List<String> cmd, String flag, String value) {
        if (value != null) {
            cmd.add(flag);
            cmd.add(value);
        }
    }

    private static String day(double epochSeconds) {
        SimpleDateFormat f = new SimpleDateFormat("yyyy-MM-dd");
        f.setTimeZone(TimeZone.getTimeZone("UTC"));
        return f.format(new Date((long) Math.floor(epochSeconds) * 1000));
    }

    private static String strip(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == '!') {
            i++;
        }
        return s.substring(i);
    }

    /** Ansible's check_password_encrypted, inverted: true when the value looks like a crypt hash. */
    private static boolean looksHashed(String p) {
        if (p.equals("*") || p.equals("!") || p.equals("*************")) {
            return true;
        }
        if (p.matches(".*[:*!].*") || !p.contains("$")) {
            return false;
        }
        String[] f = p.split("\\$", -1);
        if (f.length < 3) {
            return false;
        }
        String last = f[f.length - 1];
        return !NOT_HASH.matcher(last).find() && !("1".equals(f[1]) && last.length() != 22)
                && !("5".equals(f[1]) && last.length() != 43) && !("6".equals(f[1]) && last.length() != 86);
    }
}
