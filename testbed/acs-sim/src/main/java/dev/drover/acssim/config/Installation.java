package dev.drover.acssim.config;

import dev.drover.acssim.SimException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;

/**
 * One ACS installation ({@code --home}): where its files are and what its
 * {@code alfresco-global.properties} says. Immutable; load it again to see edits.
 *
 * <pre>{@code
 * Installation acs = Installation.load(Paths.get("/opt/alfresco-content-services-5.2.7"));
 * Path store = acs.contentStore();
 * try (Connection c = acs.database().connect()) { ... }
 * }</pre>
 */
public final class Installation {
    /** Relative to the installation (the installer's layout, and the distribution's usual Tomcat place). */
    public static final String GLOBAL_PROPERTIES = "tomcat/shared/classes/alfresco-global.properties";
    public static final String EXTENSION_DIR = "tomcat/shared/classes/alfresco/extension";
    public static final String ALFRESCO_WAR = "tomcat/webapps/alfresco.war";
    public static final String SHARE_WAR = "tomcat/webapps/share.war";
    /** Relative to Tomcat's CATALINA_BASE. */
    private static final String BASE_PROPERTIES = "shared/classes/alfresco-global.properties";
    public static final String DEFAULT_DIR_ROOT = "./alf_data";

    private final Path home;
    private final Path catalinaBase;
    private final GlobalProperties properties;
    private final Path dirRoot;

    private Installation(Path home, Path catalinaBase, GlobalProperties properties, Path dirRoot) {
        this.home = home;
        this.catalinaBase = catalinaBase;
        this.properties = properties;
        this.dirRoot = dirRoot;
    }

    /**
     * Reads {@code home}'s global properties. {@code dir.root} is resolved against {@code home} (not the
     * working directory) before expansion, so {@code ${dir.root}} in other properties is absolute.
     *
     * @throws SimException when {@code home} is not a directory or the properties cannot be read
     */
    public static Installation load(Path home) {
        return load(home, null);
    }

    /**
     * As {@link #load(Path)}, with Tomcat's {@code CATALINA_BASE} somewhere else than {@code home/tomcat} (a
     * distribution-zip installation deployed into the operator's own Tomcat; {@code null}: {@code home/tomcat}).
     * {@code home} stays the JVM's working directory, against which relative paths resolve.
     */
    public static Installation load(Path home, Path catalinaBase) {
        Path abs = home.toAbsolutePath().normalize();
        Path base = catalinaBase == null ? abs.resolve("tomcat") : catalinaBase.toAbsolutePath().normalize();
        if (!Files.isDirectory(abs)) {
            throw new SimException("--home " + home + " is not a directory; give the ACS installation directory"
                    + " (the one holding alfresco.sh and tomcat/)");
        }
        Path file = base.resolve(BASE_PROPERTIES);
        GlobalProperties firstPass = GlobalProperties.read(file, Collections.<String, String>emptyMap());
        Path dirRoot = abs.resolve(firstPass.get("dir.root", DEFAULT_DIR_ROOT)).normalize();
        GlobalProperties props = GlobalProperties.read(file,
                Collections.singletonMap("dir.root", dirRoot.toString()));
        return new Installation(abs, base, props, dirRoot);
    }

    /** The installation directory, absolute. */
    public Path home() {
        return home;
    }

    /** Tomcat's CATALINA_BASE, absolute: {@code conf/}, {@code webapps/}, {@code shared/classes/}, {@code logs/}. */
    public Path catalinaBase() {
        return catalinaBase;
    }

    public GlobalProperties properties() {
        return properties;
    }

    /** {@code dir.root}, absolute. */
    public Path dirRoot() {
        return dirRoot;
    }

    /** {@code dir.contentstore}, default {@code ${dir.root}/contentstore}. */
    public Path contentStore() {
        return resolve(properties.get("dir.contentstore", dirRoot.resolve("contentstore").toString()));
    }

