package dev.drover.remote;

import dev.drover.trace.Trace;
import dev.drover.protocol.FrameCodec;
import dev.drover.protocol.Json;
import dev.drover.protocol.Messages;
import dev.drover.protocol.ProtocolException;
import dev.drover.transport.RemoteProcess;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One running agent on one host, reached through the stdio of one exec channel. Requests are
 * answered in order; {@link #run} is synchronized so concurrent callers (a host thread and, later,
 * a watchdog) never interleave frames.
 */
public final class AgentClient implements AutoCloseable {
    private static final String CONTROLLER_VERSION = Version.current();

    private final String host;
    private final RemoteProcess process;
    private final InputStream in;
    private final OutputStream out;
    private final OutputTail stderr;
    private final Map<String, Object> agentHello;
    private long nextId = 1;
    private boolean closed;
    /** Steps whose results the controller has recorded: their spools may go (sent before the next frame). */
    private final List<String> toForget = new ArrayList<>();
    /** What must hold before those are sent (the run's journal has their claims on disk). */
    private final List<Runnable> forgetAfter = new ArrayList<>();

    private AgentClient(String host, RemoteProcess process, InputStream in, OutputTail stderr, Map<String, Object> agentHello) {
        this.host = host;
        this.process = process;
        this.in = in;
        this.out = new BufferedOutputStream(process.stdin(), 1 << 16);
        this.stderr = stderr;
        this.agentHello = agentHello;
    }

    /**
     * Completes the handshake on a process whose preamble was already consumed from {@code in}:
     * reads the agent's hello, checks the protocol version, sends ours.
     */
    static AgentClient handshake(String host, RemoteProcess process, BufferedInputStream in, OutputTail stderr)
            throws AgentException {
        try {
            byte[] frame = FrameCodec.read(in);
            if (frame == null) {
                throw new AgentException("the agent closed its output right after starting" + tail(stderr));
            }
            Map<String, Object> hello = Json.read(frame);
            if (!Messages.HELLO.equals(Messages.type(hello))) {
                throw new AgentException("expected the agent's hello, got '" + hello.get(Messages.TYPE) + "'");
            }
            Object version = hello.get("protocol");
            if (!(version instanceof Number n) || n.intValue() != Messages.PROTOCOL_VERSION) {
                throw new AgentException("the agent speaks protocol " + version + ", this controller speaks "
                        + Messages.PROTOCOL_VERSION + "; the cached agent jar does not belong to this controller");
            }
            AgentClient client = new AgentClient(host, process, in, stderr, hello);
            client.send(Messages.controllerHello(CONTROLLER_VERSION, List.of()));
            return client;
        } catch (IOException e) {
            throw new AgentException("handshake with the agent failed: " + e.getMessage() + tail(stderr), e);
        }
    }

    /**
     * An agent reached through a relay that already did the preamble and the hello exchange with it
     * (the persist process): {@code process}'s stdout starts with the agent's hello frame and takes
     * our hello, which the relay drops.
     */
    public static AgentClient overRelay(String host, RemoteProcess process) throws AgentException {
        return handshake(host, process, new BufferedInputStream(process.stdout(), 1 << 16), null);
    }

    /** The raw frame streams behind a started agent, for a relay that takes it over from this client. */
    public record Channel(RemoteProcess process, InputStream in, OutputStream out, Map<String, Object> hello) {
    }

    /** Hands this agent's streams to a relay; this client must not be used afterwards. */
    public synchronized Channel channel() {
        closed = true;
        return new Channel(process, in, out, agentHello);
    }

    public String host() {
        return host;
    }

    /** The agent's hello: protocol, agent version, java version, os, modules. */
    public Map<String, Object> agentInfo() {
        return agentHello;
    }

    public List<String> modules() {
        return Messages.strings(agentHello, "modules");
    }

    /** Whether the agent spools keyed steps (capability {@code steps}): only then is a step reattachable. */
    public boolean supportsSteps() {
        return Messages.strings(agentHello, "capabilities").contains(Messages.CAP_STEPS);
    }

    /**
     * Lets the host delete step {@code key}'s spool. Sent before the next request or at close, that
     * is after the caller recorded the result (the journal is written when a task's result is
     * reported, before the host's next task), so a controller killed in between still finds it;
     * {@code durable} is run first (it returns once the step's claim is on disk, see
     * {@code PlayListener.durable}).
     */
    public synchronized void forgetLater(String key, Runnable durable) {
        toForget.add(key);
        forgetAfter.add(durable);
    }

    /** As {@link #forgetLater(String, Runnable)} for a step nothing journals ({@code drover exec}, tests). */
    public synchronized void forgetLater(String key) {
        toForget.add(key);
    }

    /**
     * Runs a module and waits for its result.
     *
     * @throws AgentException when the agent is gone (connection lost, process died) or answers out of
     *     protocol; a module's own failure is a normal result with {@code failed: true}
     */
    public synchronized Map<String, Object> run(String module, Map<String, ?> args, boolean check, boolean diff)
            throws AgentException {
        return run(module, args, check, diff, null, 0);
    }

