package dev.drover.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The agent contract against the shaded jar the controller pushes ({@code java -jar
 * target/drover-agent.jar}); runs in {@code verify}, after {@code package} built the jar.
 */
class AgentJarIT extends AgentProcessContract {
    /** The upload happens once per host and jar version; well above today's size, far below a problem. */
    private static final long SIZE_BUDGET = 1 << 20;

    static Path jar() {
        String property = System.getProperty("drover.agentJar");
        Path jar = property == null ? null : Path.of(property);
        boolean present = jar != null && Files.isRegularFile(jar);
        if (!present && Boolean.getBoolean("drover.requireAllTiers")) {
            throw new AssertionError("drover.agentJar does not name the shaded jar: " + property);
        }
        Assumptions.assumeTrue(present, "no shaded agent jar (run through mvn verify): " + property);
        return jar;
    }

    @Override
    List<String> agentCommand() {
        return List.of(java(), "-jar", jar().toString());
    }

    @Test
    void jarStaysSmall() throws IOException {
        long size = Files.size(jar());
        assertTrue(size < SIZE_BUDGET, "the agent jar is " + size + " bytes; is minimizeJar still on?");
    }

    @Test
    void everyClassIsJava8Bytecode() throws IOException {
        List<String> tooNew = new ArrayList<>();
        try (JarFile jar = new JarFile(jar().toFile())) {
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                JarEntry entry = e.nextElement();
                if (entry.getName().endsWith(".class")) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        DataInputStream data = new DataInputStream(in);
                        data.readInt(); // magic
                        data.readUnsignedShort(); // minor
                        int major = data.readUnsignedShort();
                        if (major > 52) {
                            tooNew.add(entry.getName() + " (class file " + major + ")");
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), tooNew, "ACS 5.x hosts run Java 8");
    }
}
