package dev.drover.protocol;

import java.util.Arrays;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * The modules an agent of this build runs, by name: the contract between the controller's parser
 * (which accepts these task actions before any host is reached) and the agent's registry (whose
 * test checks it registers exactly these). Also the wire conventions of modules whose arguments the
 * controller prepares.
 */
public final class ModuleNames {
    /** Every module the agent jar ships. */
    public static final Set<String> BUILTIN = Collections.unmodifiableSet(new TreeSet<>(Arrays.asList(
            "apt", "archive", "async_start", "async_status", "blockinfile", "command", "copy", "file", "find", "get_url", "getent", "group", "lineinfile", "ping",
            "properties", "raw", "replace", "script", "service", "setup", "shell", "slurp", "stat", "systemd",
            "tempfile", "timezone", "unarchive", "uri", "user", "wait_for")));

    /**
     * In the {@code script} module's {@code _command}, where the controller put the script's path:
     * the agent writes the script's content to a private file and puts that file's path here.
     */
    public static final String SCRIPT_PLACEHOLDER = "\u0000script\u0000";

    private ModuleNames() {
    }
}
