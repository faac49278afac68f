package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The first-found form of {@code vars_files} (a list inside the list), as Ansible 2.14 reads it: the
 * names are rendered and tried in order, the first existing file is read, and when none exists the
 * play stops with Ansible's {@code vars file [...] was not found}; {@code check} finds that too,
 * for static names and for names resolved with -e.
 */
class VarsFilesFirstFoundTest {
    /** Not under /tmp: drover refuses an agent cache there. */
    private static final Path ROOT = Path.of("target", "vars-files-first-found").toAbsolutePath();
    private static final AtomicInteger N = new AtomicInteger();
    private static final String PLAY = "- hosts: all\n  gather_facts: false\n  vars_files:\n"
            + "    - [missing.yml, '{{ stage }}.yml', last.yml]\n  tasks:\n    - debug: {msg: 'x={{ x }}'}\n";

    private Path dir;

    @BeforeEach
    void setUp() throws IOException {
        dir = ROOT.resolve("t" + N.incrementAndGet() + "-" + System.nanoTime());
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("hosts.ini"), "a ansible_connection=local drover_agent_cache=" + dir.resolve("hc") + "\n");
        Files.writeString(dir.resolve("site.yml"), PLAY);
        Files.writeString(dir.resolve("prod.yml"), "x: from_prod\n");
        Files.writeString(dir.resolve("last.yml"), "x: from_last\n");
    }

    private CliRun drover(String verb, String stage) {
        return verb.equals("run")
                ? CliRun.of("run", "--state-dir", dir.resolve("state").toString(), "-i", dir.resolve("hosts.ini").toString(),
                        "-e", "stage=" + stage, dir.resolve("site.yml").toString())
                : CliRun.of("check", "-e", "stage=" + stage, dir.resolve("site.yml").toString());
    }

    @Test
    void theFirstExistingAlternativeIsRead() {
        CliRun r = drover("run", "prod");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertTrue(r.out().contains("x=from_prod"), r.out());
        r = drover("run", "test");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertTrue(r.out().contains("x=from_last"), r.out());
        assertEquals(ExitCodes.OK, drover("check", "test").exitCode());
    }

    @Test
    void noExistingAlternativeStopsTheRunAndCheckSaysSoFirst() throws IOException {
        Files.delete(dir.resolve("last.yml"));
        CliRun run = drover("run", "test");
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode(), run.toString());
        assertTrue(run.err().contains("vars file ['missing.yml', 'test.yml', 'last.yml'] was not found"), run.err());
        CliRun check = drover("check", "test");
        assertEquals(ExitCodes.BAD_INPUT, check.exitCode(), check.toString());
        assertTrue(check.err().contains("site.yml:1:3: vars_files: vars file ['missing.yml', 'test.yml', 'last.yml'] was"
                + " not found"), check.err());
        Files.writeString(dir.resolve("site.yml"), PLAY.replace("'{{ stage }}.yml', ", ""));
        check = drover("check", "test");
        assertEquals(ExitCodes.BAD_INPUT, check.exitCode(), check.toString());
        assertTrue(check.err().contains("site.yml:1:3: vars_files: vars file ['missing.yml', 'last.yml'] was not found"),
                check.err());
    }
}
