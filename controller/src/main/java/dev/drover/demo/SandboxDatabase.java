package dev.drover.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The sandbox's database server: one process that holds production's embedded database open for the
 * sandbox's whole life, as a cluster's database server is always up. H2 makes the first process that
 * opens a file its auto-server and every later one a client over loopback TCP; without a process that
 * stays, the simulator's short-lived tools (the playbook's database checks, run on every node at once)
 * and nodes that hold a connection only while starting would hand the file lock around and collide.
 *
 * <p>It is H2's own shell from the simulator's jar, connected and waiting on a stdin that nobody
 * writes: closing that pipe (or this JVM dying) ends it.
 */
final class SandboxDatabase implements AutoCloseable {
    private final Process process;

    private SandboxDatabase(Process process) {
        this.process = process;
    }

    static SandboxDatabase start(Path java, Path simJar, String url, Path log) throws InterruptedException {
        List<String> cmd = List.of(java.toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m",
                "-Dh2.bindAddress=127.0.0.1", "-cp", simJar.toString(), "org.h2.tools.Shell",
                "-url", url, "-user", "alfresco", "-password", "alfresco");
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new DemoException("cannot start the sandbox's database server (" + cmd.get(0) + "): " + e.getMessage(), e);
        }
        SandboxDatabase db = new SandboxDatabase(p);
        // Open once it wrote its auto-server address into the lock file.
        Path lock = Path.of(url.substring("jdbc:h2:file:".length(), url.indexOf(';')) + ".lock.db");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(lock)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                db.close();
                throw new DemoException("the sandbox's database server did not open " + url + "; see " + log);
            }
            Thread.sleep(100);
        }
        return db;
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
