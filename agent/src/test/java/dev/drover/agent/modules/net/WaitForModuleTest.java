package dev.drover.agent.modules.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.agent.module.Args;
import dev.drover.agent.module.ModuleContext;
import dev.drover.agent.module.ModuleException;
import dev.drover.agent.modules.NoProcesses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * wait_for on log files, with a background thread writing the log as a starting server would.
 * Waits are bounded generously; nothing asserts how fast.
 */
class WaitForModuleTest {
    static final String STARTED = "2019-09-09 08:16:40,123 INFO  [org.alfresco.service.descriptor.DescriptorService]"
            + " [localhost-startStop-1] Alfresco Content Services started (Enterprise). Current version: %s (r1-b2)"
            + " schema 10,205. Originally installed version: 5.1.0 (r0-b1) schema 9,019.";
    static final String SUCCESS_REGEX = "(Alfresco Content Services|Alfresco) started \\((.+?)\\)\\. Current version: (?P<version>.+?) schema";

    @TempDir
    Path dir;

    private final Writer writer = new Writer();

    @AfterEach
    void stopWriter() {
        writer.stop();
    }

    static Map<String, Object> run(Map<String, Object> args) throws ModuleException {
        return new WaitForModule().run(new Args(args), new ModuleContext(false, false, NoProcesses.RUNNER)).toMap();
    }

