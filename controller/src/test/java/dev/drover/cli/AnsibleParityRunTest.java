package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Run-level differences the Ansible comparison suite (playbooks/compat,
 * {@code dev.drover.compat.AnsibleCompatibilityTest}) found and drover now matches, on local hosts so
 * they run without ansible-playbook. Each case says what ansible-core 2.14.18 did.
 */
class AnsibleParityRunTest {
    @TempDir
    Path dir;
    Path inventory;

    @BeforeEach
    void inventory() throws IOException {
        inventory = write("hosts.ini", "a ansible_connection=local\n");
    }

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text.replace("OUT", dir.toString()));
        return f;
    }

    private CliRun run(String playbook, String... extra) throws IOException {
        Path pb = write("site.yml", playbook);
        String[] args = new String[4 + extra.length];
        args[0] = "run";
        args[1] = "-i";
        args[2] = inventory.toString();
        args[3] = pb.toString();
        System.arraycopy(extra, 0, args, 4, extra.length);
        return CliRun.of(args);
    }

    @Test
    void ansibleCheckModeFollowsTheCommandLineNotTheTask() throws IOException {
        String pb = """
                - hosts: a
                  gather_facts: false
                  tasks:
                    - copy: {dest: OUT/forced-real, content: "{{ ansible_check_mode }}"}
                      check_mode: false
                    - debug: {msg: "asked={{ ansible_check_mode }}"}
                      check_mode: true
                """;
        CliRun checked = run(pb, "--check");
        assertEquals(ExitCodes.OK, checked.exitCode(), checked.toString());
        // ansible --check: the task with check_mode: false ran and saw ansible_check_mode True
        assertEquals("True", Files.readString(dir.resolve("forced-real")));

        CliRun plain = run(pb);
        assertEquals(ExitCodes.OK, plain.exitCode(), plain.toString());
        // ansible without --check: "asked=False" although the task itself runs in check mode
        assertTrue(plain.out().contains("\"msg\": \"asked=False\""), plain.toString());
    }

    @Test
    void aLoopedIncludeCountsOncePerIncludedItem() throws IOException {
        write("part.yml", """
                - debug: {msg: "{{ item }}"}
                """);
        CliRun run = run("""
                - hosts: a
                  gather_facts: false
                  tasks:
                    - include_tasks: part.yml
                      loop: [one, two, three]
                    - include_tasks: part.yml
                      loop: [four, five]
                      when: item == 'five'
                """);
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        // ansible: ok=3 for the first include and its 3 debug tasks, ok=1 + 1 for the second, skipped=0
        assertEquals("8 0 0 0 0 0 0", LocalPlaybookRun.recap(run, "a"), run.toString());
    }

    @Test
    void contentEndingInALineBreakKeepsIt() throws IOException {
        CliRun run = run("""
                - hosts: a
                  gather_facts: false
                  vars: {version: 7.4.1, port: 8080}
                  tasks:
                    - copy: {dest: OUT/version, content: "{{ version }}\\n"}
                    - copy: {dest: OUT/port, content: "{{ port }}\\n"}
                """);
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals("7.4.1\n", Files.readString(dir.resolve("version")));
        assertEquals("8080\n", Files.readString(dir.resolve("port")));
    }

    @Test
    void resultsShowAndRegisterWhatAnsibleShowsAndRegisters() throws IOException {
        write("s.sh", "#!/bin/sh\necho script\n");
        CliRun run = run("""
                - hosts: a
                  gather_facts: false
                  tasks:
                    - command: echo one
                      args: {executable: /bin/bash}
                    - command: echo two
                      args: {executable: /bin/bash}
                    - ping:
                    - stat: {path: OUT/s.sh}
                    - script: OUT/s.sh
                      args: {creates: OUT/s.sh}
                      register: skipped_script
                    - debug: {var: skipped_script}
                """, "-v");
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        // ansible-playbook 2.14: the module's warning on stderr, wrapped at 79 columns, once per run
        String warning = "[WARNING]: As of Ansible 2.4, the parameter 'executable' is no longer supported\n"
                + "with the 'command' module. Not using '/bin/bash'.\n";
        assertEquals(warning, run.err().replace("\r", ""), run.toString());
        // -v lines never show failed, skipped or warnings; only command results carry times
        for (String line : run.out().split("\n")) {
            if (line.startsWith("ok: ") || line.startsWith("changed: ") || line.startsWith("skipping: ")) {
                assertTrue(!line.contains("\"failed\"") && !line.contains("\"skipped\"") && !line.contains("\"warnings\""), line);
            }
            if (line.startsWith("ok: [a] => {\"changed\": false, \"ping\"")) {
                assertEquals("ok: [a] => {\"changed\": false, \"ping\": \"pong\"}", line);
            }
        }
        assertTrue(run.out().contains("\"delta\": \"0:00:"), run.toString());
        // floats as Python writes them (1796463925.90777), not Java's 1.79646392590777E9
        assertTrue(run.out().matches("(?s).*\"mtime\": \\d{10}\\.\\d+,.*"), run.toString());
        // a registered skipped script has failed: false, as every registered module result
        String registered = "    \"skipped_script\": {\n        \"changed\": false,\n        \"failed\": false,\n"
                + "        \"msg\": \"" + dir.resolve("s.sh") + " exists, matching creates option\",\n"
                + "        \"skipped\": true\n    }";
        assertTrue(run.out().contains(registered), run.toString());
    }

    @Test
    void anIncludeInARoleShowsTheRolePrefixAndTheIncludedFileItsAbsolutePath() throws IOException {
        write("roles/r/tasks/main.yml", """
                - name: decide to include
                  include_tasks: part.yml
                  when: false
                - name: really include
                  include_tasks: part.yml
                """);
        write("roles/r/tasks/part.yml", "- debug: {msg: inside}\n");
        Path pb = write("site.yml", """
                - hosts: a
                  gather_facts: false
                  roles: [r]
                """);
        // The playbook named by a relative path, as an operator types it.
        String relative = Path.of("").toAbsolutePath().relativize(pb).toString();
        CliRun run = CliRun.of("run", "-i", inventory.toString(), relative);
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        // ansible-playbook 2.14: the role prefix on both include banners, skipped or not, and the
        // included file's absolute path whatever the playbook's path was
        assertTrue(run.out().contains("TASK [r : decide to include] ***"), run.toString());
        assertTrue(run.out().contains("TASK [r : really include] ***"), run.toString());
        assertTrue(run.out().contains("included: " + dir.resolve("roles/r/tasks/part.yml") + " for a"), run.toString());
    }
}
