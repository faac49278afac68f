package dev.drover.execute.rolling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.cli.CliRun;
import dev.drover.cli.ExitCodes;
import dev.drover.execute.HostStatus;
import dev.drover.journal.Journal;
import dev.drover.journal.Runs;
import dev.drover.state.StateDir;
import dev.drover.testing.OpenSshLab;
import dev.drover.transport.ExecResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rolling play on three real OpenSSH nodes that stops, then continues: node2's start fails, the
 * roll stops with node3 untouched and the journal says where; {@code --resume last} after the fix
 * goes on from node2's failed start, never repeating node1's steps. And a node whose connection dies
 * mid-play: reported unreachable, the roll does not go on. What each node did is read from a file
 * it appends to, over OpenSSH.
 */
@ExtendWith(OpenSshLab.class)
class RollingResumeOpenSshTest {
    static final String PLAYBOOK = """
            - name: rolling start
              hosts: nodes
              gather_facts: false
              serial: 1
              vars:
                home: "{{ work }}/{{ inventory_hostname }}"
              tasks:
                - name: Stop
                  shell: mkdir -p {{ home }} && echo stop >> {{ home }}/steps
                - name: Start
                  shell: test ! -e {{ home }}/fault && echo start >> {{ home }}/steps
                - name: Check
                  shell: echo check >> {{ home }}/steps
            """;

    /** Kills the sshd process serving this connection (sshd or sshd-session, the first one above the shell). */
    static final String DROP_CONNECTION = "p=$$; while [ \"$p\" -gt 1 ]; do case \"$(cat /proc/$p/comm)\" in"
            + " sshd*) kill -9 \"$p\"; break;; esac; p=$(awk '{print $4}' /proc/$p/stat); done; sleep 5";

    @TempDir
    Path dir;
    String work;

    @BeforeEach
    void workDir(OpenSshLab.Lab lab) {
        work = lab.ssh(lab.nodes().get(0), "echo $HOME").stdout().strip() + "/drover-resume-" + UUID.randomUUID();
    }

    @AfterEach
    void cleanUp(OpenSshLab.Lab lab) {
        if (work != null) {
            lab.ssh(lab.nodes().get(0), "rm -rf '" + work + "'");
        }
    }

    private List<String> steps(OpenSshLab.Lab lab, String node) {
        ExecResult r = lab.ssh(lab.node(node), "cat '" + work + "/" + node + "/steps' 2>/dev/null || true");
        return r.stdout().isBlank() ? List.of() : List.of(r.stdout().strip().split("\n"));
    }

    private CliRun drover(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--state-dir";
        all[args.length + 1] = dir.resolve("state").toString();
        return CliRun.of(all);
    }

    @Test
    void aStoppedRollResumesAtTheFailedNodeWithoutRepeatingTheFirst(OpenSshLab.Lab lab) throws Exception {
        assertEquals(0, lab.ssh(lab.node("node2"), "mkdir -p '" + work + "/node2' && touch '" + work + "/node2/fault'").exitCode());
        Path pb = dir.resolve("rolling.yml");
        Files.writeString(pb, PLAYBOOK);
        CliRun failed = drover("run", "-i", lab.inventory().toString(), pb.toString(), "-e", "work=" + work,
                "--extra-vars-safe", "work");
        assertEquals(ExitCodes.HOST_FAILED, failed.exitCode(), failed.toString());
        assertEquals(List.of("stop", "start", "check"), steps(lab, "node1"));
        assertEquals(List.of("stop"), steps(lab, "node2"));
        assertEquals(List.of(), steps(lab, "node3"), "node3 untouched");

        Journal journal = Journal.read(new Runs(new StateDir(dir.resolve("state"))).journal("last"));
        Journal.TaskLine failure = journal.tasks().stream().filter(Journal.TaskLine::fatal).findFirst().orElseThrow();
        assertEquals("node2", failure.host());
        assertEquals("Start", failure.name());
        assertEquals("rolling.yml:10:7", failure.where());
        assertEquals(HostStatus.FAILED, failure.status());
        assertEquals(List.of("node3"), journal.stops().get(0).neverStarted());

        assertEquals(0, lab.ssh(lab.node("node2"), "rm '" + work + "/node2/fault'").exitCode());
        CliRun resumed = drover("run", "--resume", "last");
        assertEquals(ExitCodes.OK, resumed.exitCode(), resumed.toString());
        assertEquals(List.of("stop", "start", "check"), steps(lab, "node1"), "node1 ran nothing again");
        assertEquals(List.of("stop", "start", "check"), steps(lab, "node2"), "node2 went on from its failed start");
        assertEquals(List.of("stop", "start", "check"), steps(lab, "node3"));
    }

    @Test
    void aNodeWhoseConnectionDiesIsUnreachableAndTheRollStops(OpenSshLab.Lab lab) throws Exception {
        Path pb = dir.resolve("rolling.yml");
        Files.writeString(pb, PLAYBOOK.replace("""
                    - name: Start
                """, """
                    - name: Lose the connection
                      shell: |
                        %s
                      when: inventory_hostname == 'node2'
                    - name: Start
                """.formatted(DROP_CONNECTION)).replace("test ! -e {{ home }}/fault && ", ""));
        // drover_step_grace=0: no reconnect (ReattachOverOpenSshTest shows the reconnect); the host is lost.
        Path inventory = dir.resolve("hosts.ini");
        Files.writeString(inventory, Files.readString(lab.inventory()) + "\n[nodes:vars]\ndrover_step_grace=0\n");
        CliRun run = drover("run", "-i", inventory.toString(), pb.toString(), "-e", "work=" + work);
        assertEquals(3, run.exitCode(), run.toString());
        assertTrue(run.out().contains("fatal: [node2]: UNREACHABLE!"), run.toString());
        assertEquals(List.of("stop", "start", "check"), steps(lab, "node1"));
        assertEquals(List.of("stop"), steps(lab, "node2"));
        assertEquals(List.of(), steps(lab, "node3"), "the roll did not go on to node3");
        assertTrue(run.recap().contains("\nnever started: node3\n"), run.toString());
        assertNull(run.recapLine("node3"));
        assertTrue(run.recapLine("node2").contains("unreachable=1"), run.toString());
    }
}
