package dev.drover.agent;

import static dev.drover.agent.Wire.concat;
import static dev.drover.agent.Wire.controllerHello;
import static dev.drover.agent.Wire.frames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.agent.module.ModuleException;
import dev.drover.agent.module.ModuleRegistry;
import dev.drover.agent.module.ModuleResult;
import dev.drover.agent.modules.BuiltinModules;
import dev.drover.agent.process.SystemProcessRunner;
import dev.drover.protocol.Messages;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The session over in-memory streams: the controller's whole side is scripted up front, since the
 * agent answers strictly in order; then the agent's output is parsed frame by frame.
 */
class SessionTest {
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    private static ModuleRegistry registry() {
        ModuleRegistry registry = BuiltinModules.registry();
        registry.register("explode", () -> (args, context) -> {
            throw new IllegalStateException("module bug");
        });
        registry.register("refuse", () -> (args, context) -> {
            throw new ModuleException("refused on purpose").with("rc", 5).with("changed", true);
        });
        registry.register("flags", () -> (args, context) ->
                ModuleResult.ok().with("check", context.checkMode()).with("diff", context.diffMode()));
        registry.register("huge", () -> (args, context) ->
                ModuleResult.changed().with("rc", 0).with("stdout", "x".repeat(65 << 20)));
        return registry;
    }

