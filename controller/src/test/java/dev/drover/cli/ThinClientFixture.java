package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The thin client and its command worker as the launcher runs them: real JVMs (the worker, the thin
 * client, and for comparison the full CLI), the same directory and environment, hosts on a local
 * connection (the real agent jar, no sshd needed). Which JVM ran a command is told by the ancestors
 * of the shell the command module started: the worker's pid is among them or not.
 */
abstract class ThinClientFixture {
    /** Prints the pids from the module's shell up to init, one a line, after a marker. */
    static final String ANCESTORS = "echo ancestors; p=$$; while [ \"$p\" -gt 1 ]; do echo $p;"
            + " p=$(sed 's/.*) //' /proc/$p/stat | cut -d' ' -f2); done";

    @TempDir
    Path dir;

    Path persistDir;
    Process worker;
    final Map<String, String> env = new HashMap<>();
    final List<Process> started = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        persistDir = dir.resolve("persist");
        Files.writeString(dir.resolve("hosts.ini"), "[local]\nlocal1 ansible_connection=local\nlocal2 ansible_connection=local\n");
        env.put("DROVER_PERSIST_DIR", persistDir.toString());
        env.put("DROVER_STATE_DIR", dir.resolve("state").toString());
        env.put("NO_COLOR", "1");
    }

    @AfterEach
    void tearDown() throws IOException {
        for (Path socket : workerSockets()) {
            Files.deleteIfExists(socket); // a worker started by a full CLI stops within half a second
        }
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    Process start(List<String> command, Map<String, String> environment, String name) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(dir.resolve(name + ".out").toFile()).redirectError(dir.resolve(name + ".err").toFile());
        pb.environment().putAll(environment);
        Process p = pb.start();
        started.add(p);
        return p;
    }

    void startWorker() throws Exception {
        worker = start(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "persist", "work",
                "--persist-dir", persistDir.toString(), "--persist", "60"), env, "worker");
        for (int i = 0; i < 600 && workerSockets().isEmpty(); i++) {
            assertTrue(worker.isAlive(), () -> "the worker exited: " + read("worker.out") + read("worker.err"));
            Thread.sleep(50);
        }
        assertFalse(workerSockets().isEmpty(), "no worker socket within 30 s");
    }

    List<Path> workerSockets() throws IOException {
        if (!Files.isDirectory(persistDir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(persistDir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("cmd-")).toList();
        }
    }

    record Outcome(int code, String out, String err) {
    }

    Process thin(Map<String, String> environment, String name, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("-Ddrover.jar=" + System.getProperty("java.class.path"),
                "-Ddrover.jvm=-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "dev.drover.cli.thin.ThinClient"));
        cmd.addAll(List.of(args));
        return start(cmd, environment, name);
    }

    Outcome finish(Process p, String name) throws Exception {
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), name + " did not exit within 120 s");
        return new Outcome(p.exitValue(), read(name + ".out"), read(name + ".err"));
    }

    Outcome runThin(String name, String... args) throws Exception {
        return finish(thin(env, name, args), name);
    }

    Outcome runFull(String name, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        return finish(start(cmd, env, name), name);
    }

    String read(String file) {
        try {
            return Files.readString(dir.resolve(file));
        } catch (IOException e) {
            return "";
        }
    }

    static List<Long> ancestors(String out) {
        List<Long> pids = new ArrayList<>();
        boolean on = false;
        for (String line : out.split("\n")) {
            if (line.strip().equals("ancestors")) {
                on = true;
            } else if (on && line.strip().matches("\\d+")) {
                pids.add(Long.parseLong(line.strip()));
            }
        }
        return pids;
    }
}
