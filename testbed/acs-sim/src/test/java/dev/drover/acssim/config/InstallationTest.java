package dev.drover.acssim.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.acssim.SimException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallationTest {
    @TempDir
    Path home;

    private void write(String properties) throws Exception {
        Path file = home.resolve(Installation.GLOBAL_PROPERTIES);
        Files.createDirectories(file.getParent());
        Files.write(file, properties.getBytes("ISO-8859-1"));
    }

    @Test
    void solrIndexesAreWhereEachCoresSolrcorePropertiesSaysElseUnderDirRoot() throws Exception {
        write("dir.root=/srv/root\n");
        Path core = home.resolve("solr4/workspace-SpacesStore/conf/solrcore.properties");
        Files.createDirectories(core.getParent());
        Files.write(core, "data.dir.root=/srv/solr/index\ndata.dir.store=workspace/SpacesStore\n".getBytes("ISO-8859-1"));
        Path archive = home.resolve("solr4/archive-SpacesStore/conf/solrcore.properties");
        Files.createDirectories(archive.getParent());
        Files.write(archive, "data.dir.root=alf_data/solr4/index\ndata.dir.store=archive/SpacesStore\n".getBytes("ISO-8859-1"));
        java.util.Map<String, Path> indexes = Installation.load(home).solrIndexes();
        assertEquals(Path.of("/srv/solr/index/workspace/SpacesStore"), indexes.get("alfresco"));
        assertEquals(home.toAbsolutePath().resolve("alf_data/solr4/index/archive/SpacesStore"), indexes.get("archive"));
        Files.delete(core);
        assertEquals(Path.of("/srv/root/solr4/index/workspace/SpacesStore"), Installation.load(home).solrIndexes().get("alfresco"));
    }

    @Test
    void dirRootIsRelativeToTheInstallationAndExpandsIntoOtherProperties() throws Exception {
        write("dir.root=./alf_data\ndir.contentstore=${dir.root}/cs\ndb.url=jdbc:h2:file:${dir.root}/h2/alf\n");
        Installation acs = Installation.load(home);
        assertEquals(home.toAbsolutePath().resolve("alf_data"), acs.dirRoot());
        assertEquals(home.toAbsolutePath().resolve("alf_data/cs"), acs.contentStore());
        assertEquals(home.toAbsolutePath().resolve("alf_data/contentstore.deleted"), acs.contentStoreDeleted());
        assertEquals("jdbc:h2:file:" + home.toAbsolutePath().resolve("alf_data/h2/alf"), acs.database().url());
    }

    @Test
    void defaultsWhenDirRootIsUnsetAndUnknownReferencesStayAsWritten() throws Exception {
        write("db.url=jdbc:postgresql://127.0.0.1:5432/alfresco\nfoo=${nope}/x\n");
        Installation acs = Installation.load(home);
        assertEquals(home.toAbsolutePath().resolve("alf_data/contentstore"), acs.contentStore());
        assertEquals("${nope}/x", acs.properties().get("foo", null));
        assertEquals(DbConfig.Kind.POSTGRESQL, acs.database().kind());
    }

    @Test
    void aCycleIsAnErrorNamingTheProperty() throws Exception {
        write("a=${b}\nb=${a}\ndb.url=jdbc:h2:mem:x\n");
        SimException e = assertThrows(SimException.class, () -> Installation.load(home));
        assertTrue(e.getMessage().contains("refers to itself"), e.getMessage());
    }

    @Test
    void aMissingPropertiesFileSaysWhatAnInstallationNeeds() {
        SimException e = assertThrows(SimException.class, () -> Installation.load(home));
        assertTrue(e.getMessage().contains("alfresco-global.properties"), e.getMessage());
    }

    @Test
    void anUnsupportedDatabaseIsNamed() throws Exception {
        write("db.url=jdbc:mysql://x/alfresco\n");
        SimException e = assertThrows(SimException.class, () -> Installation.load(home).database());
        assertTrue(e.getMessage().contains("jdbc:mysql"), e.getMessage());
    }

    @Test
    void relativeH2PathsConnect() throws Exception {
        write("db.url=jdbc:h2:./alf_data/h2/alf;AUTO_SERVER=TRUE\n");
        DbConfig db = Installation.load(home).database();
        assertEquals("jdbc:h2:file:" + home.toAbsolutePath().resolve("alf_data/h2/alf") + ";AUTO_SERVER=TRUE", db.url());
        try (Connection c = db.connect()) {
            assertTrue(c.isValid(5));
        }
    }

    @Test
    void alfrescoLogGoesWhereLog4jsFileAppenderSays() throws Exception {
        write("dir.root=./alf_data\n");
        assertEquals(home.toAbsolutePath().resolve("alfresco.log"), Installation.load(home).alfrescoLog());
        Path custom = home.resolve(Installation.EXTENSION_DIR).resolve("custom-log4j.properties");
        Files.createDirectories(custom.getParent());
        Files.write(custom, "log4j.appender.File.File=/var/log/alfresco/alfresco.log\n".getBytes("ISO-8859-1"));
        assertEquals(Path.of("/var/log/alfresco/alfresco.log"), Installation.load(home).alfrescoLog());
        Files.write(custom, "log4j.appender.File.File=logs/alfresco.log\n".getBytes("ISO-8859-1"));
        assertEquals(home.toAbsolutePath().resolve("logs/alfresco.log"), Installation.load(home).alfrescoLog());
    }
}
