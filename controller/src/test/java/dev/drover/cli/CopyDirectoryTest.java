package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * copy of a directory from the controller, as Ansible 2.14's copy action plugin does it (results
 * and trees checked with ansible-playbook 2.14 on the same playbook): without a trailing slash the
 * directory itself is copied, with one its contents; {@code local_follow: false} keeps links as
 * links, the default copies what they point to; {@code directory_mode} on every directory; a
 * second run changes nothing; a directory with one file returns that file's result. Its assert holds an
 * empty condition (a bare {@code -}, as the copy target has) true, as Ansible does.
 */
class CopyDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void copiesTreesLikeAnsiblesCopyActionPlugin() throws IOException, InterruptedException {
        Files.writeString(dir.resolve("hosts.ini"), "a ansible_connection=local\n");
        Path sub = Files.createDirectories(dir.resolve("files/subdir/sub2"));
        Files.createDirectories(dir.resolve("files/subdir/empty"));
        Files.createDirectories(dir.resolve("files/one"));
        Files.writeString(sub.getParent().resolve("a.txt"), "a\n");
        Files.writeString(sub.resolve("b.txt"), "b\n");
        Files.writeString(dir.resolve("files/one/o.txt"), "o\n");
        Files.createSymbolicLink(sub.getParent().resolve("link_a"), Path.of("a.txt"));
        Files.createSymbolicLink(sub.getParent().resolve("link_dir"), Path.of("sub2"));
        // The target's 'circles' link: its text "../" (Java's own links drop the slash) is unchanged the second time.
        assertEquals(0, new ProcessBuilder("ln", "-s", "../", sub.resolve("loop").toString()).start().waitFor());
        Path pb = Files.writeString(dir.resolve("site.yml"), """
                - hosts: a
                  gather_facts: false
                  tasks:
                    - copy: {src: subdir, dest: OUT/a, directory_mode: '0700', local_follow: false}
                    - copy: {src: subdir/, dest: OUT/b}
                    - copy: {src: one/, dest: OUT/c}
                      register: one
                    - copy: {src: subdir, dest: OUT/a, directory_mode: '0700', local_follow: false}
                      register: again
                    - assert:
                        that:
                          - again is not changed
                          -
                          - again.dest == 'OUT/a/'
                          - again.src is search('/files/subdir$')
                          - one.dest == 'OUT/c/o.txt'
                          - one.checksum == '%s'
                """.replace("OUT", dir.resolve("out").toString()).formatted(sha1("o\n")));
        CliRun run = CliRun.of("run", "--state-dir", dir.resolve("state").toString(), "-i",
                dir.resolve("hosts.ini").toString(), pb.toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertTrue(run.recapLine("a").contains("changed=3 unreachable=0 failed=0"), run.toString());
        Path a = dir.resolve("out/a/subdir");
        assertEquals("b\n", Files.readString(a.resolve("sub2/b.txt")));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(a.resolve("empty"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(a)));
        assertEquals(Path.of("a.txt"), Files.readSymbolicLink(a.resolve("link_a")));
        assertEquals(Path.of("sub2"), Files.readSymbolicLink(a.resolve("link_dir")));
        assertEquals(Path.of(".."), Files.readSymbolicLink(a.resolve("sub2/loop")));
        Path b = dir.resolve("out/b");
        assertEquals("a\n", Files.readString(b.resolve("link_a")));
        assertTrue(Files.isRegularFile(b.resolve("link_a"), LinkOption.NOFOLLOW_LINKS));
        assertEquals("b\n", Files.readString(b.resolve("link_dir/b.txt")));
        assertTrue(Files.isDirectory(b.resolve("link_dir"), LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.isSymbolicLink(b.resolve("sub2/loop")), "a link back up the tree stays a link");
        assertTrue(Files.isDirectory(b.resolve("empty")));
    }

    private static String sha1(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1").digest(s.getBytes()));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
