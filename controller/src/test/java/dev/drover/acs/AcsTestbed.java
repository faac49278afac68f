package dev.drover.acs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.cli.CliRun;
import dev.drover.testing.OpenSshLab;
import dev.drover.testing.PostgresLab;
import dev.drover.testing.Tiers;
import dev.drover.transport.ExecResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The ACS testbed of the end-to-end upgrade tests: simulated ACS nodes (testbed/acs-sim) installed
 * on the real OpenSSH lab nodes, with their repository in the PostgreSQL lab. Everything on the
 * nodes is done over OpenSSH as the lab user, so the nodes' files and processes belong to that user
 * as on a real server. The lab's nodes share one login home, so each node has its own directory
 * {@code <work>/<node>}; a cluster's repository ({@code dir.root}) is {@code <work>/shared/alf_data},
 * as a cluster's shared storage would be.
 *
 * <p>Every node listens on its own loopback address (127.0.0.11, ...), all at one HTTP port (Tomcat's
 * connector in {@code tomcat/conf/server.xml}, not {@code alfresco.port}) and one cluster port, like
 * separate machines would. The ports are chosen free on every node address per
 * testbed, so a leftover node or another checkout's tests on the same machine cannot answer for ours.
 */
final class AcsTestbed implements AutoCloseable {
    static final String OLD = "5.1.0";
    static final String NEW = "5.2.7";
    static final Path SIM_JAR = Path.of("../testbed/acs-sim/target/acs-sim.jar").toAbsolutePath().normalize();
    /**
     * The simulator's tools as the tests run them on the nodes (dist, seed, fingerprint): the client compiler
     * only and the serial collector, as drover starts its own short-lived JVMs: a tool run is over before C2
     * would pay off, and on two cores its compiler threads took CPU from the nodes under test.
     */
    static final String SIM = "java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar " + SIM_JAR;
    /** The JDK's jar tool extracting a zip, with the same flags. */
    private static final String JAR_XF = "jar -J-XX:TieredStopAtLevel=1 -J-XX:+UseSerialGC xf ";
    private static final Map<String, String> DISTS = new java.util.HashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();

    final OpenSshLab.Lab lab;
    final PostgresLab.Database db;
    final String work;
    final boolean cluster;
    final List<OpenSshLab.Node> nodes;
    final int httpPort;
    final int clusterPort;
    /**
     * The 5.2+ distribution zip deployed into an operator's Tomcat ({@code <home>/tomcat}, started with
     * {@code catalina.sh}, no {@code alfresco.sh}) instead of the 5.x installer's layout.
     */
    final boolean distribution;
    private final Path local;

    private AcsTestbed(OpenSshLab.Lab lab, PostgresLab.Database db, String work, boolean cluster,
            List<OpenSshLab.Node> nodes, Path local, boolean distribution) {
        this.lab = lab;
        this.distribution = distribution;
        this.db = db;
        this.work = work;
        this.cluster = cluster;
        this.nodes = nodes;
        this.local = local;
        this.httpPort = freePort(nodes, 0);
        this.clusterPort = freePort(nodes, httpPort);
    }

