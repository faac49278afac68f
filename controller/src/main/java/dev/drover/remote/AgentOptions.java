package dev.drover.remote;

import dev.drover.secret.Secret;
import java.time.Duration;
import java.util.List;

/**
 * Per-host settings of the agent: the java binary (ACS installers bundle their own JRE, so this is
 * a host variable, {@code drover_java}), the cache directory on the host ({@code drover_agent_cache},
 * relative to the login home unless absolute), how long to wait for the agent to start, and
 * privilege escalation ({@code become}): an agent runs as one user, so a host with tasks as two
 * users has two agents (the pool keys agents by host and become user). {@code javaOptions} are
 * options for the agent's JVM ({@code drover_java_options}), given after drover's own, such as
 * {@code -Djavax.net.ssl.trustStore=...}: what {@code SSL_CERT_FILE} is to Ansible's Python modules.
 */
public record AgentOptions(String javaCommand, String cacheDir, Duration startTimeout, Become become, List<String> javaOptions) {

    /**
     * Run the agent as {@code user} through {@code method} ({@link #METHODS}: sudo or su, default sudo).
     *
     * @param password the become password, or null: sudo runs non-interactively ({@code -n}) and a
     *     prompt from su fails the start (never hang)
     * @param exe      Ansible's {@code become_exe}: the program instead of {@code sudo} or {@code su}, or null
     * @param flags    Ansible's {@code become_flags}, as written, or null
     */
    public record Become(String user, String method, Secret password, String exe, String flags) {
        /** The become methods drover has (Ansible's become plugins of these names). */
        public static final java.util.List<String> METHODS = java.util.List.of("sudo", "su");

        public Become {
            if (user == null || user.isBlank()) {
                user = "root";
            }
            if (method == null || method.isBlank()) {
                method = "sudo";
            }
            if (exe != null && exe.isBlank()) {
                exe = null;
            }
            if (flags != null && flags.isBlank()) {
                flags = null;
            }
        }

        public Become(String user, String method, Secret password) {
            this(user, method, password, null, null);
        }

        /** Why {@code method} cannot be used: for an error that the caller completes with where it came from. */
        public static String unsupported(String method) {
            return "become method '" + method + "' is not supported: drover becomes another user through "
                    + String.join(" or ", METHODS) + " (docs/become.md)";
        }
    }

    public AgentOptions(String javaCommand, String cacheDir, Duration startTimeout) {
        this(javaCommand, cacheDir, startTimeout, null, List.of());
    }

    public AgentOptions(String javaCommand, String cacheDir, Duration startTimeout, Become become) {
        this(javaCommand, cacheDir, startTimeout, become, List.of());
    }

    public AgentOptions withBecome(Become b) {
        return new AgentOptions(javaCommand, cacheDir, startTimeout, b, javaOptions);
    }

    public AgentOptions withJavaOptions(List<String> options) {
        return new AgentOptions(javaCommand, cacheDir, startTimeout, become, options);
    }

    /** The pool key suffix: agents differ per become user. */
    public String identity() {
        return become == null ? "" : "@" + become.method() + ":" + become.user()
                + (become.exe() == null && become.flags() == null ? "" : ":" + become.exe() + ":" + become.flags());
    }
    public static final String DEFAULT_CACHE_DIR = ".cache/drover/agent";

    public AgentOptions {
        if (javaCommand == null || javaCommand.isBlank()) {
            javaCommand = "java";
        }
        if (cacheDir == null || cacheDir.isBlank()) {
            cacheDir = DEFAULT_CACHE_DIR;
        }
        while (cacheDir.length() > 1 && cacheDir.endsWith("/")) {
            cacheDir = cacheDir.substring(0, cacheDir.length() - 1);
        }
        if (startTimeout == null) {
            startTimeout = Duration.ofSeconds(60);
        }
        javaOptions = javaOptions == null ? List.of() : List.copyOf(javaOptions);
    }

    public static AgentOptions defaults() {
        return new AgentOptions(null, null, null);
    }

    /**
     * Temp directories are cleaned by tmpwatch/systemd-tmpfiles and often mounted noexec (both broke
     * salt-ssh's thin cache), so the cache may not live there.
     */
    public String validatedCacheDir() throws AgentException {
        String normalized = cacheDir.replaceAll("/+", "/");
        for (String tmp : new String[] {"/tmp", "/var/tmp", "/dev/shm"}) {
            if (normalized.equals(tmp) || normalized.startsWith(tmp + "/")) {
                throw new AgentException("the agent cache directory '" + cacheDir + "' is under " + tmp
                        + ", which temp cleaners empty and which is often mounted noexec; choose another drover_agent_cache");
            }
        }
        return cacheDir;
    }
}