    static Map<String, Object> args(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static CompletableFuture<Map<String, Object>> runAsync(Map<String, Object> args) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return run(args);
            } catch (ModuleException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    static void append(Path p, String text) throws IOException {
        Files.write(p, text.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void findsTheSuccessLineAppendedWhileWaiting() throws Exception {
        Path log = dir.resolve("alfresco.log");
        append(log, "2019-09-09 08:16:01,000 INFO  [SchemaBootstrap] No changes were made to the schema.\n");
        CompletableFuture<Map<String, Object>> wait = runAsync(args("path", log.toString(), "search_regex", SUCCESS_REGEX, "timeout", 20));
        writer.afterDelay(() -> append(log, "Server startup in [2345] milliseconds\n" + String.format(STARTED, "5.2.7") + "\nafter\n"));
        Map<String, Object> r = wait.get(30, TimeUnit.SECONDS);
        assertEquals(false, r.get("failed"), String.valueOf(r));
        assertEquals(false, r.get("changed"));
        assertEquals(Arrays.asList("Alfresco Content Services", "Enterprise", "5.2.7 (r1-b2)"), r.get("match_groups"));
        assertEquals(Collections.singletonMap("version", "5.2.7 (r1-b2)"), r.get("match_groupdict"));
        assertEquals(String.format(STARTED, "5.2.7"), r.get("match_line"));
        long expectedOffset = Files.size(log) - "after\n".length();
        assertEquals(expectedOffset, ((Number) r.get("offset")).longValue(), "offset is just after the matched line");
        assertTrue(r.get("elapsed") instanceof Long, "whole seconds, as Ansible");
        assertEquals("started", r.get("state"));
        assertEquals(log.toString(), r.get("path"));
    }

    @Test
    void aFailureLineBeforeTheSuccessLineFailsAtOnce() throws Exception {
        Path log = dir.resolve("alfresco.log");
        CompletableFuture<Map<String, Object>> wait = runAsync(args("path", log.toString(), "search_regex", SUCCESS_REGEX,
                "fail_regex", Arrays.asList("Schema auto-update failed", "Context initialization failed"), "timeout", 60));
        String fatal = "2019-09-09 08:16:50,000 ERROR [org.springframework.web.context.ContextLoader] Context initialization failed";
        writer.afterDelay(() -> append(log, "Applying patch 'patch.x'\n" + fatal + "\n" + String.format(STARTED, "5.2.7") + "\n"));
        Map<String, Object> r = wait.get(30, TimeUnit.SECONDS);
        assertEquals(true, r.get("failed"));
        assertEquals(fatal, r.get("match_line"));
        assertTrue(String.valueOf(r.get("msg")).contains(fatal), String.valueOf(r.get("msg")));
        assertTrue(String.valueOf(r.get("msg")).contains("Context initialization failed"));
        assertTrue((Long) r.get("elapsed") < 30, "failed well before the 60 s timeout");
    }

    @Test
    void withNothingToWaitForTheTimeoutIsSleptAfterTheDelay() throws Exception {
        // Ansible's wait_for target: timeout 2, delay 2 reports elapsed >= 4.
        Map<String, Object> r = run(args("timeout", 1, "delay", 1));
        assertEquals(false, r.get("failed"), String.valueOf(r));
        assertEquals(2L, ((Number) r.get("elapsed")).longValue(), String.valueOf(r));
    }

    @Test
    void aSingleFailRegexStringIsAccepted() throws Exception {
        Path log = dir.resolve("alfresco.log");
        append(log, "java.lang.OutOfMemoryError: Java heap space\n");
        Map<String, Object> r = run(args("path", log.toString(), "search_regex", "started", "fail_regex", "OutOfMemoryError", "timeout", 5));
        assertEquals(true, r.get("failed"));
        assertEquals("java.lang.OutOfMemoryError: Java heap space", r.get("match_line"));
    }

    @Test
    void fromEndIgnoresASuccessLineAlreadyInTheFile() throws Exception {
        Path log = dir.resolve("alfresco.log");
        append(log, String.format(STARTED, "5.2.6") + "\n");
        Map<String, Object> r = run(args("path", log.toString(), "search_regex", SUCCESS_REGEX, "from", "end", "timeout", 0.5));
        assertEquals(true, r.get("failed"), String.valueOf(r));
        assertEquals("Timeout when waiting for search string " + SUCCESS_REGEX + " in " + log, r.get("msg"));
    }

    @Test
    void fromEndFindsTheNextSuccessLine() throws Exception {
        Path log = dir.resolve("alfresco.log");
        append(log, String.format(STARTED, "5.2.6") + "\n");
        CompletableFuture<Map<String, Object>> wait = runAsync(args("path", log.toString(), "search_regex", SUCCESS_REGEX, "from", "end", "timeout", 20));
        // Keep appending: whenever the wait began, a later line is new to it.
        writer.repeat(() -> append(log, String.format(STARTED, "5.2.7") + "\n"));
        Map<String, Object> r = wait.get(30, TimeUnit.SECONDS);
        assertEquals(false, r.get("failed"), String.valueOf(r));
        assertEquals(Collections.singletonMap("version", "5.2.7 (r1-b2)"), r.get("match_groupdict"));
    }

    @Test
    void aRegisteredOffsetStartsTheNextWaitAfterIt() throws Exception {
        Path log = dir.resolve("alfresco.log");
        append(log, String.format(STARTED, "5.2.6") + "\n");
        Map<String, Object> before = run(args("path", log.toString(), "state", "present"));
        assertEquals(Files.size(log), ((Number) before.get("offset")).longValue());
        append(log, "stopping\n" + String.format(STARTED, "5.2.7") + "\n" + String.format(STARTED, "5.2.8") + "\n");

        Map<String, Object> first = run(args("path", log.toString(), "search_regex", SUCCESS_REGEX, "from", before.get("offset"), "timeout", 5));
        assertEquals(Collections.singletonMap("version", "5.2.7 (r1-b2)"), first.get("match_groupdict"), String.valueOf(first));
        Map<String, Object> second = run(args("path", log.toString(), "search_regex", SUCCESS_REGEX, "from", first.get("offset"), "timeout", 5));
        assertEquals(Collections.singletonMap("version", "5.2.8 (r1-b2)"), second.get("match_groupdict"), String.valueOf(second));
        assertEquals(Files.size(log), ((Number) second.get("offset")).longValue());
    }

    @Test
    void anOffsetBeyondTheEndMeansTheFileWasReplaced() throws Exception {
        Path log = dir.resolve("alfresco.log");
        append(log, "ready\n");
        Map<String, Object> r = run(args("path", log.toString(), "search_regex", "ready", "from", 100000, "timeout", 5));
        assertEquals(false, r.get("failed"), String.valueOf(r));
    }

    @Test
    void truncatedWhileWaiting() throws Exception {
        Path log = dir.resolve("catalina.out");
        append(log, String.join("\n", Collections.nCopies(200, "noise from the previous run")) + "\n");
        CompletableFuture<Map<String, Object>> wait = runAsync(args("path", log.toString(), "search_regex", "^ready$", "timeout", 20));
        writer.afterDelay(() -> Files.write(log, "ready\n".getBytes(StandardCharsets.UTF_8), StandardOpenOption.TRUNCATE_EXISTING));
        Map<String, Object> r = wait.get(30, TimeUnit.SECONDS);
        assertEquals(false, r.get("failed"), String.valueOf(r));
        assertEquals(6L, ((Number) r.get("offset")).longValue());
    }

    @Test
    void rotatedByRenameAndNewFile() throws Exception {
        Path log = dir.resolve("alfresco.log");
        append(log, "old run\n");
        CompletableFuture<Map<String, Object>> wait = runAsync(args("path", log.toString(), "search_regex", "ready", "timeout", 20));
        writer.afterDelay(() -> {
            Files.move(log, dir.resolve("alfresco.log.1"));
            append(log, "new run\nready\n");
        });
        Map<String, Object> r = wait.get(30, TimeUnit.SECONDS);
        assertEquals(false, r.get("failed"), String.valueOf(r));
        assertEquals("ready", r.get("match_line"));
        assertEquals(14L, ((Number) r.get("offset")).longValue(), "offset in the new file");
    }

    @Test
    void emptyFileThenALine() throws Exception {
        Path log = dir.resolve("alfresco.log");
        Files.createFile(log);
        CompletableFuture<Map<String, Object>> wait = runAsync(args("path", log.toString(), "search_regex", "ready", "timeout", 20));
        writer.afterDelay(() -> append(log, "ready\n"));
        assertEquals(false, wait.get(30, TimeUnit.SECONDS).get("failed"));
    }

    @Test
    void absentFileThenCreated() throws Exception {
        Path log = dir.resolve("logs/alfresco.log");
        CompletableFuture<Map<String, Object>> wait = runAsync(args("path", log.toString(), "search_regex", "ready", "timeout", 20));
        writer.afterDelay(() -> {
            Files.createDirectories(log.getParent());
            append(log, "ready\n");
        });
        assertEquals(false, wait.get(30, TimeUnit.SECONDS).get("failed"));
    }

    @Test
    void aLineWrittenInTwoPartsMatchesOnlyWhenComplete() throws Exception {
        Path log = dir.resolve("alfresco.log");
        append(log, "Alfresco Content Services sta");
        // "sta$" would match the fragment; it must not match before the line is complete.
        CompletableFuture<Map<String, Object>> wait = runAsync(args("path", log.toString(), "search_regex", "Services sta(rted)?$", "timeout", 20));
        writer.afterDelay(() -> append(log, "rted\n"));
        Map<String, Object> r = wait.get(30, TimeUnit.SECONDS);
        assertEquals("Alfresco Content Services started", r.get("match_line"));
        assertEquals(Arrays.asList("rted"), r.get("match_groups"));
    }

    @Test
    void timeoutMessageAndCustomMsg() throws Exception {
        Path log = dir.resolve("alfresco.log");
        append(log, "nothing\n");
        Map<String, Object> r = run(args("path", log.toString(), "search_regex", "ready", "timeout", 0.3));
        assertEquals(true, r.get("failed"));
        assertEquals("Timeout when waiting for search string ready in " + log, r.get("msg"));
        assertEquals(8L, ((Number) r.get("offset")).longValue());
        Map<String, Object> custom = run(args("path", log.toString(), "search_regex", "ready", "timeout", 0, "msg", "ACS did not start"));
        assertEquals("ACS did not start", custom.get("msg"));
        Map<String, Object> file = run(args("path", dir.resolve("never").toString(), "timeout", 0.2));
        assertEquals("Timeout when waiting for file " + dir.resolve("never"), file.get("msg"));
    }

    @Test
    void pathAbsentAndPresent() throws Exception {
        Path marker = dir.resolve("alf_bootstrap.lock");
        append(marker, "");
        CompletableFuture<Map<String, Object>> gone = runAsync(args("path", marker.toString(), "state", "absent", "timeout", 20));
        writer.afterDelay(() -> Files.delete(marker));
        assertEquals(false, gone.get(30, TimeUnit.SECONDS).get("failed"));
        Map<String, Object> stillThere = run(args("path", dir.toString(), "state", "absent", "timeout", 0.2));
        assertEquals("Timeout when waiting for " + dir + " to be absent.", stillThere.get("msg"));
        assertEquals(false, run(args("path", dir.toString(), "state", "present", "timeout", 0)).get("failed"));
    }

    @Test
    void argumentMistakesFailWithAnsiblesMessages() {
        assertEquals("port and path parameter can not both be passed to wait_for",
                assertThrows(ModuleException.class, () -> run(args("port", 80, "path", "/x"))).getMessage());
        assertTrue(assertThrows(ModuleException.class, () -> run(args("path", "/x", "fail_regex", "x")))
                .getMessage().startsWith("fail_regex needs path and search_regex"));
        assertTrue(assertThrows(ModuleException.class, () -> run(args("path", "/x", "search_regex", "(", "timeout", 0)))
                .getMessage().contains("search_regex"));
        assertTrue(assertThrows(ModuleException.class, () -> run(args("path", "/x", "search_regx", "x")))
                .getMessage().contains("did you mean 'search_regex'"));
        assertTrue(assertThrows(ModuleException.class, () -> run(args("path", "/x", "search_regex", "x", "from", -1)))
                .getMessage().contains("from"));
        assertFalse(assertThrows(ModuleException.class, () -> run(args("path", "/x", "state", "stopped")))
                .getMessage().isEmpty());
    }

    /** Writes to the log from another thread, as the server would. */
    static final class Writer {
        interface Step {
            void run() throws Exception;
        }

        private volatile boolean stopped;
        private Thread thread;

        /** Once, after the wait has had time to start reading (its correctness does not depend on it). */
        void afterDelay(Step step) {
            start(step, false);
        }

        /** Every 200 ms until stopped. */
        void repeat(Step step) {
            start(step, true);
        }

        private void start(Step step, boolean repeat) {
            thread = new Thread(() -> {
                try {
                    do {
                        Thread.sleep(300);
                        if (!stopped) {
                            step.run();
                        }
                    } while (repeat && !stopped);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "log-writer");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() {
            stopped = true;
            if (thread != null) {
                try {
                    thread.join(5000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
