package dev.drover.agent.modules.system;

import dev.drover.agent.module.ModuleException;
import java.util.Map;

/**
 * How {@code service} asks about and acts on one service: systemd's {@code systemctl}, or an init
 * script with LSB verbs. One instance per request; every call may run a program.
 */
interface ServiceBackend {

    /** "systemd" or "script": which backend decided, for the result. */
    String kind();

    /** True when the service runs (or is on its way up); reads fresh state each call. */
    boolean running() throws ModuleException;

    /** True when the service is stopping: a stop request must still be sent. */
    boolean stopping() throws ModuleException;

    /** Whether the service starts at boot. */
    boolean enabled() throws ModuleException;

    /** start, stop, restart or reload; fails with the program's output when it fails. */
    void control(String action) throws ModuleException;

    void enable(boolean enable) throws ModuleException;

    /** What the result shows under {@code status}. */
    Map<String, Object> status() throws ModuleException;
}
