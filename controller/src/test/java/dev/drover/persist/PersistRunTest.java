package dev.drover.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.cli.CliRun;
import dev.drover.remote.AgentBootstrap;
import dev.drover.remote.AgentJar;
import dev.drover.remote.AgentPools;
import dev.drover.testing.MinaSshServer;
import dev.drover.testing.TestKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The persist process over real SSH (in-process Apache MINA SSHD running real processes): the CLI
 * runs in-process with {@code --persist-dir} naming this test's own directory, and this test starts
 * and stops the persist server there, so no test sees another's process. Which agent answered is
 * told by the shell's parent pid (the agent JVM, a process of this machine); how many SSH logins
 * there were, by the server's count.
 */
class PersistRunTest {
    private static final Pattern PPID = Pattern.compile("ppid=(\\d+)");

    @TempDir
    Path dir;

    private PersistDir persistDir;
    private PersistServer persist;
    private MinaSshServer sshd;
    private KeyPair hostKey;
    private TestKeys.KeyFile key;
    private Path knownHosts;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        key = TestKeys.generate(dir.resolve("id_ed25519"), TestKeys.Type.ED25519);
        hostKey = MinaSshServer.generateHostKey(MinaSshServer.HostKeyType.ED25519);
        sshd = sshd(0, hostKey);
        knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, sshd.knownHostsLine() + "\n");
        persistDir = new PersistDir(dir.resolve("persist"));
        persist = startPersist(Duration.ofSeconds(60));
    }

    @AfterEach
    void stop() throws Exception {
        persist.close();
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private MinaSshServer sshd(int port, KeyPair hk) throws IOException {
        MinaSshServer s = MinaSshServer.builder(dir.resolve("host-home")).port(port).hostKey(hk).authorizedKey(key.publicKey()).start();
        toClose.add(s);
        return s;
    }

    private PersistServer startPersist(Duration keep) throws IOException {
        PersistServer s = new PersistServer(persistDir, AgentPools.transports(),
                new AgentBootstrap(AgentJar.embedded()), keep, System.out);
        assertTrue(s.start());
        return s;
    }

    private Path inventory(String user, Path keyFile) throws IOException {
        Path inv = dir.resolve("hosts-" + user + "-" + keyFile.getFileName() + ".ini");
        Files.writeString(inv, "node1 ansible_host=127.0.0.1 ansible_port=" + sshd.port() + " ansible_user=" + user
                + " ansible_ssh_private_key_file=" + keyFile + "\n");
        return inv;
    }

    private CliRun exec(Path inv, String... extra) {
        List<String> args = new ArrayList<>(List.of("exec", "-i", inv.toString(), "--known-hosts", knownHosts.toString(),
                "--persist-dir", persistDir.dir().toString()));
        args.addAll(List.of(extra).isEmpty() ? List.of("--persist", "60") : List.of(extra));
        args.addAll(List.of("all", "-m", "shell", "-a", "echo ppid=$PPID"));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static long agentPid(CliRun run) {
        assertEquals(0, run.exitCode(), run.toString());
        Matcher m = PPID.matcher(run.out());
        assertTrue(m.find(), run.toString());
        return Long.parseLong(m.group(1));
    }

    @Test
    void aSecondRunReusesTheHeldConnectionAndAgent() throws IOException {
        Path inv = inventory("drover", key.privateKey());
        long first = agentPid(exec(inv));
        long second = agentPid(exec(inv));
        assertEquals(first, second, "the second run must be answered by the held agent");
        assertEquals(1, sshd.userAuthRequested(), "one SSH login for both runs");
        assertFalse(exec(inv).err().contains("WARNING"));

        CliRun status = CliRun.of("persist", "status", "--persist-dir", persistDir.dir().toString());
        assertTrue(status.out().contains("node1  drover@127.0.0.1:" + sshd.port() + "  agents 1 (0 leased), leases 3"),
                status.toString());
    }

    @Test
    void noPersistConnectsDirectlyEveryTime() throws IOException {
        Path inv = inventory("drover", key.privateKey());
        long first = agentPid(exec(inv, "--no-persist"));
        long second = agentPid(exec(inv, "--no-persist"));
        assertNotEquals(first, second);
        assertEquals(2, sshd.userAuthRequested());
        assertTrue(CliRun.of("persist", "status", "--persist-dir", persistDir.dir().toString()).out().contains("holds nothing"));
    }

    @Test
    void anAgentUnusedForItsKeepTimeIsShutDownAndTheIdleProcessStops() throws Exception {
        persist.close();
        // A keep time a loaded machine cannot outrun between the run's end and the first check.
        persist = startPersist(Duration.ofSeconds(8));
        Path inv = inventory("drover", key.privateKey());
        long pid = agentPid(exec(inv, "--persist", "8"));
        assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "held after the run");
        for (int i = 0; i < 400 && Files.exists(persistDir.socket()); i++) {
            Thread.sleep(100);
        }
        assertFalse(Files.exists(persistDir.socket()), "the idle process stops and removes its socket");
        for (int i = 0; i < 50 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false); i++) {
            Thread.sleep(100);
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the expired agent exited");
    }

    @Test
    void aKilledAgentIsReplacedWithoutAnyMessage() throws Exception {
        Path inv = inventory("drover", key.privateKey());
        long first = agentPid(exec(inv));
        ProcessHandle agent = ProcessHandle.of(first).orElseThrow();
        agent.destroyForcibly();
        agent.onExit().get();
        Thread.sleep(300); // the end of the agent's channel reaches the persist process
        CliRun second = exec(inv);
        assertNotEquals(first, agentPid(second));
        assertFalse(second.err().contains("WARNING"), second.toString());
        assertFalse(second.out().contains("reconnecting"), second.toString());
    }

    @Test
    void aRestartedSshdIsConnectedAgainButAChangedHostKeyIsRefused() throws Exception {
        Path inv = inventory("drover", key.privateKey());
        long first = agentPid(exec(inv));
        int port = sshd.port();
        sshd.stopAbruptly();
        Thread.sleep(300);
        sshd = sshd(port, hostKey);
        long second = agentPid(exec(inv));
        assertNotEquals(first, second);
        assertEquals(1, sshd.userAuthRequested(), "a new login to the restarted server");

        sshd.stopAbruptly();
        Thread.sleep(300);
        sshd = sshd(port, MinaSshServer.generateHostKey(MinaSshServer.HostKeyType.ED25519));
        CliRun refused = exec(inv);
        assertEquals(3, refused.exitCode(), refused.toString());
        assertTrue(refused.out().contains("REMOTE HOST IDENTIFICATION HAS CHANGED") || refused.out().contains("changed"),
                refused.toString());
        assertEquals(0, sshd.userAuthRequested(), "nothing sent to a host with a changed key");
    }

    @Test
    void twoRunsAtOnceShareTheConnectionWithAnAgentEach() throws Exception {
        Path inv = inventory("drover", key.privateKey());
        agentPid(exec(inv)); // the connection is held
        List<String> args = List.of("exec", "-i", inv.toString(), "--known-hosts", knownHosts.toString(),
                "--persist-dir", persistDir.dir().toString(), "--persist", "60", "all", "-m", "shell", "-a", "sleep 1; echo ppid=$PPID");
        CompletableFuture<CliRun> a = CompletableFuture.supplyAsync(() -> CliRun.of(args.toArray(String[]::new)));
        CompletableFuture<CliRun> b = CompletableFuture.supplyAsync(() -> CliRun.of(args.toArray(String[]::new)));
        long pa = agentPid(a.get());
        long pb = agentPid(b.get());
        assertNotEquals(pa, pb, "a lease is exclusive: the second run gets its own agent");
        assertEquals(1, sshd.userAuthRequested(), "both over the one held connection");
        CliRun status = CliRun.of("persist", "status", "--persist-dir", persistDir.dir().toString());
        assertTrue(status.out().contains("agents 2 (0 leased), leases 3"), status.toString());
    }

    @Test
    void anotherKeyOrUserNeverGetsTheHeldConnection() throws Exception {
        Path inv = inventory("drover", key.privateKey());
        long first = agentPid(exec(inv));
        TestKeys.KeyFile other = TestKeys.generate(dir.resolve("other_ed25519"), TestKeys.Type.ED25519);
        // The server does not know the other key: only a new login with it can be refused.
        CliRun otherKey = exec(inventory("drover", other.privateKey()));
        assertEquals(3, otherKey.exitCode(), otherKey.toString());
        CliRun otherUser = exec(inventory("intruder", key.privateKey()));
        assertEquals(3, otherUser.exitCode(), otherUser.toString());
        assertEquals(first, agentPid(exec(inv)), "the held agent is still the first user's");
    }

    @Test
    void theSocketIsTheUsersAloneAndAWideDirectoryIsRefused() throws Exception {
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(persistDir.dir())));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(persistDir.socket())));

        Path wide = Files.createDirectories(dir.resolve("wide"));
        Files.setPosixFilePermissions(wide, PosixFilePermissions.fromString("rwxr-xr-x"));
        PersistDir bad = new PersistDir(wide);
        assertThrows(IOException.class, bad::check);
        PersistServer refused = new PersistServer(bad, AgentPools.transports(),
                new AgentBootstrap(AgentJar.embedded()), Duration.ofSeconds(5), System.out);
        assertThrows(IOException.class, refused::start);
        // A run pointed there still works, directly, and says why once.
        Path inv = inventory("drover", key.privateKey());
        CliRun run = CliRun.of("exec", "-i", inv.toString(), "--known-hosts", knownHosts.toString(),
                "--persist-dir", wide.toString(), "--persist", "60", "all", "--", "true");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.err().contains("persist process: " + wide + " has mode rwxr-xr-x, must be rwx------; connecting directly"),
                run.toString());
        assertFalse(Files.exists(wide.resolve("sock")));
    }
}
