package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The run journal from the command line, on local hosts: {@code --resume} after a failure,
 * registered variables across a resume, the refusal to resume an edited playbook, {@code drover
 * history}, and the progress lines of a host waiting on a gate. What ran is read from files the
 * hosts append to.
 */
class RunJournalTest extends LocalPlaybookRun {
    static final String ROLLING = """
            - name: rolling
              hosts: web
              gather_facts: false
              serial: 1
              tasks:
                - shell: echo {{ inventory_hostname }} >> OUT/step1
                  register: first
                - set_fact: {token: "t-{{ inventory_hostname }}"}
                - shell: test ! -e OUT/fault-{{ inventory_hostname }}
                - shell: echo {{ inventory_hostname }} {{ first.rc }} {{ token }} >> OUT/step3
            """;

    private CliRun runWithState(String playbook, String... extra) throws IOException {
        String[] args = new String[extra.length + 2];
        args[0] = "--state-dir";
        args[1] = dir.resolve("state").toString();
        System.arraycopy(extra, 0, args, 2, extra.length);
        return run(playbook, args);
    }

    private CliRun drover(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--state-dir";
        all[args.length + 1] = dir.resolve("state").toString();
        return CliRun.of(all);
    }

    private List<String> lines(String name) throws IOException {
        Path f = dir.resolve(name);
        return Files.exists(f) ? Files.readAllLines(f) : List.of();
    }

    private static String runId(CliRun run) {
        Matcher m = Pattern.compile("To resume: drover run --resume (\\S+)").matcher(run.out());
        assertTrue(m.find(), "no resume hint\n" + run);
        return m.group(1);
    }

    @Test
    void aResumedRunContinuesAtTheFailedTaskWithoutRepeatingCompletedOnes() throws IOException {
        write("fault-b", "");
        CliRun failed = runWithState(ROLLING);
        assertEquals(ExitCodes.HOST_FAILED, failed.exitCode(), failed.toString());
        String id = runId(failed);
        assertEquals(List.of("a", "b"), lines("step1"));

        Files.delete(dir.resolve("fault-b"));
        CliRun resumed = drover("run", "--resume", "last");
        assertEquals(ExitCodes.OK, resumed.exitCode(), resumed.toString());
        assertEquals(List.of("a", "b"), lines("step1"), "nobody runs the first task again");
        assertEquals(List.of("a 0 t-a", "b 0 t-b"), lines("step3"),
                "b's registered result and fact came back from the journal");
        assertTrue(resumed.out().contains("done: [a] => changed in run " + id + ", not run again"), resumed.toString());
        assertFalse(resumed.out().contains("To resume"), "a run that succeeded needs no resume");
    }

    @Test
    void aResumeAfterARescueThatRolledBackRunsTheWholeBlockAgain() throws IOException {
        // The upgrade pattern: install, start (fails), rescue rolls back and fails the host on purpose.
        String playbook = """
                - hosts: a
                  gather_facts: false
                  tasks:
                    - shell: echo prepared >> OUT/log
                    - block:
                        - shell: echo installed >> OUT/log
                        - shell: test ! -e OUT/fault && echo started >> OUT/log
                      rescue:
                        - shell: echo rolled-back >> OUT/log
                        - fail: {msg: rolled back}
                """;
        write("fault", "");
        CliRun failed = runWithState(playbook);
        assertEquals(ExitCodes.HOST_FAILED, failed.exitCode(), failed.toString());
        assertEquals(List.of("prepared", "installed", "rolled-back"), lines("log"));

        Files.delete(dir.resolve("fault"));
        CliRun resumed = drover("run", "--resume", "last");
        assertEquals(ExitCodes.OK, resumed.exitCode(), resumed.toString());
        assertEquals(List.of("prepared", "installed", "rolled-back", "installed", "started"), lines("log"),
                "the task before the block is not repeated; the rolled-back block runs again from its start");
    }

