package dev.drover.agent.modules.command;

import dev.drover.agent.module.Args;
import dev.drover.agent.module.Module;
import dev.drover.agent.module.ModuleContext;
import dev.drover.agent.module.ModuleException;
import dev.drover.agent.module.ModuleResult;
import java.util.Arrays;

/**
 * {@code shell}: runs the command string through {@code /bin/sh -c} (or {@code executable}), so
 * pipes, redirections, variables and globs work, as in Ansible's shell module. The result reports
 * {@code cmd} as the string. Shared options and the result are described in {@link CommandExecution}.
 */
public final class ShellModule implements Module {
    static final String DEFAULT_SHELL = "/bin/sh";

    @Override
    public ModuleResult run(Args args, ModuleContext context) throws ModuleException {
        args.allow(CommandOptions.NAMES.toArray(new String[0]));
        CommandOptions options = CommandOptions.read(args, context);
        String line = CommandOptions.commandLine(args);
        if (line == null || line.trim().isEmpty()) {
            throw new ModuleException("no command given").with("rc", 256);
        }
        String shell = args.string("executable", DEFAULT_SHELL);
        return new CommandExecution("shell", line, Arrays.asList(shell, "-c", line), options).run(context);
    }
}
