package dev.drover.agent.modules.command;

import dev.drover.agent.module.Args;
import dev.drover.agent.module.Module;
import dev.drover.agent.module.ModuleContext;
import dev.drover.agent.module.ModuleException;
import dev.drover.agent.module.ModuleResult;
import dev.drover.agent.module.ProcessRunner;
import java.util.Arrays;
import java.util.Collections;

/**
 * {@code raw}: the command line through {@code /bin/sh -c} (or {@code executable}) with nothing of
 * the command module around it, as Ansible's raw action: always {@code changed}, output kept as
 * produced (not stripped), {@code failed} with "non-zero return code" when rc is not 0, and skipped
 * in check mode. Result fields: {@code rc, stdout, stdout_lines, stderr, stderr_lines}.
 */
public final class RawModule implements Module {
    @Override
    public ModuleResult run(Args args, ModuleContext context) throws ModuleException {
        args.allow("_raw_params", "executable");
        String line = args.string("_raw_params");
        if (line == null || line.trim().isEmpty()) {
            throw new ModuleException("no command given to raw");
        }
        if (context.checkMode()) {
            return ModuleResult.ok().with("skipped", true);
        }
        String shell = args.string("executable", ShellModule.DEFAULT_SHELL);
        ProcessRunner.Completed done = context.processes().run(Arrays.asList(shell, "-c", line), null,
                Collections.<String, String>emptyMap(), null, 0);
        ModuleResult result = ModuleResult.changed().with("rc", done.rc)
                .with("stdout", done.stdout).with("stdout_lines", TextLines.split(done.stdout))
                .with("stderr", done.stderr).with("stderr_lines", TextLines.split(done.stderr));
        return done.rc != 0 ? result.with("failed", true).msg("non-zero return code") : result;
    }
}
