package dev.drover.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.transport.ExecResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sudo command line survives two shells intact: what {@link FakeSudo} receives as argv is
 * exactly the user, prompt and inner script drover meant, whatever quotes and dollars they hold.
 */
class BecomeScriptTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"root", "o'brien", "a\"b$c`d`\\e", "DOMAIN\\svc"})
    void theUserAndTheScriptReachSudoVerbatim(String user) throws Exception {
        FakeSudo sudo = FakeSudo.install(tmp.resolve("sudo"));
        Files.writeString(tmp.resolve("sudo/users"), user + "\n");
        sudo.noPassword();
        String inner = "printf '%s|' \"$0\" \"$1\"; echo \"it's $HOME\"";
        String prompt = "[drover-sudo-0123]";

        ExecResult r = sudo.transport(Files.createDirectories(tmp.resolve("home")), true)
                .run(SudoMethod.command(user, prompt, inner), Duration.ofSeconds(20));

        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(List.of("-H", "-S", "-p", prompt, "-u", user, "--", "/bin/sh", "-c", inner, "drover-agent", ""),
                sudo.argv());
        assertEquals("drover-agent||it's " + sudo.targetHome() + "\n", r.stdout());
    }

    @Test
    void passwordlessSudoIsNonInteractive() {
        String command = SudoMethod.command("root", null, "true");
        assertTrue(command.contains("exec sudo -H -n -u "), command);
    }

    @Test
    void aCacheDirWithQuotesIsQuotedAndARelativeOneLivesUnderTheBecomeUsersHome() {
        String relative = BecomeScript.innerScript("my 'cache'", "ab", 3, "'java'", "00");
        assertTrue(relative.contains("d=\"$HOME\"/'my '\\''cache'\\'''\n"), relative);
        String absolute = BecomeScript.innerScript("/opt/drover cache", "ab", 3, "'java'", "00");
        assertTrue(absolute.contains("d='/opt/drover cache'\n"), absolute);
        assertTrue(absolute.contains("if ! head -c 3 >\"$t\"; then rm -f \"$t\""), absolute);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-u", "two words", "tab\tuser", "new\nline"})
    void userNamesSudoWouldMisreadAreRefused(String user) {
        AgentException e = assertThrows(AgentException.class, () -> BecomeScript.validatedUser(user));
        assertTrue(e.getMessage().contains("is not a valid user name"), e.getMessage());
    }
}
