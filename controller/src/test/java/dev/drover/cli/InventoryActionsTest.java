package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@code add_host} and {@code group_by} change the run's inventory as Ansible's do: later plays
 * select the added host (with its variables) and the new groups; add_host runs once per batch; each
 * reports changed only when the inventory changed.
 */
class InventoryActionsTest extends LocalPlaybookRun {
    @Test
    void laterPlaysSeeAddedHostsAndGroups() throws Exception {
        CliRun run = run("""
                - hosts: web
                  gather_facts: false
                  tasks:
                    - add_host: {name: extra, groups: added, ansible_connection: local, colour: blue}
                      register: first
                    - add_host: {name: extra, groups: added, ansible_connection: local, colour: blue}
                      register: again
                    - group_by: {key: "kind_{{ inventory_hostname }}", parents: grouped}
                      register: grouped
                    - group_by: {key: "kind_{{ inventory_hostname }}", parents: grouped}
                      register: regrouped
                    - assert:
                        that:
                          - first is changed
                          - first.add_host.host_name == 'extra'
                          - again is not changed
                          - grouped is changed
                          - grouped.add_group == 'kind_' ~ inventory_hostname
                          - regrouped is not changed
                      when: inventory_hostname == 'a'
                - hosts: added
                  gather_facts: false
                  tasks:
                    - debug: {msg: "added {{ inventory_hostname }} {{ colour }} {{ group_names | join(',') }}"}
                - hosts: kind_b
                  gather_facts: false
                  tasks:
                    - debug: {msg: "kind_b has {{ inventory_hostname }}"}
                - hosts: grouped
                  gather_facts: false
                  tasks:
                    - debug: {msg: "grouped has {{ inventory_hostname }} of {{ groups['grouped'] | length }}"}
                """);
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertTrue(run.out().contains("added extra blue added"), run.toString());
        assertTrue(run.out().contains("kind_b has b"), run.toString());
        assertFalse(run.out().contains("kind_b has a"), run.toString());
        assertTrue(run.out().contains("grouped has a of 2"), run.toString());
        // add_host ran for the batch's first host only (Ansible's BYPASS_HOST_LOOP).
        assertEquals("6 2 0 0 0 0 0", recap(run, "a"), run.toString());
        assertEquals("4 1 0 0 1 0 0", recap(run, "b"), run.toString());
    }
}
