package dev.drover.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.protocol.Messages;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The agent contract against {@code java -cp <test class path> AgentMain}, plus a noisy module. */
class AgentProcessTest extends AgentProcessContract {
    private String mainClass = AgentMain.class.getName();

    @Override
    List<String> agentCommand() {
        return List.of(java(), "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), mainClass);
    }

    @Test
    void strayPrintsGoToStderrNotIntoFrames() throws Exception {
        mainClass = NoisyAgentMain.class.getName();
        start();
        handshake();
        Map<String, Object> noisy = run(1, "noisy", Map.of());
        assertEquals("hello", noisy.get("said"));
        assertEquals("pong", run(2, "ping", Map.of()).get("ping"), "the frame stream is still in step");
        send(Messages.shutdown());
        assertEquals("bye", receive().get("type"));
        assertEquals(0, agent.waitFor());
        String err = stderr.join();
        assertTrue(err.contains("noise from a static initialiser") && err.contains("noise from a module"), err);
    }
}
