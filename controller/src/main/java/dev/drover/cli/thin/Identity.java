package dev.drover.cli.thin;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a command's outcome may depend on in the process that runs it, other than its arguments:
 * the drover jar (path, size, time), the working directory, the umask and the environment. A
 * command worker ({@code drover persist work}) runs a client's command only when its own identity
 * is exactly the client's, so a relative path, {@code ANSIBLE_CONFIG}, {@code DROVER_*}, {@code
 * NO_COLOR}, a {@code lookup('env')} or a file's mode come out as they would in the client's own
 * JVM. The worker's socket is named after a hash of it ({@link #socketName}); the full text is
 * compared on every request, so a hash collision can only cost a fallback.
 *
 * <p>JDK classes only, no lambdas and no string concatenation: this class runs in the thin client,
 * whose start-up is the point.
 */
public final class Identity {
    /**
     * Set by every shell or changed by any subshell without changing what a command does, and the
     * launcher's own switch.
     */
    private static final String[] VOLATILE = {"_", "OLDPWD", "SHLVL", "DROVER_THIN"};

    private Identity() {
    }

    /** This process's identity, for the drover jar {@code jar}. */
    public static String of(String jar, String cwd, Map<String, String> env) {
        StringBuilder b = new StringBuilder(4096);
        b.append("jar\0").append(jar).append('\0');
        try {
            Path p = Path.of(jar);
            b.append(Files.size(p)).append('\0').append(Files.getLastModifiedTime(p).toMillis()).append('\0');
        } catch (IOException | RuntimeException e) {
            b.append("missing\0");
        }
        b.append("cwd\0").append(cwd).append('\0');
        b.append("umask\0").append(umask()).append('\0');
        TreeMap<String, String> sorted = new TreeMap<>(env);
        for (String v : VOLATILE) {
            sorted.remove(v);
        }
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            b.append(e.getKey()).append('=').append(e.getValue()).append('\0');
        }
        return b.toString();
    }

    /** The worker socket's file name: {@code cmd-<16 hex digits>.sock} (FNV-1a, 64 bits). */
    public static String socketName(String identity) {
        long h = 0xcbf29ce484222325L;
        byte[] bytes = identity.getBytes(StandardCharsets.UTF_8);
        for (byte x : bytes) {
            h ^= x & 0xff;
            h *= 0x100000001b3L;
        }
        String hex = Long.toHexString(h);
        StringBuilder b = new StringBuilder("cmd-");
        for (int i = hex.length(); i < 16; i++) {
            b.append('0');
        }
        return b.append(hex).append(".sock").toString();
    }

    /** The process's umask from /proc (Linux 4.7+), or "?" where it cannot be read. */
    static String umask() {
        try (InputStream in = new FileInputStream("/proc/self/status")) {
            String status = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            int at = status.indexOf("Umask:");
            if (at >= 0) {
                int end = status.indexOf('\n', at);
                return status.substring(at + 6, end < 0 ? status.length() : end).trim();
            }
        } catch (IOException e) {
            // not Linux: the worker and the client agree on "?" as well
        }
        return "?";
    }
}