    /**
     * Runs a module as step {@code step} (null: unkeyed): an agent that announced {@code steps} runs
     * it at most once on the host and keeps it alive {@code graceSeconds} without a controller, and
     * answers the same step sent again (after a reconnect) from its spool.
     */
    public synchronized Map<String, Object> run(String module, Map<String, ?> args, boolean check, boolean diff,
            String step, long graceSeconds) throws AgentException {
        return run(module, args, check, diff, step, graceSeconds, false);
    }

    /**
     * As {@link #run(String, Map, boolean, boolean, String, long)}; with {@code attach} the step is
     * known to have been claimed on the host (an earlier agent acknowledged it): the agent answers
     * from its spool and never starts it, even when the spool is gone. A lost agent's exception says
     * whether this agent acknowledged the claim ({@link AgentLostException#stepClaimed()}).
     */
    public synchronized Map<String, Object> run(String module, Map<String, ?> args, boolean check, boolean diff,
            String step, long graceSeconds, boolean attach) throws AgentException {
        return run(module, args, check, diff, step, graceSeconds, attach, pid -> { });
    }

    /** Told, on the calling thread, as each {@code claimed} frame arrives: the pid is -1 until the step's process started. */
    @FunctionalInterface
    public interface ClaimListener {
        void claimed(long pid);
    }

    /** As {@link #run(String, Map, boolean, boolean, String, long, boolean)}, telling {@code onClaim} of each claim frame. */
    public synchronized Map<String, Object> run(String module, Map<String, ?> args, boolean check, boolean diff,
            String step, long graceSeconds, boolean attach, ClaimListener onClaim) throws AgentException {
        if (closed) {
            throw new AgentException("the agent connection is already closed");
        }
        long id = nextId++;
        boolean claimed = false;
        long pid = -1;
        try {
            Trace.mark("request", host);
            sendForgets();
            Trace.mark("forgets_ready", host);
            send(step == null || !supportsSteps() ? Messages.run(id, module, args, check, diff)
                    : Messages.run(id, module, args, check, diff, step, graceSeconds, attach));
            while (true) {
                byte[] frame = FrameCodec.read(in);
                if (frame == null) {
                    throw new AgentLostException("the agent exited while running '" + module + "'" + tail(stderr), null,
                            claimed, pid);
                }
                Trace.mark("frame_in", host);
                Map<String, Object> msg = Json.read(frame);
                String type = Messages.type(msg);
                if (Messages.RESULT.equals(type) && Messages.id(msg) == id) {
                    return Messages.map(msg, "result");
                }
                if (Messages.CLAIMED.equals(type) && Messages.id(msg) == id) {
                    claimed = true;
                    pid = msg.get("pid") instanceof Number n ? n.longValue() : pid;
                    onClaim.claimed(pid);
                    continue;
                }
                if (Messages.ERROR.equals(type)) {
                    throw new AgentException("the agent reported a protocol error: " + msg.get("message"));
                }
                throw new ProtocolException("unexpected '" + type + "' frame while waiting for result " + id);
            }
        } catch (ProtocolException e) {
            throw new AgentException("the agent broke the protocol while running '" + module + "': " + e.getMessage(), e);
        } catch (IOException e) {
            throw new AgentLostException("lost the agent while running '" + module + "': " + e.getMessage() + tail(stderr), e,
                    claimed, pid);
        }
    }

    /** Writes the queued forgets without flushing: they leave with the frame that follows, in one write. */
    private void sendForgets() throws IOException {
        if (toForget.isEmpty()) {
            return;
        }
        forgetAfter.forEach(Runnable::run);
        forgetAfter.clear();
        for (String key : toForget) {
            FrameCodec.write(out, Json.write(Messages.forget(key)), false);
        }
        toForget.clear();
    }

    private void send(Map<String, ?> message) throws IOException {
        FrameCodec.write(out, Json.write(message));
        Trace.mark("sent", host);
    }

    /** Asks the agent to exit, waits briefly for its goodbye, then closes the channel. Never throws. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            sendForgets();
            send(Messages.shutdown());
            out.close();
            process.waitFor(Duration.ofSeconds(5));
        } catch (IOException | RuntimeException e) {
            // Best effort: the channel close below ends the agent anyway (its stdin closes).
        } finally {
            process.close();
        }
    }

    /**
     * Cuts the channel now, from any thread, even while {@link #run} waits for a result (which then
     * fails as a lost agent): no shutdown frame, so the agent treats it as a dropped connection.
     */
    public void abort() {
        process.close();
    }

    private static String tail(OutputTail stderr) {
        String text = stderr == null ? "" : stderr.text(200).strip();
        return text.isEmpty() ? "" : "; agent stderr: " + lastLines(text, 5);
    }

    static String lastLines(String text, int n) {
        String[] lines = text.split("\n");
        int from = Math.max(0, lines.length - n);
        return String.join(" | ", java.util.Arrays.copyOfRange(lines, from, lines.length));
    }
}
