package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A secret passed the documented way ({@code -e @FILE}, {@code DROVER_EXTRA_VARS_FILE}) never shows
 * in {@code /proc/<pid>/cmdline} of the controller (the {@code drover} launcher, the JVM it execs, and
 * every process below them, the local agent included), nor in stdout, stderr, the log file, the
 * JUnit report or the journal; the host did receive it. The run goes through the real launcher
 * script, pointed at a jar whose manifest names the test classpath. A control run with the secret
 * typed after {@code -e} shows that the sampling does see a command line's secret (and warns).
 */
class SecretsInProcessListTest {
    private static final String SECRET = "Zq7-secret-Vw3pL9";

    @TempDir
    Path dir;

    /** A copy of the launcher in a root whose drover.jar runs this build's classes. */
    private Path launcher() throws IOException {
        return LauncherCopy.in(dir.resolve("root"), false).script();
    }

    private Path secretsFile(String name) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, "db_password: " + SECRET + "\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        return f;
    }

    @Test
    void aSecretFromAFileOrTheEnvironmentIsInNoCommandLineAndNoOutput() throws Exception {
        Path script = launcher();
        Files.writeString(dir.resolve("hosts.ini"), "a ansible_connection=local\n");
        Files.writeString(dir.resolve("site.yml"), """
                - hosts: a
                  gather_facts: false
                  tasks:
                    - shell: sleep 2
                    - copy: {content: "{{ db_password }}", dest: "{{ out }}"}
                      no_log: true
                """);
        Map<String, List<String>> leaks = new LinkedHashMap<>();
        int sampled = 0;
        for (String way : List.of("file", "env", "inline")) {
            Path got = dir.resolve("got-" + way);
            List<String> cmd = new ArrayList<>(List.of(script.toString(), "run", "-i", "hosts.ini", "site.yml",
                    "-e", "out=" + got, "--state-dir", dir.resolve("state").toString(),
                    "--log-file", dir.resolve(way + ".log").toString(), "--junit-xml", dir.resolve(way + ".xml").toString()));
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(dir.resolve(way + ".out").toFile()).redirectError(dir.resolve(way + ".err").toFile());
            pb.environment().put("DROVER_CDS", "0");
            pb.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
            if (way.equals("file")) {
                cmd.addAll(List.of("-e", "@" + secretsFile("secrets.yml")));
                pb.command(cmd);
            } else if (way.equals("env")) {
                pb.environment().put(ExtraVarsOptions.FILE_ENV, secretsFile("env-secrets.yml").toString());
            } else {
                // The control: what this test would see of a secret typed on the command line.
                cmd.addAll(List.of("-e", "db_password=" + SECRET));
                pb.command(cmd);
            }
            Process p = pb.start();
            while (p.isAlive()) {
                List<ProcessHandle> all = new ArrayList<>();
                all.add(p.toHandle());
                p.descendants().forEach(all::add);
                for (ProcessHandle h : all) {
                    Path cmdline = Path.of("/proc", Long.toString(h.pid()), "cmdline");
                    try {
                        String text = new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8);
                        sampled++;
                        if (text.contains(SECRET)) {
                            leaks.computeIfAbsent(way + ": " + cmdline, k -> new ArrayList<>()).add(text);
                        }
                    } catch (IOException gone) {
                        // the process ended between the listing and the read
                    }
                }
                p.waitFor(50, TimeUnit.MILLISECONDS);
            }
            assertEquals(0, p.exitValue(), way + ": " + Files.readString(dir.resolve(way + ".err")));
            assertEquals(SECRET, Files.readString(got), "the host got the secret");
            for (String output : List.of(way + ".out", way + ".err", way + ".log", way + ".xml")) {
                if (Files.readString(dir.resolve(output)).contains(SECRET)) {
                    leaks.computeIfAbsent(way + ": " + output, k -> new ArrayList<>()).add("");
                }
            }
        }
        try (Stream<Path> journals = Files.walk(dir.resolve("state"))) {
            for (Path f : journals.filter(Files::isRegularFile).toList()) {
                if (Files.readString(f).contains(SECRET)) {
                    leaks.put("journal " + f, List.of());
                }
            }
        }
        assertTrue(leaks.keySet().stream().anyMatch(k -> k.startsWith("inline: /proc/")),
                "the control run's command line showed the secret: the sampling works " + leaks.keySet());
        assertTrue(Files.readString(dir.resolve("inline.err")).contains("[WARNING]: -e db_password=...:"));
        leaks.keySet().removeIf(k -> k.startsWith("inline: /proc/"));
        System.out.println("secrets test: " + sampled + " command lines sampled, secret leaks: " + leaks.size());
        assertTrue(sampled > 10, "the process list was sampled while the runs ran: " + sampled);
        assertEquals(Map.of(), leaks, "places that showed the secret");
    }
}
