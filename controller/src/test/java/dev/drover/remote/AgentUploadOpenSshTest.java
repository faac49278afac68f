package dev.drover.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.testing.EdgeLab;
import dev.drover.testing.OpenSshLab;
import dev.drover.testing.Tiers;
import dev.drover.transport.ConnectionSettings;
import dev.drover.transport.Transport;
import dev.drover.transport.ssh.SshEnvironment;
import dev.drover.transport.ssh.SshTransportFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the agent jar reaches real OpenSSH hosts when the usual way fails: an sshd without
 * {@code Subsystem sftp} (the jar goes over the exec channel), and a cache directory on a full
 * filesystem (a 256 KiB tmpfs; the message says "no space" with the KiB needed and free, and no
 * {@code .jar.tmp.*} file is left behind), over SFTP and over exec.
 */
class AgentUploadOpenSshTest {
    private static final AgentJar JAR = AgentJar.embedded();
    private static final Duration T = Duration.ofSeconds(30);

    @TempDir
    Path home;
    private EdgeLab.Edge edge;
    private SshTransportFactory factory;

    @BeforeEach
    void lab() {
        edge = EdgeLab.get();
        factory = new SshTransportFactory(SshEnvironment.isolated(home, edge.lab().user(), n -> null));
    }

    @Test
    void withoutSftpTheJarGoesOverExecAndTheAgentStarts() throws Exception {
        String cache = ".cache/drover-nosftp-" + UUID.randomUUID();
        AgentOptions options = new AgentOptions(null, cache, null);
        try (Transport t = factory.open(edge.settings("hardened", edge.noSftp()))) {
            AgentBootstrap.Started first = new AgentBootstrap(JAR).start(t, options);
            try (AgentClient agent = first.client()) {
                assertTrue(first.uploaded());
                assertEquals("pong", agent.run("ping", Map.of(), false, false).get("ping"));
            }
            assertEquals(JAR.sha256() + ".jar", t.run("ls -A " + cache, T).stdout().strip(), "the jar, nothing else");
            AgentBootstrap.Started second = new AgentBootstrap(JAR).start(t, options);
            try (AgentClient agent = second.client()) {
                assertFalse(second.uploaded(), "the cached jar is reused");
            }
            t.run("rm -rf " + cache, T);
        }
    }

    @Test
    void aFullDiskSaysSoOverSftpAndLeavesNothing() throws Exception {
        OpenSshLab.Lab lab = edge.lab();
        assertFullDisk(lab.connectionSettings(lab.node("node1")), "Failure");
    }

    @Test
    void aFullDiskSaysSoOverExecAndLeavesNothing() throws Exception {
        assertFullDisk(edge.settings("hardened", edge.noSftp()), "No space left on device");
    }

    /** @param hostSaid what the host's own error says (SFTP: only "Failure"; head: ENOSPC), quoted in the message */
    private void assertFullDisk(ConnectionSettings settings, String hostSaid) throws Exception {
        Tiers.require("root", "root".equals(System.getProperty("user.name")), "mounting a small tmpfs needs root");
        // Under /run, not the checkout: a checkout under /tmp (CI clones there) would be refused as a cache place.
        Path full = Path.of("/run", "drover-full-disk-" + UUID.randomUUID());
        Files.createDirectories(full);
        sh("mount", "-t", "tmpfs", "-o", "size=256k,mode=0755", "tmpfs", full.toString());
        try {
            sh("chown", edge.lab().user(), full.toString());
            AgentOptions options = new AgentOptions(null, full.toString(), null);
            try (Transport t = factory.open(settings)) {
                AgentException e = assertThrows(AgentException.class, () -> new AgentBootstrap(JAR).start(t, options));
                long needKiB = (JAR.size() + 1023) / 1024;
                assertTrue(e.getMessage().startsWith("no space left on " + settings.hostName() + " for the agent jar in '"
                        + full + "': it needs " + needKiB + " KiB, "), e.getMessage());
                assertTrue(e.getMessage().matches("(?s).* \\d+ KiB are free there.*"), e.getMessage());
                assertTrue(e.getMessage().contains(hostSaid), e.getMessage());
                assertEquals("", t.run("ls -A " + full, T).stdout().strip(), "no partial upload left behind");
            }
        } finally {
            sh("umount", full.toString());
            Files.deleteIfExists(full);
        }
    }

    private static void sh(String... argv) throws Exception {
        Process p = new ProcessBuilder(List.of(argv)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", argv) + ": " + out);
    }
}
