package dev.drover.agent.modules.system;

import dev.drover.agent.module.Args;
import dev.drover.agent.module.Module;
import dev.drover.agent.module.ModuleContext;
import dev.drover.agent.module.ModuleException;
import dev.drover.agent.module.ModuleResult;

/**
 * {@code ping}: proves the agent runs and answers, returning {@code ping: pong} (or {@code data}).
 * As in Ansible, {@code data: crash} raises an unexpected exception, to exercise how a crashing
 * module is reported. Changes nothing, so check mode needs no special case.
 */
public final class PingModule implements Module {
    @Override
    public ModuleResult run(Args args, ModuleContext context) throws ModuleException {
        args.allow("data");
        String data = args.string("data", "pong");
        if (data.equals("crash")) {
            throw new IllegalStateException("boom");
        }
        return ModuleResult.ok().with("ping", data);
    }
}
