package dev.drover.acssim.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.acssim.http.HttpServer;
import dev.drover.acssim.http.Repository.Status;
import dev.drover.acssim.persona.Persona;
import dev.drover.acssim.war.ModuleInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public REST API v1 slice over real HTTP, on a started node's H2 database and content store. */
class RestApiTest {
    private static final String API = "/alfresco/api/-default-/public/alfresco/versions/1";
    private static final String TICKETS = "/alfresco/api/-default-/public/authentication/versions/1/tickets";
    private static final String ADMIN = "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path dir;
    private HttpServer http;
    private TestNode node;

    private static final class Reply {
        final int status;
        final byte[] body;
        final String type;

        Reply(int status, byte[] body, String type) {
            this.status = status;
            this.body = body;
            this.type = type;
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private void start(boolean share) throws Exception {
        node = new TestNode(dir.resolve("acs"), dir.resolve("db/alfresco"), Persona.V5_2_7,
                new ModuleInfo("acme-tools", "1.0.0", "Acme", "Acme tools", "2019-09-09"));
        assertEquals(Status.STARTED, node.start(), node.log());
        node.state.openConnector();
        http = HttpServer.start("127.0.0.1", 0, node.state, null, new RepositoryDocuments(node.installation()), "admin", share);
    }

    @AfterEach
    void close() {
        if (http != null) {
            http.close();
        }
    }

    private Reply call(String method, String path, String auth, String type, byte[] body) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + http.port() + path).openConnection();
        c.setRequestMethod(method);
        if (auth != null) {
            c.setRequestProperty("Authorization", auth);
        }
        if (body != null) {
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", type);
            try (OutputStream out = c.getOutputStream()) {
                out.write(body);
            }
        }
        int status = c.getResponseCode();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
            if (in != null) {
                byte[] buf = new byte[8192];
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    bytes.write(buf, 0, n);
                }
            }
        }
        return new Reply(status, bytes.toByteArray(), c.getContentType());
    }

    private static String id(String json) {
        Matcher m = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(json);
        assertTrue(m.find(), json);
        return m.group(1);
    }

    @Test
    void aTicketCreatesReadsAndDeletesADocument() throws Exception {
        start(false);
        assertEquals(403, call("POST", TICKETS, null, "application/json",
                "{\"userId\":\"admin\",\"password\":\"wrong\"}".getBytes(StandardCharsets.UTF_8)).status);
        Reply login = call("POST", TICKETS, null, "application/json",
                "{\"userId\":\"admin\",\"password\":\"admin\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(201, login.status, login.text());
        String ticket = id(login.text());
        assertTrue(ticket.startsWith("TICKET_"), ticket);
        String auth = "Basic " + Base64.getEncoder().encodeToString(ticket.getBytes(StandardCharsets.UTF_8));
        assertEquals(401, call("GET", API + "/nodes/-root-/children", null, null, null).status);

        Reply created = call("POST", API + "/nodes/-root-/children", auth, "application/json",
                "{\"name\":\"check.txt\",\"nodeType\":\"cm:content\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(201, created.status, created.text());
        String doc = id(created.text());
        assertEquals(409, call("POST", API + "/nodes/-root-/children", auth, "application/json",
                "{\"name\":\"check.txt\",\"nodeType\":\"cm:content\"}".getBytes(StandardCharsets.UTF_8)).status);
        byte[] content = "drover functional check\n".getBytes(StandardCharsets.UTF_8);
        Reply put = call("PUT", API + "/nodes/" + doc + "/content", auth, "text/plain", content);
        assertEquals(200, put.status, put.text());
        assertTrue(put.text().contains("\"sizeInBytes\":" + content.length), put.text());
        Reply read = call("GET", API + "/nodes/" + doc + "/content?alf_ticket=" + ticket, null, null, null);
        assertEquals(200, read.status);
        assertArrayEquals(content, read.body);
        try (Connection c = node.db(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT COUNT(*) FROM alf_content_url WHERE sha256 = '" + dev.drover.acssim.Sha256.hex(content) + "'")) {
            rs.next();
            assertEquals(1, rs.getInt(1), "the content is in the repository's database and store");
        }

        assertEquals(204, call("DELETE", API + "/nodes/" + doc, auth, null, null).status);
        Reply gone = call("GET", API + "/nodes/" + doc, auth, null, null);
        assertEquals(404, gone.status);
        assertTrue(gone.text().contains("\"statusCode\":404"), gone.text());
        assertEquals(404, call("DELETE", API + "/nodes/" + doc, auth, null, null).status);
    }

    @Test
    void multipartUploadListingAndAMissingFileFoundOnlyWhenRead() throws Exception {
        start(false);
        String body = "--XyZ\r\nContent-Disposition: form-data; name=\"filedata\"; filename=\"a.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\nhello\r\n--XyZ--\r\n";
        Reply created = call("POST", API + "/nodes/-root-/children", ADMIN, "multipart/form-data; boundary=XyZ",
                body.getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(201, created.status, created.text());
        assertTrue(created.text().contains("\"name\":\"a.bin\""), created.text());
        Reply list = call("GET", API + "/nodes/-root-/children?maxItems=10", ADMIN, null, null);
        assertTrue(list.text().contains("\"totalItems\":1"), "system nodes are not listed: " + list.text());

        String doc = id(created.text());
        try (Connection c = node.db(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT u.content_url FROM alf_node n JOIN alf_content_url u ON u.id = n.content_url_id"
                        + " WHERE n.uuid = '" + doc + "'")) {
            rs.next();
            Files.delete(RepositoryChecks.file(node.installation().contentStore(), rs.getString(1)));
        }
        close();
        assertEquals(Status.STARTED, node.start(), "missing user content does not stop a start");
        http = HttpServer.start("127.0.0.1", 0, node.state, null, new RepositoryDocuments(node.installation()), "admin", false);
        node.state.openConnector();
        Reply read = call("GET", API + "/nodes/" + doc + "/content", ADMIN, null, null);
        assertEquals(500, read.status, read.text());
        assertTrue(read.text().contains("Content not found in content store"), read.text());
    }

    @Test
    void modulesAreListedAndShareAnswersOnlyWhereInstalled() throws Exception {
        start(true);
        Reply modules = call("GET", API + "/modulepackages", ADMIN, null, null);
        assertEquals(200, modules.status, modules.text());
        assertTrue(modules.text().contains("{\"entry\":{\"id\":\"acme-tools\",\"version\":\"1.0.0\",\"installState\":\"INSTALLED\"}}"),
                modules.text());
        assertEquals(401, call("GET", API + "/modulepackages", null, null, null).status);
        Reply share = call("GET", "/share/page", null, null, null);
        assertEquals(200, share.status);
        assertTrue(share.type.startsWith("text/html"), share.type);
        assertTrue(share.text().contains("action=\"/share/page/dologin\""), share.text());
        close();
        http = HttpServer.start("127.0.0.1", 0, node.state, null, new RepositoryDocuments(node.installation()), "admin", false);
        assertEquals(404, call("GET", "/share/page", null, null, null).status);
    }
}
