package dev.drover.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A test's own sshd beside the {@link OpenSshLab}: node1's configuration, host key, users and
 * authorized keys, at another loopback address, with extra {@code sshd_config} lines (for example
 * {@code ClientAliveInterval}, which the lab's nodes do not set). Started by the constructor, stopped
 * by {@link #close()}; its known_hosts names node1's key at the new address.
 */
public final class PrivateSshd implements AutoCloseable {
    private final String address;
    private final int port;
    private final Path dir;
    private final long pid;

    /** Starts it at {@code address} (loopback) on the lab's port, its files under {@code dir}. */
    public PrivateSshd(OpenSshLab.Lab lab, String address, Path dir, String... extraLines) throws IOException, InterruptedException {
        this.address = address;
        this.port = lab.port();
        this.dir = dir;
        Files.createDirectories(dir);
        Path pidFile = dir.resolve("sshd.pid");
        String config = Files.readAllLines(lab.dir().resolve("node1/sshd_config")).stream()
                .map(l -> l.startsWith("ListenAddress ") ? "ListenAddress " + address + ":" + port
                        : l.startsWith("PidFile ") ? "PidFile " + pidFile : l)
                .collect(Collectors.joining("\n", "", "\n" + String.join("\n", extraLines) + "\n"));
        Path file = dir.resolve("sshd_config");
        Files.writeString(file, config);
        Process p = new ProcessBuilder("/usr/sbin/sshd", "-f", file.toString(), "-E", dir.resolve("sshd.log").toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("sshd at " + address + " did not start: " + out + Files.readString(dir.resolve("sshd.log")));
        }
        // sshd writes its pid file once its socket is bound.
        for (int i = 0; i < 300 && !(Files.exists(pidFile) && !Files.readString(pidFile).isBlank()); i++) {
            Thread.sleep(100);
        }
        this.pid = Long.parseLong(Files.readString(pidFile).strip());
        String node1 = "[" + lab.node("node1").address() + "]:" + port + " ";
        String key = Files.readAllLines(lab.knownHosts()).stream().filter(l -> l.startsWith(node1)).findFirst()
                .orElseThrow().substring(node1.length());
        Files.writeString(knownHosts(), "[" + address + "]:" + port + " " + key + "\n");
    }

    public String address() {
        return address;
    }

    public int port() {
        return port;
    }

    public Path knownHosts() {
        return dir.resolve("known_hosts");
    }

    /** Stops the listener and every session it started. */
    @Override
    public void close() {
        ProcessHandle.of(pid).ifPresent(h -> {
            List<ProcessHandle> sessions = h.descendants().toList();
            h.destroy();
            sessions.forEach(ProcessHandle::destroy);
        });
    }
}
