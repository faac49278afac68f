package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.testing.BlackholeRelay;
import dev.drover.testing.OpenSshLab;
import dev.drover.testing.PrivateSshd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The step that {@link ReattachOverOpenSshTest} and {@link ResumeAfterCutOpenSshTest} cut: a long
 * shell step on real OpenSSH (node1 of the lab) that records its session's sshd and its agent, waits
 * for the test's "go", prints five lines and appends to a counter file on the host when it starts and
 * when it ends, so "exactly once" is read from the host. Helpers to run it, cut it and resume it.
 *
 * <p>The tests run as the lab user's neighbour (root or the same user), so they read the host's
 * files and signal its processes directly: the lab's nodes are this machine.
 */
@ExtendWith(OpenSshLab.class)
abstract class CutStepFixture {
    /**
     * The reconnect loop's backoff at a quarter (0.25, 0.5, 1, 2, 3.75 s): the same loop, attempts
     * and window, without seconds of waiting for the next attempt once the host is back. Set for the
     * runs in this JVM while a test runs (test classes of a JVM run one after another), and given to
     * the runs started as processes ({@link #startProcess}).
     */
    static final String BACKOFF_PROPERTY = "drover.reconnectBackoffPercent";
    static final String BACKOFF_PERCENT = "25";

    /**
     * The step: record its session's sshd, wait for the test's "go", print five lines. It sleeps
     * before it records anything: the agent acknowledges a claim 100 ms after it (ClaimAck), and a
     * test that cuts the connection on seeing the pid file should find the claim acknowledged.
     */
    static final String PLAYBOOK = """
            - hosts: nodes
              gather_facts: false
              tasks:
                - name: Long step
                  shell: |
                    echo start >> {{ work }}/counter
                    sleep 0.5
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
        System.setProperty(BACKOFF_PROPERTY, BACKOFF_PERCENT);
    }

    @AfterEach
    void cleanUp(OpenSshLab.Lab lab) {
        System.clearProperty(BACKOFF_PROPERTY);
        if (work != null) {
            lab.ssh(lab.node("node1"), "rm -rf '" + work + "'");
        }
    }

    Path workDir(OpenSshLab.Lab lab) {
        String home = lab.ssh(lab.node("node1"), "mkdir -p drover-reattach && cd drover-reattach && mktemp -d $PWD/run.XXXXXX")
                .stdout().strip();
        work = Path.of(home);
        return work;
    }

    /** An inventory with node1 only, reached at {@code address:port}, its key pinned in {@code knownHosts}. */
    Path inventory(OpenSshLab.Lab lab, String address, int port, Path knownHosts, String extraVars) throws IOException {
        Path inv = dir.resolve("hosts-" + UUID.randomUUID() + ".ini");
        Files.writeString(inv, "[nodes]\nnode1 ansible_host=" + address + " ansible_port=" + port + "\n\n[nodes:vars]\n"
                + "ansible_user=" + lab.user() + "\nansible_ssh_private_key_file=" + lab.clientKey() + "\n"
                + "drover_known_hosts_file=" + knownHosts + "\ndrover_keepalive_interval=1\n" + extraVars);
        return inv;
    }

    Path inventory(OpenSshLab.Lab lab, String extraVars) throws IOException {
        OpenSshLab.Node n = lab.node("node1");
        return inventory(lab, n.address(), n.port(), lab.knownHosts(), extraVars);
    }

    String[] run(Path inventory, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("run", "-i", inventory.toString(), playbook.toString(),
                "-e", "work=" + work, "--extra-vars-safe", "work", "--state-dir", dir.resolve("state").toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /** The long step's shell script, as {@code drover exec} sends it (the playbook's, {@code work} filled in). */
    String stepScript() {
        String block = PLAYBOOK.substring(PLAYBOOK.indexOf("shell: |\n") + "shell: |\n".length(), PLAYBOOK.indexOf("      register:"));
        return block.replace("            ", "").replace("{{ work }}", work.toString());
    }

    /** {@code drover exec node1 -m command -- sh -c <the long step>} in this JVM, on a thread of its own. */
    CompletableFuture<CliRun> startExec(Path inventory) {
        String[] args = {"exec", "-i", inventory.toString(), "node1", "-m", "command", "--", "sh", "-c", stepScript()};
        return CompletableFuture.supplyAsync(() -> CliRun.of(args), r -> {
            Thread t = new Thread(r, "drover exec");
            t.setDaemon(true);
            t.start();
        });
    }

    CompletableFuture<CliRun> start(Path inventory) {
        String[] args = run(inventory);
        return CompletableFuture.supplyAsync(() -> CliRun.of(args), r -> {
            Thread t = new Thread(r, "drover run");
            t.setDaemon(true);
            t.start();
        });
    }

    long awaitPid(String name) throws Exception {
        Path f = work.resolve(name);
        for (int i = 0; i < 600; i++) {
            if (Files.exists(f) && !Files.readString(f).isBlank()) {
                return Long.parseLong(Files.readString(f).strip());
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the step never wrote " + f);
    }

    void go() throws IOException {
        Files.writeString(work.resolve("go"), "");
    }

    String counter() throws IOException {
        Path f = work.resolve("counter");
        return Files.exists(f) ? Files.readString(f) : "";
    }

    /**
     * The spool of this test's step on node1 (the lab's nodes are this machine): the directory
     * under the login user's {@code ~/.cache/drover/steps} whose claim names the step's agent.
     * Other checkouts' spools live beside it (the lab user is machine-wide), so none is touched.
     */
    Path stepSpool() throws Exception {
        String agent = Long.toString(awaitPid("agent.pid"));
        Path steps = work.getParent().getParent().resolve(".cache/drover/steps");
        try (var spools = Files.list(steps)) {
            for (Path spool : spools.toList()) {
                Path claim = spool.resolve("claim");
                if (Files.exists(claim) && Files.readAllLines(claim).contains("agent_pid=" + agent)) {
                    return spool;
                }
            }
        }
        throw new AssertionError("no spool in " + steps + " claimed by agent " + agent);
    }

    /** Waits until the step's spool holds its result: the step ended on the host. */
    Path awaitSpooledResult() throws Exception {
        Path spool = stepSpool();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(spool.resolve("result.json"))) {
            assertTrue(System.nanoTime() < deadline, "the step never spooled its result in " + spool);
            Thread.sleep(100);
        }
        return spool;
    }

    static void kill9(long pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }

    void assertCompletedOnce(CliRun r) throws IOException {
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("start\nend\nafter\n", counter(), "the step ran exactly once, to its end");
        assertTrue(r.out().contains("5 lines, last line 5"), "the step's output is complete\n" + r);
    }

    /**
     * Starts node1's sshd again after the test killed it: the lab's sshd, config and host key, as
     * {@code lab.sh up} starts it ({@code start_node}), then waits until its pid file names a live
     * sshd of that config, which sshd writes once its socket is bound ({@code await_node}). Not
     * {@code lab.sh up} itself: that also checks the machine-wide users and sudoers under a lock
     * other labs share and logs in to every node, 12-20 s on a loaded machine, none of it what
     * these tests cut.
     */
    void restartSshd(OpenSshLab.Lab lab) throws Exception {
        Path node = lab.dir().resolve("node1");
        Path config = node.resolve("sshd_config");
        Path out = dir.resolve("sshd-restart.out");
        Process sshd = new ProcessBuilder("/usr/sbin/sshd", "-f", config.toString(), "-E", node.resolve("sshd.log").toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start(); // sshd forks and its parent exits
        assertTrue(sshd.waitFor(30, TimeUnit.SECONDS) && sshd.exitValue() == 0, () -> "sshd did not start: " + read(out));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!listening(node.resolve("sshd.pid"), config)) {
            assertTrue(System.nanoTime() < deadline, () -> "node1's sshd did not listen within 30 s: " + read(node.resolve("sshd.log")));
            Thread.sleep(20);
        }
    }

    /** Whether {@code pidFile} names a live process started with {@code config} (not the killed one's stale pid). */
    private static boolean listening(Path pidFile, Path config) throws IOException {
        String pid = Files.exists(pidFile) ? Files.readString(pidFile).strip() : "";
        if (!pid.matches("\\d+")) {
            return false;
        }
        try {
            String cmdline = Files.readString(Path.of("/proc", pid, "cmdline")).replace('\0', ' ');
            return cmdline.contains(config.toString());
        } catch (IOException gone) {
            return false;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(" + file + ": " + e.getMessage() + ")";
        }
    }

    /** node1's key, pinned for the relay's address. */
    Path knownHostsFor(OpenSshLab.Lab lab, BlackholeRelay relay) throws IOException {
        OpenSshLab.Node n = lab.node("node1");
        String prefix = "[" + n.address() + "]:" + n.port() + " ";
        String line = Files.readAllLines(lab.knownHosts()).stream().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow();
        Path kh = dir.resolve("known_hosts_relay");
        Files.writeString(kh, "[" + relay.address() + "]:" + relay.port() + " " + line.substring(prefix.length()) + "\n");
        return kh;
    }

    /** A private sshd at 127.0.0.43 that drops a client silent for 2 s (the lab's nodes never do). */
    PrivateSshd impatientSshd(OpenSshLab.Lab lab) throws Exception {
        return new PrivateSshd(lab, "127.0.0.43", dir.resolve("impatient-sshd"), "ClientAliveInterval 1", "ClientAliveCountMax 2");
    }

    /** {@code drover run} as a process of its own, reaching node1 through {@code sshd}. */
    DroverProcess startThrough(OpenSshLab.Lab lab, PrivateSshd sshd, String name) throws IOException {
        return startProcess(name, Map.of(), run(inventory(lab, sshd.address(), sshd.port(), sshd.knownHosts(), "")));
    }

    /** drover as a process of its own ({@link DroverProcess}), with this fixture's reconnect backoff. */
    DroverProcess startProcess(String name, Map<String, String> env, String... args) throws IOException {
        return DroverProcess.startWithJvmOptions(List.of("-D" + BACKOFF_PROPERTY + "=" + BACKOFF_PERCENT), dir, name, env, args);
    }

    /**
     * Waits until the run has declared node1's connection lost (its journal's {@code connection_lost}),
     * then {@code moreMs} longer: a blackhole lifted after that has outlasted the keepalive's
     * detection and the reconnect attempts made during it.
     */
    void awaitConnectionLost(int journal, long moreMs) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!(runs() > journal && journal(journal).contains("\"connection_lost\""))) {
            assertTrue(System.nanoTime() < deadline, "the run never noticed the cut");
            Thread.sleep(100);
        }
        Thread.sleep(moreMs);
    }

    /** Pauses the controller until the host's sshd has dropped its session. */
    void pauseUntilSshdDropsTheSession(DroverProcess p, long session) throws Exception {
        new ProcessBuilder("kill", "-STOP", Long.toString(p.process.pid())).start().waitFor();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (ProcessHandle.of(session).map(ProcessHandle::isAlive).orElse(false)) {
            assertTrue(System.nanoTime() < deadline, "sshd never dropped the paused controller's session");
            Thread.sleep(200);
        }
    }

    long runs() throws IOException {
        try (var runs = Files.list(dir.resolve("state/runs"))) {
            return runs.filter(Files::isDirectory).count();
        }
    }

    /** The {@code n}th journal of the state directory, oldest first. */
    String journal(int n) throws IOException {
        try (var runs = Files.list(dir.resolve("state/runs"))) {
            Path journal = runs.filter(Files::isDirectory).sorted().toList().get(n).resolve("journal.jsonl");
            return Files.exists(journal) ? Files.readString(journal) : ""; // a run directory made, its journal not yet
        }
    }

    /**
     * {@code --resume last} while the cut step still runs on the host: the resumed run reaches the
     * step and waits for it (no second copy), then takes its end when it comes.
     */
    void resumeWhileTheStepRuns() throws Exception {
        CompletableFuture<CliRun> resumed = CompletableFuture.supplyAsync(
                () -> CliRun.of("run", "--resume", "last", "--state-dir", dir.resolve("state").toString()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!(runs() == 2 && journal(1).contains("\"task_start\"") && journal(1).contains("Long step"))) {
            assertTrue(System.nanoTime() < deadline && !resumed.isDone(), "the resumed run never reached the step");
            Thread.sleep(200);
        }
        Thread.sleep(2000); // time enough for a wrong second copy to start
        assertEquals("start\n", counter(), "the resumed run did not start a second copy");
        go();
        assertCompletedOnce(resumed.get(120, TimeUnit.SECONDS));
    }

    /** Waits until the run {@code p} prints that it reconnects. */
    static void awaitReconnecting(DroverProcess p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!p.out().contains("node1: connection lost, reconnecting")) {
            assertTrue(System.nanoTime() < deadline && p.process.isAlive(), "the run never noticed the cut\n" + p);
            Thread.sleep(200);
        }
    }

    static void killController(DroverProcess p) throws InterruptedException {
        p.process.destroyForcibly();
        p.process.waitFor(30, TimeUnit.SECONDS);
    }
}