    /**
     * A port nobody listens on at any of the nodes' addresses (and not {@code except}), below the kernel's ephemeral
     * range (from 32768 on here): a port in it may be given to any process's next socket before the node binds it.
     */
    private static int freePort(List<OpenSshLab.Node> nodes, int except) {
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 10000 + random.nextInt(22000);
            if (port == except) {
                continue;
            }
            boolean free = true;
            for (OpenSshLab.Node node : nodes) {
                try (java.net.ServerSocket s = new java.net.ServerSocket()) {
                    s.bind(new java.net.InetSocketAddress(node.address(), port));
                } catch (IOException e) {
                    free = false;
                    break;
                }
            }
            if (free) {
                return port;
            }
        }
        throw new IllegalStateException("no free port on every lab node address");
    }

    /**
     * Installs the old version on {@code count} lab nodes, starts the first (a fresh install creates
     * the schema), seeds a production repository, then starts the others.
     *
     * @param local a controller-side directory for the inventory
     */
    static AcsTestbed install(OpenSshLab.Lab lab, PostgresLab.Cluster postgres, int count, boolean cluster,
            Path local, Map<String, String> extraOldProperties) {
        return install(lab, postgres, count, cluster, local, extraOldProperties, "solr4/index");
    }

    /** As above, with Solr's cores indexing under {@code dir.root/<solrIndex>} (their data.dir.root). */
    static AcsTestbed install(OpenSshLab.Lab lab, PostgresLab.Cluster postgres, int count, boolean cluster,
            Path local, Map<String, String> extraOldProperties, String solrIndex) {
        return install(lab, postgres, count, cluster, local, extraOldProperties, solrIndex, false);
    }

    /**
     * As above; with {@code distribution}, every node is the 5.2+ distribution zip deployed as Alfresco's install
     * guide says into a Tomcat of the operator's at {@code <home>/tomcat}: web-server/webapps/*.war into its
     * webapps, web-server/shared into its shared/, alfresco-global.properties written from the .sample.
     */
    static AcsTestbed installDistribution(OpenSshLab.Lab lab, PostgresLab.Cluster postgres, int count, boolean cluster,
            Path local) {
        return install(lab, postgres, count, cluster, local, Map.of(), "solr4/index", true);
    }

    private static AcsTestbed install(OpenSshLab.Lab lab, PostgresLab.Cluster postgres, int count, boolean cluster,
            Path local, Map<String, String> extraOldProperties, String solrIndex, boolean distribution) {
        Tiers.require(OpenSshLab.TIER, Files.isRegularFile(SIM_JAR),
                "the simulator is not built: " + SIM_JAR + " (mvn package builds it)");
        PostgresLab.Database db = postgres.createUniqueDatabase("alfresco");
        List<OpenSshLab.Node> nodes = lab.nodes().subList(0, count);
        String home = ok(lab, nodes.get(0), "echo $HOME").strip();
        String work = home + "/acs-e2e-" + UUID.randomUUID();
        AcsTestbed bed = new AcsTestbed(lab, db, work, cluster, nodes, local, distribution);
        OpenSshLab.Node first = nodes.get(0);
        String layout = distribution ? " --layout distribution" : "";
        ok(lab, first, "mkdir -p " + work + "/dist && cp -R " + dists(lab, first, home, layout) + "/. " + work + "/dist/");
        for (OpenSshLab.Node node : nodes) {
            String dir = work + "/" + node.name();
            String acsHome = bed.oldHome(node);
            if (distribution) {
                String top = "alfresco-content-services-distribution-" + OLD;
                ok(lab, node, "mkdir -p " + acsHome + " && cd " + acsHome + " && " + JAR_XF + work + "/dist/" + top + ".zip"
                        + " && mv " + top + "/* . && rmdir " + top + " && chmod 755 bin/*.sh"
                        + " && " + SIM + " tomcat --out " + acsHome + "/tomcat >/dev/null"
                        + " && cp web-server/webapps/*.war tomcat/webapps/ && cp -R web-server/shared/. tomcat/shared/"
                        + " && cp tomcat/shared/classes/alfresco-global.properties.sample tomcat/shared/classes/alfresco-global.properties");
            } else {
                ok(lab, node, "mkdir -p " + dir + " && cd " + dir + " && " + JAR_XF + work + "/dist/alfresco-content-services-"
                        + OLD + ".zip && chmod 755 " + acsHome + "/alfresco.sh " + acsHome + "/bin/*.sh");
            }
            Map<String, String> props = new LinkedHashMap<>(bed.nodeProperties(node));
            props.put("dir.root", bed.dirRoot(node));
            props.put("db.driver", "org.postgresql.Driver");
            props.put("db.url", db.jdbcUrl());
            props.put("db.username", db.user());
            props.put("db.password", db.password());
            props.put("alfresco.cluster.enabled", Boolean.toString(cluster));
            props.putAll(extraOldProperties);
            StringBuilder append = new StringBuilder("\n# testbed\n");
            props.forEach((k, v) -> append.append(k).append('=').append(v).append('\n'));
            ok(lab, node, "cat >> " + acsHome + "/tomcat/shared/classes/alfresco-global.properties <<'EOF'\n" + append + "EOF\n");
            // Tomcat's HTTP connector is where ACS listens, as an operator configures it: its own address and
            // port in server.xml. alfresco.port (nodeProperties) says another port: it only shapes URLs.
            ok(lab, node, "sed -i 's|<Connector port=\"8080\" protocol=\"HTTP/1.1\"|<Connector address=\"" + node.address()
                    + "\" port=\"" + bed.httpPort + "\" protocol=\"HTTP/1.1\"|' " + acsHome + "/tomcat/conf/server.xml"
                    + " && grep -q 'port=\"" + bed.httpPort + "\"' " + acsHome + "/tomcat/conf/server.xml");
            // Solr's cores index under this node's dir.root, as on a consistent installation.
            ok(lab, node, "for f in " + acsHome + "/solr4/*/conf/solrcore.properties; do [ -f \"$f\" ] || continue;"
                    + " sed -i 's|^data.dir.root=.*|data.dir.root=" + bed.dirRoot(node) + "/" + solrIndex + "|' \"$f\"; done");
        }
        bed.startAndWait(first, bed.oldHome(first));
        ok(lab, first, SIM + " seed --home " + bed.oldHome(first) + " --nodes 40 --seed 7");
        for (OpenSshLab.Node node : nodes.subList(1, nodes.size())) {
            if (!cluster) {
                throw new IllegalArgumentException("independent single nodes need their own databases");
            }
            bed.startAndWait(node, bed.oldHome(node));
        }
        return bed;
    }

    /**
     * The directory (in the lab user's home) of both versions' zips for {@code layout}, made once per test JVM:
     * {@code acs-sim dist} costs seconds of CPU per zip, and every testbed copies the same bytes into its own
     * {@code <work>/dist}. Deleted when the JVM exits (the lab's nodes are this machine).
     */
    private static synchronized String dists(OpenSshLab.Lab lab, OpenSshLab.Node node, String home, String layout) {
        return DISTS.computeIfAbsent(layout, l -> {
            String dir = home + "/acs-e2e-dists-" + UUID.randomUUID();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(Path.of(dir))));
            ok(lab, node, "mkdir -p " + dir + " && " + SIM + " dist --version " + OLD + l + " --out " + dir
                    + " >/dev/null && " + SIM + " dist --version " + NEW + l + " --out " + dir + " >/dev/null");
            return dir;
        });
    }

    private static void deleteTree(Path dir) {
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // already gone
        }
    }

    /** Settings every start of this node needs, old version and new: its address and ports, fast timing. */
    Map<String, String> nodeProperties(OpenSshLab.Node node) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("alfresco.host", node.address());
        // Not the HTTP port (server.xml's connector is): a node that listened here would answer nobody.
        p.put("alfresco.port", Integer.toString(clusterPort + 1));
        p.put("alfresco.hazelcast.port", Integer.toString(clusterPort));
        // bench/acs-cluster-upgrade.sh sets realistic delays; tests keep them short.
        p.put("sim.startup.delay.ms", System.getProperty("drover.acs.startupDelayMs", "200"));
        p.put("sim.upgrade.delay.ms", System.getProperty("drover.acs.upgradeDelayMs", "500"));
        p.put("sim.shutdown.delay.ms", System.getProperty("drover.acs.shutdownDelayMs", "300"));
        p.put("sim.bootstrap.lock.retries", "2");
        p.put("sim.bootstrap.lock.interval.ms", "200");
        return p;
    }

    String oldHome(OpenSshLab.Node node) {
        return work + "/" + node.name() + "/alfresco-content-services-" + OLD;
    }

    String newHome(OpenSshLab.Node node) {
        return work + "/" + node.name() + "/alfresco-content-services-" + NEW;
    }

    String dirRoot(OpenSshLab.Node node) {
        return cluster ? work + "/shared/alf_data" : oldHome(node) + "/alf_data";
    }

    /** How the installation at {@code acsHome} is started: alfresco.sh, or catalina.sh from the installation. */
    String startCommand(String acsHome) {
        return distribution ? "cd " + acsHome + " && tomcat/bin/catalina.sh start" : acsHome + "/alfresco.sh start";
    }

    /** Starts the installation at {@code acsHome} and waits for its success line. */
    void startAndWait(OpenSshLab.Node node, String acsHome) {
        startAndWait(node, acsHome, startCommand(acsHome));
    }

    /** Starts the installation at {@code acsHome} with {@code command} and waits for its success line. */
    void startAndWait(OpenSshLab.Node node, String acsHome, String command) {
        ok(lab, node, command + " >/dev/null && for i in $(seq 1 900); do"
                + " grep -q 'started (Enterprise)' " + acsHome + "/alfresco.log 2>/dev/null && exit 0; sleep 0.1; done;"
                + " echo 'no success line'; tail -20 " + acsHome + "/alfresco.log; exit 1");
    }

    /** The simulator's fingerprint of the repository the installation at {@code acsHome} is configured for. */
    JsonNode fingerprint(OpenSshLab.Node node, String acsHome) {
        try {
            return JSON.readTree(ok(lab, node, SIM + " fingerprint --home " + acsHome));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code alfresco.sh status} exit code: 0 running, 3 not (distribution layout: the pid file's process, alike). */
    int status(OpenSshLab.Node node, String acsHome) {
        if (distribution) {
            return lab.ssh(node, "pid=$(cat " + acsHome + "/tomcat/temp/catalina.pid 2>/dev/null) && [ -n \"$pid\" ]"
                    + " && kill -0 \"$pid\" 2>/dev/null && exit 0; exit 3").exitCode();
        }
        return lab.ssh(node, acsHome + "/alfresco.sh status >/dev/null 2>&1").exitCode();
    }

    List<String> log(OpenSshLab.Node node, String acsHome) {
        String text = lab.ssh(node, "cat " + acsHome + "/alfresco.log 2>/dev/null || true").stdout();
        return text.isBlank() ? List.of() : List.of(text.split("\n"));
    }

    boolean exists(OpenSshLab.Node node, String path) {
        return lab.ssh(node, "test -e '" + path + "'").exitCode() == 0;
    }

    /** An inventory of the testbed: group {@code acs}, ranks in node order, every acs_* the playbooks need. */
    Path inventory(Map<String, Map<String, Object>> perHost, Map<String, Object> extraVars) {
        StringBuilder y = new StringBuilder("all:\n  children:\n    acs:\n      hosts:\n");
        int rank = 1;
        for (OpenSshLab.Node node : nodes) {
            Map<String, Object> host = new LinkedHashMap<>();
            host.put("ansible_host", node.address());
            host.put("rank", rank++);
            host.put("acs_base", work + "/" + node.name());
            host.put("acs_http_host", node.address());
            host.put("acs_node_properties", nodeProperties(node));
            host.putAll(perHost.getOrDefault(node.name(), Map.of()));
            y.append("        ").append(node.name()).append(": ").append(json(host)).append('\n');
        }
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("ansible_port", lab.port());
        vars.put("ansible_user", lab.user());
        vars.put("ansible_ssh_private_key_file", lab.clientKey().toString());
        vars.put("drover_known_hosts_file", lab.knownHosts().toString());
        vars.put("acs_current_version", OLD);
        vars.put("acs_target_version", NEW);
        vars.put("acs_dist_dir", work + "/dist");
        vars.put("acs_backup_root", work + "/backups");
        vars.put("acs_http_port", httpPort);
        vars.put("acs_cluster_port", clusterPort);
        vars.put("acs_db_host", db.host());
        vars.put("acs_db_port", db.port());
        vars.put("acs_db_name", db.name());
        vars.put("acs_db_user", db.user());
        vars.put("acs_db_password", db.password());
        vars.put("acs_start_timeout", 60);
        vars.put("acs_upgrade_timeout", 120);
        vars.put("acs_stop_timeout", 60);
        if (distribution) {
            vars.put("acs_layout", "distribution");
        }
        if (cluster) {
            vars.put("acs_dir_root", work + "/shared/alf_data");
            vars.put("acs_new_dir_root", work + "/shared/alf_data-" + NEW);
        }
        vars.putAll(extraVars);
        y.append("      vars: ").append(json(vars)).append('\n');
        try {
            Path file = local.resolve("acs-testbed.yml");
            Files.writeString(file, y.toString());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code drover ...} in-process, as an operator would type it. */
    static CliRun drover(String... args) {
        return CliRun.of(args);
    }

    static String playbook(String name) {
        return Path.of("../playbooks", name).toAbsolutePath().normalize().toString();
    }

    /** Stops every simulated node the testbed may have started and removes its files. */
    @Override
    public void close() {
        for (OpenSshLab.Node node : nodes) {
            lab.ssh(node, "for h in " + work + "/" + node.name() + "/alfresco-content-services-*; do"
                    + " [ -x \"$h/alfresco.sh\" ] && \"$h/alfresco.sh\" stop >/dev/null 2>&1;"
                    + " [ -x \"$h/tomcat/bin/catalina.sh\" ] && \"$h/tomcat/bin/catalina.sh\" stop >/dev/null 2>&1; done; true");
        }
        lab.ssh(nodes.get(0), "rm -rf '" + work + "'");
        // The lab's nodes are this machine: if the lab went away mid-test, stop our nodes directly.
        try {
            new ProcessBuilder("pkill", "-f", work + "/").start().waitFor();
        } catch (IOException e) {
            // pkill missing: nothing more to do
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String ok(OpenSshLab.Lab lab, OpenSshLab.Node node, String command) {
        ExecResult r = lab.ssh(node, command);
        assertEquals(0, r.exitCode(), command + ": " + r);
        return r.stdout();
    }

    /** The HTTP status of {@code GET http://address:port/path}, or -1 when nothing answers there. */
    static int httpStatus(String address, int port, String path) {
        try {
            java.net.HttpURLConnection c = (java.net.HttpURLConnection) new java.net.URL(
                    "http://" + address + ":" + port + path).openConnection();
            c.setConnectTimeout(2000);
            c.setReadTimeout(5000);
            try {
                return c.getResponseCode();
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            return -1;
        }
    }

    /** Lines of {@code log} that contain {@code text}. */
    static List<String> lines(List<String> log, String text) {
        List<String> found = new ArrayList<>();
        log.stream().filter(l -> l.contains(text)).forEach(found::add);
        return found;
    }
}
