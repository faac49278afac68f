package dev.drover.transport.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.secret.Secret;
import dev.drover.testing.MinaSshServer;
import dev.drover.testing.MinaSshServer.AuthAttempt;
import dev.drover.testing.TestKeys;
import dev.drover.transport.CredentialPrompt;
import dev.drover.transport.Transport;
import dev.drover.transport.TransportException;
import dev.drover.transport.TransportException.Kind;
import java.nio.file.Path;
import java.security.Security;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Logging in: key types and formats, passphrases, passwords, and what a refusal says. */
@Timeout(120)
class SshAuthTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String PASSPHRASE = "correct horse battery";

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(TestKeys.Type.class)
    void eachOpenSshKeyTypeLogsIn(TestKeys.Type type) throws Exception {
        try (SshFixture fx = SshFixture.start(tmp, type, b -> b).trustServer(); Transport t = fx.open()) {
            assertEquals("ok\n", t.run("echo ok", WAIT).stdout());
        }
    }

    @Test
    void rsaKeysSignWithSha2BecauseServersRefuseSshRsa() throws Exception {
        // The fixture refuses ssh-rsa (SHA-1) signatures like OpenSSH 8.8+.
        try (SshFixture fx = SshFixture.start(tmp, TestKeys.Type.RSA, b -> b).trustServer(); Transport t = fx.open()) {
            assertEquals(0, t.run("true", WAIT).exitCode());
            List<AuthAttempt> attempts = fx.server().authAttempts();
            assertTrue(attempts.stream().anyMatch(a -> Boolean.TRUE.equals(a.accepted())), attempts.toString());
            assertTrue(attempts.stream().allMatch(a -> a.algorithm().startsWith("rsa-sha2-")),
                    "never an ssh-rsa (SHA-1) signature first: " + attempts);
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestKeys.Type.class, names = {"RSA", "ECDSA"})
    void pemKeysLogIn(TestKeys.Type type) throws Exception {
        try (SshFixture fx = SshFixture.start(tmp).trustServer()) {
            TestKeys.KeyFile pem = TestKeys.generate(tmp.resolve("pem_key"), type, TestKeys.Format.PEM, null);
            assertLogsInWith(fx, pem, CredentialPrompt.NONE);
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestKeys.Type.class, names = {"RSA", "ECDSA"})
    void encryptedPemKeysDecryptWithoutRegisteringBouncyCastle(TestKeys.Type type) throws Exception {
        boolean registeredBefore = Security.getProvider("BC") != null;
        try (SshFixture fx = SshFixture.start(tmp).trustServer()) {
            TestKeys.KeyFile pem = TestKeys.generate(tmp.resolve("pem_enc"), type, TestKeys.Format.PEM, PASSPHRASE);
            fx.env.put(SshEnvironment.PASSPHRASE_VARIABLE, PASSPHRASE);
            assertLogsInWith(fx, pem, CredentialPrompt.NONE);
        }
        if (!registeredBefore) {
            assertNull(Security.getProvider("BC"), "BouncyCastle must not be registered as a JCA provider");
        }
    }

    @Test
    void keysWrittenByTheJavaFallbackLoad() throws Exception {
        try (SshFixture fx = SshFixture.start(tmp).trustServer()) {
            for (TestKeys.Type type : TestKeys.Type.values()) {
                TestKeys.KeyFile k = TestKeys.generateWithJava(tmp.resolve("java_" + type), type,
                        TestKeys.Format.OPENSSH, type == TestKeys.Type.ED25519 ? PASSPHRASE : null);
                fx.env.put(SshEnvironment.PASSPHRASE_VARIABLE, PASSPHRASE);
                assertLogsInWith(fx, k, CredentialPrompt.NONE);
            }
            TestKeys.KeyFile pem = TestKeys.generateWithJava(tmp.resolve("java_pem"), TestKeys.Type.RSA,
                    TestKeys.Format.PEM, PASSPHRASE);
            assertLogsInWith(fx, pem, CredentialPrompt.NONE);
        }
    }

    @Test
    void encryptedKeyUsesThePassphraseFromTheEnvironment() throws Exception {
        try (SshFixture fx = SshFixture.start(tmp).trustServer()) {
            TestKeys.KeyFile enc = TestKeys.generate(tmp.resolve("enc"), TestKeys.Type.ED25519,
                    TestKeys.Format.OPENSSH, PASSPHRASE);
            fx.env.put(SshEnvironment.PASSPHRASE_VARIABLE, PASSPHRASE);
            List<String> asked = new ArrayList<>();
            assertLogsInWith(fx, enc, q -> {
                asked.add(q);
                return Optional.empty();
            });
            assertEquals(List.of(), asked, "with the variable set nobody is prompted");
        }
    }

    @Test
    void encryptedKeyAsksThePromptOnceForAllHosts() throws Exception {
        try (SshFixture fx = SshFixture.start(tmp).trustServer()) {
            TestKeys.KeyFile enc = TestKeys.generate(tmp.resolve("enc"), TestKeys.Type.ECDSA,
                    TestKeys.Format.OPENSSH, PASSPHRASE);
            fx.server().close();
            List<String> asked = new ArrayList<>();
            CredentialPrompt prompt = q -> {
                asked.add(q);
                return Optional.of(Secret.of(PASSPHRASE));
            };
            try (MinaSshServer second = MinaSshServer.builder(tmp.resolve("r2")).authorizedKey(enc.publicKey()).start();
                    MinaSshServer third = MinaSshServer.builder(tmp.resolve("r3")).authorizedKey(enc.publicKey()).start()) {
                fx.appendKnownHosts(second.knownHostsLine());
                fx.appendKnownHosts(third.knownHostsLine());
                SshTransportFactory factory = fx.factory();
                for (MinaSshServer s : List.of(second, third)) {
                    var settings = dev.drover.transport.ConnectionSettings.ssh("h" + s.port(), s.host(), s.port(), s.user())
                            .withIdentityFiles(List.of(enc.privateKey())).withPrompt(prompt);
                    try (Transport t = factory.open(settings)) {
                        assertEquals(0, t.run("true", WAIT).exitCode());
                    }
                }
            }
            assertEquals(1, asked.size(), "one factory asks once per key: " + asked);
            assertTrue(asked.get(0).contains(enc.privateKey().toString()), asked.get(0));
        }
    }

    @Test
    void wrongPassphraseAtThePromptIsAskedAgain() throws Exception {
        try (SshFixture fx = SshFixture.start(tmp).trustServer()) {
            TestKeys.KeyFile enc = TestKeys.generate(tmp.resolve("enc"), TestKeys.Type.ED25519,
                    TestKeys.Format.OPENSSH, PASSPHRASE);
            List<String> answers = new ArrayList<>(List.of("wrong one", PASSPHRASE));
            List<String> asked = new ArrayList<>();
            assertLogsInWith(fx, enc, q -> {
                asked.add(q);
                return Optional.of(Secret.of(answers.remove(0)));
            });
            assertEquals(2, asked.size());
            assertTrue(asked.get(1).startsWith("Bad passphrase"), asked.get(1));
        }
    }

    @Test
    void encryptedKeyWithoutTerminalOrVariableIsAConfigErrorNamingFileAndVariable() throws Exception {
        try (SshFixture fx = SshFixture.start(tmp).trustServer()) {
            TestKeys.KeyFile enc = TestKeys.generate(tmp.resolve("enc"), TestKeys.Type.ED25519,
                    TestKeys.Format.OPENSSH, PASSPHRASE);
            TransportException e = assertThrows(TransportException.class, () -> fx.factory().open(
                    fx.settings().withIdentityFiles(List.of(enc.privateKey())).withPrompt(CredentialPrompt.NONE)));
            assertEquals(Kind.CONFIG, e.kind());
            assertTrue(e.getMessage().contains(enc.privateKey().toString()), e.getMessage());
            assertTrue(e.getMessage().contains("DROVER_SSH_PASSPHRASE"), e.getMessage());
            assertEquals(0, fx.server().userAuthRequested(), "keys are read before connecting");
        }
    }

    @Test
    void wrongPassphraseInTheEnvironmentIsAConfigError() throws Exception {
        try (SshFixture fx = SshFixture.start(tmp).trustServer()) {
            TestKeys.KeyFile enc = TestKeys.generate(tmp.resolve("enc"), TestKeys.Type.ED25519,
                    TestKeys.Format.OPENSSH, PASSPHRASE);
            fx.env.put(SshEnvironment.PASSPHRASE_VARIABLE, "not the passphrase");
            TransportException e = assertThrows(TransportException.class, () -> fx.factory().open(
                    fx.settings().withIdentityFiles(List.of(enc.privateKey()))));
            assertEquals(Kind.CONFIG, e.kind());
            assertTrue(e.getMessage().contains("DROVER_SSH_PASSPHRASE did not match"), e.getMessage());
        }
    }

    @Test
    void encryptedDefaultKeyIsSkippedWhenAnotherDefaultKeyWorks() throws Exception {
        try (SshFixture fx = SshFixture.start(tmp).trustServer()) {
            Path ssh = fx.localHome.resolve(".ssh");
            TestKeys.generate(ssh.resolve("id_ed25519"), TestKeys.Type.ED25519, TestKeys.Format.OPENSSH, PASSPHRASE);
            java.nio.file.Files.copy(fx.key.privateKey(), ssh.resolve("id_ecdsa"));
            var settings = fx.settings().withIdentityFiles(List.of());
            try (Transport t = fx.factory().open(settings)) {
                assertEquals(0, t.run("true", WAIT).exitCode());
            }
        }
    }

    @Test
    void onlyEncryptedDefaultKeysWithoutPassphraseIsAConfigError() throws Exception {
        try (SshFixture fx = SshFixture.start(tmp).trustServer()) {
            Path id = fx.localHome.resolve(".ssh").resolve("id_ed25519");
            TestKeys.generate(id, TestKeys.Type.ED25519, TestKeys.Format.OPENSSH, PASSPHRASE);
            TransportException e = assertThrows(TransportException.class,
                    () -> fx.factory().open(fx.settings().withIdentityFiles(List.of())));
            assertEquals(Kind.CONFIG, e.kind());
            assertTrue(e.getMessage().contains(id.toString()) && e.getMessage().contains("DROVER_SSH_PASSPHRASE"),
                    e.getMessage());
        }
    }

    @Test
    void passwordAuthentication() throws Exception {
        try (SshFixture fx = SshFixture.start(tmp, TestKeys.Type.ED25519, b -> b.password("s3cret pw")).trustServer();
                Transport t = fx.factory().open(fx.settings().withIdentityFiles(List.of()).withPassword(Secret.of("s3cret pw")))) {
            assertEquals(0, t.run("true", WAIT).exitCode());
            assertTrue(fx.server().authAttempts().stream().anyMatch(a -> a.method().equals("password") && a.accepted()));
        }
    }

    @Test
    void keyboardInteractiveAnswersThePassword() throws Exception {
        try (SshFixture fx = SshFixture.start(tmp, TestKeys.Type.ED25519,
                b -> b.password("s3cret pw").passwordMethods(false, true)).trustServer();
                Transport t = fx.factory().open(fx.settings().withIdentityFiles(List.of()).withPassword(Secret.of("s3cret pw")))) {
            assertEquals(0, t.run("true", WAIT).exitCode());
            assertTrue(fx.server().authAttempts().stream()
                    .anyMatch(a -> a.method().equals("keyboard-interactive") && a.accepted()));
        }
    }

    @Test
    void wrongKeyIsAnAuthErrorNamingUserKeyAndAcceptedMethods() throws Exception {
        try (SshFixture fx = SshFixture.start(tmp).trustServer()) {
            TestKeys.KeyFile other = TestKeys.generate(tmp.resolve("unauthorized"), TestKeys.Type.ED25519);
            TransportException e = assertThrows(TransportException.class,
                    () -> fx.factory().open(fx.settings().withIdentityFiles(List.of(other.privateKey()))));
            assertEquals(Kind.AUTH, e.kind());
            assertTrue(e.unreachable());
            String m = e.getMessage();
            assertTrue(m.contains("'" + fx.server().user() + "'"), m);
            assertTrue(m.contains(other.privateKey().toString()), m);
            assertTrue(m.contains("The server accepts: publickey"), m);
        }
    }

    @Test
    void wrongPasswordIsAnAuthError() throws Exception {
        try (SshFixture fx = SshFixture.start(tmp, TestKeys.Type.ED25519, b -> b.password("right")).trustServer()) {
            TransportException e = assertThrows(TransportException.class, () -> fx.factory().open(
                    fx.settings().withIdentityFiles(List.of()).withPassword(Secret.of("wrong"))));
            assertEquals(Kind.AUTH, e.kind());
            assertTrue(e.getMessage().contains("password"), e.getMessage());
            assertTrue(!e.getMessage().contains("wrong"), "the password must never appear in a message");
        }
    }

    @Test
    void missingExplicitKeyFileIsAConfigError() throws Exception {
        try (SshFixture fx = SshFixture.start(tmp).trustServer()) {
            Path missing = tmp.resolve("nope");
            TransportException e = assertThrows(TransportException.class,
                    () -> fx.factory().open(fx.settings().withIdentityFiles(List.of(missing))));
            assertEquals(Kind.CONFIG, e.kind());
            assertTrue(e.getMessage().contains(missing + " (the private key setting) does not exist"), e.getMessage());
        }
    }

    @Test
    void noCredentialsAtAllSaysWhatWasLookedFor() throws Exception {
        try (SshFixture fx = SshFixture.start(tmp).trustServer()) {
            TransportException e = assertThrows(TransportException.class,
                    () -> fx.factory().open(fx.settings().withIdentityFiles(List.of())));
            assertEquals(Kind.AUTH, e.kind());
            assertTrue(e.getMessage().contains("id_ed25519"), e.getMessage());
            assertTrue(e.getMessage().contains("ansible_ssh_private_key_file"), e.getMessage());
        }
    }

    private static void assertLogsInWith(SshFixture fx, TestKeys.KeyFile key, CredentialPrompt prompt)
            throws Exception {
        try (MinaSshServer s = MinaSshServer.builder(fx.remoteHome).authorizedKey(key.publicKey()).start()) {
            fx.appendKnownHosts(s.knownHostsLine());
            var settings = dev.drover.transport.ConnectionSettings.ssh("web-" + s.port(), s.host(), s.port(), s.user())
                    .withIdentityFiles(List.of(key.privateKey())).withPrompt(prompt);
            try (Transport t = fx.factory().open(settings)) {
                assertEquals("in\n", t.run("echo in", WAIT).stdout());
            }
        }
    }
}
