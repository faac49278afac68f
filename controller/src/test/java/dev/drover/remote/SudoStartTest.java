package dev.drover.remote;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.secret.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The become start over the local transport with {@link FakeSudo}: the whole protocol (prompt,
 * password, status line, streamed jar, cache of the become user) without root or sshd. The real
 * sudo is exercised by {@link BecomeOverOpenSshTest}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SudoStartTest {
    private static final AgentJar JAR = AgentJar.embedded();

    @TempDir
    Path tmp;

    private FakeSudo sudo;
    private Path loginHome;

    @BeforeEach
    void setUp() throws Exception {
        sudo = FakeSudo.install(tmp.resolve("sudo"));
        loginHome = Files.createDirectories(tmp.resolve("login-home"));
    }

    private AgentBootstrap.Started start(String user, Secret password) throws Exception {
        return start(AgentOptions.defaults().withBecome(new AgentOptions.Become(user, "sudo", password)), true);
    }

    private AgentBootstrap.Started start(AgentOptions options, boolean sudoInstalled) throws Exception {
        return new AgentBootstrap(JAR).start(sudo.transport(loginHome, sudoInstalled), options);
    }

    private static String ping(AgentBootstrap.Started started) throws AgentException {
        try (AgentClient client = started.client()) {
            return String.valueOf(client.run("ping", Map.of(), false, false).get("ping"));
        }
    }

    private Path targetCache() {
        return sudo.targetHome().resolve(".cache/drover/agent/" + JAR.sha256() + ".jar");
    }

    @Test
    void theJarIsStreamedIntoTheBecomeUsersOwnCacheThenReused() throws Exception {
        sudo.noPassword();
        AgentBootstrap.Started first = start("alfresco", null);
        assertTrue(first.uploaded());
        assertEquals("pong", ping(first));

        assertAll(
                () -> assertEquals(JAR.sha256(), AgentJar.sha256(Files.readAllBytes(targetCache()))),
                () -> assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(targetCache()))),
                () -> assertFalse(Files.exists(loginHome.resolve(".cache")), "the login user's cache is not used"),
                () -> assertEquals(List.of(targetCache().getFileName().toString()),
                        Files.list(targetCache().getParent()).map(p -> p.getFileName().toString()).toList()));

        AgentBootstrap.Started second = start("alfresco", null);
        assertFalse(second.uploaded(), "a verified cache is reused");
        assertEquals("pong", ping(second));
    }

    @Test
    void aCorruptJarInTheBecomeCacheIsReplacedNotRun() throws Exception {
        sudo.noPassword();
        start("alfresco", null).client().close();
        Files.write(targetCache(), new byte[] {'P', 'K', 3, 4});

        AgentBootstrap.Started again = start("alfresco", null);
        assertTrue(again.uploaded());
        assertEquals("pong", ping(again));
        assertEquals(JAR.sha256(), AgentJar.sha256(Files.readAllBytes(targetCache())));
    }

    @Test
    void thePasswordAnswersThePrompt() throws Exception {
        assertEquals("pong", ping(start("root", Secret.of(FakeSudo.PASSWORD))));
        assertEquals(List.of("-H", "-S", "-p"), sudo.argv().subList(0, 3));
    }

    @Test
    void aPasswordIsNotWrittenWhenSudoDoesNotAsk() throws Exception {
        // Written unasked, the password would reach the agent as protocol input and break the hello.
        sudo.noPassword();
        assertEquals("pong", ping(start("root", Secret.of(FakeSudo.PASSWORD))));
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void aWrongPasswordFailsAtTheSecondPromptWithoutLeakingIt() {
        String wrong = "wrong-" + FakeSudo.PASSWORD;
        AgentException e = assertThrows(AgentException.class, () -> start("root", Secret.of(wrong)));
        assertTrue(e.getMessage().startsWith("incorrect sudo password on testhost"), e.getMessage());
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t).contains(wrong), "the password leaked into: " + t);
        }
    }

    @Test
    void withoutAPasswordSudoFailsAtOnceInsteadOfWaiting() throws Exception {
        AgentException e = assertThrows(AgentException.class, () -> start("root", null));
        assertEquals("sudo on testhost needs a password to run as root: set the become password"
                + " (DROVER_BECOME_PASSWORD or --ask-become-pass), or allow the login user NOPASSWD in sudoers", e.getMessage());
        assertEquals(List.of("-H", "-n", "-u", "root", "--"), sudo.argv().subList(0, 5));
    }

    @Test
    void anEmptyPasswordMeansNone() throws Exception {
        assertThrows(AgentException.class, () -> start("root", Secret.of("")));
        assertEquals("-n", sudo.argv().get(1));
    }

    @Test
    void unknownUserMissingSudoAndUnsupportedMethodsAreNamed() throws Exception {
        sudo.noPassword();
        AgentException unknown = assertThrows(AgentException.class, () -> start("nobody-here", null));
        assertTrue(unknown.getMessage().startsWith("the become user 'nobody-here' does not exist on testhost"), unknown.getMessage());

        AgentOptions asRoot = AgentOptions.defaults().withBecome(new AgentOptions.Become("root", null, null));
        AgentException missing = assertThrows(AgentException.class, () -> start(asRoot, false));
        assertTrue(missing.getMessage().startsWith("sudo is not installed on testhost"), missing.getMessage());

        AgentOptions doas = AgentOptions.defaults().withBecome(new AgentOptions.Become("root", "doas", null));
        AgentException method = assertThrows(AgentException.class, () -> start(doas, true));
        assertEquals("become method 'doas' is not supported: drover becomes another user through sudo or su (docs/become.md)",
                method.getMessage());
    }

    @Test
    void aBecomeUserWithoutAWritableHomeRunsFromItsOwnCacheInVarTmp() throws Exception {
        sudo.noPassword();
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
        sudo.targetHome(file.resolve("home")); // not creatable, even by root: nobody's /nonexistent
        assertEquals("pong", ping(start("alfresco", null)));
        int uid = (Integer) Files.getAttribute(tmp, "unix:uid");
        Path cache = Path.of(BecomeScript.HOMELESS_CACHE + "-" + uid);
        assertTrue(Files.isRegularFile(cache.resolve(JAR.sha256() + ".jar")), cache + " holds the jar");
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(cache)));
    }

    @Test
    void javaMissingAfterSudoIsReportedAsJava() throws Exception {
        sudo.noPassword();
        AgentOptions options = new AgentOptions("/nonexistent/bin/java", null, null)
                .withBecome(new AgentOptions.Become("root", "sudo", null));
        AgentException e = assertThrows(AgentException.class, () -> start(options, true));
        assertTrue(e.getMessage().contains("was not found on the host"), e.getMessage());
    }

    @Test
    void sudoMessagesAreEnglishButTheAgentKeepsTheLoginLocale() throws Exception {
        sudo.noPassword();
        try (AgentClient client = start("root", null).client()) {
            Map<String, Object> r = client.run("command",
                    Map.of("argv", List.of("sh", "-c", "printf %s \"${LC_MESSAGES-unset}\"")), false, false);
            String login = System.getenv("LC_MESSAGES");
            assertEquals(login == null || login.isEmpty() ? "unset" : login, r.get("stdout"));
        }
        assertEquals("C", sudo.lcMessages());
    }
}
