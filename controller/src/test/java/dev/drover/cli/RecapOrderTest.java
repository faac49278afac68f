package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * PLAY RECAP lists hosts sorted by name, as Ansible 2.14's default callback does
 * ({@code sorted(stats.processed.keys())}); checked with ansible-playbook on an inventory listing
 * {@code zeta} before {@code alpha}, which prints alpha's line first.
 */
class RecapOrderTest extends LocalPlaybookRun {
    @Test
    void hostsAreSortedByNameNotInventoryOrder() throws IOException {
        inventory = write("hosts.ini", """
                zeta ansible_connection=local
                mid ansible_connection=local
                alpha ansible_connection=local
                """);
        CliRun run = run("""
                - hosts: all
                  gather_facts: false
                  tasks:
                    - debug: msg=hi
                """);
        assertEquals(0, run.exitCode(), run.toString());
        String recap = run.out().substring(run.out().lastIndexOf("PLAY RECAP"));
        int alpha = recap.indexOf("\nalpha ");
        int mid = recap.indexOf("\nmid ");
        int zeta = recap.indexOf("\nzeta ");
        assertTrue(alpha > 0 && alpha < mid && mid < zeta, recap);
    }
}
