package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.testing.BlackholeRelay;
import dev.drover.testing.OpenSshLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A long step on real OpenSSH whose connection is cut the ways the real world cuts it: the session's
 * sshd killed, sshd restarted, the path blackholed for 20 s, the controller paused (SIGSTOP), the
 * controller killed (SIGKILL) then resumed, the agent killed. The step appends to a counter file on
 * the host when it starts and when it ends, so "exactly once" is read from the host; its output
 * must arrive whole; the run's exit code must say what happened.
 *
 * <p>The tests run as the lab user's neighbour (root or the same user), so they read the host's
 * files and signal its processes directly: the lab's nodes are this machine.
 */
@ExtendWith(OpenSshLab.class)
class ReattachOverOpenSshTest {
    /** The step: record its session's sshd, wait for the test's "go", print five lines. */
    static final String PLAYBOOK = """
            - hosts: nodes
              gather_facts: false
              tasks:
                - name: Long step
                  shell: |
                    echo start >> {{ work }}/counter
                    p=$$; while [ "$p" -gt 1 ]; do case "$(cat /proc/$p/comm)" in sshd*) echo $p > {{ work }}/sshd.pid; break;; esac; p=$(awk '{print $4}' /proc/$p/stat); done
                    echo $PPID > {{ work }}/agent.pid
                    i=0; while [ ! -e {{ work }}/go ] && [ $i -lt 600 ]; do sleep 0.2; i=$((i+1)); done
                    for n in 1 2 3 4 5; do echo line $n; done
                    echo end >> {{ work }}/counter
                  register: long
                - name: After
                  shell: echo after >> {{ work }}/counter
                - name: Output
                  debug:
                    msg: "{{ long.stdout_lines | length }} lines, last {{ long.stdout_lines[-1] }}"
            """;

    @TempDir
    Path dir;
    Path work;
    Path playbook;

    @BeforeEach
    void setUp() throws IOException {
        playbook = dir.resolve("long.yml");
        Files.writeString(playbook, PLAYBOOK);
    }

    @AfterEach
    void cleanUp(OpenSshLab.Lab lab) {
        if (work != null) {
            lab.ssh(lab.node("node1"), "rm -rf '" + work + "'");
        }
    }

    private Path workDir(OpenSshLab.Lab lab) {
        String home = lab.ssh(lab.node("node1"), "mkdir -p drover-reattach && cd drover-reattach && mktemp -d $PWD/run.XXXXXX")
                .stdout().strip();
        work = Path.of(home);
        return work;
    }

    /** An inventory with node1 only, reached at {@code address:port}, its key pinned in {@code knownHosts}. */
    private Path inventory(OpenSshLab.Lab lab, String address, int port, Path knownHosts, String extraVars) throws IOException {
        Path inv = dir.resolve("hosts-" + UUID.randomUUID() + ".ini");
        Files.writeString(inv, "[nodes]\nnode1 ansible_host=" + address + " ansible_port=" + port + "\n\n[nodes:vars]\n"
                + "ansible_user=" + lab.user() + "\nansible_ssh_private_key_file=" + lab.clientKey() + "\n"
                + "drover_known_hosts_file=" + knownHosts + "\ndrover_keepalive_interval=1\n" + extraVars);
        return inv;
    }

    private Path inventory(OpenSshLab.Lab lab, String extraVars) throws IOException {
        OpenSshLab.Node n = lab.node("node1");
        return inventory(lab, n.address(), n.port(), lab.knownHosts(), extraVars);
    }

