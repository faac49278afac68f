package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code drover exec} end to end on local hosts (no sshd needed) and with bad input. */
class ExecCommandTest {
    @TempDir
    Path dir;

    private Path inventory(String text) throws IOException {
        Path f = dir.resolve("hosts.ini");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void runsACommandThroughTheAgentOnALocalHost() throws IOException {
        Path inv = inventory("web1 ansible_connection=local\n");
        CliRun run = CliRun.of("exec", "-i", inv.toString(), "web1", "--", "echo", "hello from", "$HOME");
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertTrue(run.out().startsWith("web1 | CHANGED | rc=0 >>\nhello from " + System.getProperty("user.home")), run.toString());
    }

    @Test
    void shellModuleRunsPipesAndAFailingCommandExitsTwo() throws IOException {
        Path inv = inventory("[nodes]\na ansible_connection=local\nb ansible_connection=local\n");
        CliRun ok = CliRun.of("exec", "-i", inv.toString(), "nodes", "-m", "shell", "-a", "printf 'x\\ny\\n' | wc -l");
        assertEquals(ExitCodes.OK, ok.exitCode(), ok.toString());
        assertTrue(ok.out().contains("a | CHANGED | rc=0 >>\n2"), ok.toString());
        assertTrue(ok.out().contains("b | CHANGED | rc=0 >>\n2"), ok.toString());

        CliRun failed = CliRun.of("exec", "-i", inv.toString(), "a", "-m", "shell", "-a", "echo oops >&2; exit 3");
        assertEquals(ExitCodes.HOST_FAILED, failed.exitCode(), failed.toString());
        assertTrue(failed.out().contains("a | FAILED | rc=3 >>\noops"), failed.toString());
    }

    @Test
    void pingShowsJsonLikeAnsible() throws IOException {
        Path inv = inventory("web1 ansible_connection=local\n");
        CliRun run = CliRun.of("exec", "-i", inv.toString(), "all", "-m", "ping");
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertTrue(run.out().contains("web1 | SUCCESS => {"), run.toString());
        assertEquals("web1 | SUCCESS => {\n    \"changed\": false,\n    \"ping\": \"pong\"\n}\n", run.out());
        assertFalse(run.out().contains("\u001b["), "no colour when not on a terminal");
    }

    @Test
    void patternExclusionSelectsTheRightHosts() throws IOException {
        Path inv = inventory("[nodes]\nnode1 ansible_connection=local\nnode2 ansible_connection=local\nnode3 ansible_connection=local\n");
        CliRun run = CliRun.of("exec", "-i", inv.toString(), "nodes:!node3", "--", "true");
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertTrue(run.out().contains("node1 | CHANGED") && run.out().contains("node2 | CHANGED"), run.toString());
        assertFalse(run.out().contains("node3"), run.toString());
    }

    @Test
    void missingJavaFailsTheHostWithTheReason() throws IOException {
        Path inv = inventory("web1 ansible_connection=local drover_java=/nonexistent/java\n");
        CliRun run = CliRun.of("exec", "-i", inv.toString(), "web1", "--", "true");
        assertEquals(ExitCodes.HOST_FAILED, run.exitCode(), run.toString());
        assertTrue(run.out().contains("web1 | FAILED! =>"), run.toString());
        assertTrue(run.out().contains("was not found on the host"), run.toString());
    }

    @Test
    void unreachableHostExitsThreeAndNamesTheAddress() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        Path inv = inventory("gone ansible_host=127.0.0.1 ansible_port=" + closedPort + " ansible_user=nobody\n");
        CliRun run = CliRun.of("exec", "-i", inv.toString(), "gone", "-T", "3", "--", "true");
        assertEquals(ExitCodes.HOST_UNREACHABLE, run.exitCode(), run.toString());
        assertTrue(run.out().contains("gone | UNREACHABLE! =>"), run.toString());
        assertTrue(run.out().contains("127.0.0.1:" + closedPort), run.toString());
    }

