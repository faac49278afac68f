package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.testing.OpenSshLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The thin client path against real OpenSSH (the lab's nodes, plain login user): an exec and a run
 * served by a command worker reach the hosts through the persist process the worker leases from,
 * print what the full CLI prints, and log in to sshd no more after the first run. Which JVM ran a
 * run is told by a {@code pipe} lookup, which runs on the controller: its shell's parent.
 */
@ExtendWith(OpenSshLab.class)
class ThinClientOverOpenSshTest extends ThinClientFixture {
    @AfterEach
    void stopPersist() throws Exception {
        runFull("stop", "persist", "stop"); // the persist process the runs started, with its agents
    }

    private static int logins(OpenSshLab.Node node, String before) throws Exception {
        return Files.readString(node.sshdLog()).substring(before.length()).split("Accepted publickey", -1).length - 1;
    }

    private static List<String> sorted(String text) {
        return text.lines().map(l -> l.replaceAll("\\d{8}-\\d{6}-[0-9a-f]{4}", "RUN")
                .replaceAll("\"(delta|start|end)\": \"[^\"]*\"", "TIME").replaceAll("took .* seconds", "took TIME")
                .replaceAll("controller \\d+", "controller PID")).sorted().toList();
    }

    @Test
    void execAndRunThroughTheWorkerReachRealSshdAsTheFullCliDoes(OpenSshLab.Lab lab) throws Exception {
        env.put("DROVER_PERSIST", "60");
        startWorker();
        String inv = lab.inventory().toString();
        Path pb = dir.resolve("site.yml");
        Files.writeString(pb, """
                - hosts: node1:node2:node3
                  gather_facts: false
                  tasks:
                    - shell: echo hello from {{ inventory_hostname }} as $(id -un)
                      register: r
                    - debug: msg="{{ r.stdout }}"
                    - debug: msg="controller {{ lookup('pipe', 'echo $PPID') }}"
                      run_once: true
                """);
        // The first run starts the persist process, the second fills it (logs in); a worker-served
        // run then reuses what it holds.
        Outcome warmUp = runThin("warmup", "run", "-i", inv, pb.toString());
        assertEquals(0, warmUp.code(), warmUp::toString);
        for (int i = 0; i < 600 && !Files.exists(persistDir.resolve("sock")); i++) {
            Thread.sleep(50);
        }
        Outcome fill = runThin("fill", "run", "-i", inv, pb.toString());
        assertEquals(0, fill.code(), fill::toString);
        OpenSshLab.Node node1 = lab.node("node1");
        String before = Files.readString(node1.sshdLog());
        Outcome thin = runThin("thin", "run", "-i", inv, pb.toString());
        assertEquals(0, thin.code(), thin::toString);
        assertTrue(thin.out().contains("controller " + worker.pid()), () -> "not run by the worker: " + thin);
        assertTrue(thin.out().contains("hello from node3 as " + lab.user()), thin::toString);
        assertEquals(0, logins(node1, before), "a warm run through the worker logs in to sshd again");
        Outcome full = runFull("full", "run", "-i", inv, pb.toString());
        assertEquals(0, full.code(), full::toString);
        assertEquals(sorted(full.out()), sorted(thin.out()));
        assertEquals(sorted(full.err()), sorted(thin.err()));

        Outcome exec = runThin("exec", "exec", "-i", inv, "node1:node2:node3", "-m", "shell", "-a", "hostname; exit 1");
        Outcome fullExec = runFull("fullexec", "exec", "-i", inv, "node1:node2:node3", "-m", "shell", "-a", "hostname; exit 1");
        assertEquals(ExitCodes.HOST_FAILED, exec.code(), exec::toString);
        assertEquals(fullExec.code(), exec.code());
        assertEquals(sorted(fullExec.out()), sorted(exec.out()));
    }
}
