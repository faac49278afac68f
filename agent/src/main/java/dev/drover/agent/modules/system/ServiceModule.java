package dev.drover.agent.modules.system;

import dev.drover.agent.module.Args;
import dev.drover.agent.module.Module;
import dev.drover.agent.module.ModuleContext;
import dev.drover.agent.module.ModuleException;
import dev.drover.agent.module.ModuleResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * {@code service}: starts, stops, restarts or reloads a service and sets whether it starts at boot,
 * with Ansible's arguments ({@code name}, {@code state}, {@code enabled}, {@code pattern},
 * {@code sleep}) plus drover's {@code script}. The backend is the explicit {@code script} (ACS zip
 * installs have {@code alfresco.sh} rather than a unit), else systemd when it runs the host
 * ({@code /run/systemd/system} exists), else {@code /etc/init.d/<name>}.
 *
 * <p>The current state is read first and {@code changed} is true only when an action was needed,
 * except {@code restarted} and {@code reloaded}, which always act (as in Ansible). In check mode the
 * state is read and nothing is run that changes it.
 */
public final class ServiceModule implements Module {
    private final Path systemdRuntime;
    private final String systemctl;
    private final Path initDir;

    public ServiceModule() {
        this(Paths.get("/run/systemd/system"), "systemctl", Paths.get("/etc/init.d"));
    }

    /** For tests: where systemd's runtime marker, systemctl and the init scripts are. */
    ServiceModule(Path systemdRuntime, String systemctl, Path initDir) {
        this.systemdRuntime = systemdRuntime;
        this.systemctl = systemctl;
        this.initDir = initDir;
    }

    @Override
    public ModuleResult run(Args args, ModuleContext context) throws ModuleException {
        args.allow("name", "state", "enabled", "script", "pattern", "sleep");
        String name = args.requireString("name");
        String state = args.choice("state", null, "started", "stopped", "restarted", "reloaded");
        Boolean enabled = args.has("enabled") ? args.bool("enabled", false) : null;
        if (state == null && enabled == null) {
            throw new ModuleException("Neither argument state nor enabled was given: say what service " + name + " should be");
        }
        ServiceBackend backend = backend(name, args, context);

        boolean changed = false;
        boolean check = context.checkMode();
        // Read before acting: a backend that cannot manage boot links fails before anything changed.
        Boolean wasEnabled = enabled == null ? null : backend.enabled();
        if (state != null) {
            String action = action(state, backend);
            if (action != null) {
                changed = true;
                if (!check) {
                    backend.control(action);
                }
            }
        }
        if (enabled != null && !enabled.equals(wasEnabled)) {
            changed = true;
            if (!check) {
                backend.enable(enabled);
            }
        }
        ModuleResult result = ModuleResult.changed(changed).with("name", name);
        if (state != null) {
            result.with("state", state);
        }
        if (enabled != null) {
            result.with("enabled", enabled);
        }
        return result.with("backend", backend.kind()).with("status", backend.status());
    }

    /** The action the wanted state needs now, or null when the service is already so. */
    private static String action(String state, ServiceBackend backend) throws ModuleException {
        boolean running = backend.running();
        switch (state) {
            case "started":
                return running ? null : "start";
            case "stopped":
                return running || backend.stopping() ? "stop" : null;
            case "restarted":
                return running ? "restart" : "start";
            default: // reloaded
                return running ? "reload" : "start";
        }
    }

    private ServiceBackend backend(String name, Args args, ModuleContext context) throws ModuleException {
        String pattern = args.string("pattern");
        double sleep = args.decimal("sleep", 0);
        if (sleep < 0) {
            throw new ModuleException("argument 'sleep' must be a number of seconds of 0 or more; got " + args.string("sleep"));
        }
        long sleepMillis = Math.round(sleep * 1000);
        if (args.has("script")) {
            Path script = Paths.get(args.string("script"));
            if (!Files.isRegularFile(script)) {
                throw new ModuleException("script " + script + " for service " + name + " "
                        + (Files.exists(script) ? "is not a regular file" : "does not exist"));
            }
            return new ScriptBackend(name, script, pattern, sleepMillis, context.processes());
        }
        if (Files.isDirectory(systemdRuntime)) {
            return new SystemdBackend(name, systemctl, context.processes());
        }
        Path initScript = initDir.resolve(name);
        if (Files.isRegularFile(initScript)) {
            return new ScriptBackend(name, initScript, pattern, sleepMillis, context.processes());
        }
        throw new ModuleException("cannot manage service " + name + ": systemd does not run this host (" + systemdRuntime
                + " is missing) and there is no " + initScript + "; give script: /path/to/the/start-stop-script"
                + " (for example alfresco.sh)");
    }
}
