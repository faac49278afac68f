package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code exec} through the thin client and its command worker ({@link ThinClientFixture}): the same
 * output and exit code as the full CLI, the fallbacks, signals, and another user refused.
 */
class ThinClientTest extends ThinClientFixture {
    @Test
    void aCommandRunInTheWorkerGivesTheFullCliOutputAndExitCode() throws Exception {
        startWorker();
        String[][] cases = {
            {"exec", "-i", "hosts.ini", "local", "--", "/bin/echo", "hello"},                 // 0
            {"exec", "-i", "hosts.ini", "local1", "-m", "shell", "-a", "echo out; echo err >&2; exit 3"}, // 2
            {"exec", "-i", "hosts.ini", "nosuch", "--", "/bin/true"},                          // 4: no host
            {"exec", "--bogus", "-i", "hosts.ini", "local", "--", "/bin/true"},                // 4: usage
            {"exec", "-i", "hosts.ini", "local1", "-o", "-e", "x=1", "-m", "debug", "-a", "var=x"},
        };
        List<Integer> codes = new ArrayList<>();
        int i = 0;
        for (String[] args : cases) {
            Outcome thin = runThin("thin" + i, args);
            codes.add(thin.code());
            Outcome full = runFull("full" + i, args);
            assertEquals(full.code(), thin.code(), () -> String.join(" ", args) + "\n" + thin + "\n" + full);
            // Hosts answer in completion order, as Ansible's ad hoc output: the lines, whatever their order.
            assertEquals(full.out().lines().sorted().toList(), thin.out().lines().sorted().toList(), () -> String.join(" ", args));
            assertEquals(full.err().lines().sorted().toList(), thin.err().lines().sorted().toList(), () -> String.join(" ", args));
            i++;
        }
        assertEquals(List.of(0, 2, 4, 4), codes.subList(0, 4));
        // ... and it did run in the worker, the full CLI in its own JVM.
        Outcome where = runThin("where", "exec", "-i", "hosts.ini", "local1", "-m", "shell", "-a", ANCESTORS);
        assertEquals(0, where.code(), where::toString);
        assertTrue(ancestors(where.out()).contains(worker.pid()), () -> worker.pid() + " not in " + where.out());
        Outcome fullWhere = runFull("fullwhere", "exec", "-i", "hosts.ini", "local1", "-m", "shell", "-a", ANCESTORS);
        assertFalse(ancestors(fullWhere.out()).contains(worker.pid()), fullWhere::toString);
    }

    @Test
    void withoutAWorkerTheClientRunsTheFullCliItself() throws Exception {
        Outcome thin = runThin("thin", "exec", "-i", "hosts.ini", "local1", "-m", "shell", "-a", "echo out; exit 1");
        Outcome full = runFull("full", "exec", "-i", "hosts.ini", "local1", "-m", "shell", "-a", "echo out; exit 1");
        assertEquals(2, thin.code(), thin::toString);
        assertEquals(full, thin);
        assertTrue(workerSockets().isEmpty(), "with DROVER_PERSIST=0 no worker is started");
    }

    @Test
    void anExecInItsOwnJvmStartsTheWorkerTheNextExecUses() throws Exception {
        env.put("DROVER_PERSIST", "30");
        Outcome first = runFull("first", "exec", "-i", "hosts.ini", "local1", "--", "/bin/true");
        assertEquals(0, first.code(), first::toString);
        for (int i = 0; i < 600 && workerSockets().isEmpty(); i++) {
            Thread.sleep(50);
        }
        assertEquals(1, workerSockets().size(), "one worker for this directory and environment");
        Process client = thin(env, "second", "exec", "-i", "hosts.ini", "local1", "-m", "shell", "-a", ANCESTORS);
        Outcome second = finish(client, "second");
        assertEquals(0, second.code(), second::toString);
        List<Long> chain = ancestors(second.out());
        assertFalse(chain.isEmpty(), second::toString);
        // Not the client's own fallback CLI (its child): the worker ran it.
        assertFalse(chain.contains(client.pid()), second::toString);
    }

    @Test
    void anotherDirectoryOrEnvironmentOrAPromptIsNotServedByTheWorker() throws Exception {
        startWorker();
        Map<String, String> other = new HashMap<>(env);
        other.put("ANSIBLE_REMOTE_TEMP", "/nonexistent");
        Outcome otherEnv = finish(thin(other, "otherenv", "exec", "-i", "hosts.ini", "local1", "-m", "shell", "-a", ANCESTORS),
                "otherenv");
        assertEquals(0, otherEnv.code(), otherEnv::toString);
        assertFalse(ancestors(otherEnv.out()).contains(worker.pid()), otherEnv::toString);
        for (String asking : List.of("--no-persist", "-K", "-bK", "--ask-vault-pass")) {
            Outcome o = runThin("asking", "exec", asking, "-i", "hosts.ini", "local1", "-m", "shell", "-a", ANCESTORS);
            assertFalse(ancestors(o.out()).contains(worker.pid()), asking + ": " + o);
        }
        Outcome served = runThin("served", "exec", "-i", "hosts.ini", "local1", "-m", "shell", "-a", ANCESTORS);
        assertTrue(ancestors(served.out()).contains(worker.pid()), served::toString);
    }

