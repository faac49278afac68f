package dev.drover.agent.modules.command;

import dev.drover.agent.module.Args;
import dev.drover.agent.module.Expansion;
import dev.drover.agent.module.ModuleContext;
import dev.drover.agent.module.ModuleException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The arguments {@code command} and {@code shell} share, read once. Paths ({@code chdir},
 * {@code creates}, {@code removes}) are expanded like Ansible's {@code type='path'}: variables from
 * the agent's environment plus the task's and {@code environment}, then {@code ~}.
 */
final class CommandOptions {
    static final List<String> NAMES = Arrays.asList("_raw_params", "cmd", "chdir", "creates", "removes", "stdin",
            "stdin_add_newline", "strip_empty_ends", "environment", "timeout", "executable");

    final String chdir;
    final String creates;
    final String removes;
    /** Bytes for standard input, or null: Ansible feeds nothing for an absent or empty {@code stdin}. */
    final byte[] stdin;
    final boolean stripEmptyEnds;
    /** Variables added to the agent's environment for the command. */
    final Map<String, String> environment;
    /** The agent's environment with the task's and {@link #environment} applied, for $VAR expansion. */
    final Map<String, String> expansionEnvironment;
    final double timeoutSeconds;

    private CommandOptions(Args args, ModuleContext context) throws ModuleException {
        environment = args.stringMap("environment");
        expansionEnvironment = new HashMap<>(System.getenv());
        expansionEnvironment.putAll(context.environment());
        expansionEnvironment.putAll(environment);
        chdir = path(args, "chdir");
        creates = path(args, "creates");
        removes = path(args, "removes");
        String text = args.string("stdin", "");
        stdin = text.isEmpty() ? null
                : (args.bool("stdin_add_newline", true) ? text + "\n" : text).getBytes(StandardCharsets.UTF_8);
        stripEmptyEnds = args.bool("strip_empty_ends", true);
        timeoutSeconds = args.decimal("timeout", 0);
        if (timeoutSeconds < 0) {
            throw new ModuleException("argument 'timeout' must be zero (no limit) or a number of seconds, got " + args.string("timeout"));
        }
    }

    static CommandOptions read(Args args, ModuleContext context) throws ModuleException {
        return new CommandOptions(args, context);
    }

    /** The command line from {@code _raw_params} (free form) or {@code cmd}; null when neither is given. */
    static String commandLine(Args args) throws ModuleException {
        if (args.has("_raw_params") && args.has("cmd")) {
            throw new ModuleException("give the command either free-form or as 'cmd', not both");
        }
        return args.has("cmd") ? args.string("cmd") : args.string("_raw_params");
    }

    static List<String> names(String... extra) {
        List<String> all = new ArrayList<>(NAMES);
        all.addAll(Arrays.asList(extra));
        return all;
    }

    long timeoutMillis() {
        return (long) Math.ceil(timeoutSeconds * 1000);
    }

    /** The timeout as Ansible prints it: "5", or "0.5" when not whole. */
    String timeoutText() {
        return timeoutSeconds == Math.rint(timeoutSeconds) ? String.valueOf((long) timeoutSeconds) : String.valueOf(timeoutSeconds);
    }

    private String path(Args args, String key) {
        String value = args.string(key);
        return value == null || value.isEmpty() ? null : Expansion.path(value, expansionEnvironment);
    }
}
