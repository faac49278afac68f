package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * copy's argument checks in the words of Ansible 2.14's copy action plugin (its copy target asserts
 * on them), and its {@code decrypt} argument, which the action takes and the module never sees;
 * messages checked with ansible-playbook 2.14.
 */
class CopyActionParityTest {
    @TempDir
    Path dir;

    @Test
    void argumentChecksAndMissingSourceInAnsiblesWords() throws IOException {
        Files.writeString(dir.resolve("hosts.ini"), "a ansible_connection=local\n");
        Files.writeString(dir.resolve("foo.txt"), "foo\n");
        Path pb = Files.writeString(dir.resolve("site.yml"), """
                - hosts: a
                  gather_facts: false
                  tasks:
                    - copy: {src: '', dest: OUT/x}
                      ignore_errors: true
                    - copy: {content: x}
                      ignore_errors: true
                    - copy: {src: foo.txt, content: x, dest: OUT/x}
                      ignore_errors: true
                    - copy: {content: x, dest: OUT/}
                      ignore_errors: true
                    - copy: {src: no_such_file, dest: OUT/x}
                      ignore_errors: true
                    - copy: {src: foo.txt, dest: OUT/foo, decrypt: no}
                    - copy: {content: bar, dest: OUT/bar, decrypt: no}
                """.replace("OUT", dir.toString()));
        CliRun run = CliRun.of("run", "--state-dir", dir.resolve("state").toString(), "-i",
                dir.resolve("hosts.ini").toString(), pb.toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        for (String msg : new String[] {"\"msg\": \"src (or content) is required\"", "\"msg\": \"dest is required\"",
            "\"msg\": \"src and content are mutually exclusive\"", "\"msg\": \"can not use content with a dir as dest\"",
            "\"msg\": \"Could not find or access 'no_such_file'\\nSearched in:\\n\\t",
            " on the Ansible Controller.\\nIf you are using a module and expect the file to exist on the remote, see the"
                    + " remote_src option\""}) {
            assertTrue(run.out().contains(msg), msg + "\n" + run);
        }
        assertEquals("foo\n", Files.readString(dir.resolve("foo")));
        assertEquals("bar", Files.readString(dir.resolve("bar")));
        assertTrue(run.recapLine("a").contains("changed=2 unreachable=0 failed=0 skipped=0 rescued=0 ignored=5"), run.toString());
    }
}
