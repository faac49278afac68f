package dev.drover.acssim.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.acssim.SimException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerXmlTest {
    @TempDir
    Path dir;

    private ServerXml read(String xml) throws Exception {
        Path file = dir.resolve("server.xml");
        Files.write(file, xml.getBytes(StandardCharsets.UTF_8));
        return ServerXml.read(file);
    }

    @Test
    void theHttpConnectorIsTheFirstNonAjpOneCommentsIgnored() throws Exception {
        ServerXml x = read("<Server port=\"8005\"><Service name=\"Catalina\">"
                + "<!-- <Connector port=\"9999\" protocol=\"HTTP/1.1\"/> -->"
                + "<Connector port=\"8009\" protocol=\"AJP/1.3\"/>"
                + "<Connector address=\"127.0.0.12\" port=\"18081\" protocol=\"org.apache.coyote.http11.Http11NioProtocol\"/>"
                + "<Connector port=\"18082\"/></Service></Server>");
        assertEquals(18081, x.port());
        assertEquals("127.0.0.12", x.address());
        assertEquals(8080, read(new String(ServerXml.standard(8080), StandardCharsets.UTF_8)).port());
        assertEquals("", read(new String(ServerXml.standard(8080), StandardCharsets.UTF_8)).address());
    }

    @Test
    void noHttpConnectorOrABadFileIsAnErrorNamingTheFile() throws Exception {
        SimException e = assertThrows(SimException.class,
                () -> read("<Server><Service><Connector port=\"8009\" protocol=\"AJP/1.3\"/></Service></Server>"));
        assertTrue(e.getMessage().contains("server.xml has no HTTP/1.1 <Connector>"), e.getMessage());
        e = assertThrows(SimException.class, () -> read("<Server><Service"));
        assertTrue(e.getMessage().contains("Failed to parse") && e.getMessage().contains("server.xml"), e.getMessage());
    }
}
