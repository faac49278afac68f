package dev.drover.agent.module;

import java.util.List;
import java.util.Map;

/**
 * Runs child processes for modules with stdout and stderr captured (never inherited: the agent's
 * stdout is the frame stream). Standard input is {@code stdin} if given, otherwise empty.
 */
public interface ProcessRunner {

    /**
     * @param argv    program and arguments, no shell involved
     * @param cwd     working directory, or null for the agent's
     * @param env     variables added to (overriding) the agent's environment
     * @param stdin   bytes fed to standard input, or null for none
     * @param timeoutMillis 0 for no limit; on expiry the process tree is killed and the result has rc -1
     * @throws ModuleException when the program cannot be started (names the program and the reason)
     */
    Completed run(List<String> argv, String cwd, Map<String, String> env, byte[] stdin, long timeoutMillis)
            throws ModuleException;

    /**
     * A finished process. Times are epoch milliseconds. Output is kept up to a limit per stream; the
     * {@code ...Truncated} flags say that more was produced (and discarded) so a module can warn.
     */
    final class Completed {
        public final int rc;
        public final String stdout;
        public final String stderr;
        public final long startMillis;
        public final long endMillis;
        public final boolean timedOut;
        public final boolean stdoutTruncated;
        public final boolean stderrTruncated;

        public Completed(int rc, String stdout, String stderr, long startMillis, long endMillis, boolean timedOut) {
            this(rc, stdout, stderr, startMillis, endMillis, timedOut, false, false);
        }

        public Completed(int rc, String stdout, String stderr, long startMillis, long endMillis, boolean timedOut,
                         boolean stdoutTruncated, boolean stderrTruncated) {
            this.rc = rc;
            this.stdout = stdout;
            this.stderr = stderr;
            this.startMillis = startMillis;
            this.endMillis = endMillis;
            this.timedOut = timedOut;
            this.stdoutTruncated = stdoutTruncated;
            this.stderrTruncated = stderrTruncated;
        }
    }
}
