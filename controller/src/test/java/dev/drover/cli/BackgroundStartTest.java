package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.testing.MinaSshServer;
import dev.drover.testing.TestKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a cold {@code exec} leaves for the next one (docs/persist.md): the persist process is started
 * only once the command's own work is done and its JVM has exited, so it never runs beside the cold
 * run it was started by, it is one JVM with the command worker, and the next runs still use it. Real JVMs as the launcher starts them ({@link ThinClientFixture}),
 * an SSH host (in-process Apache MINA running real processes on this machine) and a local one. What
 * ran during the command is told by the command itself: it counts the processes whose command line
 * is this test's persist process's; which agent answered, by the shell's parent pid on the SSH host;
 * which JVM ran the command, by the local host's shell's ancestors; logins, by the server's count.
 */
class BackgroundStartTest extends ThinClientFixture {
    private static final Pattern NODE1 = Pattern.compile("node1: persist-processes=(\\d+) ppid=(\\d+)");

    private MinaSshServer sshd;

    @BeforeEach
    void host() throws Exception {
        TestKeys.KeyFile key = TestKeys.generate(dir.resolve("id_ed25519"), TestKeys.Type.ED25519);
        sshd = MinaSshServer.builder(dir.resolve("host-home")).authorizedKey(key.publicKey()).start();
        Files.writeString(dir.resolve("known_hosts"), sshd.knownHostsLine() + "\n");
        Files.writeString(dir.resolve("ssh.ini"), "node1 ansible_host=127.0.0.1 ansible_port=" + sshd.port()
                + " ansible_user=" + sshd.user() + " ansible_ssh_private_key_file=" + key.privateKey() + "\n"
                + "local1 ansible_connection=local\n");
        env.put("DROVER_PERSIST", "60");
    }

    @AfterEach
    void stopPersist() throws Exception {
        runFull("stop", "persist", "stop"); // the persist process the runs started, with its agent
        sshd.close();
    }

    /**
     * The command each exec runs on both hosts: how many processes run this test's persist process
     * ({@code [p]} keeps the scan from counting the shell and grep themselves), the parent pid (the
     * agent's), and on the local host the pids from its shell up (the controller's JVM among them).
     */
    private String probe() {
        return "n=$(for f in /proc/[0-9]*/cmdline; do tr '\\000' ' ' < $f; echo; done 2>/dev/null"
                + " | grep -c '[p]ersist serve .*--persist-dir " + persistDir + "'); echo"
                + " {{ inventory_hostname }}: persist-processes=$n ppid=$PPID; " + ANCESTORS;
    }

    private String[] exec() {
        return new String[] {"exec", "-i", "ssh.ini", "--known-hosts", dir.resolve("known_hosts").toString(), "all",
            "-f", "1", "-m", "shell", "-a", probe()};
    }

    /** How many persist processes node1's command saw while the run was on. */
    private static int persistProcessesDuringTheRun(Outcome run) {
        return Integer.parseInt(node1(run).group(1));
    }

    private static long agentPid(Outcome run) {
        return Long.parseLong(node1(run).group(2));
    }

    private static Matcher node1(Outcome run) {
        assertEquals(0, run.code(), run::toString);
        Matcher m = NODE1.matcher(run.out());
        assertTrue(m.find(), run::toString);
        return m;
    }

    /** The pids from the local host's shell up: the JVM that ran the command is among them. */
    private static List<Long> localChain(Outcome run) {
        int at = run.out().indexOf("local1: ");
        assertTrue(at >= 0, run::toString);
        return ancestors(run.out().substring(at));
    }

