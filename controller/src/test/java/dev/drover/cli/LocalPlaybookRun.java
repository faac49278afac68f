package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the tests that run playbooks end to end with {@code drover run} on local hosts: a fresh
 * folder per test with an inventory of two local hosts ({@code a}, {@code b} in group {@code web});
 * {@code OUT} in written files becomes the folder.
 */
abstract class LocalPlaybookRun {
    @TempDir
    Path dir;
    Path inventory;

    @BeforeEach
    void writeInventory() throws IOException {
        inventory = write("hosts.ini", """
                [web]
                a ansible_connection=local layer=host p1=host p2=host
                b ansible_connection=local layer=host p1=host p2=host
                [web:vars]
                p1=group
                p0=group
                """);
    }

    Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text.replace("OUT", dir.toString()));
        return f;
    }

    String read(String name) throws IOException {
        return Files.readString(dir.resolve(name));
    }

    CliRun run(String playbook, String... extra) throws IOException {
        Path pb = write("site.yml", playbook);
        String[] args = new String[4 + extra.length];
        args[0] = "run";
        args[1] = "-i";
        args[2] = inventory.toString();
        args[3] = pb.toString();
        System.arraycopy(extra, 0, args, 4, extra.length);
        return CliRun.of(args);
    }

    /** ok, changed, unreachable, failed, skipped, rescued, ignored of a host from the recap. */
    static String recap(CliRun run, String host) {
        Matcher m = Pattern.compile("(?m)^" + host + " +: ok=(\\d+) +changed=(\\d+) +unreachable=(\\d+) +failed=(\\d+)"
                + " +skipped=(\\d+) +rescued=(\\d+) +ignored=(\\d+)").matcher(run.out());
        assertTrue(m.find(), "no recap line for " + host + "\n" + run);
        return String.join(" ", m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), m.group(6), m.group(7));
    }
}