    @Test
    void malformedInventoryIsBadInputWithFileLineColumn() throws IOException {
        Path inv = inventory("[nodes]\nnode[1:x]\n");
        CliRun run = CliRun.of("exec", "-i", inv.toString(), "all", "--", "true");
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode(), run.toString());
        assertTrue(run.err().contains(inv + ":2:"), run.toString());
        assertFalse(run.err().contains("Exception"), "no stack trace or exception name: " + run.err());
    }

    @Test
    void patternMatchingNothingListsTheGroups() throws IOException {
        Path inv = inventory("[nodes]\nnode1 ansible_connection=local\n[web]\nweb1 ansible_connection=local\n");
        CliRun run = CliRun.of("exec", "-i", inv.toString(), "databases", "--", "true");
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode(), run.toString());
        assertTrue(run.err().contains("nodes") && run.err().contains("web"), run.toString());
    }

    @Test
    void missingInventoryFileIsBadInput() {
        CliRun run = CliRun.of("exec", "-i", dir.resolve("nope.ini").toString(), "all", "--", "true");
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode(), run.toString());
        assertTrue(run.err().contains("nope.ini"), run.toString());
    }

    @Test
    void usageErrorsAreBadInput() throws IOException {
        Path inv = inventory("web1 ansible_connection=local\n");
        assertEquals(ExitCodes.BAD_INPUT, CliRun.of("exec", "-i", inv.toString(), "web1").exitCode());
        assertEquals(ExitCodes.BAD_INPUT, CliRun.of("exec", "--no-such-option").exitCode());
        CliRun both = CliRun.of("exec", "-i", inv.toString(), "web1", "-a", "ls", "--", "ls");
        assertEquals(ExitCodes.BAD_INPUT, both.exitCode());
        assertTrue(both.err().contains("either with -a or after --"), both.toString());
    }

    @Test
    void becomeOptionsWithoutBecomeAndOtherMethodsAreRefused() throws IOException {
        Path inv = inventory("web1 ansible_connection=local\n");
        CliRun user = CliRun.of("exec", "-i", inv.toString(), "web1", "--become-user", "alfresco", "--", "id");
        assertEquals(ExitCodes.BAD_INPUT, user.exitCode(), user.toString());
        assertTrue(user.err().contains("only with --become (-b)"), user.toString());

        CliRun doas = CliRun.of("exec", "-i", inv.toString(), "web1", "-b", "--become-method", "doas", "--", "id");
        assertEquals(ExitCodes.BAD_INPUT, doas.exitCode(), doas.toString());
        assertTrue(doas.err().contains("--become-method doas: become method 'doas' is not supported: drover becomes"
                + " another user through sudo or su"), doas.toString());
    }

    @Test
    void aHostsUnknownBecomeMethodFailsThatHostNotTheRun() throws IOException {
        Path inv = inventory("web1 ansible_connection=local ansible_become_method=doas\n");
        CliRun run = CliRun.of("exec", "-i", inv.toString(), "web1", "-b", "--", "id");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.out().contains("host web1: become method 'doas' is not supported"), run.toString());
    }

    @Test
    void badPortVariableNamesHostAndVariable() throws IOException {
        Path inv = inventory("n1 ansible_host=127.0.0.1 ansible_port=notaport\n");
        CliRun run = CliRun.of("exec", "-i", inv.toString(), "n1", "--", "true");
        assertEquals(ExitCodes.HOST_FAILED, run.exitCode(), run.toString());
        assertTrue(run.out().contains("host n1: variable ansible_port"), run.toString());
    }

    @Test
    void versionPrintsTheVersion() {
        CliRun run = CliRun.of("--version");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().startsWith("drover 0."), run.toString());
    }

    @Test
    void everyCommandHasHelp() {
        // Error messages say "see 'drover run --help'": that must work for each command.
        for (String command : new String[] {"exec", "run", "check", "inventory", "history", "cron", "demo"}) {
            CliRun run = CliRun.of(command, "--help");
            assertEquals(0, run.exitCode(), command + "\n" + run);
            assertTrue(run.out().contains("Usage: drover " + command), command + "\n" + run);
        }
    }
}
