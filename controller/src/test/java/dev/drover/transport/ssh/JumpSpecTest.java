package dev.drover.transport.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.transport.ConnectionSettings;
import dev.drover.transport.ProxySetting;
import dev.drover.transport.TransportException;
import dev.drover.transport.TransportException.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Jump settings as text: ProxyJump values, the ProxyCommand forms honoured as a jump and those
 * refused, ssh command-line arguments, ~/.ssh/config's shared ProxyJump/ProxyCommand slot, and how
 * a chain of hops resolves (each hop's own config, only the first hop's own jump).
 */
class JumpSpecTest {
    @TempDir
    Path home;

    private static List<String> hops(ProxySetting s) throws TransportException {
        return JumpSpec.parse(s, "app1").stream()
                .map(h -> h.user() + "@" + h.host() + ":" + h.port() + h.identityFiles()).toList();
    }

    @Test
    void proxyJumpHopsInOrderWithUsersPortsUrisAndV6() throws Exception {
        assertEquals(List.of("ops@bastion.example.com:2222[]", "null@10.0.0.5:null[]", "me@gw:22[]", "null@fe80::1:2200[]"),
                hops(ProxySetting.jump("ops@bastion.example.com:2222, 10.0.0.5,ssh://me@gw:22,[fe80::1]:2200", "t")));
        assertEquals(List.of(), hops(ProxySetting.jump("none", "t")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gw:0", "gw:ssh", "@gw", "gw,,b2", "gw:70000", "[::1", "gw/x"})
    void badProxyJumpValuesAreRefusedNamingHostAndOrigin(String value) {
        TransportException e = assertThrows(TransportException.class,
                () -> JumpSpec.parse(ProxySetting.jump(value, "host variable drover_jump_hosts"), "app1"));
        assertEquals(Kind.CONFIG, e.kind());
        assertEquals("app1", e.host());
        assertTrue(e.getMessage().startsWith("cannot reach app1 as configured: ProxyJump '" + value
                + "' (host variable drover_jump_hosts): "), e.getMessage());
    }

    @Test
    void theCommonSshDashWProxyCommandsAreJumps() throws Exception {
        assertEquals(List.of("ops@gw.example.com:null[]"), hops(ProxySetting.command("ssh -W %h:%p -q ops@gw.example.com", "t")));
        assertEquals(List.of("ops@gw:2200[~/.ssh/gw_key]"),
                hops(ProxySetting.command("exec /usr/bin/ssh -l ops -p 2200 -i ~/.ssh/gw_key -o ServerAliveInterval=30"
                        + " -W '[%h]:%p' gw", "t")));
        assertEquals(List.of("null@outer:null[]", "ops@inner:2222[]"),
                hops(ProxySetting.command("ssh -J outer -o User=ops -oPort=2222 -W %h:%p inner", "t")));
        assertEquals(List.of("null@gw:null[]"), hops(ProxySetting.command("ssh gw nc %h %p", "t")));
        assertEquals(List.of("ops@gw:null[/k]"), hops(ProxySetting.command("ssh -W %h:%p ops@gw -i /k -q", "t")));
        assertEquals(List.of(), hops(ProxySetting.command("none", "t")));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "nc -X 5 -x socks.example.com:1080 %h %p",
        "ssh gw",
        "ssh -W db.internal:5432 gw",
        "ssh -W %h:%p gw some-command",
        "ssh -F /etc/other_config -W %h:%p gw",
        "ssh -o ProxyCommand=foo -W %h:%p gw",
        "corkscrew proxy 8080 %h %p"})
    void anyOtherProxyCommandIsRefusedNamingTheSetting(String command) {
        TransportException e = assertThrows(TransportException.class,
                () -> JumpSpec.parse(ProxySetting.command(command, "ProxyCommand at /home/op/.ssh/config:4"), "app1"));
        assertEquals(Kind.CONFIG, e.kind());
        assertTrue(e.getMessage().startsWith("cannot reach app1 as configured: ProxyCommand '" + command
                + "' (ProxyCommand at /home/op/.ssh/config:4): "), e.getMessage());
        assertTrue(e.getMessage().contains("ProxyJump"), "says what to write instead: " + e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ssh -W %h:%p %r@gw", "ssh -l %r -W %h:%p gw"})
    void tokensInTheJumpUserAreRefusedRatherThanSentLiterally(String command) {
        TransportException e = assertThrows(TransportException.class,
                () -> JumpSpec.parse(ProxySetting.command(command, "t"), "app1"));
        assertTrue(e.getMessage().contains("%r") && e.getMessage().contains("write the"), e.getMessage());
    }

    @Test
    void sshArgumentsFirstJumpSettingWins() {
        assertEquals(ProxySetting.jump("a,b", "-J in args"), SshArgs.proxy("-o StrictHostKeyChecking=no -J a,b -J c", "args"));
        assertEquals(ProxySetting.jump("gw", "-o ProxyJump in args"), SshArgs.proxy("-oProxyJump=gw -o ProxyCommand=x", "args"));
        assertEquals(ProxySetting.command("ssh -W %h:%p -q user@gw", "-o ProxyCommand in args"),
                SshArgs.proxy("-o ProxyCommand=\"ssh -W %h:%p -q user@gw\" -o IdentitiesOnly=yes", "args"));
        assertEquals(ProxySetting.command("ssh -W %h:%p gw", "-o ProxyCommand in args"),
                SshArgs.proxy("-o 'ProxyCommand ssh -W %h:%p gw'", "args"));
        assertEquals(ProxySetting.jump("b1", "-J in args"), SshArgs.proxy("-Jb1", "args"));
        assertNull(SshArgs.proxy("-o UserKnownHostsFile=/x -C", "args"));
        assertThrows(IllegalArgumentException.class, () -> SshArgs.proxy("-o ProxyCommand=\"ssh -W %h:%p", "args"));
        assertThrows(IllegalArgumentException.class, () -> SshArgs.proxy("-J", "args"));
    }

    @Test
    void shellWordsFollowPosixQuoting() {
        assertEquals(List.of("a b", "c\"d", "e'f", "g\\h", "x y"),
                ShellWords.split(" 'a b' \"c\\\"d\" e\\'f \"g\\\\h\" x\\ y "));
    }

    @Test
    void inSshConfigProxyJumpAndProxyCommandShareOneSlot() throws Exception {
        SshConfig c = SshConfig.parse("""
                Host app*
                    ProxyCommand ssh -W %h:%p "gw one"
                    ProxyJump ignored
                Host db*
                    ProxyJump none
                Host *
                    ProxyJump = bastion:2222
                """, home.resolve(".ssh/config"), home);
        assertEquals(ProxySetting.command("ssh -W %h:%p \"gw one\"", "ProxyCommand at " + home.resolve(".ssh/config") + ":2"),
                c.lookup("app1").proxy());
        assertEquals("none", c.lookup("db1").proxy().value());
        assertEquals("bastion:2222", c.lookup("web").proxy().value());
    }

    @Test
    void aJumpInsideAMatchBlockIsAnErrorUnlessTheHostSetsItsOwn() throws Exception {
        Path config = home.resolve(".ssh/config");
        Files.createDirectories(config.getParent());
        Files.writeString(config, "Match host 10.*\n  ProxyJump gw\nHost *\n  User ops\n");
        SshEnvironment env = SshEnvironment.isolated(home, "op", n -> null);
        SshConfig c = SshConfig.load(config, home);
        TransportException e = assertThrows(TransportException.class,
                () -> SshTarget.resolve(ConnectionSettings.ssh("app1", "10.0.0.5", null, null), c, env));
        assertTrue(e.getMessage().startsWith(config + ":2: a ProxyJump/ProxyCommand inside a Match block"), e.getMessage());
        SshTarget direct = SshTarget.resolve(ConnectionSettings.ssh("app1", "10.0.0.5", null, null)
                .withProxy(ProxySetting.jump("none", "host variable drover_jump_hosts")), c, env);
        assertNull(direct.jump());
    }

    @Test
    void hopsResolveLikeOpenSshDashJ() throws Exception {
        SshConfig c = SshConfig.parse("""
                Host app1
                    ProxyJump b1,b2
                Host b1
                    HostName 192.0.2.1
                    User jumper
                    IdentityFile ~/.ssh/b1_key
                    ProxyJump b0
                Host b2
                    HostName 192.0.2.2
                    Port 2202
                    ProxyJump never-used
                Host b0
                    HostName 192.0.2.100
                """, home.resolve(".ssh/config"), home);
        SshEnvironment env = SshEnvironment.isolated(home, "op", n -> null);
        SshTarget t = SshTarget.resolve(ConnectionSettings.ssh("app1", null, null, "deploy")
                .withIdentityFiles(List.of(Path.of("/keys/app"))), c, env);
        List<String> chain = t.chain().stream().map(h -> h.user() + "@" + h.host() + ":" + h.port() + " "
                + h.identities().stream().map(i -> i.path().toString()).toList()).toList();
        assertEquals(List.of("op@192.0.2.100:22 [/keys/app]", "jumper@192.0.2.1:22 [" + home.resolve(".ssh/b1_key") + "]",
                "op@192.0.2.2:2202 [/keys/app]"), chain);
        assertEquals("jump host b2 (192.0.2.2:2202) of app1", t.jump().label());
    }

    @Test
    void aProxyJumpLoopIsRefused() throws Exception {
        SshConfig c = SshConfig.parse("Host a\n  ProxyJump b\nHost b\n  ProxyJump a\n", home.resolve(".ssh/config"), home);
        TransportException e = assertThrows(TransportException.class, () -> SshTarget.resolve(
                ConnectionSettings.ssh("a", null, null, null), c, SshEnvironment.isolated(home, "op", n -> null)));
        assertTrue(e.getMessage().contains("ProxyJump loop"), e.getMessage());
    }
}
