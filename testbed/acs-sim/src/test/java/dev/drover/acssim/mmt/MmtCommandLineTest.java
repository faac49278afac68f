package dev.drover.acssim.mmt;

import static dev.drover.acssim.mmt.TestWars.amp;
import static dev.drover.acssim.mmt.TestWars.mmt;
import static dev.drover.acssim.mmt.TestWars.war;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MmtCommandLineTest {
    @TempDir
    Path dir;

    @Test
    void listOfAWarWithoutModulesSaysSo() throws IOException {
        TestWars.Run run = mmt("list", war(dir, "5.2.7"));

        assertEquals(0, run.exit());
        assertEquals("No modules are installed in this WAR file", run.out().strip());
    }

    @Test
    void listPrintsMmtsBlockPerModule() throws IOException {
        Path war = war(dir, "5.2.7");
        mmt("install", amp(dir, "acme", "1.2.3"), war, "-nobackup");

        String[] lines = mmt("list", war).out().split("\\R");

        assertEquals("Module 'acme' installed in '" + war + "'", lines[0]);
        assertEquals("   -    Title:        Title of acme", lines[1]);
        assertEquals("   -    Version:      1.2.3", lines[2]);
        assertTrue(lines[3].matches("   -    Install Date: \\w{3} \\w{3} \\d\\d \\d\\d:\\d\\d:\\d\\d .+ \\d{4}"), lines[3]);
        assertEquals("   -    Description:   Description of acme", lines[4]);
    }

    @Test
    void uninstallRemovesEverythingTheModuleAdded() throws IOException {
        Path war = war(dir, "5.2.7");
        Map<String, String> before = TestWars.entries(war);
        mmt("install", amp(dir, "acme", "1.0"), war, "-nobackup");

        TestWars.Run run = mmt("uninstall", "acme", war, "-nobackup");

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("Removing file '/WEB-INF/lib/acme-1.0.jar' from war"), run.out());
        Map<String, String> after = TestWars.entries(war);
        after.keySet().removeIf(name -> name.endsWith("/"));
        assertEquals(before, after);
    }

    @Test
    void uninstallOfAnUnknownModuleNamesTheInstalledOnes() throws IOException {
        Path war = war(dir, "5.2.7");
        mmt("install", amp(dir, "acme", "1.0"), war, "-nobackup");

        TestWars.Run run = mmt("uninstall", "acmee", war);

        assertEquals(1, run.exit());
        assertTrue(run.err().contains("The module 'acmee' is not installed") && run.err().contains("Installed modules: acme"), run.err());
    }

    @Test
    void badCommandLinesPrintUsageAndExitOne() throws IOException {
        TestWars.Run none = mmt();
        assertEquals(1, none.exit());
        assertTrue(none.out().startsWith("Module managment tool available commands:"), none.out());

        TestWars.Run unknown = mmt("instal", "a.amp", "b.war");
        assertEquals(1, unknown.exit());
        assertTrue(unknown.err().startsWith("Usage error: Unknown operation instal."), unknown.err());

        TestWars.Run short_ = mmt("install", "a.amp");
        assertEquals(1, short_.exit());
        assertTrue(short_.err().contains("install"), short_.err());

        TestWars.Run option = mmt("install", amp(dir, "a", "1"), war(dir, "5.2.7"), "-forse");
        assertEquals(1, option.exit());
        assertTrue(option.err().contains("unknown option '-forse'") && option.err().contains("-force"), option.err());

        TestWars.Run help = mmt("-help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("usage:   install <AMPFileLocation> <WARFileLocation> [options]"));
    }

    @Test
    void aMissingWarIsAnErrorNamingIt() {
        TestWars.Run run = mmt("list", dir.resolve("nope.war"));

        assertEquals(1, run.exit());
        assertEquals("The war file '" + dir.resolve("nope.war") + "' does not exist.", run.err().strip());
    }

    @Test
    void theMainClassExitsWithMmtsCodes() throws Exception {
        Path war = war(dir, "5.2.7");
        Path amp = amp(dir, "acme", "1.0");

        assertEquals(0, java("install", amp.toString(), war.toString()));
        assertEquals(1, java("uninstall", "other", war.toString()));
    }

    private static int java(String... args) throws Exception {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        String[] command = new String[args.length + 4];
        command[0] = java;
        command[1] = "-cp";
        command[2] = System.getProperty("java.class.path");
        command[3] = Mmt.class.getName();
        System.arraycopy(args, 0, command, 4, args.length);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), output);
        return process.exitValue();
    }
}
