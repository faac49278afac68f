package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code drover exec} for scripts: {@code --one-line} (Ansible's -o) and {@code --output json}. */
class ExecOutputTest {
    @TempDir
    Path dir;

    private String inventory() throws IOException {
        Path f = dir.resolve("hosts.ini");
        Files.writeString(f, "[nodes]\na ansible_connection=local\nb ansible_connection=local\n");
        return f.toString();
    }

    @Test
    void oneLinePrintsExactlyOneLinePerHostWithEscapedLineBreaks() throws IOException {
        CliRun run = CliRun.of("exec", "-i", inventory(), "nodes", "-o", "-m", "shell", "-a", "printf 'x\\ny\\n'; echo err >&2");
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        List<String> lines = run.out().lines().sorted().toList();
        assertEquals(List.of("a | CHANGED | rc=0 | (stdout) x\\ny (stderr) err", "b | CHANGED | rc=0 | (stdout) x\\ny (stderr) err"),
                lines, run.toString());

        CliRun failed = CliRun.of("exec", "-i", inventory(), "a", "--one-line", "--", "false");
        assertEquals(ExitCodes.HOST_FAILED, failed.exitCode(), failed.toString());
        assertEquals("a | FAILED | rc=1 | (stdout) \n", failed.out());

        CliRun ping = CliRun.of("exec", "-i", inventory(), "a", "-o", "-m", "ping");
        assertEquals("a | SUCCESS => {\"changed\": false, \"ping\": \"pong\"}\n", ping.out());
    }

    @Test
    void acceptsAnyModuleWithArgsBecomeCheckAndForks() throws IOException {
        Path target = dir.resolve("made.txt");
        CliRun check = CliRun.of("exec", "-i", inventory(), "a", "-o", "-C", "-f", "2", "-m", "copy",
                "-a", "content=hello dest=" + target);
        assertEquals(ExitCodes.OK, check.exitCode(), check.toString());
        assertTrue(check.out().startsWith("a | CHANGED => {"), check.toString());
        assertTrue(Files.notExists(target), "--check changed nothing");
        CliRun real = CliRun.of("exec", "-i", inventory(), "a", "-o", "-m", "copy", "-a", "content=hello dest=" + target);
        assertEquals(ExitCodes.OK, real.exitCode(), real.toString());
        assertEquals("hello", Files.readString(target));
    }

    @Test
    void jsonOutputHasAResultPerHostAndARecap() throws Exception {
        CliRun run = CliRun.of("exec", "-i", inventory(), "nodes", "--output", "json", "--", "echo", "hi");
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        List<JsonNode> events = UnattendedOutputTest.events(run.out());
        assertEquals(List.of("run_start", "task_start", "host_result", "host_result", "recap", "run_end"),
                events.stream().map(e -> e.get("event").asText()).toList());
        for (JsonNode e : events.subList(2, 4)) {
            assertEquals("changed", e.get("status").asText());
            assertEquals("hi", e.get("result").get("stdout").asText());
        }
        assertEquals(1, events.get(4).get("hosts").get("b").get("changed").asInt());
        assertEquals(0, events.get(5).get("exit_code").asInt());
    }
}
