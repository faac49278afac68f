package dev.drover.acssim.dist;

import dev.drover.acssim.SimException;
import dev.drover.acssim.config.ServerXml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The Tomcat an operator installs to run a distribution-zip ACS: {@code bin/catalina.sh} (start and stop as
 * Tomcat's script: {@code stop} returns before the JVM has exited), {@code bin/setenv.sh} setting
 * {@code CATALINA_PID} as operators do, {@code conf/server.xml} (HTTP on {@code port}),
 * {@code conf/catalina.properties} with the {@code shared.loader} Alfresco's guide asks for, and
 * {@code lib/acs-sim.jar} standing for Tomcat's own jars (the node's behaviour comes from the deployed
 * {@code alfresco.war}). {@code webapps/} and {@code shared/classes/} are empty until the operator deploys.
 */
public final class OperatorTomcat {
    private OperatorTomcat() {
    }

    /** Writes the Tomcat into {@code base} (created; refused when it already holds a {@code bin/catalina.sh}). */
    public static Path write(Path base, int port, Path simJar) throws IOException {
        Path abs = base.toAbsolutePath().normalize();
        if (Files.exists(abs.resolve("bin/catalina.sh"))) {
            throw new SimException("tomcat: " + abs + " already holds a Tomcat (bin/catalina.sh); choose another --out");
        }
        for (String d : new String[] {"bin", "conf", "lib", "logs", "temp", "work", "webapps", "shared/classes"}) {
            Files.createDirectories(abs.resolve(d));
        }
        Files.write(abs.resolve("bin/catalina.sh"), Distribution.resource("catalina.sh"));
        Files.setPosixFilePermissions(abs.resolve("bin/catalina.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.write(abs.resolve("bin/setenv.sh"), ("# The operator's settings, read by catalina.sh.\n"
                + "CATALINA_PID=\"$CATALINA_BASE/temp/catalina.pid\"\n").getBytes("UTF-8"));
        Files.write(abs.resolve("conf/server.xml"), ServerXml.standard(port));
        Files.write(abs.resolve("conf/catalina.properties"),
                "shared.loader=${catalina.base}/shared/classes,${catalina.base}/shared/lib/*.jar\n".getBytes("UTF-8"));
        Files.copy(simJar, abs.resolve("lib/acs-sim.jar"));
        return abs;
    }
}
