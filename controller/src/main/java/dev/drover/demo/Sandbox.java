package dev.drover.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A running sandbox: three simulated ACS nodes on loopback SSH servers, the old version installed,
 * seeded and running, and an inventory to run the upgrade playbook with ({@link #runArguments}).
 *
 * <p>Lifecycle: {@link #create} sets everything up (and undoes it if a step fails); {@link #close}
 * stops every simulated node, closes the SSH servers and deletes the directory unless it is kept. A
 * JVM shutdown hook (Ctrl-C) runs the same {@link #close}, so no simulated node outlives the demo.
 * Not thread-safe except {@link #close}, which runs once.
 */
public final class Sandbox implements AutoCloseable {
    /** The login user of every node. */
    public static final String USER = "drover";

    private final DemoSettings settings;
    private final SandboxLayout layout;
    private final DroverCheckout checkout;
    private final AcsSim sim;
    private final List<SandboxNode> nodes;
    private final Map<String, String> nodeEnv;
    private final List<NodeSshServer> servers = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook = new Thread(this::closeQuietly, "drover-demo-cleanup");
    private SandboxDatabase database;
    private volatile boolean keepForDiagnosis;
    private Fingerprint before;

    private Sandbox(DemoSettings settings, SandboxLayout layout, DroverCheckout checkout, List<SandboxNode> nodes) {
        this.settings = settings;
        this.layout = layout;
        this.checkout = checkout;
        this.nodes = nodes;
        Path java = javaBin();
        this.sim = new AcsSim(checkout.simJar(), java, layout.toolLog());
        Map<String, String> env = new LinkedHashMap<>();
        env.put("JAVA_HOME", java.getParent().getParent().toString());
        env.put("PATH", java.getParent() + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        // A simulated node is a small JVM: start it like one.
        env.put("JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx128m");
        env.put("ALFRESCO_STOP_TIMEOUT", "30");
        this.nodeEnv = Map.copyOf(env);
    }

    /**
     * Sets up a sandbox: directory, keys, SSH servers, distributions, the old version installed on each
     * node, started (the first node creates the schema) and seeded, and the data fingerprinted.
     *
     * @param progress receives one line per step, for the operator
     */
    public static Sandbox create(DemoSettings settings, Consumer<String> progress) throws InterruptedException {
        DroverCheckout checkout = DroverCheckout.locate();
        SandboxLayout layout = new SandboxLayout(SandboxFiles.prepareRoot(settings.dir()));
        List<SandboxNode> nodes = new ArrayList<>();
        int[] ports = SandboxFiles.freePorts(2 * DemoSettings.NODES.size());
        for (int i = 0; i < DemoSettings.NODES.size(); i++) {
            nodes.add(new SandboxNode(DemoSettings.NODES.get(i), i + 1, ports[2 * i], ports[2 * i + 1]));
        }
        Sandbox s = new Sandbox(settings, layout, checkout, List.copyOf(nodes));
        Runtime.getRuntime().addShutdownHook(s.shutdownHook);
        try {
            s.setUp(progress);
            return s;
        } catch (DemoException e) {
            // The message names logs inside the sandbox: keep it for them.
            s.keepForDiagnosis = true;
            s.close();
            throw new DemoException(e.getMessage() + "\nThe sandbox is kept for inspection: " + layout.root(), e);
        } catch (InterruptedException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private void setUp(Consumer<String> progress) throws InterruptedException {
        progress.accept("Sandbox: " + layout.root());
        try {
            Files.createDirectories(layout.sshDir());
            Files.createDirectories(layout.dist());
            Files.createDirectories(layout.dbDir());
            Files.createDirectories(layout.backups());
            PublicKey clientKey = SandboxFiles.writeClientKey(layout.clientKey());
            List<String> knownHosts = new ArrayList<>();
            for (SandboxNode n : nodes) {
                Files.createDirectories(layout.node(n.name()));
                NodeSshServer server = NodeSshServer.start(n.name(), layout.node(n.name()), USER, clientKey, nodeEnv);
                servers.add(server);
                knownHosts.add(server.knownHostsLine());
            }
            Files.write(layout.knownHosts(), knownHosts);
            progress.accept("  SSH: " + String.join(", ", servers.stream()
                    .map(x -> x.name() + " " + x.host() + ":" + x.port()).toList()) + " (host keys in " + layout.knownHosts() + ")");

            SandboxFiles.inParallel(List.of(() -> sim.dist(DemoSettings.FROM_VERSION, layout.dist()),
                    () -> sim.dist(DemoSettings.TO_VERSION, layout.dist())));
            progress.accept("  Distributions " + DemoSettings.FROM_VERSION + " and " + DemoSettings.TO_VERSION + " in " + layout.dist());

            for (SandboxNode n : nodes) {
                Installation.unzip(layout.distribution(DemoSettings.FROM_VERSION), layout.acsBase(n.name()));
                Map<String, String> props = new LinkedHashMap<>(DemoInventory.nodeProperties(n, settings));
                props.put("dir.root", layout.dirRoot().toString());
                props.put("db.url", layout.dbUrl("alfresco"));
                props.put("alfresco.cluster.enabled", "true");
                Installation.setProperties(home(n, DemoSettings.FROM_VERSION).resolve(
                        "tomcat/shared/classes/alfresco-global.properties"), props);
                Installation.setHttpPort(home(n, DemoSettings.FROM_VERSION), n.httpPort());
                // A consistent installation: Solr's cores index under the shared dir.root too (the
                // playbooks' pre-flight refuses an index the backup would miss).
                for (String core : List.of("workspace-SpacesStore", "archive-SpacesStore")) {
                    Path solrcore = home(n, DemoSettings.FROM_VERSION).resolve("solr4/" + core + "/conf/solrcore.properties");
                    if (Files.isRegularFile(solrcore)) {
                        Installation.setProperties(solrcore, Map.of("data.dir.root", layout.dirRoot().resolve("solr4/index").toString()));
                    }
                }
            }
        } catch (IOException e) {
            throw new DemoException("cannot set up the sandbox in " + layout.root() + ": " + e.getMessage(), e);
        }

        database = SandboxDatabase.start(javaBin(), checkout.simJar(), layout.dbUrl("alfresco"), layout.root().resolve("database.log"));
        progress.accept("  Database: " + layout.dbUrl("alfresco") + " (served to the nodes by a process of its own)");
        SandboxNode first = nodes.get(0);
        start(first);
        sim.seed(home(first, DemoSettings.FROM_VERSION), settings.seedNodes());
        progress.accept("  " + first.name() + ": ACS " + DemoSettings.FROM_VERSION + " installed, started (it created the schema),"
                + " seeded with " + settings.seedNodes() + " documents");
        List<Runnable> others = new ArrayList<>();
        for (SandboxNode n : nodes.subList(1, nodes.size())) {
            others.add(() -> {
                try {
                    start(n);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new DemoException("interrupted while starting " + n.name());
                }
            });
        }
        SandboxFiles.inParallel(others);
        progress.accept("  " + String.join(", ", nodes.subList(1, nodes.size()).stream().map(SandboxNode::name).toList())
                + ": ACS " + DemoSettings.FROM_VERSION + " installed and started (one cluster, one database)");
        before = sim.fingerprint(home(first, DemoSettings.FROM_VERSION));
        try {
            Files.writeString(layout.inventory(), DemoInventory.yaml(layout, nodes, sshPorts(), javaBin(), settings));
        } catch (IOException e) {
            throw new DemoException("cannot write " + layout.inventory() + ": " + e.getMessage(), e);
        }
        progress.accept("  Inventory: " + layout.inventory());
    }

    private void start(SandboxNode n) throws InterruptedException {
        Path home = home(n, DemoSettings.FROM_VERSION);
        sim.start(home, layout.node(n.name()), nodeEnv);
        sim.awaitStarted(home, n.httpPort(), Duration.ofSeconds(120));
    }

    private Path home(SandboxNode n, String version) {
        return layout.home(n.name(), version);
    }

    private Map<String, Integer> sshPorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        servers.forEach(s -> ports.put(s.name(), s.port()));
        return ports;
    }

    private static Path javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** The arguments of {@code drover run} that upgrade this sandbox, as an operator would type them. */
    public List<String> runArguments() {
        return List.of("run", "-i", layout.inventory().toString(), checkout.playbook().toString(),
                "-e", "acs_current_version=" + DemoSettings.FROM_VERSION, "-e", "acs_target_version=" + DemoSettings.TO_VERSION,
                // Versions are no secret: journaled, so a plain `drover run --resume ID` knows them.
                "--extra-vars-safe", "acs_current_version,acs_target_version",
                "--state-dir", layout.stateDir().toString());
    }

    public Path root() {
        return layout.root();
    }

    /** The state directory the demo's runs keep their journals in. */
    public Path stateDir() {
        return layout.stateDir();
    }

    public Path inventory() {
        return layout.inventory();
    }

    public List<String> nodeNames() {
        return nodes.stream().map(SandboxNode::name).toList();
    }

    /** The fingerprint of production's data before the upgrade. */
    public Fingerprint before() {
        return before;
    }

    /** An installation directory of a node (it may not exist). */
    public Path installation(String node, String version) {
        return layout.home(node, version);
    }

    /** Asks every node which version it runs and fingerprints production's data and the new version's copy. */
    public SandboxState inspect() {
        Map<String, Optional<String>> running = new LinkedHashMap<>();
        nodes.forEach(n -> running.put(n.name(), sim.runningVersion(n.httpPort())));
        Fingerprint production = sim.fingerprint(home(nodes.get(0), DemoSettings.FROM_VERSION));
        Optional<Fingerprint> copy = Optional.empty();
        String copyDb = "alfresco_" + DemoSettings.TO_VERSION.replace(".", "");
        if (Files.exists(layout.dbDir().resolve(copyDb + ".mv.db"))) {
            copy = Optional.of(sim.fingerprint(SandboxFiles.probeHome(layout, "copy", layout.newDirRoot(DemoSettings.TO_VERSION),
                    layout.dbUrl(copyDb))));
        }
        return new SandboxState(running, production, copy);
    }

    /** Stops every simulated node, closes the SSH servers and, unless kept, deletes the sandbox. Runs once. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // Called from the hook itself: the JVM is shutting down.
        }
        List<Runnable> stops = new ArrayList<>();
        for (SandboxNode n : nodes) {
            for (Path home : installations(n)) {
                stops.add(() -> sim.stop(home, layout.node(n.name()), nodeEnv));
            }
        }
        try {
            SandboxFiles.inParallel(stops);
        } finally {
            if (database != null) {
                database.close();
            }
            servers.forEach(NodeSshServer::close);
            if (!settings.keep() && !keepForDiagnosis) {
                SandboxFiles.deleteTree(layout.root());
            }
        }
    }

    private List<Path> installations(SandboxNode n) {
        Path base = layout.acsBase(n.name());
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(base)) {
            return s.filter(p -> Files.isRegularFile(p.resolve("alfresco.sh"))).sorted(Comparator.reverseOrder()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (RuntimeException e) {
            System.err.println("drover demo: cleanup of " + layout.root() + " incomplete: " + e.getMessage());
        }
    }
}
