package dev.drover.agent.modules.system;

import dev.drover.agent.module.ModuleException;
import dev.drover.agent.module.ProcessRunner;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A unit under systemd, through {@code systemctl show} (state, as Ansible's systemd module returns
 * it under {@code status}), {@code is-enabled}, and {@code start/stop/restart/reload/enable/disable}.
 */
final class SystemdBackend implements ServiceBackend {
    private final String unit;
    private final String systemctl;
    private final ProcessRunner processes;

    SystemdBackend(String unit, String systemctl, ProcessRunner processes) {
        this.unit = unit;
        this.systemctl = systemctl;
        this.processes = processes;
    }

    @Override
    public String kind() {
        return "systemd";
    }

    @Override
    public boolean running() throws ModuleException {
        String state = activeState();
        return state.equals("active") || state.equals("activating") || state.equals("reloading");
    }

    @Override
    public boolean stopping() throws ModuleException {
        return activeState().equals("deactivating");
    }

    private String activeState() throws ModuleException {
        Object state = status().get("ActiveState");
        return state == null ? "unknown" : state.toString();
    }

    @Override
    public boolean enabled() throws ModuleException {
        return run("is-enabled").rc == 0;
    }

    @Override
    public void control(String action) throws ModuleException {
        check(action, run(action));
    }

    @Override
    public void enable(boolean enable) throws ModuleException {
        String action = enable ? "enable" : "disable";
        check(action, run(action));
    }

    @Override
    public Map<String, Object> status() throws ModuleException {
        ProcessRunner.Completed show = run("show");
        if (show.rc != 0) {
            throw failure("Unable to query the state of service " + unit, show);
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        for (String line : show.stdout.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                properties.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        if ("not-found".equals(properties.get("LoadState"))) {
            throw new ModuleException("Could not find the requested service " + unit + ": systemd has no unit by that name"
                    + " (systemctl list-unit-files shows the known ones)");
        }
        return properties;
    }

    private ProcessRunner.Completed run(String verb) throws ModuleException {
        return processes.run(Arrays.asList(systemctl, verb, unit), null, Collections.<String, String>emptyMap(), null, 0);
    }

    private void check(String action, ProcessRunner.Completed done) throws ModuleException {
        if (done.rc != 0) {
            throw failure("Unable to " + action + " service " + unit, done);
        }
    }

    private static ModuleException failure(String what, ProcessRunner.Completed done) {
        String output = (done.stderr.trim().isEmpty() ? done.stdout : done.stderr).trim();
        return new ModuleException(what + ": " + output)
                .with("rc", done.rc).with("stdout", done.stdout).with("stderr", done.stderr);
    }
}
