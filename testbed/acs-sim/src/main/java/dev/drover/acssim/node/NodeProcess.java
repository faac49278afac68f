package dev.drover.acssim.node;

import dev.drover.acssim.SimException;
import dev.drover.acssim.config.Installation;
import dev.drover.acssim.http.HttpServer;
import dev.drover.acssim.http.Repository.Status;
import dev.drover.acssim.persona.Persona;
import dev.drover.acssim.solr.SolrReplication;
import dev.drover.acssim.war.AlfrescoWar;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code node run}: the node's JVM in the foreground, as Tomcat runs under {@code alfresco.sh}. The main
 * thread prints Tomcat's lines, starts {@link Startup} on {@code localhost-startStop-1}, then polls for the
 * shutdown request ({@link NodeControl#shutdownFile}): it closes HTTP and the cluster port at once, takes
 * {@code sim.shutdown.delay.ms} to stop the webapps, and exits 0 after Tomcat's stop lines. A shutdown
 * request waits while the schema step holds the database (as real Tomcat cannot stop mid-start either).
 */
public final class NodeProcess {
    private static final long POLL_MS = 200;

    private final Installation acs;
    private final PrintStream out;
    private final Object schemaStep = new Object();

    private NodeProcess(Installation acs, PrintStream out) {
        this.acs = acs;
        this.out = out;
    }

    /** Runs the node until a shutdown request; returns the JVM's exit code. */
    public static int run(Path home, PrintStream out, PrintStream err) throws IOException, InterruptedException {
        return run(home, null, out, err);
    }

    /** As {@link #run(Path, PrintStream, PrintStream)} with Tomcat's CATALINA_BASE elsewhere (null: home/tomcat). */
    public static int run(Path home, Path catalinaBase, PrintStream out, PrintStream err)
            throws IOException, InterruptedException {
        Installation acs = Installation.load(home, catalinaBase);
        AlfrescoWar war = AlfrescoWar.read(acs.alfrescoWar());
        Persona persona = Persona.of(war.version());
        if (!JavaCheck.check(persona, err)) {
            return 1;
        }
        return new NodeProcess(acs, out).serve(war, persona, NodeSettings.of(acs));
    }

    private int serve(AlfrescoWar war, Persona persona, NodeSettings settings) throws IOException, InterruptedException {
        long t0 = System.currentTimeMillis();
        Path pidFile = NodeControl.pidFileOfBase(acs.catalinaBase());
        Files.createDirectories(pidFile.getParent());
        // Written beside and renamed: a reader never sees the file empty (alfresco.sh wrote it already).
        Path pidTmp = pidFile.resolveSibling(pidFile.getFileName() + ".tmp");
        Files.write(pidTmp, (pid() + "\n").getBytes(StandardCharsets.US_ASCII));
        Files.move(pidTmp, pidFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        // The shutdown request is not cleared here: alfresco.sh and NodeControl clear it before launching, and
        // a stop that came in while this JVM was starting must still count.
        String connector = "[\"http-nio-" + settings.httpHost + "-" + settings.port + "\"]";
        try (NodeLog log = new NodeLog(acs.alfrescoLog(), out)) {
            log.tomcat("INFO", "main", "org.apache.catalina.startup.VersionLoggerListener.log",
                    "Server version:        Apache Tomcat/" + persona.tomcat());
            log.tomcat("INFO", "main", "org.apache.catalina.startup.VersionLoggerListener.log",
                    "CATALINA_BASE:         " + acs.catalinaBase());
            log.tomcat("INFO", "main", "org.apache.catalina.startup.VersionLoggerListener.log",
                    "Java Home:             " + System.getProperty("java.home"));
            log.tomcat("INFO", "main", "org.apache.coyote.AbstractProtocol.init", "Initializing ProtocolHandler " + connector);
            NodeState state = new NodeState(war, persona.hasProbes());
            HttpServer http = null;
            try {
                SolrReplication solr = persona.major() >= 6 ? null
                        : new SolrReplication(acs.dirRoot(), acs.solrIndexes(), settings.solrBackupDelayMs);
                http = HttpServer.start(settings.httpHost, settings.port, state, solr, new RepositoryDocuments(acs),
                        settings.adminPassword, Files.isRegularFile(acs.shareWar()));
            } catch (Exception e) {
                log.tomcat("SEVERE", "main", "org.apache.catalina.core.StandardService.initInternal",
                        "Failed to initialize connector [Connector[HTTP/1.1-" + settings.port + "]] "
                                + "java.net.BindException: " + e.getMessage() + " <null>:" + settings.port);
            }
            log.tomcat("INFO", "main", "org.apache.catalina.core.StandardService.startInternal", "Starting service [Catalina]");
            log.tomcat("INFO", "main", "org.apache.catalina.core.StandardEngine.startInternal",
                    "Starting Servlet engine: [Apache Tomcat/" + persona.tomcat() + "]");
            log.tomcat("INFO", "localhost-startStop-1", "org.apache.catalina.startup.HostConfig.deployWAR",
                    "Deploying web application archive [" + acs.alfrescoWar() + "]");
            Startup startup = new Startup(log, acs, settings, war, persona, state, () -> Runtime.getRuntime().halt(1),
                    schemaStep);
            Thread starter = new Thread(() -> {
                try {
                    startup.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "localhost-startStop-1");
            starter.setDaemon(true);
            starter.start();
            boolean tailPrinted = false;
            while (true) {
                starter.join(POLL_MS);
                if (!tailPrinted && !starter.isAlive()) {
                    long done = System.currentTimeMillis() - t0;
                    log.tomcat("INFO", "localhost-startStop-1", "org.apache.catalina.startup.HostConfig.deployWAR",
                            "Deployment of web application archive [" + acs.alfrescoWar() + "] has finished in ["
                                    + done + "] ms");
                    log.tomcat("INFO", "main", "org.apache.coyote.AbstractProtocol.start", "Starting ProtocolHandler " + connector);
                    log.tomcat("INFO", "main", "org.apache.catalina.startup.Catalina.start", persona.serverStartupLine(done));
                    state.openConnector();
                    tailPrinted = true;
                }
                if (Files.exists(NodeControl.shutdownFileOfBase(acs.catalinaBase()))) {
                    break;
                }
                if (tailPrinted) {
                    Thread.sleep(POLL_MS);
                }
            }
            log.tomcat("INFO", "main", "org.apache.catalina.core.StandardServer.await",
                    "A valid shutdown command was received via the shutdown port. Stopping the Server instance.");
            log.tomcat("INFO", "main", "org.apache.coyote.AbstractProtocol.pause", "Pausing ProtocolHandler " + connector);
            // The connector stops taking requests first; the webapps then stop, which takes a while.
            if (http != null) {
                http.close();
            }
            log.tomcat("INFO", "main", "org.apache.catalina.core.StandardService.stopInternal", "Stopping service [Catalina]");
            synchronized (schemaStep) {
                starter.interrupt();
            }
            if (state.webapp() == Status.STARTED) {
                log.info("org.alfresco.repo.descriptor.DescriptorServiceImpl", "Stopping the repository: "
                        + persona.productName() + " " + war.display());
            }
            startup.close();
            Thread.sleep(settings.shutdownDelayMs);
            log.tomcat("INFO", "main", "org.apache.coyote.AbstractProtocol.stop", "Stopping ProtocolHandler " + connector);
            log.tomcat("INFO", "main", "org.apache.coyote.AbstractProtocol.destroy", "Destroying ProtocolHandler " + connector);
        }
        Files.deleteIfExists(NodeControl.shutdownFileOfBase(acs.catalinaBase()));
        Files.deleteIfExists(pidFile);
        return 0;
    }

    /** This JVM's process id (Java 8 has no ProcessHandle). */
    static String pid() {
        String name = ManagementFactory.getRuntimeMXBean().getName();
        int at = name.indexOf('@');
        if (at <= 0) {
            throw new SimException("cannot tell this JVM's process id from '" + name + "'", SimException.FAILED, null);
        }
        return name.substring(0, at);
    }
}
