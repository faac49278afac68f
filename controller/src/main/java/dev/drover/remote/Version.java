package dev.drover.remote;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The controller's version, from the Maven-filtered resource. */
public final class Version {
    private Version() {
    }

    public static String current() {
        try (InputStream in = Version.class.getResourceAsStream("/dev/drover/version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}
