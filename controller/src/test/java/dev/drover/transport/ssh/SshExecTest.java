package dev.drover.transport.ssh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.transport.ExecResult;
import dev.drover.transport.RemoteProcess;
import dev.drover.transport.Transport;
import dev.drover.transport.TransportException;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Commands and file transfers over one SSH connection to an in-process server. */
@Timeout(60)
class SshExecTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path tmp;
    private SshFixture fx;
    private Transport transport;

    @BeforeEach
    void connect() throws Exception {
        fx = SshFixture.start(tmp).trustServer();
        transport = fx.open();
    }

    @AfterEach
    void disconnect() {
        if (transport != null) {
            transport.close();
        }
        fx.close();
    }

    @Test
    void runCollectsStdoutStderrAndExitCode() throws Exception {
        ExecResult r = transport.run("echo out; echo err >&2; exit 3", WAIT);
        assertEquals(3, r.exitCode());
        assertEquals("out\n", r.stdout());
        assertEquals("err\n", r.stderr());
        assertEquals(0, transport.run("true", WAIT).exitCode());
    }

    @Test
    void commandsRunInTheLoginHome() throws Exception {
        Files.writeString(fx.remoteHome.resolve("marker.txt"), "here");
        assertEquals("here", transport.run("cat marker.txt", WAIT).stdout());
        assertEquals(fx.remoteHome.toString() + "\n", transport.run("echo $HOME", WAIT).stdout());
    }

    @Test
    void stdinIsDeliveredAndClosingItEndsInput() throws Exception {
        try (RemoteProcess p = transport.exec("tr a-z A-Z")) {
            p.stdin().write("hello ssh\n".getBytes(StandardCharsets.UTF_8));
            p.stdin().close();
            ExecResult r = p.collect(WAIT);
            assertEquals("HELLO SSH\n", r.stdout());
            assertEquals(0, r.exitCode());
        }
    }

    @Test
    void manyCommandsShareTheConnection() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertEquals(i + "\n", transport.run("echo " + i, WAIT).stdout());
        }
    }

    @Test
    void waitForTimesOutWhileTheCommandRunsThenCloseEndsIt() throws Exception {
        Path pidFile = fx.remoteHome.resolve("sleep.pid");
        RemoteProcess p = transport.exec("echo $$ > sleep.pid; exec sleep 600");
        OptionalInt early = p.waitFor(Duration.ofMillis(300));
        assertFalse(early.isPresent(), "a 600 s sleep cannot have exited");
        long pid = waitForPid(pidFile);
        p.close();
        p.close(); // idempotent
        assertTrue(waitUntilGone(pid), "closing the process must end the remote command");
        // The connection stays usable after a command was cut short.
        assertEquals("still here\n", transport.run("echo still here", WAIT).stdout());
    }

    @Test
    void uploadCreatesParentDirectoriesAndSetsModeThenDownloadRoundTrips() throws Exception {
        byte[] content = new byte[300_000];
        new Random(42).nextBytes(content);
        transport.upload(new ByteArrayInputStream(content), content.length, "deploy/bin/tool.sh", 0750);

        Path remote = fx.remoteHome.resolve("deploy/bin/tool.sh");
        assertArrayEquals(content, Files.readAllBytes(remote), "relative paths land in the login home");
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(remote)));

        Path local = tmp.resolve("downloaded/tool.sh");
        transport.download("deploy/bin/tool.sh", local);
        assertArrayEquals(content, Files.readAllBytes(local));
    }

    @Test
    void uploadToAnAbsolutePathReplacesContentAndMode() throws Exception {
        Path target = tmp.resolve("abs/dir/config.properties");
        byte[] first = "a=1\n".getBytes(StandardCharsets.UTF_8);
        byte[] second = "b=2\n".getBytes(StandardCharsets.UTF_8);
        transport.upload(new ByteArrayInputStream(first), first.length, target.toString(), 0644);
        transport.upload(new ByteArrayInputStream(second), second.length, target.toString(), 0600);
        assertEquals("b=2\n", Files.readString(target));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    }

    @Test
    void uploadOfShortContentFailsInsteadOfWritingATruncatedFile() {
        byte[] content = "short".getBytes(StandardCharsets.UTF_8);
        TransportException e = assertThrows(TransportException.class,
                () -> transport.upload(new ByteArrayInputStream(content), 100, "short.bin", 0644));
        assertEquals(TransportException.Kind.IO, e.kind());
        assertTrue(e.getMessage().contains("5 of 100 bytes"), e.getMessage());
    }

    @Test
    void downloadOfAMissingFileIsAnIoErrorNamingThePath() throws Exception {
        TransportException e = assertThrows(TransportException.class,
                () -> transport.download("no/such/file", tmp.resolve("x")));
        assertEquals(TransportException.Kind.IO, e.kind());
        assertTrue(e.getMessage().contains("no/such/file"), e.getMessage());
        assertFalse(e.unreachable());
        assertEquals(0, transport.run("true", WAIT).exitCode(), "the connection survives a failed transfer");
    }

    @Test
    void streamingLargeOutputIsNotTruncated() throws Exception {
        ExecResult r = transport.run("head -c 2000000 /dev/zero | tr '\\0' x", WAIT);
        assertEquals(2_000_000, r.stdout().length());
    }

    @Test
    void operationsAfterCloseFailAndCloseIsIdempotent() throws Exception {
        transport.close();
        transport.close();
        TransportException e = assertThrows(TransportException.class, () -> transport.exec("true"));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void interleavedStdinAndStdoutWork() throws Exception {
        try (RemoteProcess p = transport.exec("while read line; do echo \"got $line\"; done")) {
            OutputStream in = p.stdin();
            var out = new java.io.BufferedReader(new java.io.InputStreamReader(p.stdout(), StandardCharsets.UTF_8));
            for (int i = 0; i < 3; i++) {
                in.write(("n" + i + "\n").getBytes(StandardCharsets.UTF_8));
                in.flush();
                assertEquals("got n" + i, out.readLine());
            }
            in.close();
            assertEquals(OptionalInt.of(0), p.waitFor(WAIT));
        }
    }

    private static long waitForPid(Path pidFile) throws Exception {
        for (int i = 0; i < 200; i++) {
            if (Files.exists(pidFile)) {
                String s = Files.readString(pidFile).trim();
                if (!s.isEmpty()) {
                    return Long.parseLong(s);
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the remote command never started");
    }

    private static boolean waitUntilGone(long pid) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                Thread.sleep(50);
            } else {
                return true;
            }
        }
        return false;
    }

    @Test
    void concurrentUploadsIntoTheSameNewDirectoriesAllSucceed() throws Exception {
        // Hosts that share an NFS home, or two runs at once, create the agent cache directory
        // concurrently; one client's mkdir must not fail because another's came first.
        Transport second = fx.open();
        try {
            for (int round = 0; round < 20; round++) {
                String dir = "race" + round + "/a/b/c";
                java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
                java.util.concurrent.CompletableFuture<Void> one = java.util.concurrent.CompletableFuture.runAsync(
                        () -> uploadAfter(go, transport, dir + "/one.bin"));
                java.util.concurrent.CompletableFuture<Void> two = java.util.concurrent.CompletableFuture.runAsync(
                        () -> uploadAfter(go, second, dir + "/two.bin"));
                go.countDown();
                one.get(20, java.util.concurrent.TimeUnit.SECONDS);
                two.get(20, java.util.concurrent.TimeUnit.SECONDS);
                assertEquals("x", Files.readString(fx.remoteHome.resolve(dir + "/one.bin")));
                assertEquals("x", Files.readString(fx.remoteHome.resolve(dir + "/two.bin")));
            }
        } finally {
            second.close();
        }
    }

    private static void uploadAfter(java.util.concurrent.CountDownLatch go, Transport t, String path) {
        try {
            go.await();
            t.upload(new java.io.ByteArrayInputStream(new byte[] {'x'}), 1, path, 0644);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
