package dev.drover.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.drover.remote.AgentOptions;
import dev.drover.secret.Secret;
import dev.drover.transport.ConnectionSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which runs may share a held agent: only those equal in everything that decides who and where. */
class ReuseKeyTest {
    @TempDir
    Path dir;

    private ConnectionSettings settings(String user, int port, Path key) {
        return ConnectionSettings.ssh("node1", "127.0.0.11", port, user).withIdentityFiles(List.of(key))
                .withKnownHosts(dir.resolve("known_hosts"), List.of(), false);
    }

    @Test
    void userPortKeyFileKeyContentBecomeUserAndJarEachMakeAnotherKey() throws Exception {
        Path key = Files.writeString(dir.resolve("id"), "one");
        Path other = Files.writeString(dir.resolve("id2"), "one");
        AgentOptions plain = AgentOptions.defaults();
        String base = ReuseKey.of(settings("alice", 22, key), plain, "jar1").key();
        assertEquals(base, ReuseKey.of(settings("alice", 22, key), plain, "jar1").key());
        assertNotEquals(base, ReuseKey.of(settings("bob", 22, key), plain, "jar1").key());
        assertNotEquals(base, ReuseKey.of(settings("alice", 2222, key), plain, "jar1").key());
        assertNotEquals(base, ReuseKey.of(settings("alice", 22, other), plain, "jar1").key());
        assertNotEquals(base, ReuseKey.of(settings("alice", 22, key), plain, "jar2").key());
        assertNotEquals(base, ReuseKey.of(settings("alice", 22, key),
                plain.withBecome(new AgentOptions.Become("root", "sudo", null)), "jar1").key());
        Files.writeString(key, "replaced");
        assertNotEquals(base, ReuseKey.of(settings("alice", 22, key), plain, "jar1").key(), "same path, other key");
    }

    @Test
    void anEditedKnownHostsFileEndsReuse() throws Exception {
        Path key = Files.writeString(dir.resolve("id"), "one");
        Files.writeString(dir.resolve("known_hosts"), "[127.0.0.11]:22 ssh-ed25519 AAAA1\n");
        String before = ReuseKey.of(settings("alice", 22, key), AgentOptions.defaults(), "jar").key();
        Files.writeString(dir.resolve("known_hosts"), "[127.0.0.11]:22 ssh-ed25519 AAAA2\n");
        assertNotEquals(before, ReuseKey.of(settings("alice", 22, key), AgentOptions.defaults(), "jar").key());
    }

    @Test
    void passwordsProxiesAndLocalHostsAreNeverPersistedAndNoSecretIsSent() throws Exception {
        Path key = Files.writeString(dir.resolve("id"), "one");
        ConnectionSettings s = settings("alice", 22, key);
        assertNull(ReuseKey.of(s.withPassword(Secret.of("pw")), AgentOptions.defaults(), "jar"));
        assertNull(ReuseKey.of(s, AgentOptions.defaults().withBecome(new AgentOptions.Become("root", "sudo", Secret.of("pw"))), "jar"));
        assertNull(ReuseKey.of(ConnectionSettings.local("node1"), AgentOptions.defaults(), "jar"));
        ReuseKey k = ReuseKey.of(s, AgentOptions.defaults(), "jar");
        assertFalse((k.settings().toString() + k.agent()).contains("pw"));
        assertEquals(s.user(), ReuseKey.settings(k.settings()).user());
        assertEquals(s.port(), ReuseKey.settings(k.settings()).port());
    }
}
