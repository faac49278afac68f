package dev.drover.compat;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.drover.cli.CliRun;
import dev.drover.testing.OpenSshLab;
import dev.drover.testing.Tiers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Proves that drover runs the shared playbook language as Ansible does: each playbook of
 * {@code playbooks/compat} runs with {@code ansible-playbook} (a process) and with {@code drover run}
 * (in-process, at the same time) against the same three lab hosts, each tool writing under its own {@code -e target=DIR}
 * (the lab nodes share one home on this machine). Compared: exit codes, PLAY RECAP counters per host,
 * and the file trees under the two targets (paths, types, permissions, owners, contents). Playbooks
 * marked {@code # compat-idempotent: true} run a second time and must change nothing in both tools.
 *
 * <p>Tiers: {@value OpenSshLab#TIER} (the lab) and {@value #TIER} ({@code ansible-playbook} on the
 * PATH). A failed comparison keeps the targets and both outputs under {@code java.io.tmpdir} and names
 * the directory; docs/compatibility.md lists the known differences the playbooks avoid.
 */
@ExtendWith(OpenSshLab.class)
class AnsibleCompatibilityTest {
    static final String TIER = "ansible";
    private static final long ANSIBLE_TIMEOUT_SECONDS = 180;
    private static final Map<String, String> ANSIBLE_ENV = Map.of(
            "ANSIBLE_PIPELINING", "1",
            "ANSIBLE_HOST_KEY_CHECKING", "True",
            "ANSIBLE_NOCOLOR", "1",
            "ANSIBLE_PYTHON_INTERPRETER", "auto_silent",
            "ANSIBLE_STDOUT_CALLBACK", "default",
            "ANSIBLE_RETRY_FILES_ENABLED", "0",
            "ANSIBLE_SSH_ARGS", "-o ControlMaster=auto -o ControlPersist=60s");

    /** One tool's run: exit code, everything it printed, the recap parsed from it. */
    record Run(String tool, int exitCode, String output, Recap recap) {
    }

    @TestFactory
    Stream<DynamicTest> playbooksAgreeWithAnsible(OpenSshLab.Lab lab) {
        Tiers.require(TIER, ansibleInstalled(), "ansible-playbook is not on the PATH (apt-get install ansible-core)");
        Path base = workDirectory();
        // -Ddrover.compat.only=<regex> runs the matching playbooks only, to iterate on one.
        String only = System.getProperty("drover.compat.only", ".*");
        return CompatPlaybook.all(CompatPlaybook.repositoryRoot()).stream()
                .filter(pb -> pb.name().matches(only))
                .map(pb -> DynamicTest.dynamicTest(pb.name(), pb.file().toUri(), () -> compare(lab, pb, base)));
    }

    /**
     * Both tools at once: ansible-playbook is a process, so drover runs in this thread meanwhile; the
     * targets differ and the playbooks write nothing else, so neither sees the other's work.
     */
    private static Run[] both(OpenSshLab.Lab lab, CompatPlaybook pb, Path ansibleTarget, Path droverTarget) {
        CompletableFuture<Run> ansible = CompletableFuture.supplyAsync(() -> ansible(lab, pb, ansibleTarget));
        Run drover = drover(lab, pb, droverTarget);
        try {
            return new Run[] {ansible.join(), drover};
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private static void compare(OpenSshLab.Lab lab, CompatPlaybook pb, Path base) throws IOException {
        Path dir = Files.createDirectories(base.resolve(pb.name()));
        Path ansibleTarget = target(dir.resolve("ansible"));
        Path droverTarget = target(dir.resolve("drover"));
        List<String> problems = new ArrayList<>();

        Run[] first = both(lab, pb, ansibleTarget, droverTarget);
        Run ansible = first[0];
        Run drover = first[1];
        save(dir, ansible, drover);
        compareRuns("", ansible, drover, problems);
        FileTree.of(ansibleTarget).differences(FileTree.of(droverTarget)).forEach(d -> problems.add("file " + d));

        if (pb.idempotent()) {
            Run[] second = both(lab, pb, ansibleTarget, droverTarget);
            Run ansible2 = second[0];
            Run drover2 = second[1];
            save(dir.resolve("second"), ansible2, drover2);
            compareRuns("second run: ", ansible2, drover2, problems);
            for (Run r : List.of(ansible2, drover2)) {
                if (!r.recap().changedNothing()) {
                    problems.add("second run: " + r.tool() + " changed something:\n" + r.recap());
                }
            }
        }
        if (!problems.isEmpty()) {
            fail(pb.name() + " disagrees with Ansible (outputs and trees kept in " + dir + "):\n  - "
                    + String.join("\n  - ", problems));
        }
        deleteTree(dir);
    }

    private static void compareRuns(String prefix, Run ansible, Run drover, List<String> problems) {
        if (ansible.exitCode() != drover.exitCode()) {
            problems.add(prefix + "exit code: ansible " + ansible.exitCode() + ", drover " + drover.exitCode());
        }
        if (ansible.recap().hosts().isEmpty()) {
            problems.add(prefix + "ansible printed no PLAY RECAP:\n" + tail(ansible.output()));
        }
        if (!ansible.recap().equals(drover.recap())) {
            problems.add(prefix + "recap differs\n ansible:\n" + ansible.recap() + " drover:\n" + drover.recap());
        }
    }

    private static Run ansible(OpenSshLab.Lab lab, CompatPlaybook pb, Path target) {
        List<String> argv = new ArrayList<>(List.of("ansible-playbook", "-i", lab.inventory().toString(),
                pb.file().toString(), "-e", "target=" + target));
        argv.addAll(pb.args());
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true)
                .directory(pb.file().getParent().toFile());
        builder.environment().putAll(ANSIBLE_ENV);
        Process p;
        String output;
        try {
            p = builder.start();
            try (var in = p.getInputStream()) {
                output = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run ansible-playbook: " + e.getMessage(), e);
        }
        try {
            if (!p.waitFor(ANSIBLE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("ansible-playbook " + pb.name() + " did not finish in " + ANSIBLE_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for ansible-playbook", e);
        }
        return new Run("ansible", p.exitValue(), output, Recap.parse(output));
    }

    private static Run drover(OpenSshLab.Lab lab, CompatPlaybook pb, Path target) {
        List<String> argv = new ArrayList<>(List.of("run", "-i", lab.inventory().toString(), pb.file().toString(),
                "-e", "target=" + target));
        argv.addAll(pb.args());
        CliRun run = CliRun.of(argv.toArray(String[]::new));
        return new Run("drover", run.exitCode(), run.out() + run.err(), Recap.parse(run.out()));
    }

    /** A target the lab's login user can write to (the test may run as root, the lab user is not). */
    private static Path target(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        return dir;
    }

    private static Path workDirectory() {
        try {
            Path base = Files.createTempDirectory("drover-compat-");
            Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
            return base;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a work directory", e);
        }
    }

    private static void save(Path dir, Run ansible, Run drover) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("ansible.out"), ansible.output());
        Files.writeString(dir.resolve("drover.out"), drover.output());
    }

    private static boolean ansibleInstalled() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String d : path.split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, "ansible-playbook"))) {
                return true;
            }
        }
        return false;
    }

    private static String tail(String output) {
        String[] lines = output.split("\n");
        return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 15), lines.length));
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
        assertTrue(Files.notExists(dir));
    }
}
