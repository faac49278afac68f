package dev.drover.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task's relative controller file is looked for where Ansible 2.14's {@code _find_needle} looks
 * (checked with ansible-playbook 2.14 on this playbook: same recap, same "Searched in" lists): the
 * roles around the task innermost first (a dependency's tasks find their parent role's
 * {@code files/} and {@code templates/}), each role's own directory, then the task file's directory
 * (here {@code tasks/sub}, where drover looked for a role's {@code files/} only when the task file
 * sat right in {@code tasks/}), then the playbook's. The copy target's {@code source_recursive} is
 * the last entry of that list.
 */
class FindNeedleTest {
    @TempDir
    Path dir;

    @Test
    void relativeSourcesAreFoundAlongAnsiblesSearchPath() throws IOException {
        write("roles/outer/meta/main.yml", "dependencies: [inner]\n");
        write("roles/outer/tasks/main.yml", "- debug: {msg: outer}\n");
        write("roles/outer/files/from_outer.txt", "outer\n");
        write("roles/outer/templates/t.j2", "{{ 1 + 1 }}\n");
        write("roles/inner/at_root.txt", "root\n");
        write("roles/inner/tasks/main.yml", "- include_tasks: sub/copy.yml\n");
        write("roles/inner/tasks/sub/copy.yml", """
                - copy: {src: from_outer.txt, dest: "{{ out }}/from_outer.txt"}
                - copy: {src: at_root.txt, dest: "{{ out }}/at_root.txt"}
                - template: {src: t.j2, dest: "{{ out }}/t.txt"}
                - copy: {src: missing.txt, dest: "{{ out }}/missing.txt"}
                  ignore_errors: true
                - template: {src: missing.j2, dest: "{{ out }}/missing.txt"}
                  ignore_errors: true
                """);
        write("site.yml", "- hosts: all\n  gather_facts: false\n  roles: [outer]\n");
        write("hosts", "localhost ansible_connection=local\n");
        Path out = Files.createDirectories(dir.resolve("out"));
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int code = Main.run(new String[] {"run", "--state-dir", dir.resolve("state").toString(), "-i",
            dir.resolve("hosts").toString(), dir.resolve("site.yml").toString(), "-e", "out=" + out},
                new PrintWriter(stdout, true), new PrintWriter(stderr, true));
        String text = stdout + "\n--- stderr\n" + stderr;
        assertEquals(0, code, text);
        assertTrue(text.contains("ok=7    changed=3    unreachable=0    failed=0    skipped=0    rescued=0    ignored=2"), text);
        assertEquals("outer\n", Files.readString(out.resolve("from_outer.txt")));
        assertEquals("root\n", Files.readString(out.resolve("at_root.txt")));
        assertEquals("2\n", Files.readString(out.resolve("t.txt")));
        String r = dir.toAbsolutePath().normalize().resolve("roles").toString();
        for (String[] missing : new String[][] {{"missing.txt", "files"}, {"missing.j2", "templates"}}) {
            String name = missing[0];
            String sub = missing[1];
            String searched = "Could not find or access '" + name + "'\\nSearched in:\\n\\t" + String.join("\\n\\t",
                    r + "/inner/" + sub + "/" + name, r + "/inner/" + name, r + "/outer/" + sub + "/" + name,
                    r + "/outer/" + name, r + "/inner/tasks/sub/" + sub + "/" + name, r + "/inner/tasks/sub/" + name,
                    dir.toAbsolutePath().normalize() + "/" + sub + "/" + name, dir.toAbsolutePath().normalize() + "/" + name)
                    + " on the Ansible Controller.\\nIf you are using a module and expect the file to exist on the"
                    + " remote, see the remote_src option";
            assertTrue(text.contains(searched), searched + "\n" + text);
        }
    }

    private void write(String path, String text) throws IOException {
        Path p = dir.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }
}
