package dev.drover.compat;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.drover.cli.CliRun;
import dev.drover.testing.OpenSshLab;
import dev.drover.testing.Tiers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
 * {@code playbooks/compat} runs with {@code drover run} (in-process) against three lab hosts, with
 * {@code -e target=DIR} (the lab nodes share one home on this machine), and must give what
 * {@code ansible-playbook} 2.14 gave for it: exit code, PLAY RECAP counters per host, and the file
 * tree under the target (paths, types, permissions, owners, contents). Playbooks marked
 * {@code # compat-idempotent: true} run a second time and must change nothing.
 *
 * <p>Ansible's results are recorded, one file a playbook ({@link CompatExpectation}, {@code
 * NN-name.expected.txt} next to it), by real ansible-playbook runs on the same lab with the same
 * settings ({@link #ANSIBLE_ENV}): running Ansible at test time cost about five minutes of CPU per
 * build, for results that change only when Ansible does. Refresh them after changing a playbook:
 * <pre>
 * mvn -B -pl controller test -Dtest=AnsibleCompatibilityTest -Ddrover.compat.record=true [-Ddrover.compat.only=REGEX]
 * </pre>
 * which runs ansible-playbook and drover at once for each playbook, writes Ansible's results and
 * compares drover's with them. Playbooks marked {@code # compat-live: true} (one, chosen for being
 * cheap) always run ansible-playbook too, and its results must still be the recorded ones: a change
 * of the installed Ansible (a new release, another distribution's build) shows there, and the
 * recorded major.minor version must be the installed one.
 *
 * <p>Tiers: {@value OpenSshLab#TIER} (the lab) and, for the live and record runs, {@value #TIER}
 * ({@code ansible-playbook} on the PATH). A failed comparison keeps drover's target and output (and
 * Ansible's, when it ran) under {@code java.io.tmpdir} and names the directory; docs/compatibility.md
 * lists the known differences the playbooks avoid.
 */
@ExtendWith(OpenSshLab.class)
class AnsibleCompatibilityTest {
    static final String TIER = "ansible";
    private static final long ANSIBLE_TIMEOUT_SECONDS = 180;
    static final Map<String, String> ANSIBLE_ENV = Map.of(
            "ANSIBLE_PIPELINING", "1",
            "ANSIBLE_HOST_KEY_CHECKING", "True",
            "ANSIBLE_NOCOLOR", "1",
            "ANSIBLE_PYTHON_INTERPRETER", "auto_silent",
            "ANSIBLE_STDOUT_CALLBACK", "default",
            "ANSIBLE_RETRY_FILES_ENABLED", "0",
            "ANSIBLE_SSH_ARGS", "-o ControlMaster=auto -o ControlPersist=60s");
    /** {@code -Ddrover.compat.record=true}: run ansible-playbook for every playbook and rewrite its expectation file. */
    static final String RECORD_PROPERTY = "drover.compat.record";

    /** One tool's run: exit code, everything it printed, the recap parsed from it. */
    record Run(String tool, int exitCode, String output, Recap recap) {
        CompatExpectation.Result result() {
            return new CompatExpectation.Result(exitCode, recap);
        }
    }

    @TestFactory
    Stream<DynamicTest> playbooksAgreeWithAnsible(OpenSshLab.Lab lab) {
        boolean record = Boolean.getBoolean(RECORD_PROPERTY);
        Path base = workDirectory();
        // -Ddrover.compat.only=<regex> runs the matching playbooks only, to iterate on one.
        String only = System.getProperty("drover.compat.only", ".*");
        return CompatPlaybook.all(CompatPlaybook.repositoryRoot()).stream()
                .filter(pb -> pb.name().matches(only))
                .map(pb -> DynamicTest.dynamicTest(pb.name(), pb.file().toUri(), () -> compare(lab, pb, base, record)));
    }

    /**
     * drover's run(s) of {@code pb}, compared with Ansible's recorded results; with ansible-playbook at
     * the same time when recording or for a live playbook (a process: drover runs in this thread
     * meanwhile; the targets differ and the playbooks write nothing else, so neither sees the other's work).
     */
    private static void compare(OpenSshLab.Lab lab, CompatPlaybook pb, Path base, boolean record) throws IOException {
        boolean withAnsible = record || pb.live();
        if (withAnsible) {
            Tiers.require(TIER, ansibleInstalled(), "ansible-playbook is not on the PATH (apt-get install ansible-core)");
        }
        Path file = CompatExpectation.fileFor(pb);
        CompatExpectation recorded = record ? null : CompatExpectation.read(file);
        Path dir = Files.createDirectories(base.resolve(pb.name()));
        Path ansibleTarget = withAnsible ? target(dir.resolve("ansible")) : null;
        Path droverTarget = target(dir.resolve("drover"));
        List<String> problems = new ArrayList<>();

        List<Run> ansibleRuns = new ArrayList<>();
        List<Run> droverRuns = new ArrayList<>();
        for (int i = 0; i < (pb.idempotent() ? 2 : 1); i++) {
            String name = i == 0 ? "" : "second";
            CompletableFuture<Run> ansible = withAnsible
                    ? CompletableFuture.supplyAsync(() -> ansible(lab, pb, ansibleTarget)) : null;
            Run drover = drover(lab, pb, droverTarget);
            droverRuns.add(drover);
            save(dir.resolve(name), "drover", drover);
            if (ansible != null) {
                ansibleRuns.add(join(ansible));
                save(dir.resolve(name), "ansible", ansibleRuns.get(i));
            }
        }
        if (droverRuns.size() > 1 && !droverRuns.get(1).recap().changedNothing()) {
            problems.add("second run: drover changed something:\n" + droverRuns.get(1).recap());
        }
        CompatExpectation drover = observed("", droverRuns, droverTarget, lab);
        if (withAnsible) {
            CompatExpectation live = observed(ansibleVersion(), ansibleRuns, ansibleTarget, lab);
            List<String> unusable = unusable(live, ansibleRuns);
            if (record) {
                if (!unusable.isEmpty()) {
                    fail(pb.name() + ": not recorded, ansible-playbook's run is no reference (outputs in " + dir + "):\n  - "
                            + String.join("\n  - ", unusable));
                }
                Files.writeString(file, live.format(header(pb)), StandardCharsets.US_ASCII);
                recorded = live;
            } else {
                problems.addAll(unusable);
                if (!majorMinor(live.ansibleVersion()).equals(majorMinor(recorded.ansibleVersion()))) {
                    problems.add("the installed Ansible is " + live.ansibleVersion() + ", the recordings are from "
                            + recorded.ansibleVersion() + ": record them again (" + refresh(".*") + ")");
                }
                List<String> drift = recorded.differences(live);
                if (!drift.isEmpty()) {
                    problems.add("the installed ansible-playbook (" + live.ansibleVersion() + ") no longer gives the recorded "
                            + "results in " + file.getFileName() + ", so drover is being compared with a stale reference "
                            + "(record again: " + refresh(".*") + "):\n      "
                            + String.join("\n      ", drift).replace("drover", "installed ansible"));
                }
            }
        }
        problems.addAll(recorded.differences(drover));
        if (!problems.isEmpty()) {
            fail(pb.name() + " disagrees with Ansible (" + file.getFileName() + "; drover's output and tree kept in " + dir
                    + "):\n  - " + String.join("\n  - ", problems));
        }
        deleteTree(dir);
    }

    /** What a tool's runs left: results and its target's tree, the lab's login user written {login}. */
    private static CompatExpectation observed(String version, List<Run> runs, Path target, OpenSshLab.Lab lab) {
        return new CompatExpectation(version, runs.stream().map(Run::result).toList(),
                CompatExpectation.withLogin(FileTree.of(target), lab.user(), CompatExpectation.LOGIN));
    }

    /** Why ansible-playbook's runs cannot serve as the reference, if they cannot: no recap, or a second run that changed something. */
    private static List<String> unusable(CompatExpectation ansible, List<Run> runs) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            String prefix = i == 0 ? "" : "second run: ";
            if (runs.get(i).recap().hosts().isEmpty()) {
                problems.add(prefix + "ansible printed no PLAY RECAP:\n" + tail(runs.get(i).output()));
            }
            if (i > 0 && !runs.get(i).recap().changedNothing()) {
                problems.add(prefix + "ansible changed something:\n" + runs.get(i).recap());
            }
        }
        return problems;
    }

    private static String header(CompatPlaybook pb) {
        return "# ansible-playbook's results for " + pb.file().getFileName() + " on the OpenSSH lab, recorded by\n"
                + "# AnsibleCompatibilityTest (see there); do not edit. Refresh:\n"
                + "#   " + refresh(pb.name()) + "\n";
    }

    static String refresh(String only) {
        return "mvn -B -pl controller test -Dtest=AnsibleCompatibilityTest -D" + RECORD_PROPERTY + "=true"
                + (only.equals(".*") ? "" : " -Ddrover.compat.only='" + only + "'");
    }

    private static String majorMinor(String version) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+\\.\\d+)\\.").matcher(version);
        return m.find() ? m.group(1) : version;
    }

    /** The first line of {@code ansible-playbook --version}, e.g. {@code ansible-playbook [core 2.14.18]}. */
    private static String ansibleVersion() {
        try {
            Process p = new ProcessBuilder("ansible-playbook", "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out.lines().findFirst().orElse("(ansible-playbook --version printed nothing)").strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run ansible-playbook --version", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Run join(CompletableFuture<Run> run) {
        try {
            return run.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
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

    private static void save(Path dir, String tool, Run run) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(tool + ".out"), run.output());
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
