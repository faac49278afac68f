package dev.drover.inventory.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.drover.inventory.TestInventories;
import dev.drover.inventory.source.InventorySources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the installed ansible-inventory on the lab inventories and compares with drover, so a new
 * Ansible version that changes the format is noticed. Skipped when ansible-inventory is not
 * installed, unless -Ddrover.requireAllTiers=true.
 */
class OutputMatchesAnsibleLiveTest {

    @BeforeAll
    static void needsAnsible() {
        boolean present;
        try {
            present = run(List.of("ansible-inventory", "--version")) != null;
        } catch (IOException e) {
            present = false;
        }
        if (!present && Boolean.getBoolean("drover.requireAllTiers")) {
            fail("ansible-inventory is required (drover.requireAllTiers=true) but is not installed");
        }
        Assumptions.assumeTrue(present, "ansible-inventory not installed (apt-get install ansible-core)");
    }

    private static String run(List<String> command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("ANSIBLE_NOCOLOR", "1");
        pb.environment().put("ANSIBLE_LOCAL_TEMP", System.getProperty("java.io.tmpdir"));
        Process p = pb.start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return null;
            }
            return out.stripTrailing();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            p.destroy();
        }
    }

    private static String ansible(String file, String... options) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ansible-inventory", "-i", file));
        cmd.addAll(List.of(options));
        return run(cmd);
    }

    @Test
    void labInBothFormats() throws Exception {
        for (String f : List.of(TestInventories.example("lab.ini").toString(), TestInventories.example("lab.yml").toString())) {
            var inv = InventorySources.load(f);
            assertEquals(ansible(f, "--list"), InventoryJson.list(inv), f);
            assertEquals(ansible(f, "--graph", "--vars"), InventoryGraph.render(inv, "all", true), f);
        }
    }

    @Test
    void precedenceAndValues() throws Exception {
        String prec = TestInventories.path("precedence.yml").toString();
        assertEquals(ansible(prec, "--list"), InventoryJson.list(InventorySources.load(prec)));
        String values = TestInventories.path("values.ini").toString();
        assertEquals(ansible(values, "--list", "--export"), InventoryJson.list(InventorySources.load(values), true));
    }
}
