package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.testing.OpenSshLab;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fetch} with {@code become} on a real OpenSSH node with real sudo: a file larger than one
 * agent message that only root can read (a database dump in a 0700 directory) comes through the
 * agent started through sudo, where an SFTP get as the login user could not read it. The lab's nodes
 * are sshd on loopback addresses of this machine, so the file is made here, as root.
 */
@ExtendWith(OpenSshLab.class)
class FetchBecomeOverOpenSshTest {
    @TempDir
    Path dir;

    @Test
    void aFileOnlyRootCanReadIsFetchedThroughBecome(OpenSshLab.Lab lab) throws Exception {
        lab.become(); // skips without the lab's sudo users
        Path secret = Files.createTempDirectory(Path.of("/var/tmp"), "drover-fetch-become-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try {
            Path src = secret.resolve("alfresco.dump");
            byte[] block = new byte[1 << 20];
            new Random(7).nextBytes(block);
            try (FileChannel ch = FileChannel.open(src, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                for (int i = 0; i < 50; i++) {
                    ByteBuffer.wrap(block).putInt(0, i);
                    ch.write(ByteBuffer.wrap(block));
                }
            }
            Files.setPosixFilePermissions(src, PosixFilePermissions.fromString("rw-------"));
            Path pb = Files.writeString(dir.resolve("fetch.yml"), """
                    - hosts: node1
                      gather_facts: false
                      tasks:
                        - name: as the login user
                          fetch: {src: %1$s, dest: %2$s/plain/, flat: true}
                          register: plain
                          ignore_errors: true
                        - name: as root
                          fetch: {src: %1$s, dest: %2$s/root/, flat: true}
                          become: true
                          register: as_root
                        - assert:
                            that:
                              - plain is failed
                              - as_root is changed
                              - as_root.checksum == as_root.remote_checksum
                    """.formatted(src, dir));
            CliRun run = CliRun.of("run", "--no-persist", "-i", lab.inventory().toString(), pb.toString());
            assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
            Path fetched = dir.resolve("root/alfresco.dump");
            assertEquals(Files.size(src), Files.size(fetched));
            assertEquals(FetchLargeFileTest.sha1(src), FetchLargeFileTest.sha1(fetched));
            assertTrue(!Files.exists(dir.resolve("plain/alfresco.dump")), run.toString());
        } finally {
            try (Stream<Path> all = Files.walk(secret)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
