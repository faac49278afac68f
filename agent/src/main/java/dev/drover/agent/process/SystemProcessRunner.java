package dev.drover.agent.process;

import dev.drover.agent.module.ModuleException;
import dev.drover.agent.module.ProcessRunner;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs child processes with {@link ProcessBuilder}: no shell, standard input from /dev/null unless
 * bytes are given, stdout and stderr captured in memory, each on its own thread (never inherited:
 * the agent's stdout is the frame stream).
 *
 * <p>Waiting follows Ansible: the call returns when the process has exited <em>and</em> both
 * output pipes are closed, so a background child that keeps a pipe open keeps the call waiting.
 * With a timeout, the process and its descendants are killed when it expires (SIGTERM, then SIGKILL
 * after a grace period) and the result has rc -1. A pipe still held open past the deadline by
 * something outside the tree (a daemon it started) is abandoned: the call returns what was
 * captured, and the daemon reader thread ends whenever that pipe closes.
 *
 * <p>Thread-safe: each call uses only its own threads and state.
 */
public final class SystemProcessRunner implements ProcessRunner {
    /** Per stream. A result carries stdout and stdout_lines, so two streams fit a 64 MiB frame. */
    public static final int DEFAULT_CAPTURE_LIMIT = 8 << 20;

    private static final long TERMINATE_GRACE_MILLIS = 3_000;
    private static final long ABANDON_OUTPUT_MILLIS = 2_000;
    private static final File NULL_DEVICE = new File("/dev/null");
    private static final Pattern ERRNO = Pattern.compile("error=(\\d+), (.*)");

    private final int captureLimit;
    private final ProcessObserver observer;

    public SystemProcessRunner() {
        this(DEFAULT_CAPTURE_LIMIT);
    }

    /** A runner whose children are reported to {@code observer} (a step's spool). */
    public SystemProcessRunner(ProcessObserver observer) {
        this(DEFAULT_CAPTURE_LIMIT, observer);
    }

    /** @param captureLimit bytes kept per output stream; the rest is read and discarded */
    public SystemProcessRunner(int captureLimit) {
        this(captureLimit, null);
    }

    private SystemProcessRunner(int captureLimit, ProcessObserver observer) {
        this.observer = observer;
        if (captureLimit < 0) {
            throw new IllegalArgumentException("captureLimit must not be negative: " + captureLimit);
        }
        this.captureLimit = captureLimit;
    }

    @Override
    public Completed run(List<String> argv, String cwd, Map<String, String> env, byte[] stdin, long timeoutMillis)
            throws ModuleException {
        if (argv == null || argv.isEmpty() || argv.get(0).isEmpty()) {
            throw new ModuleException("no command given");
        }
        String program = argv.get(0);
        ProcessBuilder builder = new ProcessBuilder(argv);
        if (cwd != null) {
            File dir = new File(cwd);
            if (!dir.isDirectory()) {
                throw new ModuleException("cannot run '" + program + "': working directory '" + cwd + "' "
                        + (dir.exists() ? "is not a directory" : "does not exist"));
            }
            builder.directory(dir);
        }
        if (env != null && !env.isEmpty()) {
            // Only then: the first call copies the agent's whole environment into a map, and start()
            // encodes that copy again, where an untouched builder passes the agent's own on as is.
            builder.environment().putAll(env);
        }
        if (stdin == null) {
            builder.redirectInput(ProcessBuilder.Redirect.from(NULL_DEVICE));
        }

        long startMillis = System.currentTimeMillis();
        long t0 = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw cannotRun(program, e);
        }
        if (observer != null) {
            observer.started(ProcessTree.pid(process));
        }
        OutputCapture out = OutputCapture.start(process.getInputStream(), captureLimit, observer);
        OutputCapture err = OutputCapture.start(process.getErrorStream(), captureLimit, observer);
        if (stdin != null) {
            feed(process, stdin);
        }

        boolean timedOut;
        try {
            timedOut = !awaitExit(process, timeoutMillis);
            if (timedOut) {
                ProcessTree.kill(process, TERMINATE_GRACE_MILLIS);
                out.awaitEnd(ABANDON_OUTPUT_MILLIS);
                err.awaitEnd(ABANDON_OUTPUT_MILLIS);
            } else {
                // Exited in time; with a timeout, a pipe still held open by something it started
                // (outside its tree by now) is waited for only until the deadline.
                out.awaitEnd(remaining(t0, timeoutMillis));
                err.awaitEnd(remaining(t0, timeoutMillis));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new ModuleException("interrupted while running '" + program + "'");
        }
        long endMillis = startMillis + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        int rc = timedOut ? -1 : process.exitValue();
        return new Completed(rc, out.text(), err.text(), startMillis, endMillis, timedOut,
                out.truncated(), err.truncated());
    }

    private static boolean awaitExit(Process process, long timeoutMillis) throws InterruptedException {
        if (timeoutMillis <= 0) {
            process.waitFor();
            return true;
        }
        return process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** Milliseconds left until the deadline, at least 1; 0 (wait without limit) when there is no timeout. */
    private static long remaining(long t0, long timeoutMillis) {
        if (timeoutMillis <= 0) {
            return 0;
        }
        return Math.max(1, timeoutMillis - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }

    /** Writes stdin on its own thread: a child that fills its stdout before reading must not deadlock us. */
    private static void feed(final Process process, final byte[] bytes) {
        Thread writer = new Thread(new Runnable() {
            @Override
            public void run() {
                try (OutputStream in = process.getOutputStream()) {
                    in.write(bytes);
                } catch (IOException e) {
                    // The child exited or closed its stdin without reading everything: its choice.
                }
            }
        }, "drover-stdin");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Kills a process the agent did not start itself (a step whose connection's grace ran out, found
     * by the pid its spool recorded) with its descendants: SIGTERM, then SIGKILL after the grace.
     */
    public static void killTree(long pid) throws InterruptedException {
        ProcessTree.kill(pid, TERMINATE_GRACE_MILLIS);
    }

    /** "Cannot run program "x": error=2, No such file or directory" becomes "cannot run 'x': No such ...". */
    private static ModuleException cannotRun(String program, IOException e) {
        String text = e.getMessage() == null ? e.toString() : e.getMessage();
        Matcher m = ERRNO.matcher(text);
        if (m.find()) {
            return new ModuleException("cannot run '" + program + "': " + m.group(2), e)
                    .with("rc", Integer.parseInt(m.group(1)));
        }
        return new ModuleException("cannot run '" + program + "': " + text, e);
    }
}