    private Run converse(byte[] controllerSide) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Session session = new Session(new ByteArrayInputStream(controllerSide), out,
                new PrintStream(log, true, StandardCharsets.UTF_8), registry(), new SystemProcessRunner(), "test-version");
        int code = session.run();
        return new Run(code, Wire.agentOutput(out.toByteArray()));
    }

    private record Run(int exitCode, List<Map<String, Object>> messages) {
        Map<String, Object> message(int i) {
            return messages.get(i);
        }
    }

    private static Map<String, Object> run(long id, String module, Map<String, ?> args) {
        return Messages.run(id, module, args, false, false);
    }

    @Test
    void helloExchangeThenShutdownIsAnsweredWithBye() throws IOException {
        Run r = converse(frames(controllerHello(), Messages.shutdown()));

        assertEquals(Session.EXIT_OK, r.exitCode());
        Map<String, Object> hello = r.message(0);
        assertEquals("hello", hello.get("type"));
        assertEquals(Messages.PROTOCOL_VERSION, hello.get("protocol"));
        assertEquals("test-version", hello.get("agent"));
        assertEquals(List.of("check", "diff", "steps"), hello.get("capabilities"));
        assertEquals(new java.util.ArrayList<>(registry().names()), hello.get("modules"));
        assertTrue(((List<?>) hello.get("modules")).containsAll(List.of("command", "shell", "ping", "explode")));
        assertEquals(Map.of("type", "bye"), r.message(1));
        assertEquals(2, r.messages().size());
    }

    @Test
    void pingIsAnsweredWithTheRequestIdAndNoTimes() throws IOException {
        Run r = converse(frames(controllerHello(), run(42, "ping", Map.of()), Messages.shutdown()));

        assertEquals(42, r.message(1).get("id"));
        Map<String, Object> result = Wire.result(r.message(1));
        assertEquals("pong", result.get("ping"));
        assertEquals(false, result.get("changed"));
        assertEquals(false, result.get("failed"));
        // As Ansible's ping: only the command family reports start, end and delta.
        assertFalse(result.containsKey("start") || result.containsKey("end") || result.containsKey("delta"), result::toString);
    }

    @Test
    void aCommandIsTimedAsAnsibleTimesIt() throws IOException {
        Run r = converse(frames(controllerHello(), run(7, "command", Map.of("_raw_params", "true")),
                run(8, "command", Map.of("_raw_params", "/nonexistent/drover-test")), Messages.shutdown()));

        Map<String, Object> result = Wire.result(r.message(1));
        String time = "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6}";
        assertTrue(((String) result.get("start")).matches(time), () -> "start: " + result.get("start"));
        assertTrue(((String) result.get("end")).matches(time), () -> "end: " + result.get("end"));
        assertTrue(((String) result.get("delta")).matches("0:00:\\d\\d\\.\\d{6}"), () -> "delta: " + result.get("delta"));
        Map<String, Object> missing = Wire.result(r.message(2));
        assertEquals(true, missing.get("failed"));
        assertFalse(missing.containsKey("start"), () -> "a command that cannot start is not timed: " + missing);
    }

    @Test
    void checkAndDiffFlagsReachTheModule() throws IOException {
        Run r = converse(frames(controllerHello(),
                Messages.run(1, "flags", Map.of(), true, false),
                Messages.run(2, "flags", Map.of(), false, true)));
        assertEquals(true, Wire.result(r.message(1)).get("check"));
        assertEquals(false, Wire.result(r.message(1)).get("diff"));
        assertEquals(false, Wire.result(r.message(2)).get("check"));
        assertEquals(true, Wire.result(r.message(2)).get("diff"));
    }

    @Test
    void unknownModuleFailsTheRequestAndListsTheModules() throws IOException {
        Run r = converse(frames(controllerHello(), run(3, "comand", Map.of()), run(4, "ping", Map.of())));

        Map<String, Object> result = Wire.result(r.message(1));
        assertEquals(true, result.get("failed"));
        assertEquals("unknown module 'comand' (did you mean 'command'?); this agent has: "
                + String.join(", ", registry().names()), result.get("msg"));
        assertEquals("pong", Wire.result(r.message(2)).get("ping"), "the session goes on");
        assertEquals(Session.EXIT_OK, r.exitCode(), "end of input after the last request");
    }

    @Test
    void moduleExceptionBecomesAFailedResultWithItsFields() throws IOException {
        Map<String, Object> result = Wire.result(converse(frames(controllerHello(), run(1, "refuse", Map.of()))).message(1));
        assertEquals(true, result.get("failed"));
        assertEquals("refused on purpose", result.get("msg"));
        assertEquals(5, result.get("rc"));
        assertEquals(true, result.get("changed"));
    }

    @Test
    void crashingModuleIsReportedAndTheAgentKeepsServing() throws IOException {
        Run r = converse(frames(controllerHello(), run(1, "explode", Map.of()), run(2, "ping", Map.of()), Messages.shutdown()));

        Map<String, Object> crash = Wire.result(r.message(1));
        assertEquals(true, crash.get("failed"));
        assertEquals("internal error in module explode: java.lang.IllegalStateException: module bug", crash.get("msg"));
        assertTrue(((String) crash.get("exception")).contains("at dev.drover.agent.SessionTest"), "stack trace for -vvv");
        assertEquals("pong", Wire.result(r.message(2)).get("ping"));
        assertEquals("bye", r.message(3).get("type"));
    }

    @Test
    void resultTooLargeForAFrameIsReplacedByAFailure() throws IOException {
        Run r = converse(frames(controllerHello(), run(9, "huge", Map.of()), run(10, "ping", Map.of())));

        Map<String, Object> result = Wire.result(r.message(1));
        assertEquals(9, r.message(1).get("id"));
        assertEquals(true, result.get("failed"));
        assertEquals(true, result.get("changed"), "the module did run");
        assertEquals(0, result.get("rc"));
        assertTrue(((String) result.get("msg")).startsWith("the result of module huge is "), (String) result.get("msg"));
        assertEquals("pong", Wire.result(r.message(2)).get("ping"));
    }

    @Test
    void protocolMismatchSendsAnErrorNamingBothVersionsAndExits3() throws IOException {
        Map<String, Object> hello = controllerHello();
        hello.put("protocol", 2);
        Run r = converse(frames(hello, run(1, "ping", Map.of())));

        assertEquals(Session.EXIT_VERSION_MISMATCH, r.exitCode());
        assertEquals(2, r.messages().size(), "hello and error, and the request after is not served");
        assertEquals("error", r.message(1).get("type"));
        String text = (String) r.message(1).get("message");
        assertTrue(text.contains("controller speaks version 2") && text.contains("speaks version 1"), text);
    }

    @Test
    void endOfInputEndsTheSessionCleanly() throws IOException {
        assertEquals(Session.EXIT_OK, converse(new byte[0]).exitCode(), "before the controller's hello");
        Run r = converse(frames(controllerHello()));
        assertEquals(Session.EXIT_OK, r.exitCode(), "after it");
        assertEquals(1, r.messages().size(), "only the agent's hello; no bye without shutdown");
    }

    @Test
    void nothingIsServedAfterShutdown() throws IOException {
        Run r = converse(frames(controllerHello(), Messages.shutdown(), run(1, "ping", Map.of())));
        assertEquals(List.of("hello", "bye"), r.messages().stream().map(m -> m.get("type")).toList());
    }

    @Test
    void malformedFramesGetAnErrorFrameAndExitCode2() throws IOException {
        byte[] hello = frames(controllerHello());
        Map<String, byte[]> cases = Map.of(
                "not JSON", concat(hello, new byte[] {0, 0, 0, 3, 'a', 'b', 'c'}),
                "no type", concat(hello, frames(Map.of("id", 1))),
                "unknown type", concat(hello, frames(Map.of("type", "dance"))),
                "run without id", concat(hello, frames(Map.of("type", "run", "module", "ping"))),
                "run without module", concat(hello, frames(Map.of("type", "run", "id", 1))),
                "zero length", concat(hello, new byte[] {0, 0, 0, 0}),
                "truncated", concat(hello, new byte[] {0, 0, 0, 9, '{'}),
                "run before hello", frames(run(1, "ping", Map.of())));
        for (Map.Entry<String, byte[]> c : cases.entrySet()) {
            Run r = converse(c.getValue());
            assertEquals(Session.EXIT_PROTOCOL_ERROR, r.exitCode(), c.getKey());
            Map<String, Object> last = r.messages().get(r.messages().size() - 1);
            assertEquals("error", last.get("type"), c.getKey());
            assertFalse(((String) last.get("message")).isEmpty(), c.getKey());
        }
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("protocol error"), "a line for humans on stderr");
    }

    @Test
    void controllerErrorEndsTheSessionWithoutReply() throws IOException {
        Run r = converse(frames(controllerHello(), Messages.error("giving up")));
        assertEquals(Session.EXIT_PROTOCOL_ERROR, r.exitCode());
        assertEquals(1, r.messages().size());
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("giving up"));
    }
}
