package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * An Ansible module drover does not ship ({@code pip}) under a false {@code when:} is skipped, as in
 * Ansible's wait_for target, instead of refusing the whole playbook; run, it fails naming the module.
 */
class NotShippedModuleTest extends LocalPlaybookRun {
    @Test
    void isSkippedUnderAFalseWhenAndFailsWhenRun() throws Exception {
        CliRun run = run("""
                - hosts: a
                  gather_facts: false
                  tasks:
                    - pip: {name: psutil}
                      when: false
                    - pip: {name: psutil}
                      register: r
                      ignore_errors: true
                    - assert: {that: [r is failed, "'drover does not ship' in r.msg"]}
                """);
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals("2 0 0 0 1 0 1", recap(run, "a"), run.toString());
        assertTrue(run.out().contains("'pip' is an Ansible module drover does not ship"), run.toString());
    }
}
