package dev.drover.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each playbook of {@code playbooks/compat/ansible-repro} (one per difference from Ansible 2.14 found
 * by running Ansible's own integration tests) must give what {@code ansible-playbook} 2.14 gave:
 * the exit code and the PLAY RECAP recorded in its {@code expected.txt}, or, for a feature
 * docs/compatibility.md declares out of scope, a refusal (exit 4) naming it. Runs drover in-process
 * on the local connection; needs no lab and no Ansible (the results are recorded). An entry marked
 * {@code # pending: why} is a difference not fixed yet: it is reported as skipped with the reason.
 */
class AnsibleReproTest {
    static final String DIR = "playbooks/compat/ansible-repro";

    /** One line of expected.txt. */
    record Expected(String playbook, String exit, Map<String, String> recap, String refusal, String pending) {
    }

    @TempDir
    Path state;

    @TestFactory
    Stream<DynamicTest> everyReproducerGivesAnsiblesResult() throws IOException {
        Path dir = CompatPlaybook.repositoryRoot().resolve(DIR);
        // The playbooks write under repro_dir (/tmp/ansible-repro as their README says); Ansible's results
        // were recorded with it empty (a copy that finds its file already there reports no change). Each run
        // of this test has its own, so two checkouts testing at once do not write each other's files.
        Path scratch = Files.createTempDirectory(state, "repro");
        return expected(dir.resolve("expected.txt")).stream().map(e -> DynamicTest.dynamicTest(e.playbook(),
                dir.resolve(e.playbook()).toUri(), () -> check(dir, e, scratch)));
    }

    private void check(Path dir, Expected e, Path scratch) throws IOException {
        Assumptions.assumeTrue(e.pending() == null, () -> "known difference, not fixed yet: " + e.pending());
        String inventory = e.recap().keySet().stream().anyMatch(h -> h.startsWith("host"))
                ? "host1,host2," : dir.resolve("inventory").toString();
        Path stateDir = Files.createTempDirectory(state, "run");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"run", "--state-dir", stateDir.toString(), "-i", inventory,
            "-e", "repro_dir=" + scratch, dir.resolve(e.playbook()).toString()}, new PrintWriter(out, true), new PrintWriter(err, true));
        String output = out + "\n" + err;
        if (e.refusal() != null) {
            assertEquals(4, code, () -> e.playbook() + ": drover must refuse it:\n" + output);
            assertTrue(err.toString().contains(e.refusal()), () -> e.playbook() + ": the refusal should say '"
                    + e.refusal() + "':\n" + output);
            return;
        }
        assertEquals(Integer.parseInt(e.exit()), code, () -> e.playbook() + ": exit code differs from Ansible's:\n" + output);
        Map<String, String> recap = new TreeMap<>();
        Recap.parse(out.toString()).hosts().forEach((h, c) -> recap.put(h, c.replaceAll("[a-z]+=", "").replace(' ', '/')));
        assertEquals(e.recap(), recap, () -> e.playbook() + ": PLAY RECAP differs from Ansible's:\n" + output);
    }

    static List<Expected> expected(Path file) {
        List<Expected> all = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String pending = null;
                int hash = line.indexOf("# pending:");
                if (hash >= 0) {
                    pending = line.substring(hash + "# pending:".length()).strip();
                    line = line.substring(0, hash);
                }
                String[] f = line.strip().split("\\s+", 3);
                Map<String, String> recap = new TreeMap<>();
                String refusal = null;
                if (f.length > 2 && f[1].equals("refused")) {
                    refusal = f[2];
                } else if (f.length > 2) {
                    for (String h : f[2].split("\\s+")) {
                        String[] kv = h.split("=", 2);
                        recap.put(kv[0], kv[1]);
                    }
                }
                all.add(new Expected(f[0], f[1], recap, refusal, pending));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return all;
    }
}
