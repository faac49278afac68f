package dev.drover.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * An SSH exec request on a sandbox node, run as OpenSSH's sshd runs a non-interactive command:
 * {@code /bin/sh -c command} in the node's directory with {@code HOME} set to it (so each node has
 * its own {@code ~/.cache/drover}), real stdin/stdout/stderr and the real exit code.
 *
 * <p>Threading: three pump tasks copy the channel's stdin to the process and its stdout/stderr to
 * the channel; a fourth waits for the exit, lets both output pumps drain, then reports the exit
 * code. {@link #destroy} (the client closed the channel, or the server stops) kills the process tree
 * of a command still running; a command that already exited is left alone, so a node that
 * {@code alfresco.sh start} put in the background keeps running.
 *
 * <p>The test tier's in-process SSH server (dev.drover.testing.MinaSshServer) runs its commands
 * with this class too, so tests and the demo exec the same way.
 */
public final class NodeProcessCommand implements Command {
    private final String command;
    private final Path home;
    private final String user;
    private final Map<String, String> nodeEnv;
    private final ExecutorService executor;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private volatile Process process;

    public NodeProcessCommand(String command, Path home, String user, Map<String, String> nodeEnv, ExecutorService executor) {
        this.command = command;
        this.home = home;
        this.user = user;
        this.nodeEnv = nodeEnv;
        this.executor = executor;
    }

    @Override
    public void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.exit = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command).directory(home.toFile());
        Map<String, String> environment = builder.environment();
        environment.putAll(nodeEnv);
        environment.putAll(env.getEnv());
        environment.put("HOME", home.toString());
        environment.put("USER", user);
        environment.put("LOGNAME", user);
        environment.put("PWD", home.toString());
        Process p = builder.start();
        process = p;
        executor.execute(() -> pumpStdin(p));
        Future<?> stdout = executor.submit(() -> pump(p.getInputStream(), out));
        Future<?> stderr = executor.submit(() -> pump(p.getErrorStream(), err));
        executor.execute(() -> {
            int code;
            try {
                code = p.waitFor();
                stdout.get();
                stderr.get();
            } catch (Exception e) {
                code = 255;
            }
            exit.onExit(code);
        });
    }

    private void pumpStdin(Process p) {
        try (OutputStream toProcess = p.getOutputStream()) {
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) >= 0) {
                toProcess.write(buf, 0, n);
                toProcess.flush();
            }
        } catch (IOException e) {
            // The process exited or the channel closed: nothing more to deliver.
        }
    }

    private static void pump(InputStream from, OutputStream to) {
        byte[] buf = new byte[8192];
        try (from) {
            int n;
            while ((n = from.read(buf)) >= 0) {
                to.write(buf, 0, n);
                to.flush();
            }
        } catch (IOException e) {
            // The channel closed under us; the process is being destroyed.
        }
    }

    @Override
    public void destroy(ChannelSession channel) {
        Process p = process;
        if (p != null && p.isAlive()) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }
}
