package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.testing.MinaSshServer;
import dev.drover.testing.TestKeys;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fetch} of files larger than one agent message (the old limit was about 48 MiB), over real
 * SSH (in-process Apache MINA SSHD running the real agent jar as a process of this machine), with
 * small heaps on both sides; and transfers that break midway, which must leave the previous local
 * file as it was and no partial file beside it.
 */
class FetchLargeFileTest {
    private static final int MIB = 1 << 20;

    @TempDir
    Path dir;

    private MinaSshServer sshd;
    private Path knownHosts;
    private TestKeys.KeyFile key;

    @BeforeEach
    void start() throws IOException {
        key = TestKeys.generate(dir.resolve("id_ed25519"), TestKeys.Type.ED25519);
        sshd = MinaSshServer.builder(dir.resolve("host-home")).authorizedKey(key.publicKey()).start();
        knownHosts = Files.writeString(dir.resolve("known_hosts"), sshd.knownHostsLine() + "\n");
    }

    @AfterEach
    void stop() {
        sshd.close();
    }

    /** An inventory for the MINA host; the agent's JVM gets {@code agentHeap} as its -Xmx. */
    private Path inventory(String agentHeap) throws IOException {
        return Files.writeString(dir.resolve("hosts.ini"), "node1 ansible_host=127.0.0.1 ansible_port=" + sshd.port()
                + " ansible_user=drover ansible_ssh_private_key_file=" + key.privateKey()
                + " drover_java_options=-Xmx" + agentHeap + " drover_step_grace=0\n");
    }

    private Path playbook(String tasks) throws IOException {
        return Files.writeString(dir.resolve("fetch.yml"), """
                - hosts: node1
                  gather_facts: false
                  tasks:
                """ + tasks.replace("OUT", dir.toString()));
    }

