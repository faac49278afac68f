package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * A loop whose items all skipped, and a loop with no items, print Ansible's task-level
 * {@code skipping: [host]} line after the items (v2_runner_on_skipped), with and without {@code -v};
 * the expected lines are ansible-playbook 2.14's for the same playbook.
 */
class SkippedLoopOutputTest extends LocalPlaybookRun {
    private static final String PLAYBOOK = """
            - hosts: a
              gather_facts: false
              tasks:
                - name: all items skip
                  debug: msg={{ item }}
                  loop: [1, 2]
                  when: item > 5
                  register: r
                - name: empty loop
                  debug: msg={{ item }}
                  loop: []
                  register: e
                - assert:
                    that:
                      - r.msg == 'All items skipped'
                      - r is skipped
                      - e.skipped_reason == 'No items in the list'
                      - e.msg is undefined
            """;

    @Test
    void theHostsSkippingLineFollowsTheItems() throws IOException {
        CliRun run = run(PLAYBOOK);
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertTrue(run.out().contains("TASK [all items skip] " + "*".repeat(58) + "\n"
                + "skipping: [a] => (item=1) \nskipping: [a] => (item=2) \nskipping: [a]\n"), run.toString());
        assertTrue(run.out().contains("TASK [empty loop] " + "*".repeat(62) + "\nskipping: [a]\n"), run.toString());
        assertEquals("1 0 0 0 2 0 0", recap(run, "a"));
    }

    @Test
    void verboseShowsWhatIsLeftOfEachResult() throws IOException {
        CliRun run = run(PLAYBOOK, "-v");
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertTrue(run.out().contains("skipping: [a] => (item=1)  => {\"ansible_loop_var\": \"item\", \"item\": 1}\n"
                + "skipping: [a] => (item=2)  => {\"ansible_loop_var\": \"item\", \"item\": 2}\n"
                + "skipping: [a] => {\"msg\": \"All items skipped\"}\n"), run.toString());
        assertTrue(run.out().contains("skipping: [a] => {\"skipped_reason\": \"No items in the list\"}\n"), run.toString());
    }
}
