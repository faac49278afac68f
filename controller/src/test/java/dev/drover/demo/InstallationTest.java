package dev.drover.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Installing the old version by hand: unzip with the Unix modes, and a node's own properties. */
class InstallationTest {
    @TempDir
    Path tmp;

    @Test
    void unzipKeepsTheScriptsExecutable() throws IOException {
        Path zip = tmp.resolve("dist.zip");
        try (FileSystem fs = FileSystems.newFileSystem(URI.create("jar:" + zip.toUri()),
                Map.of("create", "true", "enablePosixFileAttributes", "true"))) {
            Path script = fs.getPath("/acs/alfresco.sh");
            Files.createDirectories(script.getParent());
            Files.writeString(script, "#!/bin/sh\necho ok\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.writeString(fs.getPath("/acs/readme.txt"), "text");
            Files.setPosixFilePermissions(fs.getPath("/acs/readme.txt"), PosixFilePermissions.fromString("rw-r--r--"));
        }
        Path dest = tmp.resolve("base");
        Installation.unzip(zip, dest);
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(dest.resolve("acs/alfresco.sh"))));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(dest.resolve("acs/readme.txt"))));
        assertEquals("text", Files.readString(dest.resolve("acs/readme.txt")));
    }

    @Test
    void propertiesAreReplacedInPlaceAndNewOnesAppended() throws IOException {
        Path props = tmp.resolve("alfresco-global.properties");
        Files.write(props, List.of("# database", "db.url=jdbc:h2:./x", "  alfresco.port = 8080", "#alfresco.port=9", "other=1"));
        Installation.setProperties(props, Map.of("alfresco.port", "18080", "db.url", "jdbc:h2:file:/d/alfresco", "dir.root", "/r"));
        assertEquals(List.of("# database", "db.url=jdbc:h2:file:/d/alfresco", "alfresco.port=18080", "#alfresco.port=9", "other=1",
                "", "# drover demo sandbox", "dir.root=/r"), Files.readAllLines(props));
    }

    @Test
    void theHttpConnectorMovesInServerXmlAndNothingElseChanges() throws IOException {
        Path conf = Files.createDirectories(tmp.resolve("acs/tomcat/conf"));
        String shipped = "<Server port=\"8005\">\n  <Connector port=\"8080\" protocol=\"HTTP/1.1\" redirectPort=\"8443\"/>\n"
                + "  <Connector port=\"8009\" protocol=\"AJP/1.3\"/>\n</Server>\n";
        Files.writeString(conf.resolve("server.xml"), shipped);
        Installation.setHttpPort(tmp.resolve("acs"), 18081);
        assertEquals(shipped.replace("port=\"8080\"", "port=\"18081\""), Files.readString(conf.resolve("server.xml")));
        IOException e = assertThrows(IOException.class, () -> Installation.setHttpPort(tmp.resolve("acs"), 18082));
        assertTrue(e.getMessage().contains("server.xml has no"), e.getMessage());
    }

    @Test
    void anEntryNamingAParentDirectoryStaysInsideTheDestination() throws IOException {
        Path zip = tmp.resolve("evil.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("../escaped.txt"));
            out.write('x');
            out.closeEntry();
        }
        Path dest = Files.createDirectories(tmp.resolve("base/inner"));
        try {
            Installation.unzip(zip, dest);
        } catch (IOException refused) {
            // refusing is fine too
        }
        assertFalse(Files.exists(tmp.resolve("base/escaped.txt")), "nothing is written outside the destination");
    }
}
