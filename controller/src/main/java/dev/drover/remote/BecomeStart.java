package dev.drover.remote;

import dev.drover.protocol.Preamble;
import dev.drover.secret.Secret;
import dev.drover.transport.RemoteProcess;
import dev.drover.transport.Transport;
import dev.drover.transport.TransportException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts the agent as another user through a {@link BecomeMethod} (sudo or su), in one exec
 * whether the become user's cache is warm or not (see {@link BecomeScript} for the script and
 * docs/become.md for the design).
 *
 * <p>Sequence on the exec channel: the method may prompt on stderr ({@link PasswordFeeder} answers
 * once); the become user's script prints a status line on stdout; on {@code need} this class
 * writes the jar's bytes to stdin; then the agent's preamble and hello follow as without become.
 * Every wait is bounded by the agent start timeout; a wrong password, a missing password, a refusal
 * or an unknown user each end the start at once with their own message.
 */
final class BecomeStart {
    private static final int STDERR_TAIL_BYTES = 16 * 1024;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AgentJar jar;

    BecomeStart(AgentJar jar) {
        this.jar = jar;
    }

    /**
     * Starts the agent as the login user, the jar streamed over the exec channel as for become:
     * for hosts whose sshd offers no SFTP. Same cache, same checks, one exec.
     */
    AgentBootstrap.Started startOverExec(Transport transport, AgentOptions options) throws AgentException,
            TransportException {
        String dir = options.validatedCacheDir();
        String inner = BecomeScript.innerScript(dir, jar.sha256(), jar.size(), AgentBootstrap.java(options),
                HexFormat.of().formatHex(randomBytes()));
        return run(transport, options, BecomeScript.plainCommand(inner), null, null, dir,
                new SudoRefusals(transport.hostName(), "the login user", null));
    }

    AgentBootstrap.Started start(Transport transport, AgentOptions options) throws AgentException, TransportException {
        AgentOptions.Become become = options.become();
        BecomeMethod method = BecomeMethod.named(become.method());
        String user = BecomeScript.validatedUser(become.user());
        String dir = options.validatedCacheDir();
        Secret password = become.password() == null || become.password().isEmpty() ? null : become.password();
        if (password != null) {
            PasswordFeeder.check(password);
        }
        String nonce = HexFormat.of().formatHex(randomBytes());
        String inner = BecomeScript.innerScript(dir, jar.sha256(), jar.size(), AgentBootstrap.java(options), nonce);
        BecomeMethod.Start start = method.prepare(transport.hostName(), become, user, password != null, nonce, inner);
        return run(transport, options, start.command(), start.prompt(), password, dir, start.refusals());
    }

    /**
     * Runs {@code command} (the cache script, through a become method or not) and drives its status protocol.
     *
     * @param prompt   the method's password prompt to watch for, or null when it cannot ask
     * @param password the become password to feed, or null (then a prompt fails the start)
     * @param refusals explains the method's refusals; without become only its {@code user} is used, in messages
     */
    private AgentBootstrap.Started run(Transport transport, AgentOptions options, String command, PasswordPrompt prompt,
            Secret password, String dir, Refusals refusals) throws AgentException, TransportException {
        String host = transport.hostName();
        String user = refusals.user;
        boolean become = options.become() != null;
        RemoteProcess process = transport.exec(command);
        Object stdinLock = new Object();
        PasswordFeeder feeder = prompt == null ? null
                : new PasswordFeeder(process.stderr(), prompt, password, process.stdin(), stdinLock);
        OutputTail stderr = new OutputTail(feeder == null ? process.stderr() : feeder, STDERR_TAIL_BYTES,
                "drover-agent-stderr-" + host);
        BufferedInputStream stdout = new BufferedInputStream(process.stdout(), 1 << 16);
        long deadline = System.nanoTime() + options.startTimeout().toNanos();
        boolean ok = false;
        try {
            Status status = await(async(() -> readStatus(stdout)), feeder, deadline, refusals, options, stderr);
            boolean uploaded = false;
            switch (status.word()) {
                case BecomeScript.OK -> { }
                case BecomeScript.NEED -> {
                    try {
                        synchronized (stdinLock) {
                            process.stdin().write(jar.bytes());
                            process.stdin().flush();
                        }
                    } catch (IOException e) {
                        // The script stopped reading (a full disk): what it printed says why, below.
                        // A lost connection shows up there too, as an IOException of its own.
                    }
                    uploaded = true;
                }
                case BecomeScript.NO_CACHE -> throw new AgentException((become ? "the become user " : "") + user
                        + " cannot write the agent cache '" + dir + "' on " + host
                        + (dir.startsWith("/") ? "" : " (under its home directory, nor in " + BecomeScript.HOMELESS_CACHE
                                + "-<uid>)") + ": "
                        + refusals.clean(stderr.text(500)) + "; give " + user + " a writable home or set drover_agent_cache"
                        + " to an absolute directory " + user + " owns");
                default -> throw become ? explain(refusals, feeder, status.output() + "\n" + stderr.text(1000), exitCode(process, 5))
                        : new AgentBootstrap.Attempt(null, (status.output() + "\n" + stderr.text(1000)).strip(),
                                exitCode(process, 5)).failure(options);
            }
            Started started = await(async(() -> readPreamble(stdout)), feeder, deadline, refusals, options, stderr);
            if (started.found() == null) {
                throw agentDidNotStart(process, started.output(), stderr, options, refusals, dir);
            }
            AgentClient client = AgentClient.handshake(host, process, stdout, stderr);
            ok = true;
            return new AgentBootstrap.Started(client, uploaded);
        } catch (IOException e) {
            throw new AgentException("lost the connection while starting the agent as " + user + ": " + e.getMessage(), e);
        } finally {
            if (!ok) {
                process.close();
            }
        }
    }

