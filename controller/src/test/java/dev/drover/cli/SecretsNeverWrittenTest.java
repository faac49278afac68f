package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.secret.Secret;
import dev.drover.vault.Vault;
import dev.drover.vault.VaultKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A run with vaulted values (a whole encrypted vars file and an inline {@code !vault} value), a
 * {@code no_log} task and an {@code ansible_password} writes none of them to any output: stdout,
 * stderr, the log file, JSON events, the JUnit report or the journal, even when a value is
 * templated into a longer string, echoed by a command, registered, failed with, or diffed.
 */
class SecretsNeverWrittenTest extends LocalPlaybookRun {
    private static final String FILE_SECRET = "Vf-Secret-7731";
    private static final String INLINE_SECRET = "Inline-Secret-5521";
    private static final String CONN_SECRET = "Conn-Pw-9090";
    private static final String NOLOG_SECRET = "NoLog-Plain-3131";
    private static final List<String> SECRETS = List.of(FILE_SECRET, INLINE_SECRET, CONN_SECRET, NOLOG_SECRET);

    private static final String PLAYBOOK = """
            - hosts: web
              gather_facts: false
              vars_files: [secrets.yml]
              vars:
                nolog_secret: NOLOG
                inline_secret: !vault |
            INLINE
              tasks:
                - name: "templated into a longer string: db={{ file_secret }}"
                  debug:
                    msg: "the password is {{ file_secret }}, really"
                - name: echoed and registered
                  command: echo "prefix-{{ inline_secret }}-suffix"
                  register: echoed
                - debug:
                    var: echoed
                - debug:
                    msg: "conn {{ ansible_password }}"
                - name: hidden
                  command: echo {{ nolog_secret }}
                  no_log: true
                - name: diffed
                  copy:
                    dest: OUT/hostfiles/app.conf
                    content: "password={{ file_secret }}\\n"
                - name: failed with it
                  fail:
                    msg: "cannot use {{ inline_secret }}"
                  ignore_errors: true
            """;

    @Test
    void noSecretInAnyOutput() throws Exception {
        Vault vault = new Vault(new VaultKeys(List.of(new VaultKeys.Key("default", Secret.of("test-vault-pw")))));
        Path pw = write("vault-pw.txt", "test-vault-pw\n");
        write("secrets.yml", vault.encrypt(("file_secret: " + FILE_SECRET + "\n").getBytes(StandardCharsets.UTF_8),
                Optional.empty()));
        StringBuilder inline = new StringBuilder();
        for (String line : vault.encrypt(INLINE_SECRET.getBytes(StandardCharsets.UTF_8), Optional.empty()).split("\n")) {
            inline.append("          ").append(line).append('\n');
        }
        inventory = write("hosts.ini", "[web]\na ansible_connection=local ansible_password=" + CONN_SECRET + "\n");
        Files.createDirectories(dir.resolve("hostfiles"));
        String playbook = PLAYBOOK.replace("INLINE\n", inline.toString()).replace("NOLOG", NOLOG_SECRET);
        List<CliRun> runs = new ArrayList<>();
        for (List<String> output : List.of(List.of("-v", "--diff"), List.of("--output", "json", "--diff"))) {
            List<String> args = new ArrayList<>(List.of("--vault-password-file", pw.toString(), "--state-dir",
                    dir.resolve("out/state").toString(), "--log-file", dir.resolve("out/run.log").toString(),
                    "--junit-xml", dir.resolve("out/junit.xml").toString()));
            args.addAll(output);
            runs.add(run(playbook, args.toArray(String[]::new)));
        }
        assertEquals("password=" + FILE_SECRET + "\n", read("hostfiles/app.conf"), "the host still gets the real value");
        assertTrue(runs.get(0).out().contains("the password is ********, really"), runs.get(0).toString());
        for (CliRun r : runs) {
            for (String secret : SECRETS) {
                assertTrue(!r.out().contains(secret) && !r.err().contains(secret), secret + " printed:\n" + r);
            }
        }
        List<Path> written;
        try (Stream<Path> files = Files.walk(dir.resolve("out"))) {
            written = files.filter(Files::isRegularFile).toList();
        }
        assertTrue(written.size() >= 3, "log, junit and journal files: " + written);
        for (Path f : written) {
            String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
            for (String secret : SECRETS) {
                assertTrue(!text.contains(secret), secret + " written to " + f + ":\n" + text);
            }
        }
    }

    @SuppressWarnings("unused")
    private static String quote(String s) throws IOException {
        return s;
    }
}
