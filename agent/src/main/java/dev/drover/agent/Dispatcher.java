package dev.drover.agent;

import dev.drover.agent.module.Args;
import dev.drover.agent.module.Module;
import dev.drover.agent.module.ModuleContext;
import dev.drover.agent.module.PathExpansion;
import dev.drover.agent.module.ModuleException;
import dev.drover.agent.module.ModuleRegistry;
import dev.drover.agent.module.ModuleResult;
import dev.drover.agent.module.ProcessRunner;
import dev.drover.agent.modules.command.TextLines;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

/**
 * Runs one request's module and turns every outcome into a result map: a module's own result, a
 * {@link ModuleException} (expected failure), or a crash (a bug in the module, reported with its
 * stack trace so the agent keeps serving the other tasks). Adds Ansible's {@code start},
 * {@code end} and {@code delta} to the results of the modules whose Ansible counterparts report
 * them ({@link #TIMED}: the command family, and only when the command ran or was checked), unless
 * the module set them itself (even to null). Other modules' results carry no times, as in Ansible.
 * Any result with {@code stdout} or {@code stderr} gets their {@code _lines}, as Ansible adds them.
 */
final class Dispatcher {
    /** Ansible's command module (command, shell) times what it runs; no other module does. */
    static final java.util.Set<String> TIMED = new java.util.HashSet<>(java.util.Arrays.asList("command", "shell"));

    /**
     * The argument under which the controller sends the task's {@code environment} keyword; taken out
     * before the module sees its arguments, it reaches the module's processes and path expansion.
     */
    static final String ENVIRONMENT = "_environment";

    private final ModuleRegistry registry;
    private final ProcessRunner processes;
    private final ZoneId zone;

    Dispatcher(ModuleRegistry registry, ProcessRunner processes, ZoneId zone) {
        this.registry = registry;
        this.processes = processes;
        this.zone = zone;
    }

    Map<String, Object> run(String module, Map<String, Object> args, boolean check, boolean diff) {
        return run(module, args, check, diff, processes);
    }

    /** Runs with {@code runner} for child processes (a step's runner reports them to its spool). */
    Map<String, Object> run(String module, Map<String, Object> args, boolean check, boolean diff, ProcessRunner runner) {
        Instant startedAt = Instant.now();
        long t0 = System.nanoTime();
        Map<String, Object> result;
        boolean finished = false;
        try {
            result = outcome(module, args, check, diff, runner);
            finished = true;
        } catch (ModuleException e) {
            result = ModuleResult.failed(e.getMessage()).toMap();
            result.putAll(e.fields());
            result.put("failed", true);
            result.put("msg", String.valueOf(e.getMessage()));
        } catch (RuntimeException | Error e) {
            // A bug in one module must not take the host out of the play: report it and keep serving.
            result = ModuleResult.failed("internal error in module " + module + ": " + e)
                    .with("exception", stackTrace(e))
                    .toMap();
        }
        long elapsed = System.nanoTime() - t0;
        splitLines(result, "stdout");
        splitLines(result, "stderr");
        if (!finished || !TIMED.contains(module)) {
            // Ansible's run_command fails before it times anything when the command cannot start.
            return result;
        }
        // end is derived from start plus a monotonic duration, so end - start == delta exactly even
        // if the wall clock jumps while the module runs.
        if (!result.containsKey("start")) {
            result.put("start", Timestamps.format(startedAt, zone));
        }
        if (!result.containsKey("end")) {
            result.put("end", Timestamps.format(startedAt.plusNanos(elapsed), zone));
        }
        if (!result.containsKey("delta")) {
            result.put("delta", Timestamps.delta(elapsed));
        }
        return result;
    }

    private Map<String, Object> outcome(String module, Map<String, Object> args, boolean check, boolean diff,
                                        ProcessRunner processes) throws ModuleException {
        Map<String, Object> own = new java.util.LinkedHashMap<>(args);
        Map<String, String> env = environment(own.remove(ENVIRONMENT));
        Module m = registry.create(module);
        ModuleResult result = m.run(new Args(PathExpansion.apply(module, own, env)), new ModuleContext(check, diff, processes, env));
        if (result == null) {
            return ModuleResult.failed("internal error in module " + module + ": it returned no result").toMap();
        }
        return result.toMap();
    }

    private static Map<String, String> environment(Object value) throws ModuleException {
        if (value == null) {
            return java.util.Collections.emptyMap();
        }
        if (!(value instanceof Map)) {
            throw new ModuleException("'environment' must be a mapping of variable names to values, got '" + value + "'");
        }
        Map<String, String> env = new java.util.HashMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
            env.put(String.valueOf(e.getKey()), e.getValue() == null ? "" : String.valueOf(e.getValue()));
        }
        return env;
    }

    /**
     * Ansible's _execute_module: a module result with {@code stdout} (or {@code stderr}) gets
     * {@code stdout_lines} ({@code stderr_lines}) unless the module set them, whichever module it is.
     */
    private static void splitLines(Map<String, Object> result, String stream) {
        if (result.containsKey(stream) && !result.containsKey(stream + "_lines")) {
            Object text = result.get(stream);
            result.put(stream + "_lines", TextLines.split(text instanceof String ? (String) text : ""));
        }
    }

    private static String stackTrace(Throwable e) {
        StringWriter text = new StringWriter();
        e.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
