package dev.drover.acssim.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.acssim.config.ServerXml;
import dev.drover.acssim.dist.DistFixture;
import dev.drover.acssim.dist.DistFixture.Result;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real node processes from unzipped distributions, controlled by their alfresco.sh. */
class NodeIT {
    private static final String READY = "/alfresco/api/-default-/public/alfresco/versions/1/probes/-ready-";
    private static final String SERVER = "/alfresco/service/api/server";

    @TempDir
    Path dir;
    /** Each version's distribution zip, made once for the class: an {@code acs-sim dist} run costs about 2 s of CPU. */
    @TempDir
    static Path zips;
    private final List<Path> started = new ArrayList<>();

    @AfterEach
    void stopAll() throws Exception {
        for (Path home : started) {
            sh(home, "stop");
        }
        // stop returns before the JVM has exited; let it finish before the directory goes.
        for (Path home : started) {
            await(() -> sh(home, "status").code() == 3);
        }
    }

    /** Unzips a distribution into dir/name, with tiny delays, a free port and the shared database. */
    private Path install(String version, String name, String... extraProps) throws Exception {
        Path zip = zips.resolve("alfresco-content-services-" + version + ".zip");
        if (!Files.exists(zip)) {
            Result r = DistFixture.sim("dist", "--version", version, "--out", zips.toString());
            assertEquals(0, r.code(), r.output());
        }
        Path target = dir.resolve(name);
        DistFixture.unzip(zip, target);
        Path home = target.resolve("alfresco-content-services-" + version);
        Path props = home.resolve("tomcat/shared/classes/alfresco-global.properties");
        StringBuilder sb = new StringBuilder(Files.readString(props));
        sb.append("sim.startup.delay.ms=10\nsim.upgrade.delay.ms=100\nsim.bootstrap.lock.retries=1\n")
                .append("sim.bootstrap.lock.interval.ms=10\n")
                .append("db.url=jdbc:h2:file:").append(dir.resolve("shared-db/alfresco")).append(";AUTO_SERVER=TRUE\n");
        for (String p : extraProps) {
            sb.append(p).append('\n');
        }
        Files.writeString(props, sb.toString());
        // Tomcat's connector decides the port, as on a real node; the shipped alfresco.port=8080 stays.
        Files.write(home.resolve(ServerXml.PATH), ServerXml.standard(DistFixture.freePort()));
        return home;
    }

    private static int port(Path home) {
        return ServerXml.read(home.resolve(ServerXml.PATH)).port();
    }

