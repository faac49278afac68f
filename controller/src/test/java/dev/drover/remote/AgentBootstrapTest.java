package dev.drover.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bootstrap contract, run over every wiring (local child processes, in-process MINA SSH) with
 * the real embedded agent jar. The host's home is a folder of this machine, so the cache's
 * behaviour is checked on disk, not through drover's own output.
 */
class AgentBootstrapTest {
    private static final AgentJar JAR = AgentJar.embedded();

    @TempDir
    Path tmp;
    private HostWiring wiring;
    private Path home;

    static Stream<String> wirings() {
        return Stream.of("local", "mina-ssh", "mina-ssh-no-sftp");
    }

    private void use(String kind) throws Exception {
        wiring = HostWiring.create(kind, tmp);
        home = wiring.home();
    }

    @AfterEach
    void closeWiring() {
        if (wiring != null) {
            wiring.close();
        }
    }

    private Path cached() {
        return home.resolve(".cache/drover/agent/" + JAR.sha256() + ".jar");
    }

    /** A fresh transport per start, as separate runs would have; the client owns its channel. */
    private AgentBootstrap.Started start(AgentOptions options) throws Exception {
        return new AgentBootstrap(JAR).start(wiring.open(), options);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wirings")
    void firstStartUploadsThenTheCachedJarIsReused(String kind) throws Exception {
        use(kind);
        AgentBootstrap.Started first = start(AgentOptions.defaults());
        try (AgentClient client = first.client()) {
            assertTrue(first.uploaded());
            assertEquals("pong", client.run("ping", Map.of(), false, false).get("ping"));
        }
        assertEquals(JAR.sha256(), AgentJar.sha256(Files.readAllBytes(cached())));
        long mtime = Files.getLastModifiedTime(cached()).toMillis();

        AgentBootstrap.Started second = start(AgentOptions.defaults());
        try (AgentClient client = second.client()) {
            assertFalse(second.uploaded(), "a warm cache must not upload again");
            assertEquals("pong", client.run("ping", Map.of(), false, false).get("ping"));
        }
        assertEquals(mtime, Files.getLastModifiedTime(cached()).toMillis());
    }

    /**
     * The agent runs on the client compiler only: with C2, an agent held warm by the persist process
     * spent most of its CPU compiling, about 23 ms per {@code /bin/true} step on the host.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("wirings")
    void theAgentJvmRunsWithTheClientCompilerAndSerialGc(String kind) throws Exception {
        use(kind);
        try (AgentClient client = start(AgentOptions.defaults()).client()) {
            // The command's parent is the agent's JVM: its command line is what the host runs.
            Map<String, Object> r = client.run("command",
                    Map.of("argv", List.of("sh", "-c", "tr '\\0' ' ' </proc/$PPID/cmdline")), false, false);
            String cmdline = (String) r.get("stdout");
            assertTrue(cmdline.contains("-XX:TieredStopAtLevel=1"), cmdline);
            assertTrue(cmdline.contains("-XX:+UseSerialGC"), cmdline);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wirings")
    void anUploadSweepsTempFilesAKilledRunLeftButNotFreshOnes(String kind) throws Exception {
        use(kind);
        Path dir = Files.createDirectories(cached().getParent());
        Path stale = Files.write(dir.resolve(JAR.sha256() + ".jar.tmp.deadbeef"), new byte[] {'P', 'K'});
        Files.setLastModifiedTime(stale, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 7_200_000));
        Path fresh = Files.write(dir.resolve(JAR.sha256() + ".jar.tmp.uploading"), new byte[] {'P', 'K'});
        start(AgentOptions.defaults()).client().close();
        assertFalse(Files.exists(stale), "a temp file two hours old is what a killed run left");
        assertTrue(Files.exists(fresh), "a fresh one may be another run's upload in progress");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wirings")
    void aCorruptCachedJarIsReplacedNotRun(String kind) throws Exception {
        use(kind);
        start(AgentOptions.defaults()).client().close();
        Files.write(cached(), new byte[] {'P', 'K', 3, 4, 0, 0});

        AgentBootstrap.Started again = start(AgentOptions.defaults());
        try (AgentClient client = again.client()) {
            assertTrue(again.uploaded());
            assertEquals("pong", client.run("ping", Map.of(), false, false).get("ping"));
        }
        assertEquals(JAR.sha256(), AgentJar.sha256(Files.readAllBytes(cached())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wirings")
    void concurrentFirstStartsAllSucceedAndLeaveNoTempFiles(String kind) throws Exception {
        use(kind);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Callable<Object> task = () -> {
                    try (AgentClient c = start(AgentOptions.defaults()).client()) {
                        return c.run("ping", Map.of(), false, false).get("ping");
                    }
                };
                futures.add(pool.submit(task));
            }
            for (Future<Object> f : futures) {
                assertEquals("pong", f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        try (Stream<Path> files = Files.list(cached().getParent())) {
            assertEquals(List.of(cached().getFileName().toString()),
                    files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wirings")
    void missingJavaIsAClearError(String kind) throws Exception {
        use(kind);
        AgentException e = assertThrows(AgentException.class,
                () -> start(new AgentOptions("/nonexistent/bin/java", null, null)));
        assertTrue(e.getMessage().contains("was not found on the host"), e.getMessage());
        assertTrue(e.getMessage().contains("drover_java"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wirings")
    void tooOldJavaIsAClearError(String kind) throws Exception {
        use(kind);
        Path fakeJava = home.resolve("old-java");
        Files.writeString(fakeJava, "#!/bin/sh\n"
                + "echo 'Exception in thread \"main\" java.lang.UnsupportedClassVersionError: dev/drover/agent/AgentMain :"
                + " Unsupported major.minor version 52.0' >&2\nexit 1\n");
        fakeJava.toFile().setExecutable(true);
        AgentException e = assertThrows(AgentException.class, () -> start(new AgentOptions(fakeJava.toString(), null, null)));
        assertTrue(e.getMessage().contains("too old"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wirings")
    void aCacheUnderTmpIsRefused(String kind) throws Exception {
        use(kind);
        AgentException e = assertThrows(AgentException.class,
                () -> start(new AgentOptions(null, "/tmp/drover-agent", null)));
        assertTrue(e.getMessage().contains("temp cleaners"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wirings")
    void anAgentThatNeverSpeaksTimesOut(String kind) throws Exception {
        use(kind);
        Path silentJava = home.resolve("silent-java");
        Files.writeString(silentJava, "#!/bin/sh\nexec sleep 30\n");
        silentJava.toFile().setExecutable(true);
        start(AgentOptions.defaults()).client().close(); // the jar is cached, so the start reaches java
        AgentException e = assertThrows(AgentException.class,
                () -> start(new AgentOptions(silentJava.toString(), null, Duration.ofMillis(500))));
        assertTrue(e.getMessage().contains("did not start within"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wirings")
    void shellNoiseBeforeThePreambleIsSkipped(String kind) throws Exception {
        use(kind);
        start(AgentOptions.defaults()).client().close();
        Path noisyJava = home.resolve("noisy-java");
        Files.writeString(noisyJava, "#!/bin/sh\necho 'Welcome to node1! Last login: yesterday'\nprintf '@@DROV'\nexec java \"$@\"\n");
        noisyJava.toFile().setExecutable(true);
        try (AgentClient client = start(new AgentOptions(noisyJava.toString(), null, null)).client()) {
            assertEquals("pong", client.run("ping", Map.of(), false, false).get("ping"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wirings")
    void aHostWhoseAgentHangsDoesNotHoldUpTheOthers(String kind) throws Exception {
        use(kind);
        start(AgentOptions.defaults()).client().close(); // cache the jar, so every start below reaches java
        Path silentJava = home.resolve("silent-java");
        Files.writeString(silentJava, "#!/bin/sh\nexec sleep 30\n");
        silentJava.toFile().setExecutable(true);
        // More hung starts than the JVM's common pool has threads (1 on a 2-core machine).
        int hung = java.util.concurrent.ForkJoinPool.getCommonPoolParallelism() + 1;
        ExecutorService pool = Executors.newFixedThreadPool(hung);
        try {
            List<Future<Object>> stuck = new ArrayList<>();
            for (int i = 0; i < hung; i++) {
                stuck.add(pool.submit(() -> start(new AgentOptions(silentJava.toString(), null, Duration.ofSeconds(8)))));
            }
            Thread.sleep(1500); // the hung starts are now waiting for a preamble that never comes
            try (AgentClient healthy = start(new AgentOptions(null, null, Duration.ofSeconds(4))).client()) {
                assertEquals("pong", healthy.run("ping", Map.of(), false, false).get("ping"));
            }
            for (Future<Object> f : stuck) {
                java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class, f::get);
                assertTrue(e.getCause().getMessage().contains("did not start within"), e.getCause().getMessage());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
