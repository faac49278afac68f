package dev.drover.cli;

import dev.drover.state.StateDir;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The web server {@code drover run --serve} and {@code drover demo --serve} open beside their run:
 * {@code drover serve} on loopback over the same state directory, on the default port or, when it
 * is taken (a {@code drover serve} already runs), a free one. It runs as a process of its own, a
 * child of the run's, so that answering pages costs the run's JVM nothing (docs/serve.md: the run's
 * own counts are the same watched or not); it only reads the journal the run writes, and ends with
 * the run, killed or not. A server that cannot start is a warning: the run matters more than its page.
 */
final class LiveServer implements AutoCloseable {
    private static final Pattern URL = Pattern.compile(" at (https?://\\S+)");
    private static final long START_SECONDS = 60;
    private final Optional<Process> server;

    private LiveServer(Optional<Process> server) {
        this.server = server;
    }

    static LiveServer none() {
        return new LiveServer(Optional.empty());
    }

    /** Starts the server and prints {@code what} and the URL of {@code path} on {@code err}. */
    static LiveServer start(StateDir state, int port, String path, String what, PrintWriter err) {
        String problem = "it did not start";
        for (int p : port == 0 ? new int[] {0} : new int[] {port, 0}) {
            Process child;
            try {
                ProcessBuilder b = new ProcessBuilder(command(state.root(), p)).redirectErrorStream(true);
                // The class path by the environment: a short command line, which ps (and the tests) can read whole.
                b.environment().put("CLASSPATH", System.getProperty("java.class.path"));
                child = b.start();
            } catch (IOException e) {
                problem = e.getMessage();
                break;
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            CompletableFuture<String> url = CompletableFuture.supplyAsync(() -> firstUrl(lines));
            try {
                String found = url.get(START_SECONDS, TimeUnit.SECONDS);
                if (found.startsWith("http")) {
                    // Later lines are the server's to write; nobody reads them, so they go nowhere.
                    Thread drain = new Thread(() -> drain(lines), "drover-serve-output");
                    drain.setDaemon(true);
                    drain.start();
                    err.println(what + ": " + found + path);
                    err.flush();
                    return new LiveServer(Optional.of(child));
                }
                problem = found;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop(child);
                break;
            } catch (ExecutionException | TimeoutException e) {
                problem = "no answer in " + START_SECONDS + " s";
            }
            stop(child);
        }
        err.println("[WARNING]: --serve: " + problem + "; going on without the page");
        err.flush();
        return none();
    }

    /** {@code drover serve} in a JVM like this one's, from the same classes, beside this process. */
    private static List<String> command(Path state, int port) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", Main.class.getName(), "serve",
                "--port", Integer.toString(port),
                "--state-dir", state.toString(), "--beside-run", Long.toString(ProcessHandle.current().pid())));
        return cmd;
    }

    /** The URL the server prints when it listens, or, when it ends first, what it said (its error). */
    private static String firstUrl(BufferedReader lines) {
        List<String> said = new ArrayList<>();
        try {
            for (String line; (line = lines.readLine()) != null; ) {
                Matcher m = URL.matcher(line);
                if (m.find()) {
                    return m.group(1);
                }
                said.add(line.strip());
            }
        } catch (IOException e) {
            said.add(e.getMessage());
        }
        return said.isEmpty() ? "it ended without a word" : String.join(" ", said);
    }

    private static void drain(BufferedReader lines) {
        try {
            while (lines.readLine() != null) {
                // discard
            }
        } catch (IOException e) {
            // the server ended
        }
    }

    private static void stop(Process child) {
        child.destroy();
        try {
            if (!child.waitFor(10, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        } catch (InterruptedException e) {
            child.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.ifPresent(LiveServer::stop);
    }
}