    /** Why the method ended the exec: the feeder's verdict once stderr is read to its end, else its words. */
    private static AgentException explain(Refusals refusals, PasswordFeeder feeder, String output, int exitCode) {
        if (feeder != null && feeder.refused().isDone()) {
            return refusals.refused(feeder.refused().join());
        }
        return refusals.explain(output, exitCode);
    }

    /** What the script printed up to its status line; {@code word} is empty when none came. */
    record Status(String word, String output) {
    }

    private <T> T await(CompletableFuture<T> read, PasswordFeeder feeder, long deadline, Refusals refusals,
            AgentOptions options, OutputTail stderr) throws AgentException, IOException {
        CompletableFuture<?> any = feeder == null ? read : CompletableFuture.anyOf(read, feeder.refused());
        try {
            any.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (feeder != null && feeder.refused().isDone()) {
                throw refusals.refused(feeder.refused().join());
            }
            return read.get();
        } catch (TimeoutException e) {
            String said = refusals.clean(stderr.text(100)).strip();
            throw new AgentException("the agent did not start as " + refusals.user + " within "
                    + options.startTimeout().toMillis() / 1000.0 + " s (raise drover_agent_start_timeout for slow hosts)"
                    + (said.isEmpty() ? "" : "; stderr: " + AgentClient.lastLines(said, 3)));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            throw new AgentException("starting the agent as " + refusals.user + " failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AgentException("interrupted while starting the agent", e);
        }
    }

    private AgentException agentDidNotStart(RemoteProcess process, String printed, OutputTail stderr,
            AgentOptions options, Refusals refusals, String dir) {
        String all = (printed + "\n" + refusals.clean(stderr.text(1000))).strip();
        int failed = all.indexOf(BecomeScript.WRITE_FAILED);
        if (failed >= 0) {
            String free = all.substring(failed + BecomeScript.WRITE_FAILED.length()).split("\\s", 2)[0];
            String said = all.replace(BecomeScript.WRITE_FAILED + free, "").strip();
            return DiskSpace.writeFailed(refusals.host(), dir, jar.size(), free, said);
        }
        if (all.contains(AgentBootstrap.UPLOAD_CORRUPT)) {
            return new AgentException("the agent jar sent to " + refusals.user + " arrived corrupted (sha256 mismatch);"
                    + " check the host's disk space and the connection");
        }
        return new AgentBootstrap.Attempt(null, all, exitCode(process, 5)).failure(options);
    }

    /** The agent's preamble, or (found null) what was printed before the stream ended. */
    private record Started(Preamble.Found found, String output) {
    }

    private static Started readPreamble(InputStream stdout) {
        try {
            return new Started(Preamble.read(stdout), "");
        } catch (Preamble.NoPreambleException e) {
            return new Started(null, e.output());
        } catch (dev.drover.protocol.ProtocolException e) {
            return new Started(null, e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Skips output until {@link BecomeScript#STATUS} and returns the word after it; at the end of
     * the stream returns an empty word with everything printed (a login shell's noise, or nothing
     * when the become method refused: its reasons go to stderr).
     */
    static Status readStatus(InputStream in) {
        byte[] marker = BecomeScript.STATUS.getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        try {
            byte[] window = new byte[marker.length];
            int filled = 0;
            for (int b = in.read(); b >= 0; b = in.read()) {
                seen.write(b);
                if (seen.size() > Preamble.MAX_NOISE_BYTES) {
                    return new Status("", "more than " + Preamble.MAX_NOISE_BYTES + " bytes of output before the agent started");
                }
                if (filled < window.length) {
                    window[filled++] = (byte) b;
                } else {
                    System.arraycopy(window, 1, window, 0, window.length - 1);
                    window[window.length - 1] = (byte) b;
                }
                if (filled == window.length && Arrays.equals(window, marker)) {
                    StringBuilder word = new StringBuilder();
                    for (int c = in.read(); c >= 0 && c != '\n' && word.length() < 32; c = in.read()) {
                        word.append((char) c);
                    }
                    return new Status(word.toString(), "");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Status("", seen.toString(StandardCharsets.UTF_8));
    }

    private static <T> CompletableFuture<T> async(java.util.function.Supplier<T> read) {
        return dev.drover.transport.BlockingReads.onOwnThread("drover-become-start", read);
    }

    private static int exitCode(RemoteProcess process, int seconds) {
        try {
            return process.waitFor(Duration.ofSeconds(seconds)).orElse(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return b;
    }
}
