package dev.drover.acs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.cli.CliRun;
import dev.drover.testing.OpenSshLab;
import dev.drover.testing.PostgresLab;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * playbooks/acs/functional-check.yml (validation and customization runs: a test document through the
 * REST API) and functional-check-production.yml (read-only: sampled documents against the backup set's
 * content) on a running simulated node of the OpenSSH lab with PostgreSQL; and solrcore.yml (the Solr cores'
 * {@code data.dir.root} set to the run's repository copy).
 */
@ExtendWith({OpenSshLab.class, PostgresLab.class})
class AcsFunctionalCheckTest {
    @TempDir
    Path local;
    AcsTestbed bed;

    @AfterEach
    void tearDown() {
        if (bed != null) {
            bed.close();
        }
    }

    /** A play on group acs: the defaults, then one task file of playbooks/acs with {@code vars}. */
    private CliRun check(String taskFile, String vars, Map<String, Object> extraVars) {
        String play = "- hosts: acs\n  gather_facts: false\n  tasks:\n"
                + "    - import_tasks: " + AcsTestbed.playbook("acs/defaults.yml") + "\n"
                + "    - import_tasks: " + AcsTestbed.playbook("acs/" + taskFile) + "\n"
                + "      vars: " + vars + "\n";
        try {
            Path file = local.resolve("check-" + taskFile);
            Files.writeString(file, play);
            return AcsTestbed.drover("run", "-i", bed.inventory(Map.of(), extraVars).toString(), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Both checks on one installation: first the write check (its test document is deleted again; its content file
     * stays, as ACS leaves it), then the read-only production check against a backup of the contentstore as it is
     * then, which needs no fresh repository. The production check's last case changes a content file: it comes last.
     */
    @Test
    void theWriteCheckCreatesReadsBackAndDeletesATestDocumentAndTheReadOnlyProductionCheckComparesSampledContentWithTheBackupSet(
            OpenSshLab.Lab lab, PostgresLab.Cluster pg) {
        bed = AcsTestbed.install(lab, pg, 1, false, local, Map.of());
        OpenSshLab.Node node = bed.nodes.get(0);
        String home = bed.oldHome(node);
        JsonNode before = bed.fingerprint(node, home);
        // The file the production check's last case changes, chosen as on a fresh installation: not the write check's.
        String seeded = AcsTestbed.ok(lab, node, "find " + bed.dirRoot(node) + "/contentstore -name '*.bin' | sort | head -1").strip();
        // The node under test plays "the new installation on the validation repository".
        Map<String, Object> vars = Map.of("acs_new_home", home);

        CliRun ok = check("functional-check.yml", "{acs_check_purpose: validation, acs_check_expected_modules: [],"
                + " acs_cfg_dir_root: /elsewhere}", vars);

        assertEquals(0, ok.exitCode(), ok.toString());
        JsonNode after = bed.fingerprint(node, home);
        assertEquals(before.get("rows").get("alf_node"), after.get("rows").get("alf_node"), "the test document is deleted");
        assertEquals(before.get("rows").get("alf_content_url").asInt() + 1, after.get("rows").get("alf_content_url").asInt(),
                "its content was written (and stays, orphaned, as ACS leaves it for its cleaner)");
        assertTrue(ok.toString().contains("Share's login page answers"), ok.toString());

        CliRun missing = check("functional-check.yml", "{acs_check_purpose: customization,"
                + " acs_check_expected_modules: [acme-records], acs_cfg_dir_root: /elsewhere}", vars);
        assertNotEquals(0, missing.exitCode());
        assertTrue(missing.toString().contains("does not report the module(s) acme-records"), missing.toString());

        CliRun production = check("functional-check.yml", "{acs_check_purpose: validation,"
                + " acs_cfg_dir_root: " + bed.dirRoot(node) + "}", Map.of("acs_new_home", home, "acs_dir_root", bed.dirRoot(node)));
        assertNotEquals(0, production.exitCode());
        assertTrue(production.toString().contains("runs only on the validation repository"), production.toString());

        // solrcore.yml: each Solr 4 core's data.dir.root follows the repository copy the run uses.
        CliRun solr = check("solrcore.yml", "{acs_solr_dir_root: " + bed.work + "/copy/alf_data}", vars);
        assertEquals(0, solr.exitCode(), solr.toString());
        for (String core : new String[] {"workspace-SpacesStore", "archive-SpacesStore"}) {
            String props = AcsTestbed.ok(lab, node, "cat " + home + "/solr4/" + core + "/conf/solrcore.properties");
            assertTrue(props.contains("data.dir.root=" + bed.work + "/copy/alf_data/solr4/index"), props);
        }

        // The read-only production check.
        String archive = bed.work + "/set/contentstore.tar.gz";
        AcsTestbed.ok(lab, node, "mkdir -p " + bed.work + "/set && tar czf " + archive + " -C " + bed.dirRoot(node) + " contentstore");
        JsonNode beforeCheck = bed.fingerprint(node, home);
        Map<String, Object> readOnlyVars = Map.of("acs_new_home", home, "acs_check_content_archive", archive, "acs_check_sample", 8);

        CliRun readOnly = check("functional-check-production.yml", "{}", readOnlyVars);

        assertEquals(0, readOnly.exitCode(), readOnly.toString());
        assertEquals(beforeCheck, bed.fingerprint(node, home), "read-only: the repository is unchanged");

        // A document whose file changed since the backup: the check names it.
        AcsTestbed.ok(lab, node, "printf 'changed' >> '" + seeded + "'");
        CliRun changed = check("functional-check-production.yml", "{}", Map.of("acs_new_home", home,
                "acs_check_content_archive", archive, "acs_check_sample", 100));
        assertNotEquals(0, changed.exitCode());
        assertTrue(changed.toString().contains("not-in-backup"), changed.toString());
    }
}
