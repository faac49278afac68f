package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.testing.OpenSshLab;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drover run -b} on a real OpenSSH node with real sudo: the command line's become is the
 * lowest-precedence default, below play and task keywords, as with ansible-playbook.
 */
@ExtendWith(OpenSshLab.class)
class RunBecomeOverOpenSshTest {
    @TempDir
    Path dir;

    @Test
    void commandLineBecomeIsADefaultThatPlayAndTaskKeywordsOverride(OpenSshLab.Lab lab) throws Exception {
        String target = lab.become().targetUser();
        Path pb = dir.resolve("become.yml");
        Files.writeString(pb, """
                - hosts: node1
                  gather_facts: false
                  tasks:
                    - command: id -un
                      register: by_default
                    - command: id -un
                      become: false
                      register: task_says_no
                    - debug:
                        msg: "default={{ by_default.stdout }} task_no={{ task_says_no.stdout }}"
                - hosts: node1
                  gather_facts: false
                  become: true
                  become_user: %s
                  tasks:
                    - command: id -un
                      register: by_play
                    - debug:
                        msg: "play={{ by_play.stdout }}"
                """.formatted(target));

        CliRun withB = CliRun.of("run", "-i", lab.inventory().toString(), "-b", pb.toString());
        assertEquals(ExitCodes.OK, withB.exitCode(), withB.toString());
        assertTrue(withB.out().contains("default=root task_no=" + lab.user()), withB.toString());
        assertTrue(withB.out().contains("play=" + target), withB.toString());

        CliRun withoutB = CliRun.of("run", "-i", lab.inventory().toString(), pb.toString());
        assertEquals(ExitCodes.OK, withoutB.exitCode(), withoutB.toString());
        assertTrue(withoutB.out().contains("default=" + lab.user() + " task_no=" + lab.user()), withoutB.toString());
        assertTrue(withoutB.out().contains("play=" + target), withoutB.toString());
    }

    @Test
    void suTakesTheHostsBecomePasswordAndAWrongOneFailsThatHostAndTaskWithAnsiblesMessage(OpenSshLab.Lab lab)
            throws Exception {
        OpenSshLab.Su su = lab.su();
        Path pb = dir.resolve("su.yml");
        Files.writeString(pb, """
                - hosts: node1
                  gather_facts: false
                  tasks:
                    - name: who am I through su
                      command: id -un
                      become: true
                      become_method: su
                      become_user: %s
                      register: who
                    - debug:
                        msg: "su={{ who.stdout }}"
                """.formatted(su.user()));
        // In a vars file, as an inventory's host_vars would hold it (not on the command line).
        Path right = Files.writeString(dir.resolve("right.yml"), "ansible_become_password: '" + su.password().revealString() + "'\n");
        Path wrong = Files.writeString(dir.resolve("wrong.yml"), "ansible_become_password: 'not-the-password'\n");

        CliRun ok = CliRun.of("run", "-i", lab.inventory().toString(), pb.toString(), "-e", "@" + right);
        assertEquals(ExitCodes.OK, ok.exitCode(), ok.toString());
        assertTrue(ok.out().contains("su=" + su.user()), ok.toString());

        CliRun failed = CliRun.of("run", "-i", lab.inventory().toString(), pb.toString(), "-e", "@" + wrong);
        assertEquals(2, failed.exitCode(), failed.toString());
        String out = failed.out();
        int task = out.indexOf("TASK [who am I through su]");
        int fatal = out.indexOf("fatal: [node1]: FAILED! => {\"changed\": false, \"msg\": \"Incorrect su password on node1");
        assertTrue(task >= 0 && fatal > task, failed.toString());
        assertTrue(!out.contains(su.password().revealString()), "the password leaked");
    }
}
