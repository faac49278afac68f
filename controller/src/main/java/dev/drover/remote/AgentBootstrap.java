package dev.drover.remote;

import dev.drover.protocol.Preamble;
import dev.drover.transport.BlockingReads;
import dev.drover.transport.FileTransferUnavailableException;
import dev.drover.transport.RemoteProcess;
import dev.drover.transport.Transport;
import dev.drover.transport.TransportException;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Puts the agent jar on a host and starts it, in one exec when the host's cache is warm.
 *
 * <p>The cache is content-addressed: {@code <cacheDir>/<sha256>.jar}. Every start re-checks the
 * file's hash on the host (a truncated or tampered jar is replaced, never run). On a miss the jar is
 * uploaded to a unique temporary name in the same directory, its hash verified there, and renamed
 * over the final name: rename is atomic within a directory, so two runs starting at once each
 * install a complete jar and neither sees a partial one.
 */
public final class AgentBootstrap {
    static final String NEED_UPLOAD = "@@DROVER-NEED-UPLOAD@@";
    static final String UPLOAD_CORRUPT = "@@DROVER-UPLOAD-CORRUPT@@";
    private static final int STDERR_TAIL_BYTES = 16 * 1024;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AgentJar jar;

    public AgentBootstrap(AgentJar jar) {
        this.jar = jar;
    }

    /** A started agent and whether this start had to upload the jar. */
    public record Started(AgentClient client, boolean uploaded) {
    }

    /**
     * Starts the agent as the login user or, with {@link AgentOptions#become()}, as the become user
     * through sudo or su ({@link BecomeStart}; that user keeps its own cache under its own home).
     */
    public Started start(Transport transport, AgentOptions options) throws AgentException, TransportException {
        if (options.become() != null) {
            return new BecomeStart(jar).start(transport, options);
        }
        String dir = options.validatedCacheDir();
        String jarPath = dir + "/" + jar.sha256() + ".jar";
        Attempt warm = launch(transport, options, startScript(options, jarPath));
        if (warm.client != null) {
            return new Started(warm.client, false);
        }
        if (!warm.output.contains(NEED_UPLOAD)) {
            throw warm.failure(options);
        }
        String tmpPath = jarPath + ".tmp." + HexFormat.of().formatHex(randomBytes());
        try {
            transport.upload(new ByteArrayInputStream(jar.bytes()), jar.size(), tmpPath, 0644);
        } catch (FileTransferUnavailableException e) {
            // No SFTP on this host (hardened sshd): the jar goes over the exec channel, as for become.
            return new BecomeStart(jar).startOverExec(transport, options);
        } catch (TransportException e) {
            if (e.unreachable()) {
                throw e; // nothing can be cleaned now; the next start sweeps stale temp files
            }
            throw uploadFailed(transport, dir, tmpPath, e);
        }
        Attempt cold = launch(transport, options, installScript(options, tmpPath, jarPath));
        if (cold.client != null) {
            return new Started(cold.client, true);
        }
        if (cold.output.contains(UPLOAD_CORRUPT)) {
            throw new AgentException("the uploaded agent jar arrived corrupted (sha256 mismatch at " + tmpPath
                    + "); check the host's disk space and the connection");
        }
        throw cold.failure(options);
    }

    /**
     * After a failed SFTP upload: removes the partial temp file, asks how much room the cache
     * directory has, and says "no space" in words when that is why.
     */
    private AgentException uploadFailed(Transport transport, String dir, String tmpPath, TransportException e)
            throws TransportException {
        String free = "";
        try {
            free = transport.run("/bin/sh -c " + shellQuote("rm -f " + pathExpr(tmpPath) + "; df -Pk " + pathExpr(dir)
                    + " 2>/dev/null | awk 'NR==2 {print $4}'"), Duration.ofSeconds(30)).stdout().strip();
        } catch (TransportException cleanup) {
            e.addSuppressed(cleanup);
            throw e;
        }
        if (DiskSpace.tooLittle(free, jar.size())) {
            return DiskSpace.writeFailed(transport.hostName(), dir, jar.size(), free, e.getMessage());
        }
        return new AgentException("uploading the agent jar failed: " + e.getMessage() + " (the partial upload "
                + tmpPath + " was removed)", e);
    }

    /** Either a client, or what the remote side printed before giving up. */
    record Attempt(AgentClient client, String output, int exitCode) {
        AgentException failure(AgentOptions options) {
            String text = output.strip();
            if (text.contains("UnsupportedClassVersionError") || text.contains("has been compiled by a more recent version")) {
                return new AgentException("java ('" + options.javaCommand() + "') is too old: the agent needs Java 8 or newer;"
                        + " set the host variable drover_java to a newer java binary");
            }
            if (exitCode == 127 || text.matches("(?s).*(not found|No such file or directory).*")) {
                return new AgentException("java ('" + options.javaCommand() + "') was not found on the host;"
                        + " install Java 8+ or set the host variable drover_java to its path"
                        + " (ACS installers bundle one: <install dir>/java/bin/java)"
                        + (text.isEmpty() ? "" : " [" + AgentClient.lastLines(text, 3) + "]"));
            }
            return new AgentException("the agent did not start (exit " + exitCode + ")"
                    + (text.isEmpty() ? "" : ": " + AgentClient.lastLines(text, 5)));
        }
    }

