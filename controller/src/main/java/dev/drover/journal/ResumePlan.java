package dev.drover.journal;

import dev.drover.execute.HostStatus;
import dev.drover.execute.play.CompletedTasks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which tasks a resumed run does not run again, from the journal of the run it resumes.
 *
 * <p>Per play and host, the host's task results in the order it ran them (fact gathering and
 * {@code include_tasks} left out: a resumed run evaluates those again, they change nothing). When
 * the host failed or became unreachable in the play (the play's {@code play_end} says so, or the
 * journal stops right after its failure), the list is cut before its last fatal result: that task
 * and everything after it run again. Otherwise every result is kept: a host that finished the play
 * replays it all and runs nothing, a host caught mid-play by a kill or Ctrl-C replays what it
 * completed and runs the rest. A result kept too large to journal ends the list there, and so does
 * one in which a secret was masked ({@code ********}): replaying it would hand the mask to later
 * tasks as the value, so that task runs again and derives (or decrypts) the real one.
 *
 * <p>{@link #plan} is pure. As {@link CompletedTasks}, the plan keeps a cursor per play and host:
 * a task matches when its place ({@code file:line:column}) and action equal the host's next
 * recorded one; the first task that does not match ends skipping for that host.
 */
public final class ResumePlan implements CompletedTasks {
    /** Actions whose results are not replayed: the resumed run performs them again. */
    static final Set<String> REEVALUATED = Set.of("gather_facts", "include_tasks");

    /** One completed task of a host. */
    public record Step(String where, String action, Recorded recorded) {
    }

    /** A play (0-based index) and a host. */
    public record Key(int play, String host) {
    }

    private final Map<Key, List<Step>> steps;
    private final Map<Key, Integer> cursors = new ConcurrentHashMap<>();

    public ResumePlan(Map<Key, List<Step>> steps) {
        this.steps = Map.copyOf(steps);
    }

    public static ResumePlan of(Journal journal) {
        return new ResumePlan(plan(journal));
    }

    /** The completed tasks of every play and host of {@code journal}, in the order each host ran them. */
    public static Map<Key, List<Step>> plan(Journal journal) {
        Map<Key, List<Journal.TaskLine>> byHost = new LinkedHashMap<>();
        for (Journal.TaskLine t : journal.tasks()) {
            if (t.where() != null && !REEVALUATED.contains(t.action())) {
                byHost.computeIfAbsent(new Key(t.play(), t.host()), k -> new ArrayList<>()).add(t);
            }
        }
        Map<Key, List<Step>> out = new LinkedHashMap<>();
        byHost.forEach((key, lines) -> {
            List<String> failedInPlay = journal.playEnds().get(key.play());
            boolean failedAtEnd = failedInPlay != null ? failedInPlay.contains(key.host())
                    : lines.get(lines.size() - 1).fatal();
            int cut = lines.size();
            if (failedAtEnd) {
                for (int i = lines.size() - 1; i >= 0; i--) {
                    if (lines.get(i).fatal()) {
                        cut = rescueStart(lines, i);
                        break;
                    }
                }
            }
            List<Step> kept = new ArrayList<>();
            for (Journal.TaskLine t : lines.subList(0, cut)) {
                if (t.resultTooLarge() || masked(t.result())) {
                    // A secret was masked in the journal: the mask is no value to replay, so the task runs again.
                    break;
                }
                // A fatal result before the cut was survived (a rescue ran): replaying it makes the rescue run as then.
                Map<String, Object> result = t.result() != null ? t.result() : flags(t.status());
                String ranIn = t.replayedFrom() != null ? t.replayedFrom() : journal.runId();
                kept.add(new Step(t.where(), t.action(), new Recorded(t.status(), result, t.ignored(), t.noLog(), ranIn)));
            }
            out.put(key, List.copyOf(kept));
        });
        return out;
    }

    /**
     * Where a host that failed at {@code failed} resumes. Normally that task itself. But when an
     * earlier failure in the same play-level block was rescued (the host went on into the block's
     * {@code rescue}) and the host still failed there, the rescue ran because the block did not
     * finish, and may have undone what it did (a rollback): replaying up to the failure would skip
     * the block's work and rerun only the rescue's end. So the whole block runs again, from its first
     * task: the resumed run does what the fixed run would.
     */
    static int rescueStart(List<Journal.TaskLine> lines, int failed) {
        String item = lines.get(failed).item();
        if (item.equals(lines.get(failed).where())) {
            return failed;
        }
        int first = failed;
        boolean rescued = false;
        for (int i = failed - 1; i >= 0 && lines.get(i).item().equals(item); i--) {
            first = i;
            Journal.TaskLine t = lines.get(i);
            rescued |= t.status() == HostStatus.FAILED && !t.ignored();
        }
        return rescued ? first : failed;
    }

    /** True when a recorded result holds a masked secret anywhere (a vaulted value, a password). */
    static boolean masked(Object value) {
        if (value instanceof String s) {
            return s.contains(JsonLines.MASK);
        }
        if (value instanceof Map<?, ?> m) {
            return m.keySet().stream().anyMatch(ResumePlan::masked) || m.values().stream().anyMatch(ResumePlan::masked);
        }
        if (value instanceof java.util.Collection<?> c) {
            return c.stream().anyMatch(ResumePlan::masked);
        }
        return false;
    }

    /** What a registered variable holds for a task whose result was not journaled ({@code no_log}). */
    private static Map<String, Object> flags(HostStatus status) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("changed", status == HostStatus.CHANGED);
        if (status == HostStatus.SKIPPED) {
            r.put("skipped", true);
        }
        if (status == HostStatus.FAILED) {
            r.put("failed", true);
        }
        return r;
    }

    /** How many tasks of {@code host} in {@code play} will not run again. */
    public int completed(int play, String host) {
        return steps.getOrDefault(new Key(play, host), List.of()).size();
    }

    @Override
    public Optional<Recorded> next(int play, String host, String where, String action) {
        Key key = new Key(play, host);
        List<Step> list = steps.getOrDefault(key, List.of());
        int at = cursors.getOrDefault(key, 0);
        if (at < list.size() && list.get(at).where().equals(where) && list.get(at).action().equals(action)) {
            cursors.put(key, at + 1);
            return Optional.of(list.get(at).recorded());
        }
        cursors.put(key, Integer.MAX_VALUE);
        return Optional.empty();
    }
}
