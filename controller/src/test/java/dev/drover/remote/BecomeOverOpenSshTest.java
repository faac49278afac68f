package dev.drover.remote;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.secret.Secret;
import dev.drover.testing.OpenSshLab;
import dev.drover.testing.OpenSshLab.Lab;
import dev.drover.transport.ConnectionSettings;
import dev.drover.transport.ssh.SshEnvironment;
import dev.drover.transport.ssh.SshTransportFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code become} through real sudo on the real-OpenSSH lab: the lab's login user {@code drover} may
 * sudo without a password, {@code drover-pw} needs its password, {@code alfresco-lab} is a plain
 * user to become (testbed/lab/lab-become.sh). Every test is bounded: a sudo that waits for a
 * password must fail, never hang.
 */
@ExtendWith(OpenSshLab.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class BecomeOverOpenSshTest {
    private static final AgentJar JAR = AgentJar.embedded();

    @TempDir
    Path localHome;

    private Lab lab;
    private OpenSshLab.Become users;
    private AgentPool pool;

    @BeforeEach
    void setUp(Lab lab) {
        this.lab = lab;
        this.users = lab.become();
        SshEnvironment env = SshEnvironment.isolated(localHome, "tester", name -> null);
        pool = new AgentPool(new SshTransportFactory(env), new AgentBootstrap(JAR));
    }

    @AfterEach
    void tearDown() {
        if (pool != null) {
            pool.close();
        }
    }

    private ConnectionSettings node1(String loginUser) {
        return lab.connectionSettings(lab.node("node1"), loginUser);
    }

    private static AgentOptions become(String user, Secret password) {
        return AgentOptions.defaults().withBecome(new AgentOptions.Become(user, "sudo", password));
    }

    private static String whoami(HostAgent agent) throws AgentException {
        Map<String, Object> result = agent.client().run("command", Map.of("argv", List.of("id", "-un")), false, false);
        assertEquals(0, ((Number) result.get("rc")).intValue(), () -> "id -un failed: " + result);
        return String.valueOf(result.get("stdout")).strip();
    }

    @Test
    void passwordlessSudoRunsTheAgentAsRoot() throws Exception {
        HostAgent agent = pool.open(node1(users.nopasswdUser()), become("root", null));
        assertEquals("root", whoami(agent));
    }

    @Test
    void aPlainUserIsBecomeWithItsOwnVerifiedCacheAndACorruptOneIsReplaced() throws Exception {
        String target = users.targetUser();
        HostAgent first = pool.open(node1(users.nopasswdUser()), become(target, null));
        assertEquals(target, whoami(first));

        // The login user's home is 0750: the become user keeps a cache in its own home.
        Path home = Path.of(String.valueOf(first.client().run("command",
                Map.of("argv", List.of("sh", "-c", "printf %s \"$HOME\"")), false, false).get("stdout")));
        Path cached = home.resolve(".cache/drover/agent/" + JAR.sha256() + ".jar");
        assertEquals(JAR.sha256(), AgentJar.sha256(Files.readAllBytes(cached)));
        assertEquals(target, Files.readAttributes(cached, PosixFileAttributes.class).owner().getName());
        pool.close();

        Files.write(cached, new byte[] {'P', 'K', 3, 4});
        try (AgentPool again = freshPool()) {
            HostAgent second = again.open(node1(users.nopasswdUser()), become(target, null));
            assertEquals(target, whoami(second));
            assertTrue(second.uploaded(), "a jar whose hash is wrong must be replaced, not run");
        }
        assertEquals(JAR.sha256(), AgentJar.sha256(Files.readAllBytes(cached)));
        try (AgentPool warm = freshPool()) {
            assertFalse(warm.open(node1(users.nopasswdUser()), become(target, null)).uploaded(),
                    "a verified cache must be reused");
        }
    }

    @Test
    void theRightPasswordIsGivenToSudo() throws Exception {
        HostAgent agent = pool.open(node1(users.passwordUser()), become("root", users.password()));
        assertEquals("root", whoami(agent));
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aWrongPasswordIsAClearErrorNotAHang() {
        Secret wrong = Secret.of("not-" + users.password().revealString());
        AgentException e = assertThrows(AgentException.class,
                () -> pool.open(node1(users.passwordUser()), become("root", wrong)));
        assertAll(
                () -> assertTrue(e.getMessage().contains("incorrect sudo password"), e.getMessage()),
                () -> assertTrue(e.getMessage().contains("node1"), e.getMessage()));
        assertNoSecretIn(e, wrong.revealString());
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void sudoThatNeedsAPasswordWithoutOneFailsAtOnce() {
        AgentException e = assertThrows(AgentException.class,
                () -> pool.open(node1(users.passwordUser()), become("root", null)));
        assertAll(
                () -> assertTrue(e.getMessage().contains("needs a password"), e.getMessage()),
                () -> assertTrue(e.getMessage().contains("DROVER_BECOME_PASSWORD"), e.getMessage()));
    }

    @Test
    void anUnknownBecomeUserIsNamed() {
        AgentException e = assertThrows(AgentException.class,
                () -> pool.open(node1(users.nopasswdUser()), become("no-such-user-x", null)));
        assertTrue(e.getMessage().contains("'no-such-user-x' does not exist on node1"), e.getMessage());
    }

    @Test
    void agentsAsDifferentUsersCoexistOnOneHost() throws Exception {
        ConnectionSettings settings = node1(users.nopasswdUser());
        HostAgent plain = pool.open(settings, AgentOptions.defaults());
        HostAgent root = pool.open(settings, become("root", null));
        HostAgent target = pool.open(settings, become(users.targetUser(), null));

        assertAll(
                () -> assertNotSame(plain, root),
                () -> assertEquals(users.nopasswdUser(), whoami(plain)),
                () -> assertEquals("root", whoami(root)),
                () -> assertEquals(users.targetUser(), whoami(target)),
                () -> assertSame(root, pool.open(settings, become("root", null)), "one agent per host and become user"));
    }

    @Test
    void thePasswordNeverAppearsInAnErrorEvenWhenTheAgentFailsAfterSudo() {
        // sudo accepts the password, then java is missing: the error quotes the remote output.
        AgentOptions options = new AgentOptions("/nonexistent/java", null, null)
                .withBecome(new AgentOptions.Become("root", "sudo", users.password()));
        AgentException e = assertThrows(AgentException.class, () -> pool.open(node1(users.passwordUser()), options));
        assertTrue(e.getMessage().contains("was not found on the host"), e.getMessage());
        assertNoSecretIn(e, users.password().revealString());
    }

    // su (become_method: su): the lab's drover-su has /bin/sh and a password of its own (lab-become.sh).

    private static AgentOptions su(String user, Secret password) {
        return AgentOptions.defaults().withBecome(new AgentOptions.Become(user, "su", password));
    }

    @Test
    void suIsGivenTheBecomeUsersPasswordAndTheAgentRunsAsThatUserFromItsOwnCache() throws Exception {
        OpenSshLab.Su su = lab.su();
        HostAgent agent = pool.open(node1(users.nopasswdUser()), su(su.user(), su.password()));
        assertEquals(su.user(), whoami(agent));
        Map<String, Object> cache = agent.client().run("command", Map.of("argv", List.of("/bin/sh", "-c",
                "ls \"$HOME\"/.cache/drover/agent/" + JAR.sha256() + ".jar")), false, false);
        assertEquals(0, ((Number) cache.get("rc")).intValue(), () -> "the jar is not in " + su.user() + "'s own cache: " + cache);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aWrongSuPasswordFailsWithAnsiblesMessageNotAHang() {
        OpenSshLab.Su su = lab.su();
        Secret wrong = Secret.of("not-" + su.password().revealString());
        AgentException e = assertThrows(AgentException.class,
                () -> pool.open(node1(users.nopasswdUser()), su(su.user(), wrong)));
        assertAll(
                () -> assertTrue(e.getMessage().startsWith("Incorrect su password on node1"), e.getMessage()),
                () -> assertTrue(e.getMessage().contains(su.user() + "'s own password"), e.getMessage()));
        assertNoSecretIn(e, wrong.revealString());
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void suThatAsksAPasswordWithoutOneFailsAtOnce() {
        OpenSshLab.Su su = lab.su();
        AgentException e = assertThrows(AgentException.class,
                () -> pool.open(node1(users.nopasswdUser()), su(su.user(), null)));
        assertTrue(e.getMessage().startsWith("Missing su password on node1: su asks for the password of " + su.user()),
                e.getMessage());
    }

    @Test
    void suToAUserWhoseShellRefusesCommandsSaysSoAndBecomeFlagsGiveItOne() throws Exception {
        // alfresco-lab's shell is nologin; su from a plain user asks its password first, so log in as
        // the sudo user and su from root (no password), as Ansible's 'sudo su -' idiom does.
        AgentOptions nologin = AgentOptions.defaults().withBecome(
                new AgentOptions.Become(users.targetUser(), "su", null, "sudo -n su", null));
        AgentException e = assertThrows(AgentException.class, () -> pool.open(node1(users.nopasswdUser()), nologin));
        assertTrue(e.getMessage().contains("its login shell refuses commands"), e.getMessage());

        HostAgent agent = pool.open(node1(users.nopasswdUser()), AgentOptions.defaults().withBecome(
                new AgentOptions.Become(users.targetUser(), "su", null, "sudo -n su", "-s /bin/sh")));
        assertEquals(users.targetUser(), whoami(agent));
    }

    private AgentPool freshPool() {
        return new AgentPool(new SshTransportFactory(SshEnvironment.isolated(localHome, "tester", n -> null)),
                new AgentBootstrap(JAR));
    }

    private static void assertNoSecretIn(Throwable e, String secret) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String text = t.getMessage() == null ? "" : t.getMessage();
            assertFalse(text.contains(secret), "the password leaked into: " + text);
            assertFalse(String.valueOf(t).contains(secret), "the password leaked into: " + t);
        }
    }
}