    /** {@code dir.contentstore.deleted}, default {@code ${dir.root}/contentstore.deleted}. */
    public Path contentStoreDeleted() {
        return resolve(properties.get("dir.contentstore.deleted",
                dirRoot.resolve("contentstore.deleted").toString()));
    }

    /**
     * {@code dir.keystore}, default {@code ${dir.root}/keystore} (5.x's repository.properties): the metadata
     * keystore {@code keystore} and its {@code keystore-passwords.properties}.
     */
    public Path keystoreDir() {
        return resolve(properties.get("dir.keystore", dirRoot.resolve("keystore").toString()));
    }

    /**
     * Where {@code alfresco.log} goes, as log4j's file appender says: {@code log4j.appender.File.File} in
     * {@code extension/custom-log4j.properties} (log4j 1, 5.x/6.x) or {@code appender.rolling.fileName} in
     * {@code extension/custom-log4j2.properties} (log4j 2, 7.x); relative paths are taken from Tomcat's working
     * directory (the installation). Default: {@code alfresco.log} there, the installer's setting.
     */
    public Path alfrescoLog() {
        String[][] sources = {{"custom-log4j.properties", "log4j.appender.File.File"},
            {"custom-log4j2.properties", "appender.rolling.fileName"}};
        for (String[] src : sources) {
            Path file = extensionDir().resolve(src[0]);
            if (Files.isRegularFile(file)) {
                java.util.Properties p = new java.util.Properties();
                try (java.io.InputStream in = Files.newInputStream(file)) {
                    p.load(in);
                } catch (java.io.IOException e) {
                    throw new SimException("cannot read " + file + ": " + e.getMessage());
                }
                String value = p.getProperty(src[1]);
                if (value != null && !value.trim().isEmpty()) {
                    return resolve(value.trim());
                }
            }
        }
        return home.resolve("alfresco.log");
    }

    /**
     * Each Solr 4 core's index directory (core name {@code alfresco} or {@code archive}), as the core's
     * {@code solr4/<workspace|archive>-SpacesStore/conf/solrcore.properties} says: {@code data.dir.root} (relative
     * paths from Tomcat's working directory, the installation) plus {@code data.dir.store}. A core without that
     * file or setting indexes under {@code dir.root/solr4/index}, the 5.x bundle's setting.
     */
    public java.util.Map<String, Path> solrIndexes() {
        java.util.Map<String, Path> out = new java.util.LinkedHashMap<>();
        String[][] cores = {{"alfresco", "workspace-SpacesStore", "workspace/SpacesStore"},
            {"archive", "archive-SpacesStore", "archive/SpacesStore"}};
        for (String[] core : cores) {
            Path file = home.resolve("solr4").resolve(core[1]).resolve("conf/solrcore.properties");
            java.util.Properties p = new java.util.Properties();
            if (Files.isRegularFile(file)) {
                try (java.io.InputStream in = Files.newInputStream(file)) {
                    p.load(in);
                } catch (java.io.IOException e) {
                    throw new SimException("cannot read " + file + ": " + e.getMessage());
                }
            }
            String root = p.getProperty("data.dir.root", "").trim();
            Path dataRoot = root.isEmpty() ? dirRoot.resolve("solr4/index") : resolve(root);
            out.put(core[0], dataRoot.resolve(p.getProperty("data.dir.store", core[2]).trim()).normalize());
        }
        return out;
    }

    /** The shared {@code alfresco/extension} directory. */
    public Path extensionDir() {
        return catalinaBase.resolve("shared/classes/alfresco/extension");
    }

    public Path alfrescoWar() {
        return catalinaBase.resolve("webapps/alfresco.war");
    }

    public Path shareWar() {
        return catalinaBase.resolve("webapps/share.war");
    }

    /** The database named by {@code db.*}. */
    public DbConfig database() {
        return DbConfig.from(properties, home);
    }

    private Path resolve(String path) {
        return home.resolve(Paths.get(path)).normalize();
    }
}
