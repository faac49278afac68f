package dev.drover.transport.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.testing.MinaSshServer;
import dev.drover.testing.MinaSshServer.HostKeyType;
import dev.drover.testing.TestKeys;
import dev.drover.transport.ConnectionSettings;
import dev.drover.transport.Transport;
import dev.drover.transport.TransportException;
import dev.drover.transport.TransportException.Kind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Host key verification against known_hosts, end to end through a real handshake. */
@Timeout(60)
class SshHostKeyTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path tmp;

    @Test
    void unknownHostIsRefusedWithFingerprintAndHowToTrustIt() throws Exception {
        try (SshFixture fx = SshFixture.start(tmp)) {
            TransportException e = assertThrows(TransportException.class, fx::open);
            assertEquals(Kind.HOST_KEY_UNKNOWN, e.kind());
            assertTrue(e.unreachable());
            String m = e.getMessage();
            assertTrue(m.contains("ssh-ed25519 key " + fx.server().hostKeyFingerprint()), m);
            assertTrue(m.contains("--accept-new-host-keys"), m);
            assertTrue(m.contains("ssh-keyscan -p " + fx.server().port() + " 127.0.0.1 >> " + fx.knownHostsFile()), m);
            assertEquals(0, fx.server().userAuthRequested(), "nothing is sent to an unverified host");
            assertFalse(Files.exists(fx.knownHostsFile()), "without accept-new nothing is recorded");
        }
    }

    @Test
    void changedKeyIsRefusedLoudlyAndNoAuthenticationIsAttempted() throws Exception {
        KeyPair old = MinaSshServer.generateHostKey(HostKeyType.ED25519);
        try (SshFixture fx = SshFixture.start(tmp)) {
            fx.appendKnownHosts("# first line is a comment");
            fx.appendKnownHosts(MinaSshServer.knownHostsLine("[127.0.0.1]:" + fx.server().port(), old.getPublic()));
            TransportException e = assertThrows(TransportException.class, fx::open);
            assertEquals(Kind.HOST_KEY_CHANGED, e.kind());
            String m = e.getMessage();
            assertTrue(m.contains("possible man-in-the-middle"), m);
            assertTrue(m.contains(fx.server().hostKeyFingerprint()), "the presented key: " + m);
            assertTrue(m.contains(fingerprintOf(old)), "the recorded key: " + m);
            assertTrue(m.contains(fx.knownHostsFile() + ":2"), "file and line: " + m);
            assertEquals(0, fx.server().userAuthRequested(), "no authentication after a changed key");
            assertEquals(List.of(), fx.server().authAttempts());
        }
    }

    @Test
    void acceptNewRecordsTheKeyAndTheNextConnectionVerifiesIt() throws Exception {
        try (SshFixture fx = SshFixture.start(tmp)) {
            Files.deleteIfExists(fx.knownHostsFile());
            Files.delete(fx.localHome.resolve(".ssh").resolve("drover_test_key.pub"));
            Path sshDir = fx.localHome.resolve(".ssh");
            // ~/.ssh may not exist yet on a fresh controller: it is created owner-only.
            Path key = Files.move(fx.key.privateKey(), tmp.resolve("key"));
            Files.delete(sshDir);
            ConnectionSettings accept = fx.settings().withIdentityFiles(List.of(key))
                    .withKnownHosts(null, List.of(), true);
            try (Transport t = fx.factory().open(accept)) {
                assertEquals(0, t.run("true", WAIT).exitCode());
            }
            assertEquals(List.of(fx.server().knownHostsLine()), Files.readAllLines(fx.knownHostsFile()));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(sshDir)));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fx.knownHostsFile())));

            ConnectionSettings strict = fx.settings().withIdentityFiles(List.of(key));
            try (Transport t = fx.factory().open(strict)) {
                assertEquals(0, t.run("true", WAIT).exitCode());
            }
            assertEquals(1, Files.readAllLines(fx.knownHostsFile()).size(), "a known key is not recorded twice");
        }
    }

    @Test
    void acceptNewNeverReplacesAChangedKey() throws Exception {
        KeyPair old = MinaSshServer.generateHostKey(HostKeyType.ED25519);
        try (SshFixture fx = SshFixture.start(tmp)) {
            String recorded = MinaSshServer.knownHostsLine("[127.0.0.1]:" + fx.server().port(), old.getPublic());
            fx.appendKnownHosts(recorded);
            ConnectionSettings accept = fx.settings().withKnownHosts(null, List.of(), true);
            TransportException e = assertThrows(TransportException.class, () -> fx.factory().open(accept));
            assertEquals(Kind.HOST_KEY_CHANGED, e.kind());
            assertEquals(List.of(recorded), Files.readAllLines(fx.knownHostsFile()));
            assertEquals(0, fx.server().userAuthRequested());
        }
    }

    @Test
    void acceptNewDoesNotTrustANewKeyTypeWhenAnotherTypeIsRecorded() throws Exception {
        KeyPair rsa = MinaSshServer.generateHostKey(HostKeyType.RSA);
        try (SshFixture fx = SshFixture.start(tmp)) {
            String recorded = MinaSshServer.knownHostsLine("[127.0.0.1]:" + fx.server().port(), rsa.getPublic());
            fx.appendKnownHosts(recorded);
            TransportException e = assertThrows(TransportException.class,
                    () -> fx.factory().open(fx.settings().withKnownHosts(null, List.of(), true)));
            assertEquals(Kind.HOST_KEY_UNKNOWN, e.kind());
            assertTrue(e.getMessage().contains("ssh-rsa at " + fx.knownHostsFile() + ":1"), e.getMessage());
            assertEquals(List.of(recorded), Files.readAllLines(fx.knownHostsFile()));
        }
    }

    @Test
    void hashedEntryIsAccepted() throws Exception {
        try (SshFixture fx = SshFixture.start(tmp)) {
            fx.trustServer();
            hashKnownHosts(fx.knownHostsFile());
            assertTrue(Files.readString(fx.knownHostsFile()).startsWith("|1|"));
            try (Transport t = fx.open()) {
                assertEquals(0, t.run("true", WAIT).exitCode());
            }
        }
    }

    /** Hashes host names as {@code ssh-keygen -H} does (with ssh-keygen itself when installed). */
    private static void hashKnownHosts(Path file) throws Exception {
        if (TestKeys.sshKeygenAvailable()) {
            Process p = new ProcessBuilder("ssh-keygen", "-H", "-f", file.toString()).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            assertEquals(0, p.waitFor());
            return;
        }
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.split(" ", 2);
            byte[] salt = new byte[20];
            new java.security.SecureRandom().nextBytes(salt);
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(salt, "HmacSHA1"));
            out.add("|1|" + Base64.getEncoder().encodeToString(salt) + "|"
                    + Base64.getEncoder().encodeToString(mac.doFinal(f[0].getBytes(StandardCharsets.UTF_8))) + " " + f[1]);
        }
        Files.write(file, out);
    }

    @Test
    void entryForThePlainHostDoesNotCoverAnotherPort() throws Exception {
        try (SshFixture fx = SshFixture.start(tmp)) {
            // Without [host]:port the entry is for port 22 only, as in OpenSSH.
            fx.appendKnownHosts(MinaSshServer.knownHostsLine("127.0.0.1", fx.server().hostPublicKey()));
            TransportException e = assertThrows(TransportException.class, fx::open);
            assertEquals(Kind.HOST_KEY_UNKNOWN, e.kind());
        }
    }

    @Test
    void extraKnownHostsFilesAndPatternsAreHonoured() throws Exception {
        try (SshFixture fx = SshFixture.start(tmp)) {
            Path extra = tmp.resolve("inventory_known_hosts");
            Files.writeString(extra, MinaSshServer.knownHostsLine("[127.0.0.?]:" + fx.server().port() + ",other",
                    fx.server().hostPublicKey()) + "\n");
            ConnectionSettings s = fx.settings().withKnownHosts(null, List.of(extra), false);
            try (Transport t = fx.factory().open(s)) {
                assertEquals(0, t.run("true", WAIT).exitCode());
            }
        }
    }

    @Test
    void revokedKeyIsRefused() throws Exception {
        try (SshFixture fx = SshFixture.start(tmp).trustServer()) {
            fx.appendKnownHosts("@revoked * " + MinaSshServer.knownHostsLine("", fx.server().hostPublicKey()).trim());
            TransportException e = assertThrows(TransportException.class, fx::open);
            assertEquals(Kind.HOST_KEY_CHANGED, e.kind());
            assertTrue(e.getMessage().contains("@revoked"), e.getMessage());
            assertEquals(0, fx.server().userAuthRequested());
        }
    }

    @Test
    void serverWithSeveralKeyTypesPresentsTheRecordedOne() throws Exception {
        // The client prefers ed25519, but only the host's RSA key is recorded: as OpenSSH does, the
        // proposal puts the recorded type first, so the server presents a key that can be checked.
        KeyPair ed25519 = MinaSshServer.generateHostKey(HostKeyType.ED25519);
        try (SshFixture fx = SshFixture.start(tmp, TestKeys.Type.ED25519,
                b -> b.hostKeyType(HostKeyType.RSA).additionalHostKey(ed25519)).trustServer(); Transport t = fx.open()) {
            assertTrue(fx.server().knownHostsLine().contains(" ssh-rsa "));
            assertEquals(0, t.run("true", WAIT).exitCode());
        }
    }

    @Test
    void rsaHostKeyVerifiesWhenTheServerRefusesSha1() throws Exception {
        try (SshFixture fx = SshFixture.start(tmp, TestKeys.Type.RSA, b -> b.hostKeyType(HostKeyType.RSA))
                .trustServer(); Transport t = fx.open()) {
            assertEquals(0, t.run("true", WAIT).exitCode());
        }
    }

    @Test
    void concurrentAcceptNewRecordsOneLine() throws Exception {
        try (SshFixture fx = SshFixture.start(tmp)) {
            SshTransportFactory factory = fx.factory();
            ConnectionSettings accept = fx.settings().withKnownHosts(null, List.of(), true);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Integer>> results = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    Callable<Integer> task = () -> {
                        try (Transport t = factory.open(accept)) {
                            return t.run("true", WAIT).exitCode();
                        }
                    };
                    results.add(pool.submit(task));
                }
                for (Future<Integer> f : results) {
                    assertEquals(0, f.get());
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(List.of(fx.server().knownHostsLine()), Files.readAllLines(fx.knownHostsFile()));
        }
    }

    private static String fingerprintOf(KeyPair pair) {
        return org.apache.sshd.common.config.keys.KeyUtils.getFingerPrint(pair.getPublic());
    }
}
