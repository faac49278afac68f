package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.drover.testing.OpenSshLab;
import dev.drover.testing.TestFork;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The agent cache on a host is the login (or become) user's alone: created {@code 0700}, and an
 * older {@code 0755} one tightened when the jar is uploaded again, so other local users can neither
 * list nor read the jar the controller runs.
 */
// Alone (controller/pom.xml): it deletes and changes the modes of the lab users' agent caches, which the other test JVMs' agents start from.
@Tag(TestFork.ALONE)
@ExtendWith(OpenSshLab.class)
class AgentCacheModeOpenSshTest {
    private static String mode(OpenSshLab.Lab lab, OpenSshLab.Node node, String command) {
        return lab.ssh(node, command).stdout().strip();
    }

    @Test
    void theCacheIsCreatedOwnerOnlyAndAnOpenOneIsTightened(OpenSshLab.Lab lab) {
        OpenSshLab.Node node = lab.node("node3");
        lab.ssh(node, "rm -rf ~/.cache/drover/agent"); // never the step spools beside it: other runs use them
        CliRun first = CliRun.of("exec", "-i", lab.inventory().toString(), "node3", "--", "true");
        assertEquals(ExitCodes.OK, first.exitCode(), first.toString());
        assertEquals("700", mode(lab, node, "stat -c %a ~/.cache/drover/agent"));

        lab.ssh(node, "chmod 755 ~/.cache/drover/agent && rm -f ~/.cache/drover/agent/*.jar");
        CliRun again = CliRun.of("exec", "-i", lab.inventory().toString(), "node3", "--", "true");
        assertEquals(ExitCodes.OK, again.exitCode(), again.toString());
        assertEquals("700", mode(lab, node, "stat -c %a ~/.cache/drover/agent"));
    }

    @Test
    void theBecomeUsersCacheIsOwnerOnlyToo(OpenSshLab.Lab lab) {
        OpenSshLab.Node node = lab.node("node3");
        String target = lab.become().targetUser();
        lab.ssh(node, "sudo -n -u " + target + " sh -c 'rm -rf ~/.cache/drover/agent'");
        CliRun run = CliRun.of("exec", "-i", lab.inventory().toString(), "node3", "-b", "--become-user", target,
                "--", "true");
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals("700", mode(lab, node, "sudo -n -u " + target + " sh -c 'stat -c %a ~/.cache/drover/agent'"));
    }
}
