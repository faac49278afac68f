package dev.drover.acssim.node;

import dev.drover.acssim.SimException;
import dev.drover.acssim.dist.RunningJar;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code node start|stop|status}: the same protocol as {@code alfresco.sh} (pid file
 * {@code tomcat/temp/catalina.pid}, shutdown request file {@code tomcat/temp/catalina.shutdown}, output appended
 * to {@code tomcat/logs/catalina.out}), for callers without a shell. Exit codes as the script's:
 * start 0 (1 if running), stop 0 (returns before the JVM has exited), status 0 running / 3 not running.
 */
public final class NodeControl {
    /** Status exit code when the node is not running (LSB). */
    public static final int NOT_RUNNING = 3;

    private NodeControl() {
    }

    public static Path pidFile(Path home) {
        return home.resolve("tomcat/temp/catalina.pid");
    }

    /** The pid file of a Tomcat whose CATALINA_BASE is {@code base} ({@code CATALINA_PID} as set by setenv.sh). */
    public static Path pidFileOfBase(Path base) {
        return base.resolve("temp/catalina.pid");
    }

    /** Its existence asks the running node to shut down. */
    public static Path shutdownFile(Path home) {
        return shutdownFileOfBase(home.resolve("tomcat"));
    }

    public static Path shutdownFileOfBase(Path base) {
        return base.resolve("temp/catalina.shutdown");
    }

    public static Path catalinaOut(Path home) {
        return home.resolve("tomcat/logs/catalina.out");
    }

    public static int status(Path home, PrintStream out) throws IOException, InterruptedException {
        String pid = runningPid(home);
        out.println(pid != null ? "Alfresco is running (pid " + pid + ")." : "Alfresco is not running.");
        return pid != null ? 0 : NOT_RUNNING;
    }

    /** Starts {@code node run} in the background with this JVM's java and this jar; returns at once. */
    public static int start(Path home, PrintStream out) throws IOException, InterruptedException {
        Path abs = home.toAbsolutePath().normalize();
        String pid = runningPid(abs);
        if (pid != null) {
            out.println("Alfresco is already running (pid " + pid + ").");
            return 1;
        }
        Files.createDirectories(abs.resolve("tomcat/logs"));
        Files.createDirectories(abs.resolve("tomcat/temp"));
        Files.deleteIfExists(shutdownFile(abs));
        Files.deleteIfExists(pidFile(abs));
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-jar");
        cmd.add(RunningJar.locate().toString());
        cmd.add("node");
        cmd.add("run");
        cmd.add("--home");
        cmd.add(abs.toString());
        new ProcessBuilder(cmd).directory(abs.toFile()).redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(catalinaOut(abs).toFile()))
                .redirectInput(Redirect.from(new File("/dev/null"))).start();
        // The node writes its own pid file; wait for it so that a status right after start is true.
        for (int i = 0; i < 100 && !Files.exists(pidFile(abs)); i++) {
            Thread.sleep(100);
        }
        out.println("Tomcat started.");
        return 0;
    }

    /**
     * Requests a shutdown and returns at once, like Tomcat's {@code shutdown.sh}: the JVM exits later (after
     * {@code sim.shutdown.delay.ms}), and removes its pid file then; until it has, {@link #status} says running.
     */
    public static int stop(Path home, PrintStream out) throws IOException, InterruptedException {
        String pid = runningPid(home);
        if (pid == null) {
            out.println("Alfresco is not running.");
            return 0;
        }
        Files.createDirectories(shutdownFile(home).getParent());
        Files.write(shutdownFile(home), new byte[0]);
        out.println("Tomcat stopped.");
        return 0;
    }

    /** The pid in the pid file if that process is alive, else null. */
    static String runningPid(Path home) throws IOException, InterruptedException {
        Path f = pidFile(home);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        String pid = new String(Files.readAllBytes(f), StandardCharsets.US_ASCII).trim();
        if (!pid.matches("[0-9]+")) {
            return null;
        }
        return alive(pid) ? pid : null;
    }

    private static boolean alive(String pid) throws IOException, InterruptedException {
        return kill("-0", pid);
    }

    private static boolean kill(String signal, String pid) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("kill", signal, pid).redirectErrorStream(true)
                .redirectOutput(Redirect.to(new File("/dev/null"))).start();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new SimException("kill " + signal + " " + pid + " did not return", SimException.FAILED, null);
        }
        return p.exitValue() == 0;
    }
}
