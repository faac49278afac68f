package dev.drover.acssim.mmt;

import static dev.drover.acssim.mmt.TestWars.amp;
import static dev.drover.acssim.mmt.TestWars.entries;
import static dev.drover.acssim.mmt.TestWars.mmt;
import static dev.drover.acssim.mmt.TestWars.war;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MmtInstallTest {
    @TempDir
    Path dir;

    @Test
    void installCopiesTheAmpIntoTheWarByMmtsMappingAndRecordsTheModule() throws IOException {
        Path war = war(dir, "5.2.7");
        Path amp = amp(dir, "acme-share", "1.0.0");

        TestWars.Run run = mmt("install", amp, war, "-nobackup");

        assertEquals(0, run.exit(), run.err());
        Map<String, String> entries = entries(war);
        assertTrue(entries.containsKey("WEB-INF/classes/alfresco/module/acme-share/module-context.xml"), entries.keySet()::toString);
        assertTrue(entries.containsKey("WEB-INF/lib/acme-share-1.0.0.jar"));
        assertTrue(entries.containsKey("acme-share/readme.txt"), "web/ goes to the WAR root");
        assertFalse(entries.containsKey("module.properties"), "the AMP's own module.properties is not copied to the root");
        String props = entries.get("WEB-INF/classes/alfresco/module/acme-share/module.properties");
        assertTrue(props.contains("module.id=acme-share"), props);
        assertTrue(props.contains("module.version=1.0.0"), props);
        assertTrue(props.contains("module.installState=INSTALLED"), props);
        assertTrue(props.matches("(?s).*module.installDate=\\d{4}-\\d\\d-\\d\\dT.*"), props);
        assertTrue(entries.containsKey("WEB-INF/web.xml"), "the WAR's own files stay");
    }

    @Test
    void installBacksTheWarUpUnlessNobackup() throws IOException {
        Path war = war(dir, "5.2.7");
        byte[] original = Files.readAllBytes(war);

        assertEquals(0, mmt("install", amp(dir, "a", "1.0"), war).exit());

        List<Path> backups = backups();
        assertEquals(1, backups.size(), backups::toString);
        assertTrue(backups.get(0).getFileName().toString().matches("alfresco\\.war-\\d+\\.bak"));
        assertArrayEquals(original, Files.readAllBytes(backups.get(0)), "the backup is the WAR before the change");

        assertEquals(0, mmt("install", amp(dir, "b", "1.0"), war, "-nobackup").exit());
        assertEquals(1, backups().size(), "-nobackup makes no second backup");
    }

    @Test
    void upgradeReplacesTheOldVersionsFiles() throws IOException {
        Path war = war(dir, "5.2.7");
        assertEquals(0, mmt("install", amp(dir, "acme", "1.0.0"), war, "-nobackup").exit());

        TestWars.Run run = mmt("install", amp(dir, "acme", "1.1.0"), war, "-nobackup", "-verbose");

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("Clearing out files relating to version '1.0.0' of module 'acme'"), run.out());
        Map<String, String> entries = entries(war);
        assertFalse(entries.containsKey("WEB-INF/lib/acme-1.0.0.jar"), "the old jar is removed");
        assertTrue(entries.containsKey("WEB-INF/lib/acme-1.1.0.jar"));
        assertTrue(entries.get("acme/readme.txt").contains("1.1.0"));
        assertTrue(mmt("list", war).out().contains("Version:      1.1.0"));
    }

    @Test
    void olderVersionOverNewerIsRefusedWithoutForceAndTheWarIsUnchanged() throws IOException {
        Path war = war(dir, "5.2.7");
        assertEquals(0, mmt("install", amp(dir, "acme", "2.0"), war, "-nobackup").exit());
        byte[] before = Files.readAllBytes(war);

        TestWars.Run refused = mmt("install", amp(dir, "acme", "1.9"), war);

        assertEquals(1, refused.exit());
        assertTrue(refused.err().contains("A later version of this module is already installed in the WAR"), refused.err());
        assertTrue(refused.err().contains("-force"), refused.err());
        assertArrayEquals(before, Files.readAllBytes(war));
        assertTrue(backups().isEmpty(), "a refused install makes no backup");

        TestWars.Run forced = mmt("install", amp(dir, "acme", "1.9"), war, "-force", "-nobackup");
        assertEquals(0, forced.exit(), forced.err());
        assertTrue(mmt("list", war).out().contains("Version:      1.9"));
    }

    @Test
    void overwritingAFileTheModuleDoesNotOwnNeedsForceAndUninstallRestoresIt() throws IOException {
        Path war = TestWars.zip(dir.resolve("alfresco.war"), Map.of("WEB-INF/lib/acme-1.0.jar", "the WAR's own"));
        Path amp = amp(dir, "acme", "1.0");

        TestWars.Run halted = mmt("install", amp, war, "-nobackup");
        assertEquals(1, halted.exit());
        assertTrue(halted.err().contains("ERROR: The amp will overwrite an existing file in the war '/WEB-INF/lib/acme-1.0.jar'"),
                halted.err());

        TestWars.Run forced = mmt("install", amp, war, "-nobackup", "-force");
        assertEquals(0, forced.exit(), forced.err());
        assertTrue(forced.out().contains("WARNING: The file '/WEB-INF/lib/acme-1.0.jar' is being overwritten"), forced.out());
        assertTrue(entries(war).get("WEB-INF/lib/acme-1.0.jar").startsWith("PK"), "now the AMP's jar");

        assertEquals(0, mmt("uninstall", "acme", war, "-nobackup").exit());
        assertEquals(Map.of("WEB-INF/", "<dir>", "WEB-INF/lib/", "<dir>", "WEB-INF/lib/acme-1.0.jar", "the WAR's own",
                "WEB-INF/classes/", "<dir>", "WEB-INF/classes/alfresco/", "<dir>", "WEB-INF/classes/alfresco/module/", "<dir>",
                "WEB-INF/classes/alfresco/module/backup/", "<dir>"), entries(war));
    }

    @Test
    void previewReportsButDoesNotChangeTheWar() throws IOException {
        Path war = war(dir, "5.2.7");
        byte[] before = Files.readAllBytes(war);

        TestWars.Run run = mmt("install", amp(dir, "acme", "1.0"), war, "-preview");

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("File '/WEB-INF/lib/acme-1.0.jar' added to war from amp"), run.out());
        assertArrayEquals(before, Files.readAllBytes(war));
        assertTrue(backups().isEmpty());
    }

    @Test
    void directoryInstallsEveryAmpBelowIt() throws IOException {
        Path war = war(dir, "5.2.7");
        Path amps = dir.resolve("amps");
        amp(amps, "one", "1.0");
        amp(amps.resolve("nested"), "two", "2.0");
        Files.writeString(amps.resolve("notes.txt"), "not an amp");

        TestWars.Run run = mmt("install", amps, war, "-directory");

        assertEquals(0, run.exit(), run.err());
        String list = mmt("list", war).out();
        assertTrue(list.contains("Module 'one' installed in") && list.contains("Module 'two' installed in"), list);
        assertEquals(1, backups().size(), "one backup for the whole directory");
    }

    @Test
    void repositoryVersionLimitsOfTheModuleAreChecked() throws IOException {
        Path war = war(dir, "5.2.7");
        Path amp = TestWars.zip(dir.resolve("needs6.amp"), Map.of("module.properties",
                "module.id=needs6\nmodule.version=1.0\nmodule.title=Needs Six\nmodule.repo.version.min=6.0\n"));

        TestWars.Run run = mmt("install", amp, war);

        assertEquals(1, run.exit());
        assertEquals("The module (Needs Six) must be installed on a war version equal to or greater than 6.0."
                + " This war is version: 5.2.7.", run.err().strip());
    }

    @Test
    void anAmpWithoutModulePropertiesIsAnError() throws IOException {
        Path war = war(dir, "5.2.7");
        Path amp = TestWars.zip(dir.resolve("bad.amp"), Map.of("config/x.xml", "<x/>"));

        TestWars.Run run = mmt("install", amp, war);

        assertEquals(1, run.exit());
        assertEquals("No module.properties file has been found in the installing .amp file '" + amp + "'", run.err().strip());
    }

    private List<Path> backups() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".bak")).collect(Collectors.toList());
        }
    }
}
