package dev.drover.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Ansible 2.14's own integration targets for modules drover ships (under
 * {@code src/test/resources/ansible-targets}, see the README there), each run as a role from a
 * wrapper play with {@code drover run} on a local host and the real agent. The expected exit code and
 * PLAY RECAP are ansible-playbook 2.14's for the same wrapper on this kind of host.
 */
class AnsibleTargetsTest {
    @TempDir
    Path work;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "tempfile, 0, ok=10 changed=5 unreachable=0 failed=0 skipped=0 rescued=0 ignored=2",
        "blockinfile, 0, ok=55 changed=24 unreachable=0 failed=0 skipped=2 rescued=0 ignored=2",
        "command_shell, 0, ok=80 changed=34 unreachable=0 failed=0 skipped=2 rescued=0 ignored=3",
        "find, 0, ok=68 changed=10 unreachable=0 failed=0 skipped=0 rescued=0 ignored=0",
        "replace, 0, ok=42 changed=23 unreachable=0 failed=0 skipped=0 rescued=0 ignored=2",
        "stat, 0, ok=19 changed=4 unreachable=0 failed=0 skipped=0 rescued=0 ignored=0",
        "failed_when, 0, ok=13 changed=6 unreachable=0 failed=0 skipped=0 rescued=0 ignored=3",
        "lookup_items, 0, ok=5 changed=0 unreachable=0 failed=0 skipped=1 rescued=0 ignored=0",
        "lookup_list, 0, ok=3 changed=0 unreachable=0 failed=0 skipped=0 rescued=0 ignored=0",
        // The wrapper's second play removes the file.txt the target leaves in the working directory.
        "lineinfile, 0, ok=190 changed=48 unreachable=0 failed=0 skipped=0 rescued=2 ignored=2",
        "loop-until, 0, ok=21 changed=13 unreachable=0 failed=0 skipped=0 rescued=0 ignored=3",
        "lookup_env, 0, ok=6 changed=1 unreachable=0 failed=0 skipped=0 rescued=0 ignored=0",
        "lookup_nested, 0, ok=7 changed=0 unreachable=0 failed=0 skipped=0 rescued=0 ignored=0",
        "lookup_vars, 0, ok=9 changed=0 unreachable=0 failed=0 skipped=0 rescued=2 ignored=0",
    })
    void targetPassesAsUnderAnsible(String target, int exit, String recap) throws Exception {
        // Programs the targets' tasks run on the host (Ansible's test hosts have them).
        // The copy target creates a user and a sudoers.d file (Ansible's needs/root).
        Assumptions.assumeTrue(!target.equals("copy") || "root".equals(System.getProperty("user.name")),
                () -> target + " needs root (it creates a user and a sudoers.d file)");
        for (String program : NEEDS.getOrDefault(target, List.of())) {
            Assumptions.assumeTrue(onPath(program), () -> target + " needs '" + program + "' on the PATH");
        }
        Path root = work.resolve("targets");
        copy(Path.of(getClass().getResource("/ansible-targets").toURI()), root);
        Path inventory = Files.writeString(work.resolve("hosts"),
                "localhost ansible_connection=local ansible_python_interpreter=/usr/bin/python3\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"run", "--state-dir", work.resolve("state").toString(), "-i", inventory.toString(),
            root.resolve(target + ".yml").toString(), "-e", "work=" + work}, new PrintWriter(out, true), new PrintWriter(err, true));
        String text = out + "\n--- stderr\n" + err;
        Matcher m = Pattern.compile("localhost +: (ok=.*?ignored=\\d+)").matcher(out.toString());
        assertTrue(m.find(), text);
        assertEquals(recap, m.group(1).replaceAll(" +", " "), text);
        assertEquals(exit, code, text);
    }

    /**
     * Targets drover runs unmodified up to a known difference: the expected recap is drover's, with
     * ansible-playbook's beside it. loops: its last task asserts that a value read through
     * {@code hostvars} from include_vars ({@code "foo{{ version_64169 }}"}) is templated again when the
     * loop item is not unsafe (Ansible issue 64169); drover's hostvars give the raw text.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // ansible-playbook: 0, ok=59 changed=2 unreachable=0 failed=0 skipped=3 rescued=0 ignored=2
        "loops, 2, ok=58 changed=2 unreachable=0 failed=1 skipped=3 rescued=0 ignored=2",
        // Runs 161 of its 464 tasks, up to 'Copy the directory and files within (no trailing slash)',
        // whose src ('{{ local_temp_dir }}/source_recursive') drover does not find; then its always: part (removes the user and sudoers file it made). Needs root.
        "copy, 2, ok=179 changed=53 unreachable=0 failed=1 skipped=17 rescued=0 ignored=6",
    })
    void targetRunsUpToItsKnownDifference(String target, int exit, String recap) throws Exception {
        targetPassesAsUnderAnsible(target, exit, recap);
    }

    private static final Map<String, List<String>> NEEDS = Map.of(
            "command_shell", List.of("python3"), "stat", List.of("file", "lsattr"));

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
        }
    }
}
