package dev.drover.execute.play;

import dev.drover.execute.play.action.ActionContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * A module task with {@code async:}, as Ansible's TaskExecutor runs it: the module starts as a job on
 * the host ({@code async_start}: a detached process that claims a step spool and outlives the agent,
 * see docs/ARCHITECTURE.md "Async jobs"). With {@code poll: 0} the task's result is the start
 * ({@code started: 1, finished: 0, ansible_job_id, results_file}, changed); the job is checked later
 * with {@code async_status}. With {@code poll: N} the controller asks {@code async_status} every N
 * seconds until the job finished (its result, then the spool is removed, as Ansible's cleanup) or
 * {@code async} seconds of polling passed: failed, {@code async task did not complete within the
 * requested time - Ns}. The job itself is killed on the host after {@code async} seconds.
 */
final class AsyncTask {
    /** Ansible's DEFAULT_POLL_INTERVAL: poll unset on an async task. */
    static final int DEFAULT_POLL = 15;

    private AsyncTask() {
    }

    static Map<String, Object> run(ActionContext.Agent agent, String module, Map<String, Object> args, int async,
            int poll, BooleanSupplier stopped) {
        Map<String, Object> start = new LinkedHashMap<>();
        start.put("module", module);
        start.put("args", args);
        start.put("time_limit", async);
        Map<String, Object> started = new LinkedHashMap<>(agent.module("async_start", start).result());
        if (poll <= 0 || Boolean.TRUE.equals(started.get("failed")) || !(started.get("ansible_job_id") instanceof String jid)) {
            return started;
        }
        Map<String, Object> status = started;
        long timeLeft = async;
        while (timeLeft > 0) {
            try {
                for (long waited = 0; waited < poll * 1000L && !stopped.getAsBoolean(); waited += 100) {
                    Thread.sleep(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (stopped.getAsBoolean()) {
                break;
            }
            status = new LinkedHashMap<>(agent.module("async_status", Map.of("jid", jid)).result());
            if (isFinished(status) || Boolean.TRUE.equals(status.get("failed")) && !status.containsKey("finished")) {
                break;
            }
            timeLeft -= poll;
        }
        if (!isFinished(status)) {
            Map<String, Object> failed = new LinkedHashMap<>();
            failed.put("failed", true);
            failed.put("changed", false);
            failed.put("msg", "async task did not complete within the requested time - " + async + "s");
            failed.put("async_result", status);
            return failed;
        }
        agent.module("async_status", Map.of("jid", jid, "mode", "cleanup"));
        return status;
    }

    private static boolean isFinished(Map<String, Object> status) {
        return status.get("finished") instanceof Number n && n.intValue() == 1;
    }
}