    private Result sh(Path home, String action, String... env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("alfresco.sh").toString(), action);
        if (env.length % 2 == 1) {
            pb.command().add(env[0]);
            env = java.util.Arrays.copyOfRange(env, 1, env.length);
        }
        for (int i = 0; i < env.length; i += 2) {
            pb.environment().put(env[i], env[i + 1]);
        }
        Result r = DistFixture.exec(pb);
        if (action.equals("start")) {
            started.add(home);
        }
        return r;
    }

    private static int get(Path home, String path) {
        try {
            HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + port(home) + path).openConnection();
            c.setConnectTimeout(2000);
            c.setReadTimeout(5000);
            return c.getResponseCode();
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Polls {@code condition} until it holds. The bound only turns a hang into a failure: a node that starts in
     * 2 s alone took over 60 s when CI ran it beside other builds on two loaded cores, and a miss failed the build.
     */
    private static boolean await(Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (System.nanoTime() < deadline) {
            if (condition.call()) {
                return true;
            }
            Thread.sleep(100);
        }
        return condition.call();
    }

    private static String file(Path home, String name) throws IOException {
        Path f = home.resolve(name);
        return Files.exists(f) ? Files.readString(f) : "";
    }

    @Test
    void alfrescoShStartsReportsAndStopsTheNode() throws Exception {
        // The stop's delay is the window in which status, start and the pid are checked below (a process each):
        // 4 s, as 1.5 s was not always enough for them on a loaded machine. It is waiting, not CPU.
        Path home = install("7.4.1", "a", "sim.shutdown.delay.ms=4000");
        assertEquals(3, sh(home, "status").code());
        assertEquals(0, sh(home, "start").code());
        assertTrue(await(() -> get(home, READY) == 200), file(home, "tomcat/logs/catalina.out"));
        assertEquals(0, sh(home, "status").code());
        assertEquals(1, sh(home, "start").code());
        String pid = Files.readString(home.resolve("tomcat/temp/catalina.pid")).trim();
        Result stop = sh(home, "stop");
        assertEquals(0, stop.code(), stop.output());
        // Like Tomcat's shutdown: the command returns while the JVM is still stopping its webapps.
        assertTrue(Files.exists(Path.of("/proc", pid)), "stop returns before the JVM has exited");
        assertEquals(0, sh(home, "status").code(), "status says running until the JVM is gone");
        assertEquals(1, sh(home, "start").code(), "a start while the old JVM is still stopping is refused");
        assertTrue(await(() -> get(home, READY) == -1), "the connector closes first");
        assertTrue(await(() -> !Files.exists(Path.of("/proc", pid))), "the JVM exits after the shutdown delay");
        assertEquals(3, sh(home, "status").code());
        String out = file(home, "tomcat/logs/catalina.out");
        assertTrue(out.contains("org.apache.catalina.startup.Catalina.start Server startup in ["), out);
        assertTrue(out.contains("Destroying ProtocolHandler"), out);
        assertTrue(file(home, "alfresco.log").contains("Alfresco Content Services started (Enterprise). Current version: 7.4.1"));
    }

    @Test
    void stopWithoutTomcatAlsoStopsABundledPostgresql() throws Exception {
        Path home = install("5.2.7", "pg");
        Path ctl = home.resolve("postgresql/scripts/ctl.sh");
        Files.createDirectories(ctl.getParent());
        Files.writeString(ctl, "#!/bin/sh\necho \"$1\" >> \"$(dirname \"$0\")/calls\"\n");
        ctl.toFile().setExecutable(true);
        Path calls = ctl.resolveSibling("calls");
        sh(home, "start", "tomcat");
        assertFalse(Files.exists(calls), "start tomcat leaves the database alone");
        sh(home, "stop", "tomcat");
        assertFalse(Files.exists(calls), "stop tomcat leaves the database alone");
        assertTrue(await(() -> sh(home, "status").code() == 3));
        sh(home, "start");
        assertEquals("start\n", Files.readString(calls));
        sh(home, "stop");
        assertEquals("start\nstop\n", Files.readString(calls), "stop without tomcat stops the bundled PostgreSQL too");
    }

    @Test
    void twoNodeProcessesShareOneEmbeddedDatabase() throws Exception {
        Path one = install("5.2.7", "one", "alfresco.cluster.enabled=true", "alfresco.hazelcast.port=" + DistFixture.freePort());
        Path two = install("5.2.7", "two", "alfresco.cluster.enabled=true", "alfresco.hazelcast.port=" + DistFixture.freePort(),
                "dir.root=" + one.resolve("alf_data"));
        sh(one, "start");
        assertTrue(await(() -> get(one, SERVER) == 200), file(one, "tomcat/logs/catalina.out"));
        // Hold the database open in another process, so node two must reach it through H2's auto-server.
        try (java.sql.Connection held = dev.drover.acssim.config.Installation.load(two).database().connect()) {
            String lock = Files.readString(dir.resolve("shared-db/alfresco.lock.db"), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertTrue(lock.contains("server=localhost\\:") || lock.contains("server=127.0.0.1\\:"), lock);
            sh(two, "start");
            assertTrue(await(() -> get(two, SERVER) == 200), file(two, "tomcat/logs/catalina.out"));
        }
        assertEquals(200, get(one, SERVER));
        String log = file(two, "alfresco.log");
        assertTrue(log.contains("No changes were made to the schema."), log);
        String name = file(one, "alfresco.log").replaceAll("(?s).*Cluster started, name: (MainRepository-[0-9a-f-]+).*", "$1");
        assertTrue(log.contains("Cluster started, name: " + name), log);
    }

    @Test
    void aCrashedUpgradeHaltsTheJvmAndLaterStartsFailBehindTheMarker() throws Exception {
        Path old = install("5.1.0", "old");
        sh(old, "start");
        assertTrue(await(() -> get(old, SERVER) == 200), file(old, "tomcat/logs/catalina.out"));
        sh(old, "stop");
        // The new version on the same repository (content store and keystore) and database.
        Path next = install("5.2.7", "new", "dir.root=" + old.resolve("alf_data"));
        Files.writeString(next.resolve("sim-fault"), "crash-during-upgrade\n");
        assertEquals(0, sh(next, "start").code());
        assertTrue(await(() -> sh(next, "status").code() == 3), "the JVM halted");
        assertTrue(file(next, "alfresco.log").contains("Applying patch '"));
        assertFalse(file(next, "alfresco.log").contains("started (Enterprise)"));

        Files.delete(next.resolve("sim-fault"));
        sh(next, "start");
        assertTrue(await(() -> file(next, "tomcat/logs/catalina.out").contains("Server startup in ")));
        String out = file(next, "tomcat/logs/catalina.out");
        assertTrue(out.contains("A previous schema upgrade failed or was not completed."), out);
        assertTrue(out.indexOf("Context [/alfresco] startup failed due to previous errors") < out.lastIndexOf("Server startup in "), out);
        assertEquals(0, sh(next, "status").code(), "the JVM stays up after a failed webapp start, as Tomcat's does");
        assertEquals(404, get(next, SERVER));
    }

    @Test
    void tooOldJavaStopsTheJvmWithUnsupportedClassVersion() throws Exception {
        Path home = install("6.2.2", "j");
        assertEquals(0, sh(home, "start", "JAVA_OPTS", "-Dacssim.java.version=1.8").code());
        assertTrue(await(() -> sh(home, "status").code() == 3));
        String out = file(home, "tomcat/logs/catalina.out");
        assertTrue(out.contains("java.lang.UnsupportedClassVersionError"), out);
        assertTrue(out.contains("needs Java 11 or later"), out);
    }

    @Test
    void nodeRunExitsZeroOnAStopRequest() throws Exception {
        Path home = install("5.2.7", "r");
        Process run = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-jar", DistFixture.jar().toString(),
                "node", "run", "--home", home.toString()).redirectErrorStream(true)
                .redirectOutput(home.resolve("tomcat/logs/catalina.out").toFile()).start();
        try {
            assertTrue(await(() -> get(home, SERVER) == 200), file(home, "tomcat/logs/catalina.out"));
            Result status = DistFixture.sim("node", "status", "--home", home.toString());
            assertEquals(0, status.code(), status.output());
            Result stop = DistFixture.sim("node", "stop", "--home", home.toString());
            assertEquals(0, stop.code(), stop.output());
            assertTrue(run.waitFor(300, TimeUnit.SECONDS));
            assertEquals(0, run.exitValue());
            assertEquals(3, DistFixture.sim("node", "status", "--home", home.toString()).code());
        } finally {
            run.destroyForcibly();
        }
    }
}
