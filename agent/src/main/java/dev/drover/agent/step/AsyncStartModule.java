package dev.drover.agent.step;

import dev.drover.agent.module.Args;
import dev.drover.agent.module.Module;
import dev.drover.agent.module.ModuleContext;
import dev.drover.agent.module.ModuleException;
import dev.drover.agent.module.ModuleResult;
import dev.drover.protocol.Json;
import dev.drover.protocol.Messages;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code async_start} (internal, sent by the controller for a task with {@code async:}; Ansible's
 * {@code async_wrapper}): starts {@code module} as a job that outlives this agent and its connection,
 * {@code dev.drover.agent.AsyncJob} in a JVM of its own in a new session ({@code setsid}), and answers
 * once the job has claimed its step spool: {@code started: 1, finished: 0, ansible_job_id} (the spool's
 * directory name) and {@code results_file}. {@code async_status} reads the job's spool.
 *
 * <p>This request itself is a keyed step, so a reconnect or {@code --resume} gets the same job id back
 * instead of starting a second job.
 */
public final class AsyncStartModule implements Module {
    /** How long the job's JVM may take to claim its spool (a loaded host starts a JVM slowly). */
    private static final long START_MILLIS = 60_000;

    @Override
    public ModuleResult run(Args args, ModuleContext context) throws ModuleException {
        args.allow("module", "args", "time_limit");
        String module = args.requireString("module");
        long limit = args.number("time_limit", 0);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("module", module);
        request.put("args", args.asMap().get("args") instanceof Map ? args.asMap().get("args") : new LinkedHashMap<>());
        request.put("check", context.checkMode());
        request.put("diff", context.diffMode());
        Path root = StepSpool.root();
        String key = "async/" + UUID.randomUUID();
        StepSpool spool = StepSpool.of(root, key);
        String jid = Messages.stepSpoolName(key);
        Path requestFile = root.resolve(jid + ".request");
        Path log = root.resolve(jid + ".log");
        Process job;
        try {
            if (!Files.isDirectory(root)) {
                Files.createDirectories(root);
                Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
            }
            Files.write(requestFile, new byte[0]);
            Files.setPosixFilePermissions(requestFile, PosixFilePermissions.fromString("rw-------"));
            Files.write(requestFile, Json.write(request));
            List<String> argv = new ArrayList<>();
            if (new File("/usr/bin/setsid").canExecute() || new File("/bin/setsid").canExecute()) {
                argv.add("setsid"); // its own session: no hangup or signal from the agent's ends it
            }
            argv.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
            argv.add("-Xmx64m");
            argv.add("-XX:+UseSerialGC");
            argv.add("-XX:TieredStopAtLevel=1");
            argv.add("-cp");
            argv.add(agentJar());
            argv.add("dev.drover.agent.AsyncJob");
            argv.add(root.toString());
            argv.add(key);
            argv.add(Long.toString(limit));
            argv.add(requestFile.toString());
            job = new ProcessBuilder(argv)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.to(new File("/dev/null")))
                    .redirectError(ProcessBuilder.Redirect.to(log.toFile()))
                    .start();
        } catch (IOException | URISyntaxException e) {
            throw new ModuleException("cannot start the async job of " + module + ": " + e);
        }
        long deadline = System.currentTimeMillis() + START_MILLIS;
        try {
            while (spool.readClaim() == null) {
                if (!job.isAlive() || System.currentTimeMillis() > deadline) {
                    job.destroyForcibly();
                    throw new ModuleException("the async job of " + module + " did not start"
                            + (job.isAlive() ? " within " + START_MILLIS / 1000 + " s" : " (exit " + job.exitValue() + ")")
                            + ": " + tail(log));
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModuleException("interrupted while the async job of " + module + " started");
        } finally {
            try {
                Files.deleteIfExists(log); // the job keeps its descriptor; nothing more is read from it
                Files.deleteIfExists(requestFile);
            } catch (IOException e) {
                // Left for the 7-day cleanup of the steps directory's owner.
            }
        }
        return ModuleResult.changed().with("started", 1).with("finished", 0).with("ansible_job_id", jid)
                .with("results_file", spool.dir().resolve("result.json").toString());
    }

    private static String agentJar() throws URISyntaxException {
        return Paths.get(AsyncStartModule.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static String tail(Path log) {
        try {
            String text = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).trim();
            return text.isEmpty() ? "no output" : text.substring(Math.max(0, text.length() - 2000));
        } catch (IOException e) {
            return "no output";
        }
    }
}
