package dev.drover.agent.modules.system;

import dev.drover.agent.module.ModuleException;
import dev.drover.agent.module.ProcessRunner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A service run by a script with {@code start}, {@code stop}, {@code status} (and {@code reload})
 * verbs: {@code /etc/init.d/<name>}, or an explicit {@code alfresco.sh}. Whether it runs is the
 * LSB exit code of {@code status} (0 running, 1 to 3 not running, anything else: unknown, an error)
 * or, with {@code pattern}, whether a process's command line contains the pattern. Restart is stop,
 * optional sleep, start, as Ansible does for SysV scripts, so a script without a restart verb works.
 *
 * <p>A start script usually leaves a server running in the background that inherits its stdout.
 * Had the agent captured output through pipes, it would wait for that server to exit. So the
 * script's output goes to a temporary file that is read once the script exits, then deleted.
 */
final class ScriptBackend implements ServiceBackend {
    private static final int KEEP_OUTPUT = 64 * 1024;

    private final String name;
    private final Path script;
    private final String pattern;
    private final long sleepMillis;
    private final ProcessRunner processes;
    private Integer lastStatusRc;

    ScriptBackend(String name, Path script, String pattern, long sleepMillis, ProcessRunner processes) {
        this.name = name;
        this.script = script;
        this.pattern = pattern;
        this.sleepMillis = sleepMillis;
        this.processes = processes;
    }

    @Override
    public String kind() {
        return "script";
    }

    @Override
    public boolean running() throws ModuleException {
        if (pattern != null) {
            return !ProcessTable.matching(pattern).isEmpty();
        }
        Result status = run("status");
        lastStatusRc = status.rc;
        if (status.rc == 0) {
            return true;
        }
        if (status.rc >= 1 && status.rc <= 3) {
            return false;
        }
        throw new ModuleException("cannot tell whether service " + name + " runs: '" + script + " status' exited with "
                + status.rc + " (LSB: 0 running, 3 stopped); give pattern: <text of its command line> instead")
                .with("rc", status.rc).with("stdout", status.output);
    }

    @Override
    public boolean stopping() {
        return false;
    }

    @Override
    public boolean enabled() throws ModuleException {
        throw new ModuleException("enabled needs systemd: service " + name + " is run by the script " + script
                + ", and drover does not manage SysV boot links; drop enabled or use a systemd unit");
    }

    @Override
    public void enable(boolean enable) throws ModuleException {
        enabled();
    }

    @Override
    public void control(String action) throws ModuleException {
        if (action.equals("restart")) {
            control("stop");
            if (sleepMillis > 0) {
                try {
                    Thread.sleep(sleepMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ModuleException("interrupted while restarting service " + name);
                }
            }
            control("start");
            return;
        }
        Result done = run(action);
        if (done.rc != 0) {
            throw new ModuleException("Unable to " + action + " service " + name + ": '" + script + " " + action
                    + "' exited with " + done.rc + (done.output.trim().isEmpty() ? "" : ": " + done.output.trim()))
                    .with("rc", done.rc).with("stdout", done.output);
        }
    }

    @Override
    public Map<String, Object> status() throws ModuleException {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("script", script.toString());
        boolean running = running();
        status.put("running", running);
        if (pattern != null) {
            status.put("pattern", pattern);
            status.put("pids", ProcessTable.matching(pattern));
        } else {
            status.put("status_rc", lastStatusRc);
        }
        return status;
    }

    private static final class Result {
        final int rc;
        final String output;

        Result(int rc, String output) {
            this.rc = rc;
            this.output = output;
        }
    }

    private Result run(String verb) throws ModuleException {
        Path out;
        try {
            out = Files.createTempFile("drover-service-", ".out");
        } catch (IOException e) {
            throw new ModuleException("cannot create a temporary file for the output of " + script + ": " + e.getMessage());
        }
        try {
            List<String> argv = Arrays.asList("/bin/sh", "-c", "out=$1; shift; exec \"$@\" >\"$out\" 2>&1 </dev/null",
                    "sh", out.toString(), script.toString(), verb);
            ProcessRunner.Completed done = processes.run(argv, null, Collections.<String, String>emptyMap(), null, 0);
            String output = read(out);
            if (done.rc == 126 || done.rc == 127) {
                throw new ModuleException("cannot run '" + script + "': " + output.trim()
                        + (done.rc == 126 ? " (is it executable? chmod +x)" : ""));
            }
            return new Result(done.rc, output);
        } finally {
            try {
                Files.deleteIfExists(out);
            } catch (IOException ignored) {
                // A leftover empty temp file is harmless.
            }
        }
    }

    private static String read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[KEEP_OUTPUT];
            int n = 0;
            for (int r; n < buf.length && (r = in.read(buf, n, buf.length - n)) > 0; ) {
                n += r;
            }
            return new String(buf, 0, n, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
