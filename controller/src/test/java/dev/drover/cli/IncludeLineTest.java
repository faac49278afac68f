package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "included:" line of {@code include_tasks} as Ansible 2.14's default callback prints it
 * (v2_playbook_on_include): the loop item, or its loop_control label, after the line, and under
 * {@code no_log} "(censored due to no_log)", looped or not. The expected lines are ansible-playbook's
 * for the same playbook.
 */
class IncludeLineTest {
    @TempDir
    Path dir;

    @Test
    void includedLinesShowTheItemOrCensorIt() throws IOException {
        Files.writeString(dir.resolve("hosts.ini"), "a ansible_connection=local\nb ansible_connection=local\n");
        Files.writeString(dir.resolve("inc.yml"), "- debug: msg=included\n");
        Path pb = Files.writeString(dir.resolve("site.yml"), """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - include_tasks: inc.yml
                      no_log: true
                    - include_tasks: "{{ item }}"
                      loop: [inc.yml]
                      no_log: true
                    - include_tasks: "{{ item }}"
                      loop: [inc.yml]
                    - include_tasks: "{{ f.name }}"
                      loop: [{name: inc.yml}]
                      loop_control: {loop_var: f, label: "{{ f.name }} labelled"}
                    - include_tasks: "{{ f }}"
                      loop: [{name: inc.yml}]
                      loop_control: {loop_var: x}
                      vars: {f: inc.yml}
                    - include_tasks: inc.yml
                """);
        CliRun run = CliRun.of("run", "--state-dir", dir.resolve("state").toString(), "-i",
                dir.resolve("hosts.ini").toString(), pb.toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        String inc = dir.resolve("inc.yml").toAbsolutePath().normalize().toString();
        List<String> lines = run.out().lines().filter(l -> l.startsWith("included: ")).toList();
        assertEquals(List.of(
                "included: " + inc + " for a, b => (item=(censored due to no_log))",
                "included: " + inc + " for a, b => (item=(censored due to no_log))",
                "included: " + inc + " for a, b => (item=inc.yml)",
                "included: " + inc + " for a, b => (item=inc.yml labelled)",
                "included: " + inc + " for a, b => (item={'name': 'inc.yml'})",
                "included: " + inc + " for a, b"), lines, run.toString());
    }
}
