package dev.drover.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.cli.CliRun;
import dev.drover.remote.AgentBootstrap;
import dev.drover.remote.AgentJar;
import dev.drover.remote.AgentPools;
import dev.drover.testing.OpenSshLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The persist process against real OpenSSH (the lab's node1, plain login user): reuse seen in
 * sshd's own log, a killed agent replaced, and a become user never served by the login user's
 * agent. Each test starts and stops its own persist server in its own directory.
 */
@ExtendWith(OpenSshLab.class)
class PersistOverOpenSshTest {
    private static final Pattern PPID = Pattern.compile("ppid=(\\d+) user=(\\S+)");

    @TempDir
    Path dir;

    private PersistServer persist;

    @AfterEach
    void stop() {
        if (persist != null) {
            persist.close();
        }
    }

    private PersistDir startPersist() throws IOException {
        PersistDir where = new PersistDir(dir.resolve("persist"));
        persist = new PersistServer(where, AgentPools.transports(), new AgentBootstrap(AgentJar.embedded()),
                Duration.ofSeconds(60), System.out);
        assertTrue(persist.start());
        return where;
    }

    private static String[] exec(OpenSshLab.Lab lab, PersistDir where, String... extra) {
        List<String> args = new ArrayList<>(List.of("exec", "-i", lab.inventory().toString(), "--persist-dir",
                where.dir().toString(), "--persist", "60"));
        args.addAll(List.of(extra));
        args.addAll(List.of("node1", "-m", "shell", "-a", "echo ppid=$PPID user=$(id -un)"));
        return args.toArray(String[]::new);
    }

    private static Matcher agent(CliRun run) {
        assertEquals(0, run.exitCode(), run.toString());
        Matcher m = PPID.matcher(run.out());
        assertTrue(m.find(), run.toString());
        return m;
    }

    private static int logins(OpenSshLab.Node node, String logBefore) throws IOException {
        String added = Files.readString(node.sshdLog()).substring(logBefore.length());
        return added.split("Accepted publickey", -1).length - 1;
    }

    @Test
    void theSecondRunLogsInNeverAndTalksToTheSameAgent(OpenSshLab.Lab lab) throws Exception {
        PersistDir where = startPersist();
        OpenSshLab.Node node1 = lab.node("node1");
        String before = Files.readString(node1.sshdLog());
        String first = agent(CliRun.of(exec(lab, where))).group(1);
        String second = agent(CliRun.of(exec(lab, where))).group(1);
        assertEquals(first, second, "the held agent answers the second run");
        assertEquals(1, logins(node1, before), "sshd saw one login for two runs");

        lab.ssh(node1, "kill -9 " + first);
        Thread.sleep(500);
        CliRun third = CliRun.of(exec(lab, where));
        assertNotEquals(first, agent(third).group(1), "a killed agent is replaced");
        assertFalse(third.err().contains("WARNING") || third.out().contains("reconnecting"), third.toString());
    }

    @Test
    void aBecomeUserGetsItsOwnAgentNeverTheLoginUsers(OpenSshLab.Lab lab) throws Exception {
        PersistDir where = startPersist();
        Matcher plain = agent(CliRun.of(exec(lab, where)));
        Matcher root = agent(CliRun.of(exec(lab, where, "-b")));
        assertEquals(lab.user(), plain.group(2));
        assertEquals("root", root.group(2));
        assertNotEquals(plain.group(1), root.group(1));
        Matcher plainAgain = agent(CliRun.of(exec(lab, where)));
        assertEquals(plain.group(1), plainAgain.group(1));
        assertEquals(lab.user(), plainAgain.group(2));
        String status = CliRun.of("persist", "status", "--persist-dir", where.dir().toString()).out();
        assertTrue(status.contains("become root"), status);
    }
}
