package dev.drover.testing;

import dev.drover.transport.ExecResult;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the lab's local commands (lab.sh, the OpenSSH client) to completion with a deadline. Both
 * output streams are drained while the process runs, so a chatty command cannot block on a full
 * pipe; a command that overruns its deadline is killed and reported, never waited for forever.
 */
final class OpenSshLabProcesses {

    private OpenSshLabProcesses() {
    }

    /** Runs {@code argv}; stdout and stderr are kept apart. */
    static ExecResult run(List<String> argv, Duration timeout) {
        return execute(new ProcessBuilder(argv), argv, timeout);
    }

    /** Runs {@code argv} with stderr merged into stdout (the result's stderr is empty). */
    static ExecResult runMerged(List<String> argv, Duration timeout) {
        return execute(new ProcessBuilder(argv).redirectErrorStream(true), argv, timeout);
    }

    private static ExecResult execute(ProcessBuilder builder, List<String> argv, Duration timeout) {
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        String command = String.join(" ", argv);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command + ": " + e.getMessage(), e);
        }
        FutureTask<String> stdout = drain(process.getInputStream(), command);
        FutureTask<String> stderr = drain(process.getErrorStream(), command);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish within " + timeout.toSeconds() + " s");
            }
            // A daemon started by the command may have inherited the pipes: don't wait for it.
            return new ExecResult(process.exitValue(), stdout.get(5, TimeUnit.SECONDS),
                    stderr.get(5, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the output of " + command + ": " + e, e);
        }
    }

    /** Reads {@code stream} to its end on a thread of its own (the common pool may have one thread). */
    private static FutureTask<String> drain(InputStream stream, String command) {
        FutureTask<String> task = new FutureTask<>(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            }
        });
        Thread reader = new Thread(task, "output of " + command);
        reader.setDaemon(true);
        reader.start();
        return task;
    }
}
