package dev.drover.protocol;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The message vocabulary. Every frame is a JSON object with a {@code type}:
 *
 * <pre>
 * agent      -> controller  hello   {protocol, agent, java, os, capabilities[], modules[]}
 * controller -> agent       hello   {protocol, controller, capabilities[]}
 * controller -> agent       run     {id, module, args{}, check, diff, step?, grace?, ack?, attach?}
 * controller -> agent       forget  {step}          (only to agents announcing "steps"; no answer)
 * agent      -> controller  claimed {id, step, pid?} (a run with ack: its step is claimed; again with
 *                                    the pid once the step's process started)
 * agent      -> controller  result  {id, result{changed, failed, msg, ...module fields}}
 * controller -> agent       shutdown {}
 * agent      -> controller  bye     {}
 * either                    error   {message}   (then the sender exits / closes)
 * </pre>
 *
 * Requests carry a module name and resolved arguments, never code or serialized objects.
 */
public final class Messages {
    public static final int PROTOCOL_VERSION = 1;

    public static final String TYPE = "type";
    public static final String HELLO = "hello";
    public static final String RUN = "run";
    public static final String RESULT = "result";
    public static final String SHUTDOWN = "shutdown";
    public static final String BYE = "bye";
    public static final String ERROR = "error";
    public static final String FORGET = "forget";
    /** Agent to controller: the keyed step of request {@code id} is claimed on the host (its run asked for {@code ack}). */
    public static final String CLAIMED = "claimed";
    /** Capability: the agent keys steps, spools them on the host and keeps them past end of stream. */
    public static final String CAP_STEPS = "steps";

    private Messages() {
    }

    public static Map<String, Object> agentHello(String agentVersion, Collection<String> modules, Collection<String> capabilities) {
        Map<String, Object> m = message(HELLO);
        m.put("protocol", PROTOCOL_VERSION);
        m.put("agent", agentVersion);
        m.put("java", System.getProperty("java.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        m.put("capabilities", new ArrayList<>(capabilities));
        m.put("modules", new ArrayList<>(modules));
        return m;
    }

    public static Map<String, Object> controllerHello(String controllerVersion, Collection<String> capabilities) {
        Map<String, Object> m = message(HELLO);
        m.put("protocol", PROTOCOL_VERSION);
        m.put("controller", controllerVersion);
        m.put("capabilities", new ArrayList<>(capabilities));
        return m;
    }

    public static Map<String, Object> run(long id, String module, Map<String, ?> args, boolean check, boolean diff) {
        Map<String, Object> m = message(RUN);
        m.put("id", id);
        m.put("module", module);
        m.put("args", args);
        m.put("check", check);
        m.put("diff", diff);
        return m;
    }

    /**
     * A {@code run} that names its step: a reconnect or a resume sends the same {@code step}, and the
     * host's spool answers it instead of running it again. {@code graceSeconds}: how long the agent
     * keeps the step alive without a controller.
     */
    public static Map<String, Object> run(long id, String module, Map<String, ?> args, boolean check, boolean diff,
                                          String step, long graceSeconds) {
        Map<String, Object> m = run(id, module, args, check, diff);
        m.put("step", step);
        m.put("grace", graceSeconds);
        return m;
    }

    /**
     * As {@link #run(long, String, Map, boolean, boolean, String, long)}, asking for a {@code claimed}
     * frame once the host has claimed the step ({@code ack}); with {@code attach}, the controller
     * already had that frame for this step (it is re-sent after a reconnect): the agent must never
     * start it, only answer from its spool, or say the spool is gone.
     */
    public static Map<String, Object> run(long id, String module, Map<String, ?> args, boolean check, boolean diff,
                                          String step, long graceSeconds, boolean attach) {
        Map<String, Object> m = run(id, module, args, check, diff, step, graceSeconds);
        m.put("ack", true);
        if (attach) {
            m.put("attach", true);
        }
        return m;
    }

    /** @param pid the step's process, once started; -1 before */
    public static Map<String, Object> claimed(long id, String step, long pid) {
        Map<String, Object> m = message(CLAIMED);
        m.put("id", id);
        m.put("step", step);
        if (pid > 0) {
            m.put("pid", pid);
        }
        return m;
    }

    /**
     * The name of step {@code step}'s spool directory on a host, under {@code ~/.cache/drover/steps}:
     * the hex sha256 of the key (the controller names it in messages; the agent creates it).
     */
    public static String stepSpoolName(String step) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(step.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (byte b : d) {
                hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return hex.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The controller has the step's result in its journal: the host may delete the spool. */
    public static Map<String, Object> forget(String step) {
        Map<String, Object> m = message(FORGET);
        m.put("step", step);
        return m;
    }

    public static Map<String, Object> result(long id, Map<String, ?> result) {
        Map<String, Object> m = message(RESULT);
        m.put("id", id);
        m.put("result", result);
        return m;
    }

    public static Map<String, Object> shutdown() {
        return message(SHUTDOWN);
    }

    public static Map<String, Object> bye() {
        return message(BYE);
    }

    public static Map<String, Object> error(String text) {
        Map<String, Object> m = message(ERROR);
        m.put("message", text);
        return m;
    }

    public static String type(Map<String, ?> message) throws ProtocolException {
        Object t = message.get(TYPE);
        if (!(t instanceof String)) {
            throw new ProtocolException("message without a type: " + message);
        }
        return (String) t;
    }

    /**
     * The type of the message in {@code payload} without parsing all of it, for a relay that only
     * looks at types (the persist process): both sides write {@code type} first, so a payload that
     * starts {@code {"type":"<letters>",} is that type; anything else is parsed.
     */
    public static String type(byte[] payload) throws java.io.IOException {
        byte[] head = {'{', '"', 't', 'y', 'p', 'e', '"', ':', '"'};
        int i = 0;
        while (i < head.length && i < payload.length && payload[i] == head[i]) {
            i++;
        }
        if (i == head.length) {
            int end = i;
            while (end < payload.length && (payload[end] >= 'a' && payload[end] <= 'z' || payload[end] == '_')) {
                end++;
            }
            if (end > i && end + 1 < payload.length && payload[end] == '"' && (payload[end + 1] == ',' || payload[end + 1] == '}')) {
                return new String(payload, i, end - i, java.nio.charset.StandardCharsets.US_ASCII);
            }
        }
        return type(Json.read(payload));
    }

    public static long id(Map<String, ?> message) throws ProtocolException {
        Object id = message.get("id");
        if (!(id instanceof Number)) {
            throw new ProtocolException("message without a numeric id: " + message.get(TYPE));
        }
        return ((Number) id).longValue();
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Map<String, ?> message, String key) throws ProtocolException {
        Object v = message.get(key);
        if (v == null) {
            return new LinkedHashMap<>();
        }
        if (!(v instanceof Map)) {
            throw new ProtocolException("'" + key + "' is not an object");
        }
        return (Map<String, Object>) v;
    }

    @SuppressWarnings("unchecked")
    public static List<String> strings(Map<String, ?> message, String key) {
        Object v = message.get(key);
        List<String> out = new ArrayList<>();
        if (v instanceof List) {
            for (Object o : (List<Object>) v) {
                out.add(String.valueOf(o));
            }
        }
        return out;
    }

    private static Map<String, Object> message(String type) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(TYPE, type);
        return m;
    }
}
