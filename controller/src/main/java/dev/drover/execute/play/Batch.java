package dev.drover.execute.play;

import dev.drover.execute.HostStatus;
import dev.drover.playbook.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * One batch as the strategy's collaborators ({@link Includes}, {@link Handlers}, {@link FactGathering})
 * see it: its hosts, the failure policy that decides which of them go on, the run's workers, and a
 * way to run a list of tasks on some of the hosts (the strategy's walk, for included files and
 * handlers). {@link LinearStrategy} builds it and hands this, never itself, to them: none can reach
 * the strategy's own state ({@code meta: end_play}, a stopped batch) or call into it except through
 * {@link TaskWalk}. Used on the run's main thread; {@link #parallel} hands host work to the workers.
 */
final class Batch {
    /** Runs tasks in order on the hosts, as the strategy walks a play; returns the hosts still active afterwards. */
    @FunctionalInterface
    interface TaskWalk {
        List<HostState> run(List<Task> tasks, Chain chain, List<HostState> hosts, PlayListener.Kind kind);
    }

    private final List<HostState> hosts;
    private final FailurePolicy policy;
    private final ExecutorService workers;
    private final TaskWalk walk;

    Batch(List<HostState> hosts, FailurePolicy policy, ExecutorService workers, TaskWalk walk) {
        this.hosts = hosts;
        this.policy = policy;
        this.workers = workers;
        this.walk = walk;
    }

    /** Every host of the batch, in batch order. */
    List<HostState> hosts() {
        return hosts;
    }

    /** The hosts still running tasks in the play. */
    List<HostState> active() {
        return hosts.stream().filter(HostState::active).toList();
    }

    /** The failure policy's verdict on one task's outcomes ({@link FailurePolicy#apply}); true: the batch stops. */
    boolean apply(List<TaskRunner.Outcome> outcomes, String taskName, String action, boolean rescuable) {
        return policy.apply(outcomes, taskName, action, rescuable, hosts);
    }

    /** Runs tasks on some of the batch's hosts as the strategy would; returns those still active afterwards. */
    List<HostState> runList(List<Task> tasks, Chain chain, List<HostState> on, PlayListener.Kind kind) {
        return walk.run(tasks, chain, on, kind);
    }

    /** Runs {@code work} for each host on the run's workers, at most {@code throttle} at once (0: forks). */
    <T> List<T> parallel(List<HostState> on, int throttle, Function<HostState, T> work) {
        Semaphore gate = new Semaphore(throttle > 0 ? throttle : Integer.MAX_VALUE);
        List<Future<T>> futures = new ArrayList<>();
        for (HostState h : on) {
            futures.add(workers.submit(() -> {
                gate.acquireUninterruptibly();
                try {
                    return work.apply(h);
                } finally {
                    gate.release();
                }
            }));
        }
        List<T> out = new ArrayList<>();
        for (Future<T> f : futures) {
            try {
                out.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while hosts were running a task", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("a host thread crashed: " + e.getCause(), e.getCause());
            }
        }
        return out;
    }

    /**
     * Marks the role application of {@code chain} as having had a task run on the hosts whose outcome
     * was not skipped or unreachable, as Ansible's {@code _process_pending_results} sets
     * {@code _had_task_run} (a failed result counts, ignored or not).
     */
    static void roleTasksRan(Chain chain, List<TaskRunner.Outcome> outcomes) {
        chain.role().ifPresent(r -> outcomes.stream()
                .filter(o -> o.status() != HostStatus.SKIPPED && o.status() != HostStatus.UNREACHABLE)
                .forEach(o -> o.host().roleTaskRan(r.key())));
    }
}
