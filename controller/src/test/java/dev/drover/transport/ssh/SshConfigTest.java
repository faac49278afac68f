package dev.drover.transport.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.transport.ConnectionSettings;
import dev.drover.transport.TransportException;
import dev.drover.transport.TransportException.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ~/.ssh/config parsing and lookup with OpenSSH semantics, on text. */
class SshConfigTest {
    @TempDir
    Path home;

    private SshConfig parse(String text) throws TransportException {
        return SshConfig.parse(text, home.resolve(".ssh/config"), home);
    }

    private static String value(SshConfig.Setting s) {
        return s == null ? null : s.value();
    }

    @Test
    void firstObtainedValueWinsAndIdentityFilesAccumulate() throws Exception {
        SshConfig c = parse("""
                Host web*
                    User deploy
                    IdentityFile ~/.ssh/web_key
                Host web1
                    User ignored-because-later
                    Port 2222
                    IdentityFile ~/.ssh/web1_key
                Host *
                    User fallback
                    Port 22
                """);
        SshConfig.HostOptions o = c.lookup("web1");
        assertEquals("deploy", value(o.user()));
        assertEquals("2222", value(o.port()));
        assertEquals(List.of("~/.ssh/web_key", "~/.ssh/web1_key"), o.identityFiles().stream().map(SshConfig.Setting::value).toList());
        assertEquals("fallback", value(c.lookup("db1").user()));
    }

    @Test
    void wildcardsNegationAndSeveralPatternsPerLine() throws Exception {
        SshConfig c = parse("""
                Host db? !db9 cache-*
                    User dba
                """);
        assertEquals("dba", value(c.lookup("db1").user()));
        assertEquals("dba", value(c.lookup("cache-eu-1").user()));
        assertNull(c.lookup("db9").user(), "negated pattern vetoes the line");
        assertNull(c.lookup("db10").user(), "? matches exactly one character");
        assertNull(c.lookup("web1").user());
    }

    @Test
    void optionsBeforeTheFirstHostApplyToAll() throws Exception {
        SshConfig c = parse("User everyone\nHost a\n  User only-a\n");
        assertEquals("everyone", value(c.lookup("a").user()));
        assertEquals("everyone", value(c.lookup("b").user()));
    }

    @Test
    void equalsSignsQuotesCommentsAndCaseInsensitiveKeywords() throws Exception {
        SshConfig c = parse("""
                # comment
                HOST=web1
                  hostname = 10.0.0.5   # trailing comment
                  IdentityFile "/keys/with space/id"
                  PORT=2200
                """);
        SshConfig.HostOptions o = c.lookup("web1");
        assertEquals("10.0.0.5", value(o.hostName()));
        assertEquals("2200", value(o.port()));
        assertEquals("/keys/with space/id", o.identityFiles().get(0).value());
    }

    @Test
    void matchBlocksAreSkippedUntilTheNextHost() throws Exception {
        SshConfig c = parse("""
                Match exec "true"
                    User from-match
                Host *
                    User from-host
                """);
        assertEquals("from-host", value(c.lookup("x").user()));
    }

    @Test
    void identityFileNoneIsIgnoredAndHostNameExpandsPercentH() throws Exception {
        SshConfig c = parse("Host *.lan\n  HostName %h.example.com\n  IdentityFile none\n");
        SshConfig.HostOptions o = c.lookup("nas.lan");
        assertEquals(List.of(), o.identityFiles());
        ConnectionSettings s = ConnectionSettings.ssh("nas", "nas.lan", 22, "u");
        SshTarget t = SshTarget.resolve(s, c, SshEnvironment.isolated(home, "me", k -> null));
        assertEquals("nas.lan.example.com", t.host());
    }

    @Test
    void identityFileTokensAndTildeAreExpanded() throws Exception {
        SshConfig c = parse("""
                Host app1
                    HostName 10.1.2.3
                    User svc
                    IdentityFile ~/.ssh/%r@%h_%p
                    IdentityFile %d/keys/%u/%n
                """);
        SshTarget t = SshTarget.resolve(ConnectionSettings.ssh("app1", null, 2022, null), c,
                SshEnvironment.isolated(home, "me", k -> null));
        assertEquals("svc", t.user());
        assertEquals(2022, t.port());
        assertEquals(List.of(home.resolve(".ssh/svc@10.1.2.3_2022"), home.resolve("keys/me/app1")),
                t.identities().stream().map(SshTarget.Identity::path).toList());
    }

