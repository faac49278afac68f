package dev.drover.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.transport.local.LocalTransport;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bootstrap against the local transport and the real embedded agent jar: a fake home directory
 * stands in for the host's, so the cache's behaviour is visible on disk.
 */
class AgentBootstrapTest {
    private static final AgentJar JAR = AgentJar.embedded();

    @TempDir
    Path home;

    private Path cached() {
        return home.resolve(".cache/drover/agent/" + JAR.sha256() + ".jar");
    }

    private AgentBootstrap.Started start(AgentOptions options) throws Exception {
        return new AgentBootstrap(JAR).start(new LocalTransport("testhost", home), options);
    }

    @Test
    void firstStartUploadsThenTheCachedJarIsReused() throws Exception {
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

    @Test
    void aCorruptCachedJarIsReplacedNotRun() throws Exception {
        start(AgentOptions.defaults()).client().close();
        Files.write(cached(), new byte[] {'P', 'K', 3, 4, 0, 0});

        AgentBootstrap.Started again = start(AgentOptions.defaults());
        try (AgentClient client = again.client()) {
            assertTrue(again.uploaded());
            assertEquals("pong", client.run("ping", Map.of(), false, false).get("ping"));
        }
        assertEquals(JAR.sha256(), AgentJar.sha256(Files.readAllBytes(cached())));
    }

    @Test
    void concurrentFirstStartsAllSucceedAndLeaveNoTempFiles() throws Exception {
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

    @Test
    void missingJavaIsAClearError() {
        AgentException e = assertThrows(AgentException.class,
                () -> start(new AgentOptions("/nonexistent/bin/java", null, null)));
        assertTrue(e.getMessage().contains("was not found on the host"), e.getMessage());
        assertTrue(e.getMessage().contains("drover_java"), e.getMessage());
    }

    @Test
    void tooOldJavaIsAClearError() throws Exception {
        Path fakeJava = home.resolve("old-java");
        Files.writeString(fakeJava, "#!/bin/sh\n"
                + "echo 'Exception in thread \"main\" java.lang.UnsupportedClassVersionError: dev/drover/agent/AgentMain :"
                + " Unsupported major.minor version 52.0' >&2\nexit 1\n");
        fakeJava.toFile().setExecutable(true);
        AgentException e = assertThrows(AgentException.class, () -> start(new AgentOptions(fakeJava.toString(), null, null)));
        assertTrue(e.getMessage().contains("too old"), e.getMessage());
    }

    @Test
    void aCacheUnderTmpIsRefused() {
        AgentException e = assertThrows(AgentException.class,
                () -> start(new AgentOptions(null, "/tmp/drover-agent", null)));
        assertTrue(e.getMessage().contains("temp cleaners"), e.getMessage());
    }

    @Test
    void anAgentThatNeverSpeaksTimesOut() throws Exception {
        Path silentJava = home.resolve("silent-java");
        Files.writeString(silentJava, "#!/bin/sh\nexec sleep 30\n");
        silentJava.toFile().setExecutable(true);
        start(AgentOptions.defaults()).client().close(); // the jar is cached, so the start reaches java
        AgentException e = assertThrows(AgentException.class,
                () -> start(new AgentOptions(silentJava.toString(), null, Duration.ofMillis(500))));
        assertTrue(e.getMessage().contains("did not start within"), e.getMessage());
    }

    @Test
    void shellNoiseBeforeThePreambleIsSkipped() throws Exception {
        start(AgentOptions.defaults()).client().close();
        Path noisyJava = home.resolve("noisy-java");
        Files.writeString(noisyJava, "#!/bin/sh\necho 'Welcome to node1! Last login: yesterday'\nprintf '@@DROV'\nexec java \"$@\"\n");
        noisyJava.toFile().setExecutable(true);
        try (AgentClient client = start(new AgentOptions(noisyJava.toString(), null, null)).client()) {
            assertEquals("pong", client.run("ping", Map.of(), false, false).get("ping"));
        }
    }
}
