package dev.drover.agent.modules.users;

import dev.drover.agent.module.Args;
import dev.drover.agent.module.Module;
import dev.drover.agent.module.ModuleContext;
import dev.drover.agent.module.ModuleException;
import dev.drover.agent.module.ModuleResult;
import dev.drover.agent.module.ProcessRunner;
import dev.drover.agent.modules.command.TextLines;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code user}: an account present or absent through useradd/usermod/userdel, following Ansible's
 * module on Linux step by step (see {@link UserChanges} for the command lines). Result, as Ansible:
 * {@code name, state}; when present {@code uid, group, comment, home, shell}, {@code groups} when
 * given, {@code system, create_home} on creation or {@code append, move_home} on modification,
 * {@code password: NOT_LOGGING_PASSWORD} when a password was given, the ssh key fields with
 * {@code generate_ssh_key}; {@code force, remove} on removal.
 */
public final class UserModule implements Module {
    static final String[] NAMES = {"name", "user", "state", "uid", "non_unique", "group", "groups", "append", "comment",
        "home", "shell", "password", "update_password", "password_lock", "create_home", "createhome", "move_home",
        "skeleton", "system", "force", "remove", "expires", "umask", "local", "password_expire_max",
        "password_expire_min", "generate_ssh_key", "ssh_key_bits", "ssh_key_type", "ssh_key_file",
        "ssh_key_comment", "ssh_key_passphrase", "seuser", "login_class", "hidden", "profile", "authorization", "role"};

    @Override
    public ModuleResult run(Args args, ModuleContext ctx) throws ModuleException {
        args.allow(NAMES);
        if (args.bool("local", false)) {
            if (args.has("umask")) {
                throw new ModuleException("'umask' can not be used with 'local'");
            }
            throw new ModuleException("local: true (libuser's luseradd) is not supported by drover's user module");
        }
        UserChanges u = new UserChanges(args, ctx);
        ModuleResult result = ModuleResult.ok().with("name", u.name).with("state", u.state);
        ProcessRunner.Completed done = null;
        String[] entry = u.db.user(u.name);
        if ("absent".equals(u.state)) {
            if (entry != null) {
                if (ctx.checkMode()) {
                    return ModuleResult.changed();
                }
                done = u.remove();
                fail(done, u.name);
                result.with("force", u.force).with("remove", u.remove);
            }
        } else {
            if (entry == null) {
                if (ctx.checkMode()) {
                    return ModuleResult.changed();
                }
                done = u.create();
                fail(done, u.name);
                result.with("system", u.system).with("create_home", u.createHome);
            } else {
                done = u.modify(entry);
                fail(done, u.name);
                result.with("append", u.append).with("move_home", u.moveHome);
            }
            if (u.password != null) {
                result.with("password", "NOT_LOGGING_PASSWORD");
            }
        }
        result.with("changed", done != null);
        UserModule.output(result, done);
        if (!u.warnings.isEmpty()) {
            result.with("warnings", u.warnings);
        }
        String[] after = u.db.user(u.name);
        if (after == null || "absent".equals(u.state)) {
            return result;
        }
        result.with("uid", Long.parseLong(after[2])).with("group", Long.parseLong(after[3]))
                .with("comment", after[4]).with("home", after[5]).with("shell", after[6]);
        if (u.groups != null) {
            result.with("groups", String.join(",", u.groups));
        }
        if (u.ensureHome(after)) {
            result.with("changed", true);
        }
        if (u.sshKey) {
            u.sshKey(after, result);
        }
        ProcessRunner.Completed expiry = u.passwordExpiry();
        if (expiry != null) {
            fail(expiry, u.name);
            result.with("changed", true);
        }
        return result;
    }

    static void fail(ProcessRunner.Completed done, String name) throws ModuleException {
        if (done != null && done.rc != 0) {
            throw new ModuleException(done.stderr).with("name", name).with("rc", done.rc);
        }
    }

    /** stdout/stderr of the change when not empty, with the _lines Ansible adds to any module's output. */
    static void output(ModuleResult result, ProcessRunner.Completed done) {
        for (String stream : new String[] {"stdout", "stderr"}) {
            String text = done == null ? "" : stream.equals("stdout") ? done.stdout : done.stderr;
            if (!text.isEmpty()) {
                result.with(stream, text).with(stream + "_lines", TextLines.split(text));
            }
        }
    }

    static List<String> list(String... words) {
        return new ArrayList<>(Arrays.asList(words));
    }
}