    @Test
    void configLookupUsesTheAddressWhenGivenAndExplicitSettingsWin() throws Exception {
        SshConfig c = parse("Host 10.0.0.7\n  User cfg-user\n  Port 2200\nHost web1\n  User never\n");
        SshEnvironment env = SshEnvironment.isolated(home, "me", k -> null);
        SshTarget fromConfig = SshTarget.resolve(ConnectionSettings.ssh("web1", "10.0.0.7", null, null), c, env);
        assertEquals("cfg-user", fromConfig.user());
        assertEquals(2200, fromConfig.port());
        SshTarget explicit = SshTarget.resolve(ConnectionSettings.ssh("web1", "10.0.0.7", 22, "ops"), c, env);
        assertEquals("ops", explicit.user());
        assertEquals(22, explicit.port());
        SshTarget defaults = SshTarget.resolve(ConnectionSettings.ssh("db", null, null, null), c, env);
        assertEquals("me", defaults.user());
        assertEquals(22, defaults.port());
        assertEquals("db", defaults.host());
    }

    @Test
    void includeIsReadInPlaceRelativeToDotSshWithWildcards() throws Exception {
        Path d = Files.createDirectories(home.resolve(".ssh/config.d"));
        Files.writeString(d.resolve("10-web"), "Host web1\n  User from-include\n");
        Files.writeString(d.resolve("20-all"), "Host *\n  Port 2200\n");
        SshConfig c = parse("Include config.d/*\nHost web1\n  User from-main\n  Port 22\n");
        SshConfig.HostOptions o = c.lookup("web1");
        assertEquals("from-include", value(o.user()));
        assertEquals("2200", value(o.port()));
        assertEquals("from-main", value(parse("Host web1\n  User from-main\nInclude config.d/*\n").lookup("web1").user()));
    }

    @Test
    void hostLinesInsideAnIncludeDoNotLeakOut() throws Exception {
        Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(home.resolve(".ssh/other"), "Host nothing-matches\n  User x\n");
        SshConfig c = parse("Host web1\n  Include other\n  User after-include\n");
        assertEquals("after-include", value(c.lookup("web1").user()));
    }

    @Test
    void includeInABlockThatDoesNotApplyIsIgnoredEntirely() throws Exception {
        Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(home.resolve(".ssh/web"), "Host *\n  User from-include\n");
        SshConfig c = parse("Host web*\n  Include web\n");
        assertEquals("from-include", value(c.lookup("web1").user()));
        assertNull(c.lookup("db1").user(), "as OpenSSH: Host lines in it cannot match when the block does not");
    }

    @Test
    void missingIncludeAndMissingFileAreEmpty() throws Exception {
        assertNull(parse("Include does-not-exist\n").lookup("a").user());
        assertNull(SshConfig.load(home.resolve("nope"), home).lookup("a").user());
    }

    @Test
    void recursiveIncludeIsAnErrorNotAHang() throws Exception {
        Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(home.resolve(".ssh/loop"), "Include loop\n");
        TransportException e = assertThrows(TransportException.class, () -> parse("Include loop\n"));
        assertEquals(Kind.CONFIG, e.kind());
    }

    @Test
    void errorsNameFileAndLine() {
        Path file = home.resolve(".ssh/config");
        TransportException quote = assertThrows(TransportException.class, () -> parse("Host a\n  IdentityFile \"/x\n"));
        assertTrue(quote.getMessage().startsWith(file + ":2: unterminated quote"), quote.getMessage());
        TransportException empty = assertThrows(TransportException.class, () -> parse("\n\nUser\n"));
        assertTrue(empty.getMessage().startsWith(file + ":3:"), empty.getMessage());
    }

    @Test
    void unsupportedTokenIsAnErrorNamingTheLine() throws Exception {
        SshConfig c = parse("Host a\n  IdentityFile ~/.ssh/%C\n");
        TransportException e = assertThrows(TransportException.class, () -> SshTarget.resolve(
                ConnectionSettings.ssh("a", null, null, null), c, SshEnvironment.isolated(home, "me", k -> null)));
        assertTrue(e.getMessage().contains(":2: token %C"), e.getMessage());
        assertEquals("100%", SshConfig.expandTokens("100%%", Map.of(), null));
    }
}
