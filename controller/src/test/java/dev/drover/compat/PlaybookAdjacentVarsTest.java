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
 * group_vars/ and host_vars/ next to the playbook, which ansible-playbook reads for every play (its
 * vars plugins' play stage), each right above the same kind of file next to the inventory. The
 * playbook's asserts pass under ansible-playbook 2.14 as they are (ok=1); Ansible's filter_core
 * target reads its host_vars/localhost this way.
 */
class PlaybookAdjacentVarsTest {
    @TempDir
    Path work;

    @Test
    void playbookAdjacentVarsSitAboveTheInventorysOwn() throws Exception {
        write("inv/group_vars/all.yml", "a: inv_all\nb: inv_all\n");
        write("inv/host_vars/localhost.yml", "c: inv_host\nd: inv_host\ne: inv_host\n");
        write("inv/hosts", "localhost ansible_connection=local b=hostline\n");
        write("pb/group_vars/all.yml", "a: play_all\ne: play_all\n");
        write("pb/host_vars/localhost.yml", "c: play_host\n");
        Path playbook = write("pb/site.yml", """
                - hosts: localhost
                  gather_facts: false
                  tasks:
                    - assert:
                        that:
                          - a == 'play_all'
                          - b == 'hostline'
                          - c == 'play_host'
                          - d == 'inv_host'
                          - e == 'inv_host'
                          - hostvars['localhost'].c == 'play_host'
                """);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"run", "--state-dir", work.resolve("state").toString(), "-i",
            work.resolve("inv/hosts").toString(), playbook.toString()}, new PrintWriter(out, true), new PrintWriter(err, true));
        String text = out + "\n--- stderr\n" + err;
        assertTrue(out.toString().contains("ok=1 "), text);
        assertEquals(0, code, text);
    }

    private Path write(String name, String text) throws Exception {
        Path p = work.resolve(name);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text);
    }
}
