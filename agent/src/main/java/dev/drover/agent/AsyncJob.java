package dev.drover.agent;

import dev.drover.agent.process.LaunchMechanism;
import dev.drover.agent.process.SystemProcessRunner;
import dev.drover.agent.step.StepSpool;
import dev.drover.agent.step.Steps;
import dev.drover.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An async job ({@code async:} on a task): a process of its own, started detached by the
 * {@code async_start} module ({@code setsid java -cp drover-agent.jar dev.drover.agent.AsyncJob}), so
 * it outlives the agent, the SSH connection and the run, as Ansible's {@code async_wrapper} does.
 *
 * <p>It is a keyed step like any other ({@link Steps}): it claims the spool of its key (so its
 * {@code claim} names this process as owner), runs the module with the spool as the observer of its
 * child process, and writes {@code result.json}. {@code async_status} reads that spool by its directory
 * name, the job id. Its process tree is killed once {@code time_limit} has run out at a check of
 * Ansible's {@code async_wrapper}, which looks every 5 seconds after a first 5 (so {@code async: 1}
 * is killed at 10 s, {@code async: 30} at 35 s; a poll that gave up at {@code async} seconds leaves
 * the job running until then, as under Ansible), and the result is Ansible's {@code {"failed": true,
 * "msg": "Timeout exceeded", "child_pid": N}}.
 *
 * <p>Arguments: the steps root, the job's key, the time limit in seconds, and the request file
 * ({@code {"module", "args", "check", "diff"}}, deleted once read: it may hold secrets).
 */
public final class AsyncJob {
    private AsyncJob() {
    }

    /** When async_wrapper kills a job of {@code limit} seconds: a first 5 s, then 5 s steps until none is left. */
    static long killAfterMillis(long limit) {
        return 5000L * (1 + Math.max(1, (limit + 4) / 5));
    }

    public static void main(String[] argv) throws Exception {
        LaunchMechanism.prefer();
        Path root = Paths.get(argv[0]);
        String key = argv[1];
        long limit = Long.parseLong(argv[2]);
        Path requestFile = Paths.get(argv[3]);
        Map<String, Object> request = Json.read(Files.readAllBytes(requestFile));
        Files.deleteIfExists(requestFile);
        String module = (String) request.get("module");
        @SuppressWarnings("unchecked")
        Map<String, Object> args = request.get("args") instanceof Map ? (Map<String, Object>) request.get("args")
                : new LinkedHashMap<String, Object>();
        boolean check = Boolean.TRUE.equals(request.get("check"));
        boolean diff = Boolean.TRUE.equals(request.get("diff"));
        Dispatcher dispatcher = new Dispatcher(AgentModules.registry(), new SystemProcessRunner(), ZoneId.systemDefault());
        Steps steps = new Steps(root, () -> true);
        AtomicBoolean timedOut = new AtomicBoolean();
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(killAfterMillis(limit));
                timedOut.set(true);
                steps.killOwned();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "drover-async-limit");
        watchdog.setDaemon(true);
        watchdog.start();
        steps.run(key, module, false, () -> { }, spool -> {
            Map<String, Object> result = dispatcher.run(module, args, check, diff, new SystemProcessRunner(spool));
            if (timedOut.get()) {
                long[] child = spool instanceof StepSpool ? ((StepSpool) spool).stepProcess() : null;
                result = new LinkedHashMap<>();
                result.put("failed", true);
                result.put("msg", "Timeout exceeded");
                result.put("child_pid", child == null ? null : child[0]);
            }
            return result;
        });
        System.exit(0);
    }
}
