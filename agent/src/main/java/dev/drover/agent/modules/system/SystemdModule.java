package dev.drover.agent.modules.system;

import dev.drover.agent.module.Args;
import dev.drover.agent.module.Module;
import dev.drover.agent.module.ModuleContext;
import dev.drover.agent.module.ModuleException;
import dev.drover.agent.module.ModuleResult;
import dev.drover.agent.module.ProcessRunner;
import dev.drover.agent.modules.command.TextLines;
import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code systemd}: Ansible's systemd module, the same systemctl calls in the same order (show,
 * is-enabled, list-unit-files, mask/unmask, enable/disable, start/stop/restart/reload,
 * daemon-reload, daemon-reexec), so that on a host where systemd is not PID 1 it fails where and as
 * Ansible does: with systemctl's own message ("System has not been booted with systemd ..."), from
 * the bare {@code systemctl} call Ansible makes when it cannot find the unit. Result: {@code name,
 * changed, status} (systemctl show's properties), {@code enabled}, {@code state}.
 */
public final class SystemdModule implements Module {
    private List<String> systemctl;
    private ModuleContext ctx;
    private final Map<String, String> env = new LinkedHashMap<>();

    @Override
    public ModuleResult run(Args args, ModuleContext context) throws ModuleException {
        args.allow("name", "service", "unit", "state", "enabled", "force", "masked", "daemon_reload", "daemon-reload",
                "daemon_reexec", "daemon-reexec", "scope", "no_block");
        ctx = context;
        String unit = first(args, "name", "service", "unit");
        String state = args.choice("state", null, "reloaded", "restarted", "started", "stopped");
        Boolean enabled = args.has("enabled") ? args.bool("enabled", false) : null;
        Boolean masked = args.has("masked") ? args.bool("masked", false) : null;
        boolean reload = args.bool("daemon_reload", args.bool("daemon-reload", false));
        boolean reexec = args.bool("daemon_reexec", args.bool("daemon-reexec", false));
        String scope = args.choice("scope", "system", "system", "user", "global");
        if (state == null && enabled == null && masked == null && !reload && !reexec) {
            throw new ModuleException("one of the following is required: state, enabled, masked, daemon_reload, daemon_reexec");
        }
        if (unit == null && (state != null || enabled != null || masked != null)) {
            throw new ModuleException("missing parameter(s) required by '" + (state != null ? "state" : enabled != null ? "enabled" : "masked") + "': name");
        }
        if (unit != null) {
            for (String glob : new String[] {"*", "?", "["}) {
                if (unit.contains(glob)) {
                    throw new ModuleException("This module does not currently support using glob patterns, found '" + glob
                            + "' in service name: " + unit);
                }
            }
        }
        systemctl = new ArrayList<>(Collections.singletonList(bin()));
        if (!scope.equals("system")) {
            systemctl.add("--" + scope);
        }
        if (args.bool("no_block", false)) {
            systemctl.add("--no-block");
        }
        if (args.bool("force", false)) {
            systemctl.add("--force");
        }
        if (System.getenv("XDG_RUNTIME_DIR") == null) {
            env.put("XDG_RUNTIME_DIR", "/run/user/" + euid());
        }
        ModuleResult result = ModuleResult.ok().with("name", unit).with("status", new LinkedHashMap<String, String>());
        for (String daemon : reload && reexec ? new String[] {"daemon-reload", "daemon-reexec"}
                : reload ? new String[] {"daemon-reload"} : reexec ? new String[] {"daemon-reexec"} : new String[0]) {
            if (!ctx.checkMode()) {
                ProcessRunner.Completed done = run(daemon);
                if (done.rc != 0) {
                    throw new ModuleException("failure " + done.rc + " during " + daemon + ": " + done.stderr);
                }
            }
        }
        if (unit == null) {
            return result;
        }
        boolean initd = new File(unit.startsWith("/") ? unit : "/etc/init.d/" + unit).exists();
        boolean systemd = false;
        Map<String, String> status = new LinkedHashMap<>();
        ProcessRunner.Completed show = run("show", unit);
        if (show.rc == 0 && !ignored(show.stdout) && !ignored(show.stderr)) {
            if (!show.stdout.isEmpty()) {
                status = parseShow(show.stdout);
                systemd = status.containsKey("LoadState") && !"not-found".equals(status.get("LoadState"));
                boolean isMasked = "masked".equals(status.get("LoadState"));
                if (systemd && !isMasked && status.containsKey("LoadError")) {
                    throw new ModuleException("Error loading unit file '" + unit + "': " + status.get("LoadError"));
                }
            }
        } else if (show.rc == 1 && show.stderr.contains("Failed to parse bus message")) {
            status = parseShow(show.stdout);
            String search = unit.contains("@") ? unit.substring(0, unit.indexOf('@') + 1) : unit;
            systemd = run("list-unit-files", search + "*").stdout.contains(search);
            status.put("ActiveState", run("is-active", unit).stdout.replaceAll("\n+$", ""));
        } else {
            List<String> valid = Arrays.asList("enabled", "enabled-runtime", "linked", "linked-runtime", "masked",
                    "masked-runtime", "static", "indirect", "disabled", "generated", "transient");
            if (valid.contains(run("is-enabled", unit).stdout.trim()) || run("list-unit-files", unit).rc == 0) {
                systemd = true;
            } else {
                ProcessRunner.Completed bare = run();
                if (bare.rc != 0) {
                    throw new ModuleException(bare.stderr.replaceAll("\\s+$", "")).with("cmd", String.join(" ", systemctl))
                            .with("rc", bare.rc).with("stdout", bare.stdout).with("stderr", bare.stderr)
                            .with("stdout_lines", TextLines.split(bare.stdout)).with("stderr_lines", TextLines.split(bare.stderr));
                }
            }
        }
        result.with("status", status);
        boolean found = systemd || initd;
        if (initd && !systemd) {
            result.with("warnings", Collections.singletonList("The service (" + unit + ") is actually an init script but the system is managed by systemd"));
        }
        if (masked != null && masked != run("is-enabled", unit).stdout.trim().equals("masked")) {
            result.with("changed", true);
            if (!ctx.checkMode() && run(masked ? "mask" : "unmask", unit).rc != 0) {
                missing(found, unit);
            }
        }
        if (enabled != null) {
            missing(found, unit);
            ProcessRunner.Completed is = run("is-enabled", unit, "-l");
            boolean now = false;
            if (is.rc == 0) {
                List<String> lines = Arrays.asList(is.stdout.split("\n"));
                now = !(lines.equals(Collections.singletonList("indirect")) || lines.equals(Collections.singletonList("alias")));
            } else if (is.rc == 1 && scope.equals("system") && initd && !is.stdout.trim().endsWith("disabled")) {
                now = sysvEnabled(unit);
            }
            result.with("enabled", now);
            if (now != enabled) {
                result.with("changed", true);
                String action = enabled ? "enable" : "disable";
                if (!ctx.checkMode()) {
                    ProcessRunner.Completed done = run(action, unit);
                    if (done.rc != 0) {
                        throw new ModuleException("Unable to " + action + " service " + unit + ": " + done.stdout + done.stderr);
                    }
                }
                result.with("enabled", !now);
            }
        }
        if (state != null) {
            missing(found, unit);
            result.with("state", state);
            String active = status.get("ActiveState");
            if (active != null) {
                boolean running = active.equals("active") || active.equals("activating");
                String action = null;
                if (state.equals("started")) {
                    action = running ? null : "start";
                } else if (state.equals("stopped")) {
                    action = running || active.equals("deactivating") ? "stop" : null;
                } else {
                    action = running ? state.substring(0, state.length() - 2) : "start";
                    result.with("state", "started");
                }
                if (action != null) {
                    result.with("changed", true);
                    if (!ctx.checkMode()) {
                        ProcessRunner.Completed done = run(action, unit);
                        if (done.rc != 0) {
                            throw new ModuleException("Unable to " + action + " service " + unit + ": " + done.stderr);
                        }
                    }
                }
            } else if ("1".equals(System.getenv("SYSTEMD_OFFLINE"))) {
                result.with("warnings", Collections.singletonList("Target is a chroot or systemd is offline. This can lead to"
                        + " false positives or prevent the init system tools from working."));
            } else {
                throw new ModuleException("Service is in unknown state").with("status", status);
            }
        }
        return result;
    }

    private ProcessRunner.Completed run(String... words) throws ModuleException {
        List<String> argv = new ArrayList<>(systemctl);
        argv.addAll(Arrays.asList(words));
        return ctx.processes().run(argv, null, env, null, 0);
    }

    private static void missing(boolean found, String unit) throws ModuleException {
        if (!found) {
            throw new ModuleException("Could not find the requested service " + unit + ": host");
        }
    }

    private static boolean ignored(String out) {
        return !out.contains("=") && (out.contains("ignoring request") || out.contains("ignoring command"));
    }

    /** Ansible's parse_systemctl_show: key=value lines, Exec* values in braces may span lines. */
    static Map<String, String> parseShow(String out) {
        Map<String, String> parsed = new LinkedHashMap<>();
        StringBuilder multi = null;
        String key = null;
        for (String line : out.split("\n", -1)) {
            if (key == null) {
                int eq = line.indexOf('=');
                if (eq >= 0) {
                    key = line.substring(0, eq);
                    String v = line.substring(eq + 1);
                    if (key.startsWith("Exec") && v.trim().startsWith("{") && !v.trim().endsWith("}")) {
                        multi = new StringBuilder(v);
                        continue;
                    }
                    parsed.put(key, v.trim());
                    key = null;
                }
            } else {
                multi.append('\n').append(line);
                if (line.trim().endsWith("}")) {
                    parsed.put(key, multi.toString().trim());
                    key = null;
                }
            }
        }
        return parsed;
    }

    private static boolean sysvEnabled(String unit) {
        String base = new File("/etc/rc0.d/").isDirectory() ? "/etc" : "/etc/init.d";
        for (char level = '0'; level <= '9'; level++) {
            File[] hits = new File(base + "/rc" + level + ".d").listFiles((d, n) -> n.length() == 3 + unit.length() && n.startsWith("S") && n.endsWith(unit));
            if (hits != null && hits.length > 0) {
                return true;
            }
        }
        return false;
    }

    /** The effective uid, from /proc (Java 8 has no API for it). */
    private static String euid() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Paths.get("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2];
                }
            }
        } catch (java.io.IOException e) {
            // fall through
        }
        return "0";
    }

    private static String bin() throws ModuleException {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").concat(":/usr/sbin:/sbin:/usr/bin:/bin").split(":")) {
            if (new File(dir, "systemctl").canExecute()) {
                return new File(dir, "systemctl").getPath();
            }
        }
        throw new ModuleException("Failed to find required executable \"systemctl\" in paths: "
                + System.getenv().getOrDefault("PATH", ""));
    }

    private static String first(Args args, String... names) {
        for (String n : names) {
            if (args.has(n)) {
                return args.string(n);
            }
        }
        return null;
    }
}
