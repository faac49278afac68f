package dev.drover.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.cli.CliRun;
import dev.drover.remote.AgentBootstrap;
import dev.drover.remote.AgentJar;
import dev.drover.remote.AgentPools;
import dev.drover.testing.MinaSshServer;
import dev.drover.testing.TestKeys;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fetch larger than one agent message through the persist process: its pieces are ordinary
 * requests, relayed as they are, so the held agent streams the file as a direct one does.
 */
class FetchThroughPersistTest {
    @TempDir
    Path dir;

    @Test
    void aLargeFileIsFetchedThroughTheHeldAgent() throws Exception {
        TestKeys.KeyFile key = TestKeys.generate(dir.resolve("id_ed25519"), TestKeys.Type.ED25519);
        Path src = dir.resolve("catalina.out");
        byte[] block = new byte[1 << 20];
        new Random(3).nextBytes(block);
        try (FileChannel ch = FileChannel.open(src, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (int i = 0; i < 52; i++) {
                ByteBuffer.wrap(block).putInt(0, i);
                ch.write(ByteBuffer.wrap(block));
            }
        }
        PersistDir persistDir = new PersistDir(dir.resolve("persist"));
        try (MinaSshServer sshd = MinaSshServer.builder(dir.resolve("host-home")).authorizedKey(key.publicKey()).start();
                PersistServer persist = new PersistServer(persistDir, AgentPools.transports(),
                        new AgentBootstrap(AgentJar.embedded()), Duration.ofSeconds(60), System.out)) {
            assertTrue(persist.start());
            Path knownHosts = Files.writeString(dir.resolve("known_hosts"), sshd.knownHostsLine() + "\n");
            Path inv = Files.writeString(dir.resolve("hosts.ini"), "node1 ansible_host=127.0.0.1 ansible_port=" + sshd.port()
                    + " ansible_user=drover ansible_ssh_private_key_file=" + key.privateKey() + "\n");
            Path pb = Files.writeString(dir.resolve("fetch.yml"), """
                    - hosts: node1
                      gather_facts: false
                      tasks:
                        - fetch: {src: %s, dest: %s/got/, flat: true}
                          register: got
                        - assert: {that: [got is changed, got.checksum == got.remote_checksum]}
                    """.formatted(src, dir));
            CliRun run = CliRun.of("run", "-i", inv.toString(), "--known-hosts", knownHosts.toString(),
                    "--persist-dir", persistDir.dir().toString(), "--persist", "60", pb.toString());
            assertEquals(0, run.exitCode(), run.toString());
            assertEquals(-1L, Files.mismatch(src, dir.resolve("got/catalina.out")), "the fetched file differs");
            CliRun status = CliRun.of("persist", "status", "--persist-dir", persistDir.dir().toString());
            assertTrue(status.out().contains("node1  drover@127.0.0.1:" + sshd.port() + "  agents 1"), status.toString());
        }
    }
}
