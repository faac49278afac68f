package dev.drover.acssim.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 5.2+ distribution zip deployed, as Alfresco's install guide says, into the operator's Tomcat, and that
 * Tomcat's catalina.sh: what the playbooks' distribution layout meets (docs/testbed-acs-sim-distribution.md).
 */
class OperatorTomcatIT {
    @TempDir
    Path dir;
    private Path tomcat;

    @AfterEach
    void stop() throws Exception {
        if (tomcat != null && Files.exists(tomcat.resolve("temp/catalina.pid"))) {
            catalina(dir.resolve("home"), "stop");
            for (int i = 0; i < 100 && Files.exists(tomcat.resolve("temp/catalina.pid")); i++) {
                Thread.sleep(100);
            }
        }
    }

    private DistFixture.Result catalina(Path cwd, String action) throws Exception {
        return DistFixture.exec(new ProcessBuilder(tomcat.resolve("bin/catalina.sh").toString(), action).directory(cwd.toFile()));
    }

    private static boolean alive(String pid) throws Exception {
        return new ProcessBuilder("kill", "-0", pid).start().waitFor() == 0;
    }

    @Test
    void theDistributionZipDeployedIntoATomcatStartsFromItsWorkingDirectoryAndStopsAsTomcatDoes() throws Exception {
        DistFixture.Result dist = DistFixture.sim("dist", "--version", "5.2.7", "--layout", "distribution", "--out", dir.toString());
        assertEquals(0, dist.code(), dist.output());
        Path zip = dir.resolve("alfresco-content-services-distribution-5.2.7.zip");
        Map<String, Integer> modes = DistFixture.modes(zip);
        String top = "alfresco-content-services-distribution-5.2.7/";
        for (String f : new String[] {"bin/alfresco-mmt.jar", "bin/apply_amps.sh", "amps/alfresco-share-services.amp",
            "amps_share/", "web-server/webapps/alfresco.war", "web-server/webapps/share.war", "web-server/lib/",
            "web-server/shared/classes/alfresco-global.properties.sample", "web-server/conf/Catalina/localhost/alfresco.xml"}) {
            assertTrue(modes.containsKey(top + f), f + " missing from " + modes.keySet());
        }
        assertFalse(modes.keySet().stream().anyMatch(n -> n.endsWith("alfresco.sh") || n.startsWith(top + "tomcat/")),
                "no alfresco.sh and no Tomcat in the distribution zip: " + modes.keySet());

        DistFixture.unzip(zip, dir);
        Path home = Files.move(dir.resolve(top), dir.resolve("home"));
        tomcat = home.resolve("tomcat");
        int port = DistFixture.freePort();
        assertEquals(0, DistFixture.sim("tomcat", "--out", tomcat.toString(), "--port", Integer.toString(port)).code());
        assertEquals(4, DistFixture.sim("tomcat", "--out", tomcat.toString()).code(), "a second Tomcat over the first is refused");
        Files.copy(home.resolve("web-server/webapps/alfresco.war"), tomcat.resolve("webapps/alfresco.war"));
        Path props = tomcat.resolve("shared/classes/alfresco-global.properties");
        Files.copy(home.resolve("web-server/shared/classes/alfresco-global.properties.sample"), props);
        Files.writeString(props, Files.readString(props) + "sim.startup.delay.ms=10\nsim.shutdown.delay.ms=1500\n"
                + "alfresco.hazelcast.port=" + DistFixture.freePort() + "\n");
        Files.writeString(tomcat.resolve("temp/catalina.pid"), "999999\n");

        DistFixture.Result start = catalina(home, "start");

        assertEquals(0, start.code(), start.output());
        assertTrue(start.output().contains("Removing/clearing stale PID file."), start.output());
        String pid = Files.readString(tomcat.resolve("temp/catalina.pid")).trim();
        Path log = home.resolve("alfresco.log");
        for (int i = 0; i < 300 && !(Files.exists(log) && Files.readString(log).contains("started (Enterprise)")); i++) {
            Thread.sleep(100);
        }
        assertTrue(Files.readString(log).contains("started (Enterprise)"), "alfresco.log in the working directory");
        assertTrue(Files.isDirectory(home.resolve("alf_data/contentstore")), "dir.root=./alf_data resolved from the working directory");
        assertTrue(Files.readString(tomcat.resolve("logs/catalina.out")).contains("CATALINA_BASE:         " + tomcat));
        DistFixture.Result again = catalina(home, "start");
        assertEquals(1, again.code());
        assertTrue(again.output().contains("Tomcat appears to still be running with PID " + pid + ". Start aborted."), again.output());

        assertEquals(0, catalina(home, "stop").code());
        assertTrue(alive(pid), "catalina.sh stop returns before the JVM has exited");
        for (int i = 0; i < 100 && alive(pid); i++) {
            Thread.sleep(100);
        }
        assertFalse(alive(pid), "the JVM exits after its shutdown");
        DistFixture.Result stopAgain = catalina(home, "stop");
        assertEquals(1, stopAgain.code(), "stop without a running Tomcat fails, as Tomcat's does");
        assertTrue(stopAgain.output().contains("Stop aborted."), stopAgain.output());
    }
}
