package dev.drover.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.protocol.FrameCodec;
import dev.drover.protocol.Json;
import dev.drover.protocol.Messages;
import dev.drover.protocol.Preamble;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The agent as a real child JVM, spoken to over its stdin and stdout like the controller does. Run
 * over two wirings: the test class path ({@link AgentProcessTest}) and the shaded jar the
 * controller ships ({@link AgentJarIT}, after {@code package}), so a class that minimizeJar drops
 * shows up as a failing test, not on a customer's host.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
abstract class AgentProcessContract {
    Process agent;
    InputStream fromAgent;
    OutputStream toAgent;
    CompletableFuture<String> stderr;

    /** The java command line that starts the agent, without its arguments. */
    abstract List<String> agentCommand();

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    void start(String... args) throws IOException {
        List<String> command = new ArrayList<>(agentCommand());
        command.addAll(List.of(args));
        agent = new ProcessBuilder(command).start();
        fromAgent = new BufferedInputStream(agent.getInputStream());
        toAgent = agent.getOutputStream();
        InputStream err = agent.getErrorStream();
        stderr = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(err.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "stderr unreadable: " + e;
            }
        });
    }

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.destroyForcibly();
        }
    }

    void send(Map<String, ?> message) throws IOException {
        FrameCodec.write(toAgent, Json.write(message));
    }

    Map<String, Object> receive() throws IOException {
        byte[] payload = FrameCodec.read(fromAgent);
        if (payload == null) {
            throw new IOException("agent closed its stdout; stderr: " + stderr.join());
        }
        return Json.read(payload);
    }

    Map<String, Object> handshake() throws IOException {
        Preamble.Found found = Preamble.read(fromAgent);
        assertEquals("", found.noise);
        Map<String, Object> hello = receive();
        assertEquals("hello", hello.get("type"));
        send(Wire.controllerHello());
        return hello;
    }

    Map<String, Object> run(long id, String module, Map<String, ?> args) throws IOException {
        send(Messages.run(id, module, args, false, false));
        Map<String, Object> reply = receive();
        assertEquals(id, ((Number) reply.get("id")).longValue());
        return Wire.result(reply);
    }

    @Test
    void servesCommandAndShellThenSaysByeAndExits() throws Exception {
        start();
        Map<String, Object> hello = handshake();
        assertTrue(((List<?>) hello.get("modules")).containsAll(List.of("command", "shell", "ping")), hello::toString);

        Map<String, Object> echo = run(1, "command", Map.of("_raw_params", "echo hi"));
        assertEquals("hi", echo.get("stdout"));
        assertEquals(0, echo.get("rc"));
        assertEquals(List.of("echo", "hi"), echo.get("cmd"));

        Map<String, Object> pipe = run(2, "shell", Map.of("_raw_params", "printf 'b\\na\\n' | sort | head -n 1"));
        assertEquals("a", pipe.get("stdout"));
        assertEquals(true, pipe.get("changed"));

        send(Messages.shutdown());
        assertEquals("bye", receive().get("type"));
        assertEquals(0, agent.waitFor(), () -> "stderr: " + stderr.join());
    }

    @Test
    void closingStdinEndsTheAgent() throws Exception {
        start();
        handshake();
        toAgent.close();
        assertTrue(agent.waitFor(60, TimeUnit.SECONDS), "the agent must exit when the controller goes away");
        assertEquals(Session.EXIT_OK, agent.exitValue());
        assertEquals(-1, fromAgent.read(), "nothing after the hello");
    }

    @Test
    void versionFlagPrintsTheReleaseAndExits() throws Exception {
        start("--version");
        String out = new String(fromAgent.readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, agent.waitFor());
        assertEquals("drover-agent " + AgentMain.version() + "\n", out);
        assertTrue(AgentMain.version().matches("\\d+\\.\\d+\\.\\d+.*"), "filtered by Maven: " + AgentMain.version());
    }
}
