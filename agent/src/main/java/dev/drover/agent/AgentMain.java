package dev.drover.agent;

import dev.drover.agent.module.ModuleRegistry;
import dev.drover.agent.process.LaunchMechanism;
import dev.drover.agent.process.SystemProcessRunner;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.Console;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * The agent process: {@code java -jar drover-agent.jar}, started by the controller over an SSH exec
 * channel. Its stdin and stdout carry the protocol; its stderr is free text for diagnostics.
 *
 * <p>The first thing it does is claim stdout: the real file descriptor becomes the frame stream and
 * {@code System.out} is pointed at stderr, so a stray print from any code (a module, a library, a
 * static initializer) lands on stderr instead of corrupting a frame. Likewise {@code System.in}
 * becomes empty so nothing but the session can consume the controller's frames.
 */
public final class AgentMain {
    private static final int STREAM_BUFFER = 64 << 10;

    private AgentMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, AgentModules::registry));
    }

    /**
     * The whole agent except {@code System.exit}; tests start it with their own modules. Modules
     * are built after stdout is claimed, so their class initialisers cannot print into frames.
     */
    static int run(String[] args, Supplier<ModuleRegistry> modules) {
        OutputStream frames = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), STREAM_BUFFER);
        PrintStream stderr = System.err;
        System.setOut(stderr);
        InputStream requests = new BufferedInputStream(new FileInputStream(FileDescriptor.in), STREAM_BUFFER);
        System.setIn(new ByteArrayInputStream(new byte[0]));

        if (args.length == 1 && args[0].equals("--version")) {
            try {
                frames.write(("drover-agent " + version() + "\n").getBytes(StandardCharsets.UTF_8));
                frames.flush();
                return 0;
            } catch (IOException e) {
                return Session.EXIT_IO_FAILURE;
            }
        }
        if (args.length > 0) {
            stderr.println("usage: java -jar drover-agent.jar [--version]");
            stderr.println("The drover controller starts the agent over SSH and talks to it on stdin/stdout.");
            return Session.EXIT_PROTOCOL_ERROR;
        }
        LaunchMechanism.prefer(); // before any module starts a process: the JDK reads it once
        if (bothEndsAreATerminal()) {
            // Both ends are a terminal: a person ran the jar by hand, or the SSH session has a pty,
            // which would mangle binary frames (newline translation, echo) anyway.
            stderr.println("drover agent: stdin and stdout are a terminal. The agent speaks a binary protocol"
                    + " and is started by the drover controller; run 'java -jar drover-agent.jar --version' to check it.");
            return Session.EXIT_PROTOCOL_ERROR;
        }
        return new Session(requests, frames, stderr, modules.get(), new SystemProcessRunner(), version()).run();
    }

    private static boolean bothEndsAreATerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // Java 22+ returns a console for redirected streams too; isTerminal() tells them apart.
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true; // Before Java 22 a console exists only when stdin and stdout are a terminal.
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** The drover release this jar belongs to (Maven-filtered into version.properties). */
    public static String version() {
        Properties p = new Properties();
        try (InputStream in = AgentMain.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // Fall through to "unknown": the version is informational, never a reason to fail.
        }
        return p.getProperty("version", "unknown");
    }
}