    @Test
    void sigtermAndCtrlCThroughTheClientEndTheRunAsTheyEndTheFullCli() throws Exception {
        startWorker();
        for (String signal : List.of("TERM", "INT")) {
            Path marker = dir.resolve("started-" + signal);
            String name = "sig" + signal;
            Process client = thin(env, name, "exec", "-i", "hosts.ini", "local1", "-m", "shell", "-a",
                    "{ " + ANCESTORS + "; } > " + marker + ".tmp; mv " + marker + ".tmp " + marker + "; sleep 60");
            for (int i = 0; i < 1200 && !Files.exists(marker); i++) {
                Thread.sleep(50);
            }
            assertTrue(Files.exists(marker), () -> "the command did not start: " + read(name + ".err"));
            assertTrue(ancestors(Files.readString(marker)).contains(worker.pid()), "not run by the worker");
            assertEquals(0, new ProcessBuilder("kill", "-" + signal, String.valueOf(client.pid())).start().waitFor());
            assertTrue(client.waitFor(30, TimeUnit.SECONDS), signal + ": the client did not end");
            assertEquals(signal.equals("TERM") ? 143 : 130, client.exitValue(), signal);
            assertTrue(worker.isAlive());
        }
        // The worker is free again: the next command runs there at once.
        Outcome next = runThin("next", "exec", "-i", "hosts.ini", "local1", "-m", "shell", "-a", ANCESTORS);
        assertEquals(0, next.code(), next::toString);
        assertTrue(ancestors(next.out()).contains(worker.pid()), next::toString);
        assertNotEquals("", next.out());
    }

    @Test
    void anotherUserCannotHaveTheWorkerRunACommand() throws Exception {
        assumeTrue("0".equals(String.valueOf(Files.getAttribute(Path.of("/proc/self"), "unix:uid")))
                && Files.isExecutable(Path.of("/usr/sbin/runuser")), "needs root and runuser to act as user nobody");
        startWorker();
        Path socket = workerSockets().get(0);
        Map<String, String> workerEnv = new HashMap<>(System.getenv());
        workerEnv.putAll(env);
        Path identity = dir.resolve("identity");
        Files.writeString(identity, dev.drover.cli.thin.Identity.of(System.getProperty("java.class.path"), dir.toString(), workerEnv));
        Path marker = dir.resolve("ran-as-root");
        String[] probe = {"/usr/sbin/runuser", "-u", "nobody", "--", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), PeerProbe.class.getName(), socket.toString(), identity.toString(),
            "exec", "-i", dir.resolve("hosts.ini").toString(), "local1", "-m", "shell", "-a", "touch " + marker};
        // The 0700 directory alone keeps another user from the socket.
        assertTrue(probe(probe).startsWith("error"), "the socket was reachable through a 0700 directory");
        // Opened up (as a mistaken chmod would), the worker itself refuses the other uid: no answer, nothing run.
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
        Files.setPosixFilePermissions(persistDir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
        Files.setPosixFilePermissions(socket, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-rw-"));
        Files.setPosixFilePermissions(identity, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        String answer = probe(probe);
        // "closed", or a broken pipe when the worker hung up before the request was all written.
        assertFalse(answer.startsWith("answer"), answer);
        Thread.sleep(1000);
        assertFalse(Files.exists(marker), "the worker ran another user's command");
        assertTrue(read("worker.out").contains("refused a client of user nobody"), read("worker.out"));
    }

    private String probe(String[] command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the probe hung");
        return new String(p.getInputStream().readAllBytes()).strip();
    }

    @Test
    void refusalsAreDecidedFromTheArgumentsAlone() {
        assertEquals(null, CommandWorker.refusal(new String[] {"exec", "-i", "h", "all", "--", "ls", "-k"}));
        assertEquals(null, CommandWorker.refusal(new String[] {"--debug", "exec", "all", "-m", "ping"}));
        for (String[] refused : List.of(new String[] {"check", "site.yml"}, new String[] {"exec", "all", "-k"},
                new String[] {"exec", "all", "-bK"}, new String[] {"exec", "all", "--persist", "0"},
                new String[] {"exec", "all", "--persist=0"}, new String[] {"exec", "all", "-J"}, new String[] {})) {
            assertNotEquals(null, CommandWorker.refusal(refused), String.join(" ", refused));
        }
    }
}
