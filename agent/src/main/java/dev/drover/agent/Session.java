package dev.drover.agent;

import dev.drover.agent.module.ModuleRegistry;
import dev.drover.agent.module.ProcessRunner;
import dev.drover.protocol.FrameCodec;
import dev.drover.protocol.Json;
import dev.drover.protocol.Messages;
import dev.drover.protocol.ProtocolException;
import dev.drover.agent.process.ProcessObserver;
import dev.drover.agent.process.SystemProcessRunner;
import dev.drover.agent.step.StepSpool;
import dev.drover.agent.step.Steps;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One conversation with a controller over a pair of byte streams (the SSH channel's stdin and
 * stdout in production, pipes in tests). Never calls {@code System.exit}: {@link #run} returns the
 * process exit code.
 *
 * <p>Lifecycle: write the preamble, send the agent hello, read the controller hello and check its
 * protocol version, then serve requests until {@code shutdown} (answered with {@code bye}) or until
 * the controller's stream ends. docs/PROTOCOL.md describes the whole exchange.
 *
 * <p>Threading: the thread that calls {@link #run} only reads frames; requests run on one worker
 * thread, one at a time, in arrival order, and the worker sends their results (the
 * {@link FrameWriter} is synchronised). So end of stream is seen at once, also while a module runs:
 * a keyed step (a {@code run} with {@code step}, capability {@code steps}) is then kept alive for
 * its grace period and its result spooled on the host ({@link Steps}); an unkeyed request is let
 * finish, as before; then the session ends.
 */
public final class Session {
    /** Shutdown requested, or the controller closed the stream between requests. */
    public static final int EXIT_OK = 0;
    /** Reading or writing the streams failed (typically: the controller's side went away mid-frame). */
    public static final int EXIT_IO_FAILURE = 1;
    /** The controller sent something that is not a valid frame or message; an error frame was sent. */
    public static final int EXIT_PROTOCOL_ERROR = 2;
    /** The controller speaks another protocol version; an error frame naming both was sent. */
    public static final int EXIT_VERSION_MISMATCH = 3;

    /** Features beyond the protocol's minimum that this agent offers: it honours check and diff mode. */
    public static final List<String> CAPABILITIES = Collections.unmodifiableList(Arrays.asList("check", "diff", Messages.CAP_STEPS));
    /** A step's grace when the controller names none: ten minutes. */
    static final long DEFAULT_GRACE_SECONDS = 600;

    private final InputStream in;
    private final FrameWriter out;
    private final PrintStream log;
    private final ModuleRegistry registry;
    private final Dispatcher dispatcher;
    private final String agentVersion;
    private final ProcessRunner processes;
    private final Steps steps;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "drover-worker");
        t.setDaemon(true);
        return t;
    });
    private ScheduledExecutorService ackTimer;
    /** The controller's stream ended (or it gave up): waits for another agent's step end. */
    private volatile boolean controllerGone;
    /** Grace of the keyed step last handed to the worker, in seconds; -1 for an unkeyed request. */
    private volatile long inFlightGrace;

    /**
     * @param in           the controller's frames
     * @param out          the frame stream; the session becomes its only writer
     * @param log          one-line diagnostics for humans (the agent's stderr), never frames
     * @param registry     the modules this agent offers
     * @param processes    how modules run child processes
     * @param agentVersion reported in the hello
     */
    public Session(InputStream in, OutputStream out, PrintStream log, ModuleRegistry registry,
                   ProcessRunner processes, String agentVersion) {
        this(in, out, log, registry, processes, agentVersion, StepSpool.root());
    }

    /** @param stepsRoot where step spools live ({@code ~/.cache/drover/steps} in production) */
    public Session(InputStream in, OutputStream out, PrintStream log, ModuleRegistry registry,
                   ProcessRunner processes, String agentVersion, Path stepsRoot) {
        this.in = in;
        this.processes = processes;
        this.steps = new Steps(stepsRoot, () -> controllerGone);
        this.out = new FrameWriter(out);
        this.log = log;
        this.registry = registry;
        this.dispatcher = new Dispatcher(registry, processes, ZoneId.systemDefault());
        this.agentVersion = agentVersion;
    }

    /** Runs the conversation to its end and returns the exit code (one of the {@code EXIT_} constants). */
    public int run() {
        try {
            return converse();
        } catch (ProtocolException e) {
            log.println("drover agent: protocol error: " + e.getMessage());
            trySend(Messages.error(e.getMessage()));
            return drain(EXIT_PROTOCOL_ERROR);
        } catch (IOException e) {
            log.println("drover agent: lost the controller: " + e);
            return drain(EXIT_IO_FAILURE);
        }
    }

    /**
     * The controller is gone: a keyed step in flight gets its grace to finish (then its process tree
     * is killed and the result spooled), an unkeyed one is let finish (as are requests read before the
     * end; a controller sends one at a time, so there are none in practice).
     */
    private int drain(int exitCode) {
        controllerGone = true;
        worker.shutdown();
        long killAt = -1;
        boolean killed = false;
        try {
            while (!worker.awaitTermination(200, TimeUnit.MILLISECONDS)) {
                StepSpool owned = steps.owned();
                long grace = inFlightGrace;
                if (owned == null || grace < 0 || killed) {
                    continue;
                }
                if (killAt < 0) {
                    killAt = System.currentTimeMillis() + grace * 1000;
                    log.println("drover agent: the controller is gone while step " + owned.key()
                            + " runs; keeping it for up to " + grace + " s");
                } else if (System.currentTimeMillis() >= killAt) {
                    log.println("drover agent: no controller came back within " + grace + " s; stopping the step");
                    steps.killOwned();
                    killed = true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return exitCode;
    }

    private int converse() throws IOException {
        out.preamble();
        out.send(Messages.agentHello(agentVersion, registry.names(), CAPABILITIES));
        Map<String, Object> hello = next();
        if (hello == null) {
            return EXIT_OK;
        }
        String type = Messages.type(hello);
        if (!Messages.HELLO.equals(type)) {
            throw new ProtocolException("expected the controller's hello, got a '" + type + "' message");
        }
        Object protocol = hello.get("protocol");
        if (!(protocol instanceof Number) || ((Number) protocol).longValue() != Messages.PROTOCOL_VERSION) {
            String text = "protocol version mismatch: the controller speaks version " + protocol
                    + ", this agent (drover " + agentVersion + ") speaks version " + Messages.PROTOCOL_VERSION
                    + "; run a controller and agent from the same drover release";
            log.println("drover agent: " + text);
            trySend(Messages.error(text));
            return EXIT_VERSION_MISMATCH;
        }
        startCleanup();
        while (true) {
            Map<String, Object> message = next();
            if (message == null) {
                return drain(EXIT_OK);
            }
            type = Messages.type(message);
            switch (type) {
                case Messages.RUN:
                    serve(message);
                    break;
                case Messages.FORGET:
                    forget(message.get("step"));
                    break;
                case Messages.SHUTDOWN:
                    worker.shutdown();
                    try {
                        worker.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    out.send(Messages.bye());
                    return EXIT_OK;
                case Messages.ERROR:
                    log.println("drover agent: the controller gave up: " + message.get("message"));
                    return drain(EXIT_PROTOCOL_ERROR);
                default:
                    throw new ProtocolException("unexpected '" + type + "' message; expected run, forget or shutdown");
            }
        }
    }

    /** Queued behind the requests before it, so the step it names has its result by then. */
    private void forget(final Object step) {
        if (step instanceof String) {
            worker.execute(() -> steps.forget((String) step));
        }
    }

    /** Spools older than seven days go, on a thread of their own so the first request is not delayed. */
    private void startCleanup() {
        final Path root = steps.root();
        Thread cleaner = new Thread(() -> Steps.cleanup(root, Steps.MAX_AGE_MILLIS), "drover-step-cleanup");
        cleaner.setDaemon(true);
        cleaner.start();
    }

    /** The next message, or null when the controller closed its stream between frames. */
    private Map<String, Object> next() throws IOException {
        byte[] payload = FrameCodec.read(in);
        return payload == null ? null : Json.read(payload);
    }

    /** Checks the request on the session thread (a bad one is a protocol error), then queues it. */
    private void serve(Map<String, Object> request) throws IOException {
        final long id = Messages.id(request);
        Object name = request.get("module");
        if (!(name instanceof String) || ((String) name).isEmpty()) {
            throw new ProtocolException("run request " + id + " names no module");
        }
        final String module = (String) name;
        final Map<String, Object> args = Messages.map(request, "args");
        final boolean check = Boolean.TRUE.equals(request.get("check"));
        final boolean diff = Boolean.TRUE.equals(request.get("diff"));
        final String step = request.get("step") instanceof String ? (String) request.get("step") : null;
        Object grace = request.get("grace");
        final long graceSeconds = grace instanceof Number ? Math.max(0, ((Number) grace).longValue()) : DEFAULT_GRACE_SECONDS;
        final boolean ack = Boolean.TRUE.equals(request.get("ack"));
        final boolean attach = Boolean.TRUE.equals(request.get("attach"));
        worker.execute(() -> {
            inFlightGrace = step == null ? -1 : graceSeconds;
            try {
                sendResult(id, module, step == null ? dispatcher.run(module, args, check, diff)
                        : keyed(id, step, module, args, check, diff, ack, attach));
            } catch (IOException e) {
                log.println("drover agent: cannot send the result of request " + id + ": " + e);
            }
        });
    }

    /**
     * A keyed step through {@link Steps}. With {@code ack} the controller gets a {@code claimed} frame
     * once the step is claimed ({@link ClaimAck}: with its process's pid as it starts, so the controller
     * can name it if the link drops), so after a reconnect it knows to send the step again only to attach.
     */
    private Map<String, Object> keyed(final long id, final String step, final String module,
                                      final Map<String, Object> args, final boolean check, final boolean diff,
                                      final boolean ack, boolean attach) {
        final ClaimAck acks = ack ? new ClaimAck(id, step, out, ackTimer()) : null;
        try {
            return steps.run(step, module, attach, () -> {
                if (acks != null) {
                    acks.claimed();
                }
            }, spool -> dispatcher.run(module, args, check, diff, processes instanceof SystemProcessRunner
                    ? new SystemProcessRunner(acks != null ? new ProcessObserver() {
                        @Override
                        public void started(long pid) {
                            spool.started(pid);
                            acks.started(pid);
                        }

                        @Override
                        public void output(byte[] bytes, int offset, int length) {
                            spool.output(bytes, offset, length);
                        }
                    } : spool) : processes));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("changed", false);
            r.put("failed", true);
            r.put("msg", "interrupted while waiting for step " + step);
            return r;
        } finally {
            if (acks != null) {
                acks.finished();
            }
        }
    }

    /** The timer of delayed {@code claimed} frames, started with the first keyed step. */
    private synchronized ScheduledExecutorService ackTimer() {
        if (ackTimer == null) {
            ackTimer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "drover-claim-ack");
                t.setDaemon(true);
                return t;
            });
        }
        return ackTimer;
    }

    /**
     * Sends a result, replacing it with a failed one when it cannot be encoded or would not fit in a
     * frame: the controller always gets an answer for the id, and the session goes on.
     */
    private void sendResult(long id, String module, Map<String, Object> result) throws IOException {
        byte[] payload;
        try {
            payload = Json.write(Messages.result(id, result));
        } catch (ProtocolException e) {
            payload = Json.write(Messages.result(id, replacement(result,
                    "internal error in module " + module + ": its result cannot be encoded as JSON: " + e.getMessage())));
        }
        if (payload.length > FrameCodec.MAX_FRAME_BYTES) {
            payload = Json.write(Messages.result(id, replacement(result,
                    "the result of module " + module + " is " + payload.length + " bytes, more than the "
                            + (FrameCodec.MAX_FRAME_BYTES >> 20) + " MiB a frame may carry;"
                            + " send large output to a file on the host instead")));
        }
        out.send(payload);
    }

    private static Map<String, Object> replacement(Map<String, Object> result, String msg) {
        Map<String, Object> failed = new LinkedHashMap<>();
        failed.put("changed", Boolean.TRUE.equals(result.get("changed")));
        failed.put("failed", true);
        failed.put("msg", msg);
        for (String key : new String[] {"rc", "start", "end", "delta"}) {
            Object value = result.get(key);
            if (result.containsKey(key) && (value == null || value instanceof String || value instanceof Number)) {
                failed.put(key, value);
            }
        }
        return failed;
    }

    private void trySend(Map<String, Object> message) {
        try {
            out.send(message);
        } catch (IOException e) {
            // The controller is most likely gone already; the exit code and the log line remain.
        }
    }
}