    private Attempt launch(Transport transport, AgentOptions options, String script) throws TransportException, AgentException {
        RemoteProcess process = transport.exec("/bin/sh -c " + shellQuote(script));
        OutputTail stderr = new OutputTail(process.stderr(), STDERR_TAIL_BYTES, "drover-agent-stderr-" + transport.hostName());
        BufferedInputStream stdout = new BufferedInputStream(process.stdout(), 1 << 16);
        CompletableFuture<Preamble.Found> preamble = BlockingReads.onOwnThread("drover-agent-preamble-" + transport.hostName(), () -> {
            try {
                return Preamble.read(stdout);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try {
            preamble.get(options.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return new Attempt(AgentClient.handshake(transport.hostName(), process, stdout, stderr), "", 0);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof java.io.UncheckedIOException u ? u.getCause() : e.getCause();
            String printed = cause instanceof Preamble.NoPreambleException np ? np.output() : String.valueOf(cause.getMessage());
            int rc = exitCode(process);
            String all = (printed + "\n" + stderr.text(1000)).strip();
            process.close();
            return new Attempt(null, all, rc);
        } catch (TimeoutException e) {
            process.close();
            String said = stderr.text(100).strip();
            throw new AgentException("the agent did not start within " + options.startTimeout().toMillis() / 1000.0
                    + " s (raise drover_agent_start_timeout for slow hosts)"
                    + (said.isEmpty() ? "" : "; stderr: " + AgentClient.lastLines(said, 3)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.close();
            throw new AgentException("interrupted while starting the agent", e);
        } catch (AgentException e) {
            process.close();
            throw e;
        }
    }

    private static int exitCode(RemoteProcess process) {
        try {
            return process.waitFor(Duration.ofSeconds(5)).orElse(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    /** Runs the cached jar if its hash is right; otherwise says it needs an upload. */
    String startScript(AgentOptions options, String jarPath) {
        return "f=" + pathExpr(jarPath) + "\n"
                + hashFunction()
                + "if [ \"$(h \"$f\")\" = '" + jar.sha256() + "' ]; then exec " + java(options) + " -jar \"$f\"; fi\n"
                + "d=" + pathExpr(jarPath.substring(0, Math.max(1, jarPath.lastIndexOf('/')))) + "\n"
                + sweepStaleTemps("$d")
                + ownerOnlyDir("$d")
                + "echo '" + NEED_UPLOAD + "'\n";
    }

    /** Verifies the uploaded temp file, moves it into place atomically and runs it. */
    String installScript(AgentOptions options, String tmpPath, String jarPath) {
        return "t=" + pathExpr(tmpPath) + "\nf=" + pathExpr(jarPath) + "\n"
                + hashFunction()
                + "if [ \"$(h \"$t\")\" != '" + jar.sha256() + "' ]; then rm -f \"$t\"; echo '" + UPLOAD_CORRUPT + "'; exit 1; fi\n"
                + "mv -f \"$t\" \"$f\" || exit 1\n"
                + "exec " + java(options) + " -jar \"$f\"\n";
    }

    /**
     * Removes temporary uploads older than an hour in directory {@code dirExpr} (a shell expression):
     * what a run killed mid-upload left. Younger ones may belong to a run uploading right now.
     */
    static String sweepStaleTemps(String dirExpr) {
        return "find \"" + dirExpr + "\"/ -maxdepth 1 -name '*.jar.tmp.*' -mmin +60 -exec rm -f {} + 2>/dev/null\n";
    }

    /**
     * Creates directory {@code dirExpr} owner-only ({@code 0700}) and tightens it if it exists: the
     * agent jar the controller trusts by hash must not be readable or replaceable by other local users.
     * A directory the user cannot change (a shared cache named by drover_agent_cache) is left as it is.
     */
    static String ownerOnlyDir(String dirExpr) {
        return "(umask 077 && mkdir -p \"" + dirExpr + "\") 2>/dev/null; chmod 700 \"" + dirExpr + "\" 2>/dev/null\n";
    }

    private static String hashFunction() {
        return "h() { (sha256sum \"$1\" || shasum -a 256 \"$1\") 2>/dev/null | cut -c1-64; }\n";
    }

    /**
     * The command after {@code exec} that starts the JVM.
     *
     * <p>Locale: an SSH exec often has no locale at all (no {@code LANG} forwarded, no PAM), and under
     * the POSIX locale Java encodes file names as ASCII, so a module touching {@code grüße.txt} would
     * crash. Like Ansible's modules ("best parsable locale"), the agent and the commands it runs get
     * {@code LC_ALL} set to C.UTF-8, else en_US.UTF-8, whichever the host has.
     *
     * <p>JVM flags for a small agent: serial GC (no GC threads per core), a modest thread stack, and
     * the client compiler only ({@code TieredStopAtLevel=1}): the agent waits on I/O and child
     * processes, and C2 gains it nothing but cost. With C2 on, a warm agent held by the persist
     * process spent most of its CPU in the C2 compiler thread, still compiling after hundreds of
     * steps (about 23 ms of CPU per {@code command: /bin/true} step, 62 of its 82 ticks in C2; see
     * docs/ssh.md "Latency"). Without {@code UsePerfData} the JVM keeps no
     * {@code /tmp/hsperfdata_<user>/<pid>} file, and its periodic thread no longer samples counters
     * every 50 ms for as long as a held agent lives. All four flags exist on Java 8.
     */
    static String java(AgentOptions options) {
        return "env LC_ALL=\"$(locale -a 2>/dev/null | grep -m1 -ixE 'c\\.utf-?8|en_us\\.utf-?8' || echo C.UTF-8)\" "
                + shellQuote(options.javaCommand()) + " -XX:+UseSerialGC -Xss1m -XX:TieredStopAtLevel=1 -XX:-UsePerfData"
                + options.javaOptions().stream().map(o -> " " + shellQuote(o)).collect(java.util.stream.Collectors.joining());
    }

    private static String pathExpr(String path) {
        return path.startsWith("/") ? shellQuote(path) : "\"$HOME\"/" + shellQuote(path);
    }

    static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return b;
    }
}
