package dev.drover.agent.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The claim file and the process start time are read and written by hand (a young agent runs them
 * interpreted for every step); they must stay what {@link Properties} and a split of /proc/PID/stat
 * give, since other agents (older ones too) read the same spools.
 */
class ClaimFileTest {
    private static final List<String> VALUES = Arrays.asList("20261206-022903-8e4f/play0/twenty-true.yml:5:7/visit1/node2",
            " leading space", "a=b:c#d!e\\f", "tab\there\nnew\rline\fform", "grüße ✓ \u0001", "", "command");

    @Test
    void eachLineIsWhatPropertiesStoreWrites() throws Exception {
        for (String value : VALUES) {
            Properties p = new Properties();
            p.setProperty("step key " + value, value);
            ByteArrayOutputStream stored = new ByteArrayOutputStream();
            p.store(stored, null);
            String line = Arrays.stream(stored.toString("ISO-8859-1").split("\n"))
                    .filter(l -> !l.startsWith("#")).collect(Collectors.joining("\n")) + "\n";
            StringBuilder ours = new StringBuilder();
            StepSpool.property(ours, "step key " + value, value);
            assertEquals(line, ours.toString(), value);
        }
    }

    @Test
    void aClaimLoadsBackWithItsFieldsAsWritten(@TempDir Path root) throws Exception {
        for (String key : VALUES) {
            StepSpool spool = StepSpool.of(root, key.isEmpty() ? "empty" : key);
            spool.claim("command");
            Properties claim = spool.readClaim();
            assertNotNull(claim);
            assertEquals(key.isEmpty() ? "empty" : key, claim.getProperty("step"));
            assertEquals("command", claim.getProperty("module"));
            assertEquals(ProcessHandle.current().pid(), Long.parseLong(claim.getProperty("agent_pid")));
            assertEquals(ProcFs.startTime(ProcessHandle.current().pid()), Long.parseLong(claim.getProperty("agent_start")));
            spool.delete();
        }
        Properties fromStore = new Properties();
        fromStore.load(new ByteArrayInputStream("#drover step claim\nstep=a\\:b\n".getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals("a:b", fromStore.getProperty("step"));
    }

    @Test
    void theStartTimeIsField22OfProcStat() throws Exception {
        for (long pid : new long[] {1, ProcessHandle.current().pid()}) {
            String stat = new String(Files.readAllBytes(Paths.get("/proc", Long.toString(pid), "stat")), StandardCharsets.UTF_8);
            long expected = Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19]);
            assertEquals(expected, ProcFs.startTime(pid));
        }
        assertEquals(-1, ProcFs.startTime(Integer.MAX_VALUE));
    }
}
