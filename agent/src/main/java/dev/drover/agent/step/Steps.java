package dev.drover.agent.step;

import dev.drover.agent.process.ProcessObserver;
import dev.drover.agent.process.SystemProcessRunner;
import dev.drover.protocol.Results;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Runs keyed steps at most once per host: the first {@code run} of a key claims its spool and runs;
 * every later one (a reconnect, a {@code --resume}, a second controller) is answered from the spool:
 * the recorded result, or a wait for the owner agent that still runs it, or, when the owner died
 * without a result, a failed result that says so (drover never starts such a step again).
 *
 * <p>Threading: {@link #run} is called by the session's worker thread; {@link #killOwned} and
 * {@link #forget} by the session thread.
 */
public final class Steps {
    /** Spools untouched for this long are removed by the next agent that starts. */
    public static final long MAX_AGE_MILLIS = 7L * 24 * 3600 * 1000;
    private static final long POLL_MILLIS = 250;
    /** A claimed directory without a claim file for this long: its owner died between mkdir and write. */
    private static final long CLAIM_WRITE_MILLIS = 10_000;

    /** The module run itself, told where the step's child processes are reported. */
    public interface Execution {
        Map<String, Object> run(ProcessObserver spool);
    }

    private final Path root;
    private final BooleanSupplier controllerGone;
    private volatile StepSpool owned;
    /** Keys this agent claimed: a spool removed under it never lets the same key start twice here. */
    private final Set<String> started = Collections.synchronizedSet(new HashSet<String>());

    /** @param controllerGone true once nobody would read an answer: waiting for another owner stops */
    public Steps(Path root, BooleanSupplier controllerGone) {
        this.root = root;
        this.controllerGone = controllerGone;
    }

    public Path root() {
        return root;
    }

    /**
     * The result of step {@code key}: run now if nobody claimed it, else from its spool.
     *
     * @param attach  the controller knows the step was claimed on this host before (it had the
     *                {@code claimed} frame): never start it; without a spool, say its fate is unknown
     * @param claimed told once this call has claimed the step, before it starts
     */
    public Map<String, Object> run(String key, String module, boolean attach, Runnable claimed, Execution execution)
            throws InterruptedException {
        StepSpool spool = StepSpool.of(root, key);
        if (attach || started.contains(key)) {
            // Known to have been claimed here: never claimed again, whatever happened to the spool.
            return spool.exists() ? answer(spool) : gone(spool, attach);
        }
        try {
            if (!spool.claim(module)) {
                return answer(spool);
            }
        } catch (IOException e) {
            return Results.failed("cannot claim step " + key + " in " + spool.dir() + ": " + e
                    + "; the step was not started (free space in the home directory, then run again)");
        }
        started.add(key);
        claimed.run();
        owned = spool;
        try {
            Map<String, Object> result = execution.run(spool);
            try {
                spool.finish(result);
            } catch (IOException e) {
                result.put("warnings", warnings(result, "the result could not be spooled on the host: " + e));
            }
            return result;
        } finally {
            owned = null;
        }
    }

    /** The step this agent is running now, or null. */
    public StepSpool owned() {
        return owned;
    }

    /** Grace ran out: kills the owned step's process tree; the worker then records the result. */
    public void killOwned() throws InterruptedException {
        StepSpool spool = owned;
        long[] process = spool == null ? null : spool.stepProcess();
        if (process != null && ProcFs.alive(process[0], process[1])) {
            SystemProcessRunner.killTree(process[0]);
        }
    }

    /** The controller journaled the result: the spool goes, unless its step still runs. */
    public void forget(String key) {
        StepSpool spool = StepSpool.of(root, key);
        Properties claim = spool.finished() ? null : spool.readClaim();
        if (claim == null || !spool.ownerAlive(claim)) {
            spool.delete();
            started.remove(key); // the controller has its result: the key may be sent as new work
        }
    }

    /** Removes spools older than {@code maxAgeMillis} whose owner is gone. Never throws. */
    public static void cleanup(Path root, long maxAgeMillis) {
        File[] dirs = root.toFile().listFiles();
        if (dirs == null) {
            return;
        }
        long now = System.currentTimeMillis();
        for (File dir : dirs) {
            if (dir.isDirectory() && now - dir.lastModified() > maxAgeMillis) {
                StepSpool spool = StepSpool.at(dir.toPath());
                Properties claim = spool.readClaim();
                if (claim == null || !spool.ownerAlive(claim)) {
                    spool.delete();
                }
            }
        }
    }

    private Map<String, Object> answer(StepSpool spool) throws InterruptedException {
        long firstSeen = System.currentTimeMillis();
        while (true) {
            Map<String, Object> result = spool.readResult();
            if (result != null) {
                result.put("_drover_replayed", true);
                return result;
            }
            if (!spool.exists()) {
                return gone(spool, false); // removed while waited for: claimed by someone, fate unknown
            }
            Properties claim = spool.readClaim();
            if (claim == null) {
                if (System.currentTimeMillis() - firstSeen > CLAIM_WRITE_MILLIS) {
                    return Results.failed("step " + spool.key() + " was claimed on this host (" + spool.dir()
                            + ") but never started: its agent died at once. drover does not start a claimed step"
                            + " again; remove that directory to let it run.");
                }
            } else if (!spool.ownerAlive(claim)) {
                result = spool.readResult();
                if (result != null) {
                    result.put("_drover_replayed", true);
                    return result;
                }
                return ownerDied(spool, claim);
            }
            if (controllerGone.getAsBoolean()) {
                return Results.failed("the controller went away while step " + spool.key() + " was waited for");
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /**
     * A step known to have been claimed on this host whose spool is gone (removed with
     * {@code ~/.cache/drover}, or by hand): it may have run, may still run; it is never started again.
     */
    private static Map<String, Object> gone(StepSpool spool, boolean attach) {
        Map<String, Object> r = Results.failed("step " + spool.key() + " was started on this host"
                + (attach ? " before the connection dropped (its agent acknowledged it)" : "")
                + ", but the host has no record of it now: its spool " + spool.dir() + " is gone (was ~/.cache/drover"
                + " removed?). Whether it ran, and whether it still runs, is unknown, so drover will not start it"
                + " again: check the host, then run the task again yourself if it did not happen.");
        r.put("step_unknown", true);
        r.put("step_spool", spool.dir().toString());
        return r;
    }

    private static Map<String, Object> ownerDied(StepSpool spool, Properties claim) {
        long[] process = spool.stepProcess();
        boolean alive = process != null && ProcFs.alive(process[0], process[1]);
        String started = new SimpleDateFormat("yyyy-MM-dd HH:mm:ss").format(
                new Date(StepSpool.number(claim.getProperty("started"))));
        String what = process == null ? "it had started no process"
                : "its process (pid " + process[0] + ") is " + (alive ? "STILL RUNNING" : "no longer running");
        String tail = spool.outputTail(10);
        Map<String, Object> r = Results.failed("step " + spool.key() + " (" + claim.getProperty("module") + ") was started on this"
                + " host at " + started + " by agent pid " + claim.getProperty("agent_pid") + ", which died before the"
                + " step finished; " + what + "; whether it completed is unknown. drover will not start it again:"
                + " check the host" + (alive ? " (wait for pid " + process[0] + " or stop it)" : "")
                + ", then remove " + spool.dir() + " to let it run."
                + (tail.isEmpty() ? "" : " Last output: " + tail.trim().replace("\n", " | ")));
        r.put("step_pid", process == null ? null : process[0]);
        r.put("step_alive", alive);
        r.put("step_output_tail", tail);
        r.put("step_spool", spool.dir().toString());
        return r;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> warnings(Map<String, Object> result, String warning) {
        List<Object> all = new ArrayList<>();
        if (result.get("warnings") instanceof List) {
            all.addAll((List<Object>) result.get("warnings"));
        }
        all.add(warning);
        return all;
    }
}
