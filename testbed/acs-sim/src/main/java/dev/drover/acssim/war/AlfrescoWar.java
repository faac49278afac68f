package dev.drover.acssim.war;

import dev.drover.acssim.SimException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The version and the modules of an {@code alfresco.war}, read once. Immutable.
 *
 * <pre>{@code
 * AlfrescoWar war = AlfrescoWar.read(installation.alfrescoWar());
 * war.version();   // "5.2.7"
 * war.modules();   // module.properties of each installed module, by id
 * }</pre>
 */
public final class AlfrescoWar {
    public static final String VERSION_PROPERTIES = "WEB-INF/classes/alfresco/version.properties";
    /** Followed by {@code <moduleId>/module.properties}. */
    public static final String MODULE_DIR = "WEB-INF/classes/alfresco/module/";

    private final Properties version;
    private final List<ModuleInfo> modules;

    private AlfrescoWar(Properties version, List<ModuleInfo> modules) {
        this.version = version;
        this.modules = Collections.unmodifiableList(modules);
    }

    /** @throws SimException when the file is missing, not a zip, or has no version.properties */
    public static AlfrescoWar read(Path war) {
        try (ZipFile zip = new ZipFile(war.toFile())) {
            ZipEntry v = zip.getEntry(VERSION_PROPERTIES);
            if (v == null) {
                throw new SimException(war + " has no " + VERSION_PROPERTIES + "; it is not an Alfresco repository WAR");
            }
            Properties version = load(zip, v);
            List<ModuleInfo> modules = new ArrayList<>();
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
                ZipEntry entry = e.nextElement();
                String name = entry.getName();
                if (name.startsWith(MODULE_DIR) && name.endsWith("/module.properties")
                        && name.indexOf('/', MODULE_DIR.length()) == name.length() - "/module.properties".length()) {
                    modules.add(ModuleInfo.from(load(zip, entry)));
                }
            }
            Collections.sort(modules, (a, b) -> a.id().compareTo(b.id()));
            return new AlfrescoWar(version, modules);
        } catch (IOException e) {
            throw new SimException("cannot read " + war + ": " + e.getMessage()
                    + " (tomcat/webapps/alfresco.war must be the repository WAR of the distribution)");
        }
    }

    private static Properties load(ZipFile zip, ZipEntry entry) throws IOException {
        Properties p = new Properties();
        try (InputStream in = zip.getInputStream(entry)) {
            p.load(in);
        }
        return p;
    }

    /** {@code major.minor.revision}, e.g. {@code 5.2.7}. */
    public String version() {
        return version.getProperty("version.major") + "." + version.getProperty("version.minor") + "."
                + version.getProperty("version.revision");
    }

    /** {@code version.schema}. */
    public int schema() {
        return Integer.parseInt(version.getProperty("version.schema", "0").trim());
    }

    public String build() {
        return version.getProperty("version.build", "");
    }

    public String edition() {
        return version.getProperty("version.edition", "Enterprise");
    }

    /** As the success line shows it: {@code 5.2.7 (r94d70ba6-b12)}. */
    public String display() {
        return version() + " (" + build() + ")";
    }

    /** Installed modules, sorted by id. */
    public List<ModuleInfo> modules() {
        return modules;
    }
}
