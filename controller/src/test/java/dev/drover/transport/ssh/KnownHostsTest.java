package dev.drover.transport.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.testing.MinaSshServer;
import dev.drover.testing.MinaSshServer.HostKeyType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** known_hosts parsing and checking, on files. */
class KnownHostsTest {
    private static final KeyPair ED = MinaSshServer.generateHostKey(HostKeyType.ED25519);
    private static final KeyPair ED_OTHER = MinaSshServer.generateHostKey(HostKeyType.ED25519);
    private static final KeyPair EC = MinaSshServer.generateHostKey(HostKeyType.ECDSA);

    @TempDir
    Path dir;

    private KnownHosts load(String... lines) throws Exception {
        Path f = dir.resolve("known_hosts");
        Files.writeString(f, String.join("\n", lines) + "\n");
        return KnownHosts.load(List.of(f, dir.resolve("missing")));
    }

    private static String line(String hosts, KeyPair k) {
        return MinaSshServer.knownHostsLine(hosts, k.getPublic());
    }

    private static byte[] blob(KeyPair k) {
        return HostKeyFormat.blob(k.getPublic());
    }

    @Test
    void lookupNameUsesBracketsForPortsOtherThan22() {
        assertEquals("web1", KnownHosts.lookupName("WEB1", 22));
        assertEquals("[10.0.0.1]:2222", KnownHosts.lookupName("10.0.0.1", 2222));
    }

    @Test
    void knownChangedAndUnknownWithFileAndLine() throws Exception {
        KnownHosts kh = load("# comment", "", line("web1,10.0.0.1", ED), line("db1", EC));
        KnownHosts.Known known = assertInstanceOf(KnownHosts.Known.class, kh.check("10.0.0.1", blob(ED)));
        assertEquals(3, known.entry().line());

        KnownHosts.Changed changed = assertInstanceOf(KnownHosts.Changed.class, kh.check("web1", blob(ED_OTHER)));
        assertTrue(changed.recorded().where().endsWith("known_hosts:3"));

        KnownHosts.Unknown otherType = assertInstanceOf(KnownHosts.Unknown.class, kh.check("db1", blob(ED)));
        assertEquals(1, otherType.otherTypes().size(), "an ecdsa key is known, not an ed25519 one");
        assertEquals(List.of(), assertInstanceOf(KnownHosts.Unknown.class, kh.check("web2", blob(ED))).otherTypes());
    }

    @Test
    void portEntriesOnlyMatchTheirPort() throws Exception {
        KnownHosts kh = load(line("[web1]:2222", ED));
        assertInstanceOf(KnownHosts.Known.class, kh.check(KnownHosts.lookupName("web1", 2222), blob(ED)));
        assertInstanceOf(KnownHosts.Unknown.class, kh.check(KnownHosts.lookupName("web1", 22), blob(ED)));
        assertInstanceOf(KnownHosts.Unknown.class, kh.check(KnownHosts.lookupName("web1", 2200), blob(ED)));
    }

    @Test
    void hashedEntriesMatchOnlyTheirHost() throws Exception {
        KnownHosts kh = load(line(hashed("[web1]:2222"), ED));
        assertInstanceOf(KnownHosts.Known.class, kh.check("[web1]:2222", blob(ED)));
        assertInstanceOf(KnownHosts.Changed.class, kh.check("[web1]:2222", blob(ED_OTHER)));
        assertInstanceOf(KnownHosts.Unknown.class, kh.check("web1", blob(ED)));
    }

    @Test
    void wildcardsAndNegation() throws Exception {
        KnownHosts kh = load(line("*.prod.example,!bastion.prod.example", ED));
        assertInstanceOf(KnownHosts.Known.class, kh.check("app1.prod.example", blob(ED)));
        assertInstanceOf(KnownHosts.Unknown.class, kh.check("bastion.prod.example", blob(ED)));
    }

    @Test
    void revokedBeatsAMatchingEntryAndCertAuthorityLinesVouchForNothing() throws Exception {
        KnownHosts kh = load(line("web1", ED), "@revoked * " + line("", ED).trim(), "@cert-authority * "
                + line("", EC).trim());
        KnownHosts.Revoked r = assertInstanceOf(KnownHosts.Revoked.class, kh.check("web1", blob(ED)));
        assertEquals(2, r.entry().line());
        assertInstanceOf(KnownHosts.Unknown.class, kh.check("web1", blob(EC)));
    }

    @Test
    void malformedLinesAreSkipped() throws Exception {
        KnownHosts kh = load("garbage", "web1 ssh-ed25519 !!!notbase64", "@weird web1 " + line("", ED).trim(),
                "web1 ssh-rsa " + Base64.getEncoder().encodeToString(blob(ED)), line("web1", ED));
        KnownHosts.Known k = assertInstanceOf(KnownHosts.Known.class, kh.check("web1", blob(ED)));
        assertEquals(5, k.entry().line());
    }

    @Test
    void keyTypesForOrderingTheProposal() throws Exception {
        KnownHosts kh = load(line("web1", EC), line("web1", ED), "@revoked web1 " + line("", ED_OTHER).trim());
        assertEquals(Set.of("ecdsa-sha2-nistp256", "ssh-ed25519"), kh.keyTypesFor("web1"));
        assertTrue(kh.keyTypesFor("web2").isEmpty());
    }

    @Test
    void hostPatterns() {
        assertTrue(HostPatterns.matches("Web1.Example", "web?.example"));
        assertTrue(HostPatterns.matches("abc", "*"));
        assertTrue(HostPatterns.matches("a.b.c", "a*c"));
        assertFalse(HostPatterns.matches("ab", "a?b"));
        assertTrue(HostPatterns.matchesList("x", List.of("!y", "*")));
        assertFalse(HostPatterns.matchesList("y", List.of("*", "!y")));
        assertFalse(HostPatterns.matchesList("x", List.of("!y")), "only negations never match");
    }

    @Test
    void fingerprintIsOpenSshFormat() {
        String ours = HostKeyFormat.fingerprint(blob(ED));
        assertEquals(org.apache.sshd.common.config.keys.KeyUtils.getFingerPrint(ED.getPublic()), ours);
        assertFalse(ours.endsWith("="));
    }

    private static String hashed(String name) throws Exception {
        byte[] salt = "0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII);
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(salt, "HmacSHA1"));
        return "|1|" + Base64.getEncoder().encodeToString(salt) + "|"
                + Base64.getEncoder().encodeToString(mac.doFinal(name.getBytes(StandardCharsets.UTF_8)));
    }
}
