package dev.drover.agent.modules.users;

import dev.drover.agent.module.Args;
import dev.drover.agent.module.Module;
import dev.drover.agent.module.ModuleContext;
import dev.drover.agent.module.ModuleException;
import dev.drover.agent.module.ModuleResult;
import dev.drover.agent.module.ProcessRunner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code group}: a group present (with {@code gid}, {@code system}, {@code non_unique}) or absent,
 * through groupadd/groupmod/groupdel, as Ansible's module on Linux. Result: {@code name, state},
 * and {@code gid, system} when the group exists afterwards; {@code stdout}/{@code stderr} of the
 * command when not empty. {@code local: true} (libuser's lgroupadd) is refused.
 */
public final class GroupModule implements Module {
    @Override
    public ModuleResult run(Args args, ModuleContext ctx) throws ModuleException {
        args.allow("name", "state", "gid", "system", "local", "non_unique", "force");
        String name = args.requireString("name");
        String state = args.choice("state", "present", "present", "absent");
        Long gid = args.has("gid") ? args.number("gid", 0) : null;
        boolean system = args.bool("system", false);
        boolean nonUnique = args.bool("non_unique", false);
        if (args.bool("local", false)) {
            throw new ModuleException("local: true (libuser's lgroupadd) is not supported by drover's group module");
        }
        if (nonUnique && gid == null) {
            throw new ModuleException("non_unique is True but all of the following are missing: gid");
        }
        AccountDb db = new AccountDb(ctx);
        String[] entry = db.group(name);
        if (entry != null && !entry[0].equals(name)) {
            entry = null; // a numeric name matched a gid
        }
        ProcessRunner.Completed done = null;
        if ("absent".equals(state)) {
            if (entry != null) {
                if (ctx.checkMode()) {
                    return ModuleResult.changed();
                }
                done = db.change(Arrays.asList("groupdel", name));
            }
        } else if (entry == null) {
            if (ctx.checkMode()) {
                return ModuleResult.changed();
            }
            List<String> cmd = new ArrayList<>(Arrays.asList("groupadd"));
            if (gid != null) {
                cmd.addAll(Arrays.asList("-g", String.valueOf(gid)));
                if (nonUnique) {
                    cmd.add("-o");
                }
            }
            if (system) {
                cmd.add("-r");
            }
            cmd.add(name);
            done = db.change(cmd);
        } else if (gid != null && Long.parseLong(entry[2]) != gid) {
            List<String> cmd = new ArrayList<>(Arrays.asList("groupmod", "-g", String.valueOf(gid)));
            if (nonUnique) {
                cmd.add("-o");
            }
            cmd.add(name);
            done = db.change(cmd);
        }
        if (done != null && done.rc != 0) {
            throw new ModuleException(done.stderr).with("name", name);
        }
        ModuleResult result = ModuleResult.changed(done != null).with("name", name).with("state", state);
        UserModule.output(result, done);
        String[] after = db.group(name);
        if (after != null && after[0].equals(name)) {
            result.with("system", system).with("gid", Long.parseLong(after[2]));
        }
        return result;
    }
}
