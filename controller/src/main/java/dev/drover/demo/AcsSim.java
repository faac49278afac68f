package dev.drover.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo's own use of the ACS simulator ({@code testbed/acs-sim/target/acs-sim.jar}, contract in
 * docs/testbed-acs-sim.md): build distributions, seed and fingerprint a repository, start and stop an
 * installation with its {@code alfresco.sh} and ask a node which version it runs. Every tool's output
 * goes to the sandbox's {@code sim-tools.log}; a failure quotes its end.
 *
 * <p>Thread-safe: each call runs its own process; the log is appended under a lock.
 */
final class AcsSim {
    private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*\"([^\" ]+)");

    private final Path jar;
    private final Path java;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    AcsSim(Path jar, Path java, Path log) {
        this.jar = jar;
        this.java = java;
        this.log = log;
    }

    /** Writes {@code outDir/alfresco-content-services-V.zip}. */
    void dist(String version, Path outDir) {
        tool("dist", "--version", version, "--out", outDir.toString());
    }

    /** Creates a "production" repository of {@code documents} documents in the installation's database and dir.root. */
    void seed(Path home, int documents) {
        tool("seed", "--home", home.toString(), "--nodes", Integer.toString(documents));
    }

    Fingerprint fingerprint(Path home) {
        return Fingerprint.parse(tool("fingerprint", "--home", home.toString()));
    }

    /** {@code alfresco.sh start}, as an operator would run it on the node (its HOME and environment). */
    void start(Path home, Path nodeDir, Map<String, String> env) {
        run(List.of(home.resolve("alfresco.sh").toString(), "start"), nodeDir, env, "start " + home);
    }

    /**
     * {@code alfresco.sh stop} if the installation exists, then waits until the node's JVM exited:
     * like Tomcat's, the script returns before the JVM is gone (forced after a minute, since the
     * sandbox is being torn down).
     */
    void stop(Path home, Path nodeDir, Map<String, String> env) {
        Path pidFile = home.resolve("tomcat/temp/catalina.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        Optional<ProcessHandle> jvm;
        try {
            jvm = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip()));
        } catch (IOException | NumberFormatException e) {
            jvm = Optional.empty();
        }
        run(List.of(home.resolve("alfresco.sh").toString(), "stop"), nodeDir, env, "stop " + home);
        jvm.ifPresent(p -> {
            try {
                p.onExit().get(60, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                p.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                throw new IllegalStateException("waiting for the node's JVM to exit", e);
            }
        });
    }

    /** The version a node reports over HTTP ({@code /alfresco/service/api/server}), empty when it does not answer. */
    Optional<String> runningVersion(int port) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/alfresco/service/api/server")).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = VERSION.matcher(r.body());
            return r.statusCode() == 200 && m.find() ? Optional.of(m.group(1)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoException("interrupted while asking the node on port " + port + " for its version");
        }
    }

    /** Waits until the installation answers HTTP; fails at once when its log says the start failed. */
    void awaitStarted(Path home, int port, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Path alfrescoLog = home.resolve("alfresco.log");
        Path catalinaOut = home.resolve("tomcat/logs/catalina.out");
        while (runningVersion(port).isEmpty()) {
            String text = Files.isRegularFile(catalinaOut) ? read(catalinaOut) : "";
            if (text.contains("startup failed")) {
                throw new DemoException("ACS in " + home + " failed to start; see " + alfrescoLog + ":\n" + tail(alfrescoLog));
            }
            if (System.nanoTime() > deadline) {
                throw new DemoException("ACS in " + home + " did not answer on port " + port + " within "
                        + timeout.toSeconds() + " s; see " + alfrescoLog + ":\n" + tail(alfrescoLog));
            }
            Thread.sleep(200);
        }
    }

    private String tool(String... args) {
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        return run(cmd, log.getParent(), Map.of(), "acs-sim " + String.join(" ", args));
    }

    private String run(List<String> cmd, Path dir, Map<String, String> env, String what) {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().putAll(env);
        String out;
        int code;
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            // stderr to a thread: a tool that fills one pipe while we read the other must not block.
            CompletableFuture<String> err = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    err.complete(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    err.complete("");
                }
            }, "acs-sim-stderr");
            t.setDaemon(true);
            t.start();
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new DemoException(what + " did not finish within 120 s");
            }
            code = p.exitValue();
            String stderr = err.get(10, TimeUnit.SECONDS);
            record(what, code, out, stderr);
            if (code != 0) {
                throw new DemoException(what + " failed (exit " + code + "): " + (stderr + out).strip()
                        + "\n(all simulator tool output: " + log + ")");
            }
        } catch (IOException e) {
            throw new DemoException("cannot run " + cmd.get(0) + " for " + what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoException("interrupted during " + what, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new DemoException("cannot read the output of " + what + ": " + e.getMessage(), e);
        }
        return out;
    }

    private synchronized void record(String what, int code, String out, String err) throws IOException {
        Files.writeString(log, "$ " + what + "   (exit " + code + ")\n" + out + err, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static String read(Path f) {
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String tail(Path f) {
        List<String> lines = read(f).lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }
}
