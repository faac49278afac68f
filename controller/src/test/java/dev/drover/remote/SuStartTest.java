package dev.drover.remote;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.secret.Secret;
import dev.drover.testing.Tiers;
import dev.drover.transport.Transport;
import dev.drover.transport.local.LocalTransport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code become_method: su} over the local transport. A stand-in su (a script first on the PATH)
 * checks the protocol without root: PAM's prompt on stderr, the password read from stdin only when
 * asked, "Authentication failure" for a wrong one. Real su runs from root (it asks no password
 * there; tier {@code root}); real su with a password is {@link BecomeOverOpenSshTest}'s.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SuStartTest {
    private static final AgentJar JAR = AgentJar.embedded();
    private static final String PASSWORD = "s3cret 'pa$$' ä";

    @TempDir
    Path tmp;

    /**
     * A su that behaves as util-linux su from a plain user: "Password: " on stderr (translated when
     * {@code prompt} says so), one line read from stdin byte by byte, "su: Authentication failure"
     * and exit 1 when it is wrong; then HOME is the target's and it runs {@code sh -c COMMAND}.
     */
    private Transport fakeSu(String prompt) throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path home = Files.createDirectories(tmp.resolve("target-home"));
        Files.writeString(tmp.resolve("password"), PASSWORD + "\n");
        Path su = bin.resolve("su");
        Files.writeString(su, "#!/bin/sh\n"
                + "d=" + AgentBootstrap.shellQuote(tmp.toString()) + "\n"
                + "printf '%s\\0' \"$@\" >\"$d/argv\"\n"
                + "user=$1; [ \"$2\" = -c ] || { echo 'su: usage' >&2; exit 2; }\n"
                + "[ \"$user\" = alfresco ] || { echo \"su: user $user does not exist or the user entry does not contain"
                + " all the required fields\" >&2; exit 1; }\n"
                + "printf '%s' " + AgentBootstrap.shellQuote(prompt) + " >&2\n"
                + "IFS= read -r pw\n"
                + "if [ \"$pw\" != \"$(head -n1 \"$d/password\")\" ]; then sleep 0.2; echo; echo 'su: Authentication failure' >&2;"
                + " exit 1; fi\n"
                + "HOME=" + AgentBootstrap.shellQuote(home.toString()) + "; export HOME\n"
                + "exec /bin/sh -c \"$3\"\n");
        su.toFile().setExecutable(true);
        LocalTransport local = new LocalTransport("testhost", Files.createDirectories(tmp.resolve("login-home")));
        String path = bin + ":" + System.getenv("PATH");
        return FakeSudo.withPath(local, path);
    }

    private static AgentOptions su(String user, Secret password) {
        return AgentOptions.defaults().withBecome(new AgentOptions.Become(user, "su", password));
    }

    private static String run(AgentBootstrap.Started started, String script) throws AgentException {
        try (AgentClient client = started.client()) {
            Map<String, Object> r = client.run("command", Map.of("argv", List.of("/bin/sh", "-c", script)), false, false);
            return String.valueOf(r.get("stdout"));
        }
    }

    @Test
    void thePasswordIsWrittenWhenSuAsksAndTheAgentRunsWithTheTargetsHomeCache() throws Exception {
        Transport transport = fakeSu("Password: ");
        AgentBootstrap.Started started = new AgentBootstrap(JAR).start(transport, su("alfresco", Secret.of(PASSWORD)));
        assertTrue(started.uploaded());
        assertEquals(tmp.resolve("target-home").toString(), run(started, "printf %s \"$HOME\""));
        assertTrue(Files.isRegularFile(tmp.resolve("target-home/.cache/drover/agent/" + JAR.sha256() + ".jar")));
        assertEquals("alfresco", Files.readString(tmp.resolve("argv")).split("\0")[0], "su USER -c COMMAND, as Ansible");
    }

    @Test
    void aTranslatedPromptIsAnsweredAsAnsibleDoes() throws Exception {
        Transport transport = fakeSu("Mot de passe\u00a0: ".replace('\u00a0', ' '));
        AgentBootstrap.Started started = new AgentBootstrap(JAR).start(transport, su("alfresco", Secret.of(PASSWORD)));
        assertEquals("ok", run(started, "printf ok"));
    }

    @Test
    void aWrongPasswordFailsWithAnsiblesWordsAndNeverLeaksIt() throws Exception {
        Transport transport = fakeSu("Password: ");
        Secret wrong = Secret.of("wrong-" + PASSWORD);
        AgentException e = assertThrows(AgentException.class,
                () -> new AgentBootstrap(JAR).start(transport, su("alfresco", wrong)));
        assertAll(
                () -> assertTrue(e.getMessage().startsWith("Incorrect su password on testhost (becoming alfresco)"), e.getMessage()),
                () -> assertFalse(e.getMessage().contains(wrong.revealString()), e.getMessage()));
    }

    @Test
    void noPasswordFailsAtThePromptInsteadOfWaiting() throws Exception {
        Transport transport = fakeSu("Password: ");
        long start = System.nanoTime();
        AgentException e = assertThrows(AgentException.class,
                () -> new AgentBootstrap(JAR).start(transport, su("alfresco", null)));
        assertTrue(e.getMessage().startsWith("Missing su password on testhost: su asks for the password of alfresco"),
                e.getMessage());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20), "failed at once, not at the start timeout");
    }

    @Test
    void anUnknownUserIsNamed() throws Exception {
        Transport transport = fakeSu("Password: ");
        AgentException e = assertThrows(AgentException.class,
                () -> new AgentBootstrap(JAR).start(transport, su("nobody-here", Secret.of(PASSWORD))));
        assertTrue(e.getMessage().startsWith("the become user 'nobody-here' does not exist on testhost"), e.getMessage());
    }

    /**
     * Real su from root (pam_rootok: no password) to {@code nobody}, whose shell is nologin and whose
     * home is /nonexistent: {@code become_flags: -s /bin/sh} gives it a shell, and its cache goes to
     * /var/tmp/drover-agent-UID as with sudo (docs/become.md).
     */
    @Test
    void realSuFromRootNeedsNoPasswordAndAHomelessUserCachesInVarTmp() throws Exception {
        Tiers.require("root", "root".equals(System.getProperty("user.name")), "su asks no password only from root");
        Tiers.require("root", Files.isExecutable(Path.of("/bin/su")) || Files.isExecutable(Path.of("/usr/bin/su")),
                "su is not installed");
        LocalTransport local = new LocalTransport("testhost", Files.createDirectories(tmp.resolve("root-home")));
        AgentOptions nobody = AgentOptions.defaults().withBecome(new AgentOptions.Become("nobody", "su", null, null, "-s /bin/sh"));
        String said = run(new AgentBootstrap(JAR).start(local, nobody), "id -un; id -u; printf %s \"$HOME\"");
        String[] lines = said.split("\n");
        assertEquals("nobody", lines[0], said);
        Path cache = Path.of(BecomeScript.HOMELESS_CACHE + "-" + lines[1]);
        assertTrue(Files.isRegularFile(cache.resolve(JAR.sha256() + ".jar")), cache + " holds the jar");

        AgentException nologin = assertThrows(AgentException.class, () -> new AgentBootstrap(JAR).start(local,
                AgentOptions.defaults().withBecome(new AgentOptions.Become("nobody", "su", null))));
        assertTrue(nologin.getMessage().contains("its login shell refuses commands"), nologin.getMessage());
    }
}
