package dev.drover.transport.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.drover.testing.MinaSshServer;
import dev.drover.testing.MinaSshServer.HostKeyType;
import dev.drover.testing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * ECDSA host and user keys, encrypted OpenSSH keys and legacy encrypted PEM keys all work in a JVM
 * where BouncyCastle was never registered as a JCA provider (registering it costs about half a second
 * per start). Checked in a child JVM so nothing else in the test JVM can have registered it first.
 */
@Timeout(120)
class NoBouncyCastleRegistrationTest {
    private static final String PASSPHRASE = "probe passphrase";

    @TempDir
    Path tmp;

    @Test
    void everyKeyKindWorksWithoutRegisteringBouncyCastle() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home/.ssh")).getParent();
        List<TestKeys.KeyFile> keys = List.of(
                TestKeys.generate(tmp.resolve("ecdsa_enc"), TestKeys.Type.ECDSA, TestKeys.Format.OPENSSH, PASSPHRASE),
                TestKeys.generate(tmp.resolve("ed25519"), TestKeys.Type.ED25519),
                TestKeys.generate(tmp.resolve("rsa_pem_enc"), TestKeys.Type.RSA, TestKeys.Format.PEM, PASSPHRASE),
                TestKeys.generate(tmp.resolve("ecdsa_pem"), TestKeys.Type.ECDSA, TestKeys.Format.PEM, null));
        MinaSshServer.Builder b = MinaSshServer.builder(tmp.resolve("remote")).hostKeyType(HostKeyType.ECDSA);
        keys.forEach(k -> b.authorizedKey(k.publicKey()));
        try (MinaSshServer server = b.start()) {
            Files.writeString(home.resolve(".ssh/known_hosts"), server.knownHostsLine() + "\n");
            List<String> cmd = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"),
                    BouncyCastleFreeProbe.class.getName(),
                    server.host(), Integer.toString(server.port()), server.user(), home.toString(), PASSPHRASE));
            keys.forEach(k -> cmd.add(k.privateKey().toString()));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(60, TimeUnit.SECONDS);
            assertEquals("ok", out.trim(), out);
            assertEquals(0, p.exitValue());
        }
    }
}
