package dev.drover.agent.modules.command;

import dev.drover.agent.module.Args;
import dev.drover.agent.module.Expansion;
import dev.drover.agent.module.Module;
import dev.drover.agent.module.ModuleContext;
import dev.drover.agent.module.ModuleException;
import dev.drover.agent.module.ModuleResult;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code command}: runs a program without a shell, as Ansible's command module does. The command is
 * free-form ({@code _raw_params}) or {@code cmd}, split like Python's shlex; or {@code argv}, a list
 * taken as is. Each word then gets {@code $VAR} and {@code ~} expansion unless
 * {@code expand_argument_vars: false}; pipes, redirections and globs are not interpreted (use
 * {@code shell}). Shared options and the result are described in {@link CommandExecution}.
 */
public final class CommandModule implements Module {
    @Override
    public ModuleResult run(Args args, ModuleContext context) throws ModuleException {
        List<String> allowed = CommandOptions.names("argv", "expand_argument_vars");
        args.allow(allowed.toArray(new String[0]));
        CommandOptions options = CommandOptions.read(args, context);
        String line = CommandOptions.commandLine(args);
        List<String> argv = args.strings("argv");
        boolean hasLine = line != null && !line.trim().isEmpty();
        if (!hasLine && argv.isEmpty()) {
            throw new ModuleException("no command given").with("rc", 256);
        }
        if (hasLine && !argv.isEmpty()) {
            throw new ModuleException("only command or argv can be given, not both").with("rc", 256);
        }
        List<String> words = hasLine ? Shlex.split(line) : argv;
        List<String> run = words;
        if (args.bool("expand_argument_vars", true)) {
            run = new ArrayList<>();
            for (String word : words) {
                run.add(Expansion.path(word, options.expansionEnvironment));
            }
        }
        CommandExecution execution = new CommandExecution("command", words, run, options);
        if (args.has("executable")) {
            // Ansible's own words, which its tests and users' assertions look for.
            execution.warn("As of Ansible 2.4, the parameter 'executable' is no longer supported with the 'command' module."
                    + " Not using '" + args.string("executable", "") + "'.");
        }
        return execution.run(context);
    }
}
