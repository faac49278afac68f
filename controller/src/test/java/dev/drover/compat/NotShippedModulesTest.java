package dev.drover.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ansible's modules drover does not ship ({@code yum}, {@code pip}, {@code package}...): Ansible's own
 * targets (unarchive, copy) and real roles hold them for other platforms under a false {@code when:}.
 * The playbook runs; a host that reaches such a task fails it by name, and nothing runs in its place.
 */
class NotShippedModulesTest {
    @TempDir
    Path work;

    @Test
    void aTaskForAnotherPlatformIsSkippedAndOneReachedFailsByName() throws Exception {
        Path playbook = Files.writeString(work.resolve("site.yml"), """
                - hosts: localhost
                  gather_facts: false
                  tasks:
                    - name: only on CentOS 6
                      pip: {name: urllib3}
                      when: false
                    - ansible.builtin.yum: {name: language-pack-fr, state: present}
                      ignore_errors: true
                      register: r
                    - assert:
                        that:
                          - r is failed
                          - "r.msg is search(\\"'yum' is an Ansible module drover does not ship\\")"
                """);
        Path inventory = Files.writeString(work.resolve("hosts"), "localhost ansible_connection=local\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"run", "--state-dir", work.resolve("state").toString(), "-i", inventory.toString(),
            playbook.toString()}, new PrintWriter(out, true), new PrintWriter(err, true));
        String text = out + "\n--- stderr\n" + err;
        assertTrue(text.contains("ok=2 ") && text.contains("skipped=1") && text.contains("ignored=1"), text);
        assertEquals(0, code, text);
    }
}
