package dev.drover.testing;

import dev.drover.secret.Secret;
import dev.drover.transport.ConnectionSettings;
import dev.drover.transport.ExecResult;
import java.io.IOException;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The real-OpenSSH test tier: N {@code sshd} on 127.0.0.11, .12, ... one port, a plain login user
 * and a client key, all made by {@code testbed/lab/lab.sh}. Tests use it to check drover against the
 * SSH server operators actually run.
 *
 * <p>Use it as an extension, which skips each test of the class when the tier cannot run and
 * injects the lab into test methods and {@code @BeforeEach}/{@code @AfterEach} methods (not into
 * {@code @BeforeAll}: a skip there would be reported as a failure):
 * <pre>{@code
 * @ExtendWith(OpenSshLab.class)
 * class SshTransportOpenSshTest {
 *     @Test
 *     void runsACommand(OpenSshLab.Lab lab) {
 *         ConnectionSettings node1 = lab.connectionSettings(lab.node("node1"));
 *         ...
 * }</pre>
 * or call {@link #get()} anywhere, for example in a {@code @MethodSource} factory.
 *
 * <p>Lifecycle: the first {@link #get()} in a test JVM runs {@code lab.sh up} with the lab directory
 * {@code controller/target/openssh-lab} of the repository, trying ports 2222, 2223, ... until one
 * is free on every node address ({@code -Ddrover.lab.port=P} pins the port). Surefire's parallel JVMs
 * ({@link TestFork}) each have a lab of their own: fork N uses {@code openssh-lab-N} (N > 1) and ports
 * from {@code 2222 + 10 (N - 1)} (a pinned port is shifted the same way), so no two share a directory,
 * an sshd or a port, and a lab left running by a failed fork is never the other's. A JVM shutdown hook
 * runs {@code lab.sh down}; {@code -Ddrover.lab.keep=true} leaves the lab running, to poke at after a
 * failed test with {@code ssh -F controller/target/openssh-lab/ssh_config node1}. The outcome,
 * failure included, is remembered for the JVM, so a machine without sshd pays for one attempt.
 *
 * <p>Tier: when sshd is not installed (lab.sh exit 3) or no port can be bound (exit 4), callers are
 * skipped through {@link Tiers} as tier {@value #TIER}, or fail when all tiers are required. Any
 * other lab.sh failure is a bug in the lab and fails the caller.
 *
 * <p>Threading: {@link #get()} is synchronized; {@link Lab} and {@link Node} are immutable.
 */
public final class OpenSshLab implements BeforeEachCallback, ParameterResolver {

    /** The tier name used in skip and failure messages. */
    public static final String TIER = "openssh";
    /** The tier of tests that need the lab's sudo users (root and the sudo package). */
    public static final String BECOME_TIER = "sudo";

    static final int FIRST_PORT = 2222;
    static final int PORT_ATTEMPTS = 10;
    static final String PORT_PROPERTY = "drover.lab.port";
    static final String KEEP_PROPERTY = "drover.lab.keep";
    static final Path SSH_CLIENT = Path.of("/usr/bin/ssh");
    private static final int EXIT_MISSING = 3;
    private static final int EXIT_UNBINDABLE = 4;
    private static final Duration LAB_SCRIPT_TIMEOUT = Duration.ofSeconds(60);

    /** The lab's outcome for this JVM: exactly one of the three is set once {@link #get()} ran. */
    private static Lab lab;
    private static String unavailableReason;
    private static RuntimeException failure;

    /** One sshd of the lab. */
    public record Node(String name, String address, int port, Path sshdLog) {
        public InetSocketAddress socketAddress() {
            return new InetSocketAddress(address, port);
        }
    }

    /**
     * A running lab. All paths are absolute.
     *
     * @param dir        the lab directory (keys, configs, logs)
     * @param user       the login user: {@code drover} when the tests run as root, else the invoking user
     * @param clientKey  the unencrypted ed25519 private key authorised for {@code user}
     * @param knownHosts {@code [address]:port ssh-ed25519 ...} for every node
     * @param inventory  an Ansible-style INI inventory, group {@code nodes}
     * @param sshConfig  an OpenSSH client config naming the nodes ({@code ssh -F sshConfig node1})
     */
    public record Lab(Path dir, String user, int port, Path clientKey, Path knownHosts, Path inventory,
            Path sshConfig, List<Node> nodes) {

        public Lab {
            nodes = List.copyOf(nodes);
        }

        public List<String> nodeNames() {
            return nodes.stream().map(Node::name).toList();
        }

        /** The node called {@code name}; an unknown name is an error that lists the known ones. */
        public Node node(String name) {
            return nodes.stream().filter(n -> n.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(
                            "no lab node '" + name + "'; the lab has " + String.join(", ", nodeNames())));
        }

        /** Settings for drover's SSH transport: the lab user and key, host keys pinned by known_hosts. */
        public ConnectionSettings connectionSettings(Node node) {
            return ConnectionSettings.ssh(node.name(), node.address(), node.port(), user)
                    .withIdentityFiles(List.of(clientKey))
                    .withKnownHosts(knownHosts, List.of(), false);
        }

        /**
         * The argv of the OpenSSH client running {@code remoteCommand} on {@code node} as the lab
         * user, strictly checking the host key, never prompting, ignoring ~/.ssh/config. Skips (or
         * fails) the caller through {@link Tiers} when the client is not installed.
         */
        public List<String> sshCommand(Node node, String remoteCommand) {
            Tiers.require(TIER, Files.isExecutable(SSH_CLIENT),
                    "openssh-client is not installed (apt-get install openssh-client)");
            return List.of(SSH_CLIENT.toString(), "-F", "none", "-i", clientKey.toString(),
                    "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "-o", "ConnectTimeout=10",
                    "-o", "UserKnownHostsFile=" + knownHosts, "-o", "GlobalKnownHostsFile=/dev/null",
                    "-o", "StrictHostKeyChecking=yes", "-p", Integer.toString(node.port()),
                    user + "@" + node.address(), remoteCommand);
        }

        /** Like {@link #connectionSettings(Node)}, logging in as {@code loginUser} (the lab's users share one key). */
        public ConnectionSettings connectionSettings(Node node, String loginUser) {
            return ConnectionSettings.ssh(node.name(), node.address(), node.port(), loginUser)
                    .withIdentityFiles(List.of(clientKey))
                    .withKnownHosts(knownHosts, List.of(), false);
        }

        /**
         * The lab's sudo users (lab-become.sh). Skips (or fails) the caller through {@link Tiers} as
         * tier {@value #BECOME_TIER} when the lab has none: lab.sh did not run as root, or sudo is
         * not installed.
         */
        public Become become() {
            Properties p = properties(dir);
            String unavailable = p.getProperty("become.unavailable");
            Tiers.require(BECOME_TIER, unavailable == null, "the lab has no sudo users: " + unavailable);
            Path file = dir.resolve("lab.properties");
            Path passwordFile = Path.of(required(p, file, "become.password_file"));
            try {
                return new Become(required(p, file, "become.nopasswd_user"), required(p, file, "become.password_user"),
                        Secret.of(Files.readString(passwordFile).strip()), required(p, file, "become.target_user"));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + passwordFile + ": " + e.getMessage(), e);
            }
        }

        /**
         * The lab's su target (lab-become.sh: a user with a shell and a password of its own). Skips (or
         * fails) the caller through {@link Tiers} as tier {@value #BECOME_TIER} when the lab has no
         * become users, and as tier {@code su} when it was brought up by a lab.sh older than su.
         */
        public Su su() {
            become();
            Properties p = properties(dir);
            String user = p.getProperty("become.su_user");
            Tiers.require("su", user != null, "the lab has no su target user (bring it up again with lab.sh up)");
            Path passwordFile = Path.of(required(p, dir.resolve("lab.properties"), "become.su_password_file"));
            try {
                return new Su(user, Secret.of(Files.readString(passwordFile).strip()));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + passwordFile + ": " + e.getMessage(), e);
            }
        }

        /** Runs {@code remoteCommand} on {@code node} with the OpenSSH client: a view independent of drover. */
        public ExecResult ssh(Node node, String remoteCommand) {
            // A bound only so that a hang fails the test: generous, as a loaded 2-core machine is slow.
            return OpenSshLabProcesses.run(sshCommand(node, remoteCommand), Duration.ofSeconds(120));
        }
    }

    /**
     * Who may sudo in the lab.
     *
     * @param nopasswdUser the login user, allowed everything through sudo without a password
     * @param passwordUser a second login user (same key) whose sudo needs {@code password}
     * @param targetUser   a plain user without login, to become
     */
    public record Become(String nopasswdUser, String passwordUser, Secret password, String targetUser) {
    }

    /**
     * Whom su can become in the lab.
     *
     * @param user     a user with {@code /bin/sh} and a password, not allowed to log in
     * @param password its password, which su asks for unless it runs as root
     */
    public record Su(String user, Secret password) {
    }

    /** The lab, brought up on first use; skips or fails the caller when the tier cannot run. */
    public static synchronized Lab get() {
        if (lab == null && unavailableReason == null && failure == null) {
            try {
                lab = bringUp();
            } catch (Unavailable e) {
                unavailableReason = e.getMessage();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw new IllegalStateException("the OpenSSH lab failed to start: " + failure.getMessage(), failure);
        }
        Tiers.require(TIER, unavailableReason == null, String.valueOf(unavailableReason));
        return lab;
    }

    /**
     * Skips each test, not the class: Surefire reports a class skipped in {@code beforeAll} as zero
     * tests and drops the reason. Here rather than in {@link #resolveParameter}: JUnit turns an abort
     * thrown by a parameter resolver into a failure.
     */
    @Override
    public void beforeEach(ExtensionContext context) {
        get();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == Lab.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return get();
    }

    private static Lab bringUp() {
        Path root = findRepositoryRoot();
        Path script = root.resolve("testbed/lab/lab.sh");
        Path dir = labDir(root);
        String pinned = System.getProperty(PORT_PROPERTY, "").strip();
        int first = (pinned.isEmpty() ? FIRST_PORT : Integer.parseInt(pinned)) + PORT_ATTEMPTS * (TestFork.number() - 1);
        int attempts = pinned.isEmpty() ? PORT_ATTEMPTS : 1;
        String lastReason = "";
        for (int port = first; port < first + attempts; port++) {
            ExecResult up = runLabScript(script, "up", "--dir", dir.toString(), "--port", Integer.toString(port));
            switch (up.exitCode()) {
                case 0 -> {
                    Lab started = read(dir);
                    registerShutdown(script, dir);
                    return started;
                }
                case EXIT_MISSING -> throw new Unavailable(lastLine(up.stdout()));
                case EXIT_UNBINDABLE -> lastReason = lastLine(up.stdout());
                default -> throw new IllegalStateException(
                        script + " up exited with " + up.exitCode() + ":\n" + up.stdout());
            }
        }
        throw new Unavailable(attempts == 1 ? lastReason
                : "no port in " + first + ".." + (first + attempts - 1) + " is free on all lab addresses; last: "
                        + lastReason);
    }

    /**
     * {@code controller/target/openssh-lab} (with {@code -N} for fork N > 1), unless the login user could not reach it: a checkout
     * under a private directory such as {@code /root} (CI clones wherever it likes). Then a
     * directory under the system temp dir, named after the checkout so parallel checkouts differ.
     */
    static Path labDir(Path root) {
        String fork = TestFork.number() == 1 ? "" : "-" + TestFork.number();
        Path inTree = root.resolve("controller/target/openssh-lab" + fork);
        if (everyoneCanTraverse(root)) {
            return inTree;
        }
        String tag = Integer.toHexString(root.toAbsolutePath().toString().hashCode());
        return Path.of(System.getProperty("java.io.tmpdir"), "drover-openssh-lab-" + tag + fork);
    }

    private static boolean everyoneCanTraverse(Path dir) {
        for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
            try {
                if (!java.nio.file.Files.getPosixFilePermissions(p).contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            } catch (java.io.IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        return true;
    }

    private static ExecResult runLabScript(Path script, String... args) {
        List<String> argv = new ArrayList<>(List.of("bash", script.toString()));
        argv.addAll(Arrays.asList(args));
        return OpenSshLabProcesses.runMerged(argv, LAB_SCRIPT_TIMEOUT);
    }

    private static void registerShutdown(Path script, Path dir) {
        if (Boolean.getBoolean(KEEP_PROPERTY)) {
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> runLabScript(script, "down", "--dir", dir.toString()), "openssh-lab-down"));
    }

    /** The directory above the working directory that holds testbed/lab/lab.sh. */
    static Path findRepositoryRoot() {
        Path start = Path.of("").toAbsolutePath();
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("testbed/lab/lab.sh"))) {
                return p;
            }
        }
        throw new IllegalStateException("no testbed/lab/lab.sh in " + start + " or any directory above it;"
                + " run the tests inside the drover repository");
    }

    /** Reads lab.properties, the machine-readable description lab.sh writes after a successful up. */
    static Lab read(Path dir) {
        Properties p = properties(dir);
        Path file = dir.resolve("lab.properties");
        int port = Integer.parseInt(required(p, file, "port"));
        List<Node> nodes = Arrays.stream(required(p, file, "nodes").split(","))
                .map(name -> new Node(name, required(p, file, name + ".address"), port,
                        Path.of(required(p, file, name + ".log"))))
                .collect(Collectors.toList());
        return new Lab(dir, required(p, file, "user"), port, Path.of(required(p, file, "key")),
                Path.of(required(p, file, "known_hosts")), Path.of(required(p, file, "inventory")),
                Path.of(required(p, file, "ssh_config")), nodes);
    }

    private static Properties properties(Path dir) {
        Properties p = new Properties();
        Path file = dir.resolve("lab.properties");
        try (Reader reader = Files.newBufferedReader(file)) {
            p.load(reader);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return p;
    }

    private static String required(Properties p, Path file, String key) {
        String value = p.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(file + " has no '" + key + "'; run lab.sh up again");
        }
        return value.strip();
    }

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\\R");
        return lines[lines.length - 1].replaceFirst("^lab\\.sh: ", "");
    }

    /** The tier cannot run on this machine: skip, don't fail (unless all tiers are required). */
    private static final class Unavailable extends RuntimeException {
        Unavailable(String reason) {
            super(reason);
        }
    }
}
