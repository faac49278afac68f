package dev.drover.cli;

import dev.drover.persist.PersistClient;
import dev.drover.persist.PersistDir;
import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * What one {@code exec} or {@code run} leaves running for the next command: the persist process,
 * when none answered its first lease, and a command worker, when it ran in a JVM of its own. Both
 * are only noted while the command runs ({@link #wantPersist}, {@link #wantWorker}, from any
 * thread) and started by whoever ran it once its result is out, its output flushed and its exit
 * code final ({@link #start}): {@link Main#main} as its JVM exits, a command worker after it
 * answered its client. When both are wanted, one JVM is both ({@code drover persist serve --work}):
 * one JVM start instead of two.
 *
 * <p><b>After the exit, in a CLI of its own.</b> The first want, during the command, starts a
 * <em>waiter</em> on a thread of its own: a {@code /bin/sh} (its own session, output to
 * /dev/null) that reads what to start from a pipe whose other end only this JVM holds. {@link
 * #start} writes the command line there and leaves the pipe open; the kernel closes it when this
 * JVM exits, and only at that end of file does the waiter exec the background JVM. So the command's
 * exit status reaches its caller before any background JVM exists: a cold run neither forks a JVM
 * nor shares the CPU with one while it ends (the fork and the two JVMs starting beside the exit had
 * cost it 0.12-0.26 s of wall time). A CLI killed before {@link #start} leaves nothing: the waiter
 * sees the end of file without a command and exits. The waiter keeps the CLI's directory, umask
 * and environment (a worker's identity); where the shell could not pass the environment on
 * unchanged (a variable whose name is not a shell name), the background JVM is started directly,
 * as before, just before the exit.
 *
 * <p>Commands run in-process ({@link Main#run(String[], java.io.PrintWriter,
 * java.io.PrintWriter)}: tests, the demo) get one that is never started.
 */
final class Background {
    /** The waiter: restores PWD as the CLI had it (sh would set it), then reads the log's path,
     *  the arguments, and "." until end of file; without the "." it starts nothing. */
    private static final String WAITER = "IFS= read -r log || exit 0; go=;"
            + " while IFS= read -r a; do if [ \"$a\" = . ]; then go=1; else set -- \"$@\" \"$a\"; fi; done;"
            + " [ -n \"$go\" ] || exit 0; exec \"$@\" >>\"$log\" 2>&1 </dev/null";

    private final boolean workerAllowed;
    private final boolean afterExit;
    private volatile PersistDir persistDir;
    private volatile Duration persistKeep;
    private volatile PersistDir workerDir;
    private volatile Duration workerKeep;
    /** The waiter's pipe (afterExit only); null until the first want, or when it could not start. */
    private CompletableFuture<OutputStream> waiter;

    /** @param workerAllowed whether this command may start a command worker: an exec or run in its own JVM */
    Background(boolean workerAllowed) {
        this(workerAllowed, false);
    }

    private Background(boolean workerAllowed, boolean afterExit) {
        this.workerAllowed = workerAllowed;
        this.afterExit = afterExit;
    }

    /** For {@link Main#main}: a worker only for the commands workers serve, unless DROVER_THIN=0; started after the exit. */
    static Background ownJvm(String[] args) {
        return new Background(args.length > 0 && CommandWorker.SERVED.contains(args[0])
                && !"0".equals(System.getenv("DROVER_THIN")), true);
    }

    /** No persist process answered in {@code dir}: start one after the command. */
    void wantPersist(PersistDir dir, Duration keep) {
        persistKeep = keep;
        persistDir = dir;
        prepare();
    }

    /** This command ran with persist on in {@code dir}: start a worker for its directory and environment after it. */
    void wantWorker(PersistDir dir, Duration keep) {
        if (workerAllowed) {
            workerKeep = keep;
            workerDir = dir;
            prepare();
        }
    }

    /** Starts the waiter, once, off the caller's thread (a host's or the command's). */
    private synchronized void prepare() {
        if (afterExit && waiter == null) {
            waiter = CompletableFuture.supplyAsync(Background::startWaiter, runnable -> {
                Thread t = new Thread(runnable, "drover-background-waiter");
                t.setDaemon(true);
                t.start();
            });
        }
    }

    /**
     * Starts what was wanted and does not answer yet (another command may have started it
     * meanwhile): one JVM that is the persist process and the worker when both are wanted.
     * Failures are {@code notes}, never errors. Called once, after the command; in a CLI of its own
     * the JVM starts once this one has exited (see the class comment).
     */
    void start(Consumer<String> notes) {
        PersistDir persist = persistDir;
        PersistDir worker = workerDir;
        persistDir = null;
        workerDir = null;
        boolean serve = persist != null && !PersistClient.answers(persist);
        boolean work = worker != null && !CommandWorker.answers(worker);
        if (serve && work && !persist.dir().equals(worker.dir())) {
            launch(persist, List.of("persist", "serve"), persistKeep, notes);
            launch(worker, List.of("persist", "work"), workerKeep, notes);
        } else if (serve) {
            launch(persist, work ? List.of("persist", "serve", "--work") : List.of("persist", "serve"), persistKeep, notes);
        } else if (work) {
            launch(worker, List.of("persist", "work"), workerKeep, notes);
        }
    }

    private void launch(PersistDir dir, List<String> action, Duration keep, Consumer<String> notes) {
        String what = action.contains("work") ? action.contains("serve") ? "the persist process and a command worker"
                : "a command worker" : "the persist process";
        try {
            dir.secure();
            List<String> args = new ArrayList<>(action);
            args.addAll(List.of("--persist-dir", dir.dir().toString(), "--persist", String.valueOf(keep.toSeconds())));
            OutputStream pipe = pipe();
            if (pipe != null && args.stream().noneMatch(a -> a.indexOf('\n') >= 0) && dir.log().toString().indexOf('\n') < 0) {
                StringBuilder lines = new StringBuilder(dir.log().toString()).append('\n');
                args.forEach(a -> lines.append(a).append('\n'));
                // "." last: a waiter that sees the end of file before it starts nothing.
                pipe.write(lines.append(".\n").toString().getBytes(StandardCharsets.UTF_8));
                pipe.flush();
                synchronized (this) {
                    waiter = CompletableFuture.completedFuture(null); // one JVM per waiter
                }
                return; // left open: this JVM's exit closes it
            }
            List<String> cmd = new ArrayList<>(setsid());
            cmd.addAll(jvm());
            cmd.addAll(args);
            new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.log().toFile()))
                    .redirectErrorStream(true).start();
        } catch (IOException | RuntimeException e) {
            notes.accept("persist process: could not start " + what + " (" + e.getMessage() + "); the next run connects directly too");
        }
    }

    /** The waiter's pipe, once its start is done; null when there is none. */
    private OutputStream pipe() {
        CompletableFuture<OutputStream> w;
        synchronized (this) {
            w = waiter;
        }
        return w == null ? null : w.join();
    }

    /**
     * Starts the waiter; null when it cannot keep the environment exactly or could not start. The
     * waiter is no child of this JVM, and the pipe's end returned is no {@link Process}'s stream:
     * a JVM exits only once none of its threads is in native code, or after 0.3 s of waiting for
     * them, and a child's reaper thread sits in {@code waitpid} until the child ends, which the
     * waiter does only after this JVM did. So the JVM starts a short-lived shell, {@code read -r _ |
     * setsid -f sh WAITER}: the waiter, forked away from it in a session of its own, prints its pid
     * and reads from the pipeline's pipe, whose write end this JVM then opens itself through {@code
     * /proc/<pid>/fd/0}; closing the shell's stdin ends the {@code read}, the shell exits, and this
     * JVM's own end is the waiter's only writer left. (With the waiter as its child, every cold run's
     * exit took 0.3 s more: 1.96 s against 1.63 s for the build before, bench/cold-vs-before.sh.)
     */
    private static OutputStream startWaiter() {
        Map<String, String> env = System.getenv();
        if (!env.keySet().stream().allMatch(k -> k.matches("[A-Za-z_][A-Za-z0-9_]*"))) {
            return null; // sh would drop it, and a worker's identity is the whole environment
        }
        List<String> setsid = setsid();
        if (setsid.isEmpty()) {
            return null; // started directly instead
        }
        String pwd = env.get("PWD");
        String waiter = "echo $$; exec >/dev/null 2>&1; "
                + (pwd == null ? "unset PWD; " : "PWD=" + quote(pwd) + "; export PWD; ") + WAITER;
        List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c",
                "w=$1; shift; read -r _ | " + setsid.get(0) + " -f /bin/sh -c \"$w\" drover-background \"$@\"",
                "drover-background", waiter));
        cmd.addAll(jvm());
        Process shell;
        try {
            shell = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException | RuntimeException e) {
            return null; // started directly instead
        }
        OutputStream pipe = null;
        try {
            String pid = new BufferedReader(new InputStreamReader(shell.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            if (pid != null && pid.matches("[1-9][0-9]{0,9}")) {
                pipe = new FileOutputStream("/proc/" + pid + "/fd/0");
            }
        } catch (IOException | RuntimeException e) {
            // no waiter, or its pipe could not be opened: started directly instead
        } finally {
            try {
                shell.getOutputStream().close(); // the read ends, and with it the shell
                shell.getInputStream().close();
                shell.waitFor(5, TimeUnit.SECONDS); // so that no reaper thread is left waiting for it
            } catch (IOException e) {
                // the shell is gone already
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return pipe;
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static List<String> setsid() {
        // Its own session: the terminal's Ctrl-C does not reach it.
        return Files.isExecutable(Path.of("/usr/bin/setsid")) ? List.of("/usr/bin/setsid") : List.of();
    }

    /**
     * The background JVM: this JVM's java and class path; C1, the serial collector, small stacks, no
     * perf data (its sampler thread wakes every 50 ms for as long as the process lives).
     */
    private static List<String> jvm() {
        return List.of(ProcessHandle.current().info().command().orElse("java"), "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Xss512k", "-Xshare:auto", "-XX:-UsePerfData", "-cp", System.getProperty("java.class.path"),
                Main.class.getName());
    }
}
