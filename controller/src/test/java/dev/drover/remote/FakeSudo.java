package dev.drover.remote;

import dev.drover.transport.RemoteProcess;
import dev.drover.transport.Transport;
import dev.drover.transport.TransportException;
import dev.drover.transport.local.LocalTransport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A stand-in for sudo on the local transport, so the become protocol (prompt, password on stdin,
 * status line, streamed jar) is tested without root or a sudo package. It behaves as sudo does
 * where drover depends on it: {@code -n} fails at once with "a password is required" when a
 * password would be needed; {@code -S -p PROMPT} writes the prompt to stderr, reads one line from
 * stdin (byte by byte, so the rest of stdin reaches the command) and re-prompts after "Sorry, try
 * again."; {@code -H} sets HOME to the target user's home, here {@link #targetHome()}.
 *
 * <p>It records its arguments (NUL-separated) and the LC_MESSAGES it was started with.
 */
final class FakeSudo {
    static final String PASSWORD = "s3cret 'pa$$word' ä";

    private final Path dir;

    private FakeSudo(Path dir) {
        this.dir = dir;
    }

    static FakeSudo install(Path dir) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.createDirectories(dir.resolve("target-home"));
        Files.writeString(dir.resolve("password"), PASSWORD + "\n");
        Path sudo = bin.resolve("sudo");
        String d = AgentBootstrap.shellQuote(dir.toString());
        Files.writeString(sudo, "#!/bin/sh\n"
                + "d=" + d + "\n"
                + "printf '%s\\0' \"$@\" >\"$d/argv\"; printf '%s' \"${LC_MESSAGES-unset}\" >\"$d/lc_messages\"\n"
                + "mode=; prompt=; user=\n"
                + "while [ $# -gt 0 ]; do case $1 in\n"
                + "  -H) shift ;; -n) mode=n; shift ;; -S) mode=S; shift ;;\n"
                + "  -p) prompt=$2; shift 2 ;; -u) user=$2; shift 2 ;; --) shift; break ;;\n"
                + "  *) echo \"sudo: unknown option $1\" >&2; exit 1 ;;\n"
                + "esac; done\n"
                + "if ! grep -qxF \"$user\" \"$d/users\" 2>/dev/null; then echo \"sudo: unknown user $user\" >&2; exit 1; fi\n"
                + "if [ ! -e \"$d/nopasswd\" ]; then\n"
                + "  if [ \"$mode\" = n ]; then echo 'sudo: a password is required' >&2; exit 1; fi\n"
                + "  tries=0\n"
                + "  while :; do\n"
                + "    printf '%s' \"$prompt\" >&2\n"
                + "    IFS= read -r pw || { echo 'sudo: no password was provided' >&2; exit 1; }\n"
                + "    [ \"$pw\" = \"$(cat \"$d/password\")\" ] && break\n"
                + "    tries=$((tries + 1)); echo 'Sorry, try again.' >&2\n"
                + "    [ $tries -lt 3 ] || { echo 'sudo: 3 incorrect password attempts' >&2; exit 1; }\n"
                + "  done\n"
                + "fi\n"
                + "HOME=$(cat \"$d/home\" 2>/dev/null || echo \"$d/target-home\"); export HOME\n"
                + "exec \"$@\"\n");
        sudo.toFile().setExecutable(true);
        Files.writeString(dir.resolve("users"), "root\nalfresco\n");
        return new FakeSudo(dir);
    }

    Path targetHome() {
        return dir.resolve("target-home");
    }

    /** sudo asks no password (a NOPASSWD rule, or a cached timestamp). */
    void noPassword() throws IOException {
        Files.writeString(dir.resolve("nopasswd"), "");
    }

    /** The target user's home is {@code home} (which may not exist). */
    void targetHome(Path home) throws IOException {
        Files.writeString(dir.resolve("home"), home.toString());
    }

    List<String> argv() throws IOException {
        String all = Files.readString(dir.resolve("argv"), StandardCharsets.UTF_8);
        return Arrays.asList(all.substring(0, all.length() - 1).split("\0", -1));
    }

    String lcMessages() throws IOException {
        return Files.readString(dir.resolve("lc_messages"));
    }

    /** The local transport, with this fake first on the PATH (or with no sudo at all). */
    Transport transport(Path loginHome, boolean sudoInstalled) {
        LocalTransport local = new LocalTransport("testhost", loginHome);
        String path = sudoInstalled ? dir.resolve("bin") + ":" + System.getenv("PATH") : "/nonexistent";
        return withPath(local, path);
    }

    /** {@code local}, each command run with {@code path} as its PATH (a fake sudo or su first, or none). */
    static Transport withPath(LocalTransport local, String path) {
        return new Transport() {
            @Override
            public String hostName() {
                return local.hostName();
            }

            @Override
            public RemoteProcess exec(String command) throws TransportException {
                return local.exec("PATH=" + AgentBootstrap.shellQuote(path) + "; export PATH; " + command);
            }

            @Override
            public void upload(InputStream content, long length, String remotePath, int mode) throws TransportException {
                local.upload(content, length, remotePath, mode);
            }

            @Override
            public void download(String remotePath, Path localPath) throws TransportException {
                local.download(remotePath, localPath);
            }

            @Override
            public void close() {
                local.close();
            }
        };
    }
}
