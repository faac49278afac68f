package dev.drover.agent;

import dev.drover.agent.module.ModuleRegistry;
import dev.drover.agent.module.ProcessRunner;
import dev.drover.agent.protocol.FrameCodec;
import dev.drover.agent.protocol.Json;
import dev.drover.agent.protocol.Messages;
import dev.drover.agent.protocol.ProtocolException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One conversation with a controller over a pair of byte streams (the SSH channel's stdin and
 * stdout in production, pipes in tests). Never calls {@code System.exit}: {@link #run} returns the
 * process exit code.
 *
 * <p>Lifecycle: write the preamble, send the agent hello, read the controller hello and check its
 * protocol version, then serve requests until {@code shutdown} (answered with {@code bye}) or until
 * the controller's stream ends. docs/PROTOCOL.md describes the whole exchange.
 *
 * <p>Threading: everything runs on the thread that calls {@link #run}; requests are handled one at a
 * time, in arrival order. Each {@code run} carries an id that its {@code result} echoes, which is
 * what would let a later protocol version run requests concurrently and answer out of order; the
 * {@link FrameWriter} is already safe for that. While a module runs the session does not read, so
 * it notices a vanished controller only after that module returns.
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
    public static final List<String> CAPABILITIES = Collections.unmodifiableList(Arrays.asList("check", "diff"));

    private final InputStream in;
    private final FrameWriter out;
    private final PrintStream log;
    private final ModuleRegistry registry;
    private final Dispatcher dispatcher;
    private final String agentVersion;

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
        this.in = in;
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
            return EXIT_PROTOCOL_ERROR;
        } catch (IOException e) {
            log.println("drover agent: lost the controller: " + e);
            return EXIT_IO_FAILURE;
        }
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
        while (true) {
            Map<String, Object> message = next();
            if (message == null) {
                return EXIT_OK;
            }
            type = Messages.type(message);
            switch (type) {
                case Messages.RUN:
                    serve(message);
                    break;
                case Messages.SHUTDOWN:
                    out.send(Messages.bye());
                    return EXIT_OK;
                case Messages.ERROR:
                    log.println("drover agent: the controller gave up: " + message.get("message"));
                    return EXIT_PROTOCOL_ERROR;
                default:
                    throw new ProtocolException("unexpected '" + type + "' message; expected run or shutdown");
            }
        }
    }

    /** The next message, or null when the controller closed its stream between frames. */
    private Map<String, Object> next() throws IOException {
        byte[] payload = FrameCodec.read(in);
        return payload == null ? null : Json.read(payload);
    }

    private void serve(Map<String, Object> request) throws IOException {
        long id = Messages.id(request);
        Object module = request.get("module");
        if (!(module instanceof String) || ((String) module).isEmpty()) {
            throw new ProtocolException("run request " + id + " names no module");
        }
        Map<String, Object> args = Messages.map(request, "args");
        boolean check = Boolean.TRUE.equals(request.get("check"));
        boolean diff = Boolean.TRUE.equals(request.get("diff"));
        Map<String, Object> result = dispatcher.run((String) module, args, check, diff);
        sendResult(id, (String) module, result);
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
