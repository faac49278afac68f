package dev.drover.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.protocol.Messages;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the host may drop a finished step's spool: only after the controller's record of the step's
 * claim is durable (the barrier given with the forget), with the next request or, when the run
 * ends, at close; never when that record could not be made. The real agent jar, on a local host
 * whose home is a temporary folder, so the spools are looked at on disk.
 */
class StepForgetTest {
    @TempDir
    Path tmp;
    private HostWiring wiring;
    private AgentClient client;
    /** Step keys of this test only (other checkouts' agents share this user's spools). */
    private final String run = java.util.UUID.randomUUID() + "/";

    @BeforeEach
    void start() throws Exception {
        wiring = HostWiring.create("local", tmp);
        client = new AgentBootstrap(AgentJar.embedded()).start(wiring.open(), AgentOptions.defaults()).client();
    }

    @AfterEach
    void stop() {
        client.close();
        wiring.close();
        for (String key : List.of("run1/t1", "run1/t2", "run2/t1", "run3/t1", "run3/t2")) {
            Path dir = spool(key);
            if (Files.isDirectory(dir)) {
                try (var files = Files.list(dir)) {
                    files.forEach(f -> f.toFile().delete());
                } catch (java.io.IOException e) {
                    // best effort
                }
                dir.toFile().delete();
            }
        }
    }

    /** This user's spools: the local agent's JVM takes its home from the password database, not HOME. */
    private Path spool(String key) {
        return Path.of(System.getProperty("user.home"), ".cache/drover/steps").resolve(Messages.stepSpoolName(run + key));
    }

    private Map<String, Object> step(String key) throws AgentException {
        return client.run("command", Map.of("_raw_params", "/bin/true"), false, false, run + key, 600, false);
    }

    private void forgetLater(String key, Runnable durable) {
        client.forgetLater(run + key, durable);
    }

    @Test
    void aFinishedStepsSpoolGoesWithTheNextRequestOnceItsClaimIsOnRecord() throws Exception {
        List<String> events = new ArrayList<>();
        assertEquals(0, ((Number) step("run1/t1").get("rc")).intValue());
        forgetLater("run1/t1", () -> events.add("durable"));
        assertTrue(Files.isDirectory(spool("run1/t1")), "kept until the next request");
        assertEquals(List.of(), events, "nothing waited for before there is something to send");

        step("run1/t2");
        assertEquals(List.of("durable"), events, "the record was made durable before the forget left");
        assertFalse(Files.exists(spool("run1/t1")), "the agent handled the forget before the next step");
        assertTrue(Files.isDirectory(spool("run1/t2")));
    }

    @Test
    void theLastStepsSpoolIsForgottenWhenTheRunEnds() throws Exception {
        List<String> events = new ArrayList<>();
        step("run2/t1");
        forgetLater("run2/t1", () -> events.add("durable"));
        client.close();
        assertEquals(List.of("durable"), events);
        assertFalse(Files.exists(spool("run2/t1")), "forgotten with the shutdown");
    }

    @Test
    void aSpoolWhoseClaimCouldNotBeRecordedIsKept() throws Exception {
        step("run3/t1");
        forgetLater("run3/t1", () -> {
            throw new UncheckedIOException(new java.io.IOException("disk full"));
        });
        assertThrows(UncheckedIOException.class, () -> step("run3/t2"), "the journal's failure stops the run");
        client.close();
        assertTrue(Files.isDirectory(spool("run3/t1")), "kept: a resume may need it");
        assertFalse(Files.exists(spool("run3/t2")), "the next step was never sent");
    }
}