    @Test
    void anEditedPlaybookIsNotResumedUnlessForcedAndTheMessageNamesTheFile() throws IOException {
        write("fault-b", "");
        CliRun failed = runWithState(ROLLING);
        assertEquals(ExitCodes.HOST_FAILED, failed.exitCode(), failed.toString());
        Files.delete(dir.resolve("fault-b"));
        write("site.yml", ROLLING + "    - shell: echo {{ inventory_hostname }} >> OUT/added\n");

        CliRun refused = drover("run", "--resume", "last");
        assertEquals(ExitCodes.BAD_INPUT, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("changed since run " + runId(failed) + ": " + dir.resolve("site.yml")),
                refused.toString());
        assertTrue(refused.err().contains("--resume-force"), refused.toString());
        assertEquals(List.of("a", "b"), lines("step1"), "a refused resume runs nothing");

        CliRun forced = drover("run", "--resume", runId(failed), "--resume-force");
        assertEquals(ExitCodes.OK, forced.exitCode(), forced.toString());
        assertEquals(List.of("a", "b"), lines("step1"), "tasks above the edit did not move: still replayed");
        assertEquals(List.of("a", "b"), lines("added"), "the added task runs on both");
    }

    @Test
    void historyListsRunsAndShowsWhereAFailedOneStopped() throws IOException {
        write("fault-b", "");
        CliRun failed = runWithState(ROLLING);
        String failedId = runId(failed);
        Files.delete(dir.resolve("fault-b"));
        CliRun ok = drover("run", "--resume", "last");
        assertEquals(ExitCodes.OK, ok.exitCode(), ok.toString());

        CliRun history = drover("history");
        assertEquals(ExitCodes.OK, history.exitCode(), history.toString());
        List<String> rows = history.out().lines().skip(1).toList();
        assertEquals(2, rows.size(), history.toString());
        assertTrue(rows.get(0).matches(failedId + " .* failed \\(2\\) +b +" + Pattern.quote(dir.resolve("site.yml").toString())),
                rows.get(0));
        assertTrue(rows.get(1).matches("\\S+ .* ok \\(0\\) +- +.*"), rows.get(1));
        assertEquals(1, drover("history", "--last", "1").out().lines().skip(1).count());

        CliRun show = drover("history", "show", failedId);
        assertEquals(ExitCodes.OK, show.exitCode(), show.toString());
        assertTrue(show.out().contains("Result:    failed (2)"), show.toString());
        assertTrue(show.out().contains("failed: [b] play 'rolling', task 'shell' (site.yml:9:7): non-zero return code"),
                show.toString());
        assertTrue(show.out().matches("(?s).*\\nb +: ok=2 +changed=1 +unreachable=0 +failed=1 .*"), show.toString());
        assertTrue(show.out().contains("To resume: drover run --resume " + failedId), show.toString());

        CliRun unknown = drover("history", "show", "20000101-000000-0000");
        assertEquals(ExitCodes.BAD_INPUT, unknown.exitCode(), unknown.toString());
        assertTrue(unknown.err().contains("newest runs: " + failedId), unknown.toString());
    }

    @Test
    void aHostWaitingOnAGateGetsPeriodicLinesWhenOutputIsNotATerminal() throws IOException {
        CliRun run = runWithState("""
                - hosts: a
                  gather_facts: false
                  tasks:
                    - shell: (sleep 1.5; touch OUT/ready) > /dev/null 2>&1 &
                    - name: Wait for ready
                      wait_for: {path: OUT/ready, timeout: 30}
                """, "--progress-interval", "0.3");
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertTrue(Pattern.compile("(?m)^still waiting after \\d+ s: \\[a\\] Wait for ready: wait_for path="
                + Pattern.quote(dir.resolve("ready").toString()) + " timeout=30$").matcher(run.out()).find(), run.toString());
        assertFalse(run.out().contains("\r"), "no carriage returns in a log");
    }
}
