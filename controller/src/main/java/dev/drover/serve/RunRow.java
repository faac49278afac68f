package dev.drover.serve;

import java.time.Instant;
import java.util.List;

/**
 * One run as the runs list shows it: what {@code drover history} shows, plus the hosts, the
 * inventory and who started it (the owner of its journal).
 *
 * @param result      the journal's result ({@code ok}, {@code failed}, ...), {@value #RUNNING} while the
 *                    controller that writes it is alive, else {@code incomplete} for a journal without end
 * @param durationMs  the run's duration; for a running run, so far
 * @param hosts       every host a play of the run selected, in first-seen order
 * @param failedHosts hosts with a failure they did not go on from
 * @param user        the owner of the journal file: who started the run
 */
public record RunRow(String id, String playbook, List<String> inventory, Instant started, long durationMs,
        String result, Integer exitCode, List<String> hosts, List<String> failedHosts, String user, String resumedFrom,
        boolean check) {

    public static final String RUNNING = "running";

    /** The playbook's file name, how the list and the metrics name it. */
    public String playbookName() {
        int slash = playbook.lastIndexOf('/');
        return slash < 0 ? playbook : playbook.substring(slash + 1);
    }

    public boolean running() {
        return result.equals(RUNNING);
    }
}