    private void awaitPersistSocket() throws InterruptedException {
        for (int i = 0; i < 1200 && !Files.exists(persistDir.resolve("sock")); i++) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(persistDir.resolve("sock")), () -> "no persist process after the cold run: " + read("cold.err")
                + "\n" + read("persist/log"));
    }

    @Test
    void aColdExecStartsThePersistProcessOnlyWhenItsWorkIsDoneAndTheNextRunsUseIt() throws Exception {
        Outcome cold = runFull("cold", exec());
        assertEquals(0, persistProcessesDuringTheRun(cold), "the persist process ran beside the cold run: " + cold);
        assertFalse(cold.err().contains("WARNING"), cold::toString);
        assertEquals(1, sshd.userAuthRequested(), "the cold run logs in itself");

        // It was started as the run ended, and outlives it.
        awaitPersistSocket();
        Outcome second = runFull("second", exec());
        assertEquals(1, persistProcessesDuringTheRun(second), second::toString);
        long held = agentPid(second);
        Outcome third = runFull("third", exec());
        assertEquals(held, agentPid(third), "the persist process's agent answers the next runs");
        assertEquals(2, sshd.userAuthRequested(), "one login of the cold run, one of the persist process");
        assertNotEquals(agentPid(cold), held);

        // The command worker the cold run left is the persist process's own JVM: one start, not two.
        Outcome status = runFull("status", "persist", "status");
        Matcher pid = Pattern.compile("persist process (\\d+) on").matcher(status.out());
        assertTrue(pid.find(), status::toString);
        Outcome warm = runThin("warm", exec());
        assertTrue(localChain(warm).contains(Long.parseLong(pid.group(1))),
                () -> "the warm run was not run by the persist process's JVM " + pid.group(1) + ": " + warm);
        assertEquals(1, persistProcessesDuringTheRun(warm), warm::toString);
        assertEquals(0, jvmsFor(" persist work "), "a second background JVM");
    }

    /**
     * The background JVM is started by the CLI's exit, not before it: a CLI that takes 6 s to exit
     * after {@link Background#start} has no persist process beside it all that time (before, it
     * forked both JVMs there, and they took the CPU from the CLI's exit); once it is gone, the
     * process answers. ({@link BackgroundAfterExit} is {@link Main#main}'s end, slowed down.)
     */
    @Test
    void theBackgroundJvmStartsOnlyWhenTheCliHasExited() throws Exception {
        Process cli = start(List.of("-cp", System.getProperty("java.class.path"), BackgroundAfterExit.class.getName(),
                persistDir.toString(), "6000"), env, "slow");
        while (cli.isAlive() && !read("slow.out").contains("started")) {
            Thread.sleep(20);
        }
        int seen = 0;
        while (running(cli.pid())) {
            int n = jvmsFor(" persist serve ");
            if (running(cli.pid())) { // alive through the whole scan: what it found ran beside the CLI
                seen = Math.max(seen, n);
            }
            Thread.sleep(100);
        }
        cli.waitFor();
        assertEquals(0, cli.exitValue(), () -> read("slow.out") + read("slow.err"));
        assertTrue(read("slow.out").contains("started") && !read("slow.out").contains("WARNING"), () -> read("slow.out"));
        assertEquals(0, seen, "a background JVM ran while the CLI was still exiting");
        awaitPersistSocket();
        for (int i = 0; i < 600 && workerSockets().isEmpty(); i++) {
            Thread.sleep(50); // the worker's socket is bound just after the persist process's
        }
        assertEquals(1, workerSockets().size(), "no command worker");
        assertEquals(1, jvmsFor(" persist serve --work "), "one background JVM");
    }

    /**
     * A CLI that leaves a background JVM has no child process of its own to wait for as it exits:
     * HotSpot's exit waits until none of the JVM's threads is in native code, for up to 0.3 s, and
     * the reaper thread of a child process is in {@code waitpid} until that child ends. The waiter
     * was the CLI's child and ends only after the CLI, so every cold exec and run took 0.3 s more to
     * exit (strace: the VM thread's 10 ms waits, 30 of them, between the last write and exit_group).
     * The background JVM still starts once the CLI is gone.
     */
    @Test
    void theCliHasNoChildProcessLeftAsItExits() throws Exception {
        Process cli = start(List.of("-cp", System.getProperty("java.class.path"), BackgroundAfterExit.class.getName(),
                persistDir.toString(), "1500"), env, "exiting");
        while (cli.isAlive() && !read("exiting.out").contains("started")) {
            Thread.sleep(20);
        }
        List<String> children = cli.children().filter(ProcessHandle::isAlive)
                .map(c -> c.pid() + " " + c.info().command().orElse("?")).toList();
        assertTrue(cli.isAlive(), () -> read("exiting.out") + read("exiting.err"));
        assertEquals(List.of(), children, "child processes of the CLI as it exits");
        cli.waitFor();
        assertEquals(0, cli.exitValue(), () -> read("exiting.out") + read("exiting.err"));
        assertFalse(read("exiting.out").contains("WARNING"), () -> read("exiting.out"));
        awaitPersistSocket();
        for (int i = 0; i < 600 && workerSockets().isEmpty(); i++) {
            Thread.sleep(50);
        }
        assertEquals(1, workerSockets().size(), "no command worker");
    }

    /** A cold exec with --no-persist (a cron run's) leaves nothing: no socket, no background JVM. */
    @Test
    void aColdExecWithNoPersistLeavesNothing() throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of(exec()));
        args.add("--no-persist");
        Outcome run = runFull("cron", args.toArray(String[]::new));
        assertEquals(0, persistProcessesDuringTheRun(run), run::toString);
        Thread.sleep(3000);
        assertFalse(Files.exists(persistDir.resolve("sock")), () -> read("persist/log"));
        assertTrue(workerSockets().isEmpty(), () -> read("persist/log"));
        assertEquals(0, jvmsFor(" persist "), "a background JVM after --no-persist");
    }

    /** Whether {@code pid} runs: not gone and not a zombie (Process.isAlive lags behind its reaper). */
    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException gone) {
            return false;
        }
    }

    /**
     * How many processes run a JVM whose command line has {@code words} and this test's persist
     * directory, read from /proc (ProcessHandle's commandLine is empty for a command line as long
     * as the test's class path).
     */
    private int jvmsFor(String words) throws IOException {
        int n = 0;
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : procs) {
                String c;
                try {
                    c = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
                } catch (IOException gone) {
                    continue;
                }
                if (c.contains(words) && c.contains("--persist-dir " + persistDir + " ") && c.contains("java")) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void aWorkerStartsThePersistProcessAfterAnsweringItsClient() throws Exception {
        startWorker();
        Outcome first = runThin("first", exec());
        assertEquals(0, persistProcessesDuringTheRun(first), "the persist process ran beside the run: " + first);
        assertTrue(localChain(first).contains(worker.pid()), () -> "not run by the worker: " + first);
        assertFalse(first.err().contains("WARNING"), first::toString);

        awaitPersistSocket();
        long held = agentPid(runThin("second", exec()));
        assertEquals(held, agentPid(runThin("third", exec())), "the persist process's agent answers the next runs");
        assertEquals(2, sshd.userAuthRequested(), "one login of the first run, one of the persist process");
        assertTrue(read("worker.out").contains("command worker on"), () -> read("worker.out"));
    }
}
