package dev.drover.acssim.node;

import dev.drover.acssim.config.Installation;
import dev.drover.acssim.war.AlfrescoWar;
import dev.drover.acssim.war.ModuleInfo;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.UUID;

/** Steps 4-6 of a start: the system content check, the module registry, the old multi-tenancy files. */
final class RepositoryChecks {
    static final String CONFIG_CHECKER = "org.alfresco.repo.admin.ConfigurationChecker";
    static final String MODULES = "org.alfresco.repo.module.ModuleServiceImpl";

    private final NodeLog log;
    private final Installation acs;
    private final NodeSettings settings;

    RepositoryChecks(NodeLog log, Installation acs, NodeSettings settings) {
        this.log = log;
        this.acs = acs;
        this.settings = settings;
    }

    /**
     * The system descriptor's content must be a file under {@code dir.contentstore}: ACS's ConfigurationChecker
     * checks that one content, not every URL (missing user content shows only when it is read).
     */
    void contentIntegrity(Connection c) throws SQLException, StartupFailure {
        Path store = acs.contentStore();
        log.info(CONFIG_CHECKER, "The Alfresco root data directory ('dir.root') is: " + acs.dirRoot());
        String url = null;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT u.content_url FROM alf_descriptor d JOIN alf_content_url u"
                        + " ON u.id = d.content_url_id")) {
            if (rs.next()) {
                url = rs.getString(1);
            }
        }
        if (settings.fault == Fault.CONTENT_INTEGRITY) {
            throw missing(url != null ? url : "store://2019/9/9/8/16/" + UUID.randomUUID() + ".bin");
        }
        if (url != null && !Files.isRegularFile(file(store, url))) {
            throw missing(url);
        }
    }

    private StartupFailure missing(String url) {
        return new StartupFailure(CONFIG_CHECKER, "CONTENT INTEGRITY ERROR: System content not found in content store: '"
                + url + "'. Ensure that the 'dir.root' property '" + acs.dirRoot()
                + "' is pointing to the correct data location.");
    }

    /** {@code store://2019/9/9/8/16/x.bin} is {@code <contentstore>/2019/9/9/8/16/x.bin}. */
    static Path file(Path store, String url) {
        int scheme = url.indexOf("://");
        return store.resolve(scheme < 0 ? url : url.substring(scheme + 3));
    }

    /** Records new and upgraded modules; a module older in the WAR than in {@code alf_module} is a downgrade. */
    void modules(Connection c, AlfrescoWar war) throws SQLException, StartupFailure {
        log.info(MODULES, "Found " + war.modules().size() + " module(s).");
        for (ModuleInfo m : war.modules()) {
            String recorded = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT version FROM alf_module WHERE module_id = ?")) {
                ps.setString(1, m.id());
                try (ResultSet rs = ps.executeQuery()) {
                    recorded = rs.next() ? rs.getString(1) : null;
                }
            }
            if (recorded == null) {
                log.info(MODULES, "Installing module '" + m.id() + "' version " + m.version() + ".");
                update(c, "INSERT INTO alf_module (version, installed_on, module_id) VALUES (?, ?, ?)", m);
            } else if (ModuleInfo.compareVersions(m.version(), recorded) < 0) {
                throw new StartupFailure(MODULES, "Downgrading of modules is not supported. Module '" + m.id()
                        + "' is at version " + recorded + " in the repository but " + m.version()
                        + " is installed in alfresco.war. Install version " + recorded + " or later of the module.");
            } else if (ModuleInfo.compareVersions(m.version(), recorded) > 0) {
                log.info(MODULES, "Upgrading module '" + m.id() + "' from version " + recorded + " to " + m.version() + ".");
                update(c, "UPDATE alf_module SET version = ?, installed_on = ? WHERE module_id = ?", m);
            }
        }
    }

    private static void update(Connection c, String sql, ModuleInfo m) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, m.version());
            ps.setTimestamp(2, new Timestamp(System.currentTimeMillis()));
            ps.setString(3, m.id());
            ps.executeUpdate();
        }
    }

    /** 5.2+ fails on the pre-5.2 multi-tenancy context files left in {@code extension/mt/}. */
    void multiTenancy() throws StartupFailure {
        Path mt = acs.extensionDir().resolve("mt");
        if (!Files.isDirectory(mt)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(mt, "mt-*.xml")) {
            for (Path f : files) {
                throw new StartupFailure("org.springframework.web.context.ContextLoader", "Context initialization failed"
                        + " org.springframework.beans.factory.BeanCreationException: Error creating bean defined in file ["
                        + f + "]: the multi-tenancy context files of earlier versions are not supported; back them up"
                        + " and delete them (mt-context.xml, mt-admin-context.xml, mt-contentstore-context.xml).");
            }
        } catch (IOException e) {
            throw new StartupFailure("org.springframework.web.context.ContextLoader",
                    "Context initialization failed: cannot read " + mt + ": " + e.getMessage());
        }
    }
}