    private String[] run(Path inventory, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("run", "-i", inventory.toString(), playbook.toString(),
                "-e", "work=" + work, "--extra-vars-safe", "work", "--state-dir", dir.resolve("state").toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private CompletableFuture<CliRun> start(Path inventory) {
        String[] args = run(inventory);
        return CompletableFuture.supplyAsync(() -> CliRun.of(args), r -> {
            Thread t = new Thread(r, "drover run");
            t.setDaemon(true);
            t.start();
        });
    }

    private long awaitPid(String name) throws Exception {
        Path f = work.resolve(name);
        for (int i = 0; i < 600; i++) {
            if (Files.exists(f) && !Files.readString(f).isBlank()) {
                return Long.parseLong(Files.readString(f).strip());
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the step never wrote " + f);
    }

    private void go() throws IOException {
        Files.writeString(work.resolve("go"), "");
    }

    private String counter() throws IOException {
        Path f = work.resolve("counter");
        return Files.exists(f) ? Files.readString(f) : "";
    }

    private static void kill9(long pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }

    private void assertCompletedOnce(CliRun r) throws IOException {
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("start\nend\nafter\n", counter(), "the step ran exactly once, to its end");
        assertTrue(r.out().contains("5 lines, last line 5"), "the step's output is complete\n" + r);
    }

    @Test
    void killingTheSessionsSshdReattachesToTheRunningStep(OpenSshLab.Lab lab) throws Exception {
        workDir(lab);
        CompletableFuture<CliRun> running = start(inventory(lab, ""));
        kill9(awaitPid("sshd.pid"));
        Thread.sleep(2000);
        go();
        CliRun r = running.get(120, TimeUnit.SECONDS);
        assertCompletedOnce(r);
        assertTrue(r.out().contains("node1: connection lost, reconnecting (attempt 1)..."), r.toString());
        String journal = Files.readString(Files.list(dir.resolve("state/runs")).findFirst().orElseThrow().resolve("journal.jsonl"));
        assertTrue(journal.contains("\"connection_lost\"") && journal.contains("\"reattached\""), journal);
    }

    @Test
    void restartingSshdReattachesOnceItListensAgain(OpenSshLab.Lab lab) throws Exception {
        workDir(lab);
        CompletableFuture<CliRun> running = start(inventory(lab, ""));
        long session = awaitPid("sshd.pid");
        Path pidFile = lab.dir().resolve("node1/sshd.pid");
        long master = Long.parseLong(Files.readString(pidFile).strip());
        kill9(master);
        kill9(session);
        Thread.sleep(4000); // refused connections meanwhile: the reconnect loop backs off
        Process up = new ProcessBuilder("bash",
                labScript().toString(), "up", "--dir", lab.dir().toString(), "--port", Integer.toString(lab.port()))
                .redirectErrorStream(true).start();
        up.getInputStream().readAllBytes();
        assertEquals(0, up.waitFor(), "lab.sh up");
        go();
        CliRun r = running.get(120, TimeUnit.SECONDS);
        assertCompletedOnce(r);
        assertTrue(r.out().contains("reconnecting (attempt 2)"), "at least one attempt was refused\n" + r);
    }

    private static Path labScript() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("testbed/lab/lab.sh"))) {
            p = p.getParent();
        }
        return p.resolve("testbed/lab/lab.sh");
    }

    /** node1's key, pinned for the relay's address. */
    private Path knownHostsFor(OpenSshLab.Lab lab, BlackholeRelay relay) throws IOException {
        OpenSshLab.Node n = lab.node("node1");
        String prefix = "[" + n.address() + "]:" + n.port() + " ";
        String line = Files.readAllLines(lab.knownHosts()).stream().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow();
        Path kh = dir.resolve("known_hosts_relay");
        Files.writeString(kh, "[" + relay.address() + "]:" + relay.port() + " " + line.substring(prefix.length()) + "\n");
        return kh;
    }

    @Test
    void aPathBlackholedFor20sIsNoticedByKeepaliveAndReattached(OpenSshLab.Lab lab) throws Exception {
        workDir(lab);
        try (BlackholeRelay relay = new BlackholeRelay("127.0.0.41", lab.node("node1").socketAddress())) {
            CompletableFuture<CliRun> running = start(inventory(lab, relay.address(), relay.port(), knownHostsFor(lab, relay), ""));
            awaitPid("sshd.pid");
            relay.blackhole(true);
            go(); // the step finishes on the host during the blackhole
            Thread.sleep(20_000);
            relay.blackhole(false);
            CliRun r = running.get(120, TimeUnit.SECONDS);
            assertCompletedOnce(r);
            assertTrue(r.out().contains("node1: connection lost, reconnecting (attempt 1)..."), r.toString());
        }
    }

    @Test
    void aWindowThatClosesIsUnreachableThenResumeTakesTheSpooledResult(OpenSshLab.Lab lab) throws Exception {
        workDir(lab);
        try (BlackholeRelay relay = new BlackholeRelay("127.0.0.41", lab.node("node1").socketAddress())) {
            Path inv = inventory(lab, relay.address(), relay.port(), knownHostsFor(lab, relay), "drover_step_grace=8\n");
            CompletableFuture<CliRun> running = start(inv);
            awaitPid("sshd.pid");
            relay.blackhole(true);
            go();
            CliRun r = running.get(120, TimeUnit.SECONDS);
            assertEquals(3, r.exitCode(), r.toString());
            assertTrue(r.out().contains("fatal: [node1]: UNREACHABLE!"), r.toString());
            assertTrue(r.out().contains("connection lost during step 'shell'") && r.out().contains("--resume"), r.toString());
            relay.blackhole(false);
            assertEquals("start\nend\n", counter(), "the step finished on the host meanwhile");
            CliRun resumed = CliRun.of("run", "--resume", "last", "--state-dir", dir.resolve("state").toString());
            assertCompletedOnce(resumed);
        }
    }

    @Test
    void aControllerPausedLongerThanTheKeepaliveCarriesOn(OpenSshLab.Lab lab) throws Exception {
        workDir(lab);
        DroverProcess p = DroverProcess.start(dir, "paused", Map.of(), run(inventory(lab, "")));
        awaitPid("sshd.pid");
        new ProcessBuilder("kill", "-STOP", Long.toString(p.process.pid())).start().waitFor();
        go();
        Thread.sleep(10_000); // ten keepalive intervals
        new ProcessBuilder("kill", "-CONT", Long.toString(p.process.pid())).start().waitFor();
        assertEquals(0, p.exitCode(), p.toString());
        assertEquals("start\nend\nafter\n", counter());
        assertTrue(p.out().contains("5 lines, last line 5"), p.toString());
    }

    @Test
    void resumeAfterSigkillOfTheControllerWaitsForTheStepInsteadOfStartingItAgain(OpenSshLab.Lab lab) throws Exception {
        workDir(lab);
        DroverProcess p = DroverProcess.start(dir, "killed", Map.of(), run(inventory(lab, "")));
        awaitPid("sshd.pid");
        p.process.destroyForcibly();
        p.process.waitFor(10, TimeUnit.SECONDS);
        CompletableFuture<CliRun> resumed = CompletableFuture.supplyAsync(
                () -> CliRun.of("run", "--resume", "last", "--state-dir", dir.resolve("state").toString()));
        Thread.sleep(3000);
        assertEquals("start\n", counter(), "the resumed run did not start a second copy");
        go();
        CliRun r = resumed.get(120, TimeUnit.SECONDS);
        assertCompletedOnce(r);
    }

    @Test
    void killingTheAgentIsReportedWithTheStepsProcessAndNeverRunsItAgain(OpenSshLab.Lab lab) throws Exception {
        workDir(lab);
        CompletableFuture<CliRun> running = start(inventory(lab, ""));
        long agent = awaitPid("agent.pid");
        kill9(agent);
        CliRun r = running.get(120, TimeUnit.SECONDS);
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.out().contains("STILL RUNNING") && r.out().contains("will not start it again"), r.toString());
        assertEquals("start\n", counter(), "not started again");
        go();
    }
}
