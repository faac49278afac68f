package dev.drover.testing;

import dev.drover.transport.ConnectionSettings;
import dev.drover.transport.ExecResult;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * The network's edges beside the OpenSSH lab ({@code testbed/lab/lab-edge.sh}): an sshd without
 * SFTP on 127.0.0.24, and two bastions in front of a target that only they can reach (jump1
 * 127.0.0.21, then jump2 and the target inside a private network namespace). Same port, login user
 * and client key as the {@link OpenSshLab}; host keys in {@link Edge#knownHosts()}.
 *
 * <p>Lifecycle: the first {@link #get()} brings up the OpenSSH lab (or skips), then runs
 * {@code lab-edge.sh up}; a shutdown hook runs {@code down} (unless {@code -Ddrover.lab.keep=true}).
 * The jump chain needs root; without it {@link Edge#requireJumps()} skips as tier {@value #JUMP_TIER}
 * (or fails when all tiers are required). Threading: {@link #get()} is synchronized.
 */
public final class EdgeLab {
    public static final String JUMP_TIER = "openssh-jump";
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(60);

    private static final int EXIT_UNBINDABLE = 4;
    private static Edge edge;
    private static RuntimeException failure;
    private static String unbindable;

    private EdgeLab() {
    }

    /**
     * A running edge lab.
     *
     * @param jumpUnavailable why there are no jump hosts, or null
     */
    public record Edge(OpenSshLab.Lab lab, Path dir, int port, Path knownHosts, String noSftp, String jump1,
            String jump2, String target, Path jump1Log, String jumpUnavailable) {

        public void requireJumps() {
            Tiers.require(JUMP_TIER, jumpUnavailable == null, String.valueOf(jumpUnavailable));
        }

        /** Settings for {@code address} as the lab user with the lab key, host keys from the edge's known_hosts. */
        public ConnectionSettings settings(String name, String address) {
            return ConnectionSettings.ssh(name, address, port, lab.user())
                    .withIdentityFiles(List.of(lab.clientKey()))
                    .withKnownHosts(knownHosts, List.of(), false);
        }

        /** {@code user@address:port} for a ProxyJump value. */
        public String hop(String address) {
            return lab.user() + "@" + address + ":" + port;
        }
    }

    public static synchronized Edge get() {
        OpenSshLab.Lab lab = OpenSshLab.get();
        if (edge == null && failure == null && unbindable == null) {
            try {
                edge = bringUp(lab);
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw new IllegalStateException("the edge lab failed to start: " + failure.getMessage(), failure);
        }
        Tiers.require(OpenSshLab.TIER, unbindable == null, String.valueOf(unbindable));
        return edge;
    }

    private static Edge bringUp(OpenSshLab.Lab lab) {
        Path script = OpenSshLab.findRepositoryRoot().resolve("testbed/lab/lab-edge.sh");
        ExecResult up = OpenSshLabProcesses.runMerged(List.of("bash", script.toString(), "up", "--lab",
                lab.dir().toString(), "--port", Integer.toString(lab.port())), SCRIPT_TIMEOUT);
        if (up.exitCode() == EXIT_UNBINDABLE) {
            unbindable = "the edge lab cannot listen: " + up.stdout().strip();
            return null;
        }
        if (up.exitCode() != 0) {
            throw new IllegalStateException(script + " up exited with " + up.exitCode() + ": " + up.stdout().strip());
        }
        if (!Boolean.getBoolean(OpenSshLab.KEEP_PROPERTY)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> OpenSshLabProcesses.runMerged(List.of("bash",
                    script.toString(), "down", "--lab", lab.dir().toString()), SCRIPT_TIMEOUT), "edge-lab-down"));
        }
        Path dir = lab.dir().resolve("edge");
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(dir.resolve("edge.properties"))) {
            p.load(r);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + dir.resolve("edge.properties") + ": " + e.getMessage(), e);
        }
        String jumpLog = p.getProperty("jump1.log");
        return new Edge(lab, dir, Integer.parseInt(p.getProperty("port")), Path.of(p.getProperty("known_hosts")),
                p.getProperty("nosftp"), p.getProperty("jump1"), p.getProperty("jump2"), p.getProperty("target"),
                jumpLog == null ? null : Path.of(jumpLog), p.getProperty("jump.unavailable"));
    }
}