    /** {@code mib} MiB that differ in every MiB (a piece sent twice or out of order changes the checksum). */
    private static void bigFile(Path file, int mib) throws IOException {
        byte[] block = new byte[MIB];
        new Random(42).nextBytes(block);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (int i = 0; i < mib; i++) {
                ByteBuffer.wrap(block).putInt(0, i);
                ch.write(ByteBuffer.wrap(block));
            }
            ch.write(ByteBuffer.wrap("tail, not a whole piece\n".getBytes()));
        }
    }

    /** The file's SHA-1 in hex, computed here rather than by drover's code (also used by FetchBecomeOverOpenSshTest). */
    static String sha1(Path file) throws Exception {
        MessageDigest d = MessageDigest.getInstance("SHA-1");
        byte[] buf = new byte[1 << 16];
        try (var in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) >= 0; ) {
                d.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(d.digest());
    }

    @Test
    void aFileLargerThanOneMessageArrivesWholeWithSmallHeapsOnBothSides() throws Exception {
        Path src = dir.resolve("heap.hprof");
        bigFile(src, 80);
        String sum = sha1(src);
        Path pb = playbook("""
                    - fetch: {src: OUT/heap.hprof, dest: OUT/collected/}
                      register: first
                    - fetch: {src: OUT/heap.hprof, dest: OUT/collected/}
                      register: again
                    - assert:
                        that:
                          - first is changed
                          - first.checksum == first.remote_checksum
                          - again is not changed
                          - again.checksum == first.checksum
                """);
        // The controller in its own JVM with a 64 MiB heap, the agent with 24 MiB: an 80 MiB file held
        // whole (plus its base64) on either side would not fit.
        DroverProcess run = DroverProcess.start(dir, "run", Map.of("JAVA_TOOL_OPTIONS", "-Xmx64m"), "run", "--no-persist",
                "-i", inventory("24m").toString(), "--known-hosts", knownHosts.toString(), pb.toString());
        assertEquals(0, run.exitCode(), run.toString());
        Path fetched = dir.resolve("collected/node1").resolve(src.toString().substring(1));
        assertEquals(Files.size(src), Files.size(fetched));
        assertEquals(sum, sha1(fetched), "the fetched file's sha1");
        assertTrue(run.out().matches("(?s).*\nnode1 +: ok=3 +changed=1 +unreachable=0 +failed=0 .*"), run.toString());
    }

    @Test
    void aConnectionCutMidwayLeavesThePreviousFileAndNoPartialOne() throws Exception {
        bigFile(dir.resolve("db.dump"), 24);
        Path dest = Files.writeString(Files.createDirectories(dir.resolve("got")).resolve("db.dump"), "previous\n");
        CliRun run = whileArriving(dest, tmp -> sshd.stopAbruptly(), """
                    - name: collect the dump
                      fetch: {src: OUT/db.dump, dest: OUT/got/, flat: true}
                """);
        assertEquals(ExitCodes.HOST_UNREACHABLE, run.exitCode(), run.toString());
        assertEquals("previous\n", Files.readString(dest), "the previous file is intact");
        assertNoPartialFile(dest.getParent());
        String out = run.out();
        int task = out.indexOf("TASK [collect the dump]");
        int fatal = out.indexOf("fatal: [node1]: UNREACHABLE!");
        assertTrue(task >= 0 && fatal > task, run.toString());
        assertTrue(out.matches("(?s).*fetch of \\S+/db.dump from node1 stopped after \\d+ of " + (24 * MIB + 24)
                + " bytes: .*" + dest + " was left as it was.*"), run.toString());
    }

    @Test
    void aFileRemovedOrRewrittenMidwayFailsAndLeavesThePreviousFile() throws Exception {
        Path src = dir.resolve("app.log");
        Path dest = Files.writeString(Files.createDirectories(dir.resolve("got")).resolve("app.log"), "previous\n");

        bigFile(src, 24);
        CliRun removed = whileArriving(dest, tmp -> delete(src), """
                    - name: collect the log
                      fetch: {src: OUT/app.log, dest: OUT/got/, flat: true}
                """);
        assertEquals(ExitCodes.HOST_FAILED, removed.exitCode(), removed.toString());
        assertTrue(removed.out().contains("fatal: [node1]: FAILED!"), removed.toString());
        assertTrue(removed.out().contains("from node1 stopped after "), removed.toString());
        assertTrue(removed.out().contains("the file was removed while it was read; " + dest + " was left as it was"),
                removed.toString());
        assertEquals("previous\n", Files.readString(dest));
        assertNoPartialFile(dest.getParent());

        bigFile(src, 24);
        CliRun rewritten = whileArriving(dest, tmp -> append(src), """
                    - name: collect the log
                      fetch: {src: OUT/app.log, dest: OUT/got/, flat: true}
                """);
        assertEquals(ExitCodes.HOST_FAILED, rewritten.exitCode(), rewritten.toString());
        assertTrue(rewritten.out().contains("the file changed while it was read"), rewritten.toString());
        assertEquals("previous\n", Files.readString(dest));
        assertNoPartialFile(dest.getParent());
    }

    /**
     * Runs {@code tasks} while a watcher calls {@code breaker} once the first MiB has arrived in the
     * temporary file beside {@code dest} (so the break is midway, never before or after).
     */
    private CliRun whileArriving(Path dest, Consumer<Path> breaker, String tasks) throws Exception {
        Path pb = playbook(tasks);
        AtomicBoolean broke = new AtomicBoolean();
        Thread watcher = new Thread(() -> {
            while (!broke.get() && !Thread.currentThread().isInterrupted()) {
                try (Stream<Path> files = Files.list(dest.getParent())) {
                    for (Path p : files.toList()) {
                        if (p.getFileName().toString().startsWith(".fetch-") && Files.size(p) >= MIB) {
                            broke.set(true);
                            breaker.accept(p);
                        }
                    }
                    Thread.sleep(2);
                } catch (IOException e) {
                    // the temporary file went away between list and size: look again
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        watcher.start();
        try {
            CliRun run = CliRun.of("run", "--no-persist", "-i", inventory("24m").toString(), "--known-hosts",
                    knownHosts.toString(), pb.toString());
            assertTrue(broke.get(), "the transfer was not caught midway: " + run);
            return run;
        } finally {
            watcher.interrupt();
            watcher.join();
        }
    }

    private static void assertNoPartialFile(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<String> left = files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".fetch-")).toList();
            assertEquals(List.of(), left, "temporary files left in " + dir);
        }
    }

    private static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void append(Path file) {
        try {
            Files.writeString(file, "one more line\n", StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
