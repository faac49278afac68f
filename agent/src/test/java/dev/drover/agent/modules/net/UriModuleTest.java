package dev.drover.agent.modules.net;

import static dev.drover.agent.modules.net.WaitForModuleTest.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.drover.agent.module.Args;
import dev.drover.agent.module.ModuleContext;
import dev.drover.agent.module.ModuleException;
import dev.drover.agent.modules.NoProcesses;
import dev.drover.protocol.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** uri against a small JDK HTTP server on 127.0.0.1 in this JVM, shaped like ACS's probes. */
class UriModuleTest {
    private static final String READY = "{\"entry\":{\"message\":\"readyProbe: Success - Tested\"}}";

    private HttpServer server;
    private String base;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String probes = "/alfresco/api/-default-/public/alfresco/versions/1/probes/";
        server.createContext(probes + "-ready-", ex -> reply(ex, 200, "application/json;charset=UTF-8", READY));
        server.createContext(probes + "-live-", ex -> reply(ex, 503, "application/json", "{\"error\":{\"statusCode\":503}}"));
        server.createContext("/echo", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String type = String.valueOf(ex.getRequestHeaders().getFirst("Content-Type"));
            String custom = String.valueOf(ex.getRequestHeaders().getFirst("X-Ticket"));
            reply(ex, 200, "text/plain", ex.getRequestMethod() + "|" + type + "|" + custom + "|" + body);
        });
        server.createContext("/secure", ex -> {
            String expected = "Basic " + Base64.getEncoder().encodeToString("admin:s3cret pass".getBytes(StandardCharsets.UTF_8));
            if (expected.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                reply(ex, 200, "text/plain", "welcome");
            } else {
                ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"Alfresco\"");
                reply(ex, 401, "text/plain", "who are you?");
            }
        });
        server.createContext("/old", ex -> {
            ex.getResponseHeaders().add("Location", "/alfresco/api/-default-/public/alfresco/versions/1/probes/-ready-");
            reply(ex, 302, "text/plain", "");
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private static void reply(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
        ex.close();
    }

    private static Map<String, Object> run(Map<String, Object> args, boolean check) throws ModuleException {
        return new UriModule().run(new Args(args), new ModuleContext(check, false, NoProcesses.RUNNER)).toMap();
    }

    private static Map<String, Object> run(Map<String, Object> args) throws ModuleException {
        return run(args, false);
    }

    @Test
    void readyProbeReturnsStatusAndParsedJson() throws Exception {
        Map<String, Object> r = run(args("url", base + "/alfresco/api/-default-/public/alfresco/versions/1/probes/-ready-"));
        assertEquals(false, r.get("failed"), String.valueOf(r));
        assertEquals(false, r.get("changed"));
        assertEquals(200, r.get("status"));
        assertEquals(Collections.singletonMap("entry", Collections.singletonMap("message", "readyProbe: Success - Tested")), r.get("json"));
        assertFalse(r.containsKey("content"), "content only with return_content");
        assertEquals("application/json;charset=UTF-8", r.get("content_type"), "headers lowercased, - as _");
        assertEquals("OK (" + READY.length() + " bytes)", r.get("msg"));
        assertEquals(false, r.get("redirected"));
        assertTrue(r.get("elapsed") instanceof Double);
        Map<String, Object> withContent = run(args("url", base + "/alfresco/api/-default-/public/alfresco/versions/1/probes/-ready-",
                "return_content", true));
        assertEquals(READY, withContent.get("content"));
    }

    @Test
    void unexpectedStatusFailsWithAnsiblesMessageAndTheBody() throws Exception {
        String live = base + "/alfresco/api/-default-/public/alfresco/versions/1/probes/-live-";
        Map<String, Object> r = run(args("url", live));
        assertEquals(true, r.get("failed"));
        assertEquals(503, r.get("status"));
        assertEquals("Status code was 503 and not [200]: HTTP Error 503: Service Unavailable", r.get("msg"));
        assertEquals("{\"error\":{\"statusCode\":503}}", r.get("content"));
        Map<String, Object> accepted = run(args("url", live, "status_code", Arrays.asList(200, "503")));
        assertEquals(false, accepted.get("failed"), String.valueOf(accepted));
        assertEquals(false, run(args("url", live, "status_code", 503)).get("failed"));
    }

    @Test
    void refusedConnectionIsStatusMinusOne() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Map<String, Object> r = run(args("url", "http://127.0.0.1:" + port + "/alfresco/", "timeout", 5));
        assertEquals(true, r.get("failed"));
        assertEquals(-1, r.get("status"));
        String msg = String.valueOf(r.get("msg"));
        assertTrue(msg.startsWith("Status code was -1 and not [200]: Request failed: connection refused by 127.0.0.1:" + port), msg);
    }

    @Test
    void bodyFormats() throws Exception {
        Map<String, Object> json = run(args("url", base + "/echo", "method", "POST", "body_format", "json",
                "body", args("name", "alfresco", "nodes", Arrays.asList(1, 2)), "return_content", true));
        assertEquals("POST|application/json|null|{\"name\":\"alfresco\",\"nodes\":[1,2]}", json.get("content"));

        Map<String, Object> form = run(args("url", base + "/echo", "method", "POST", "body_format", "form-urlencoded",
                "body", args("q", "a b&c", "tag", Arrays.asList("x", "y"), "on", true), "return_content", true));
        assertEquals("POST|application/x-www-form-urlencoded|null|q=a+b%26c&tag=x&tag=y&on=True", form.get("content"));

        Map<String, Object> raw = run(args("url", base + "/echo", "method", "PUT", "body", "plain text",
                "headers", args("Content-Type", "text/x-custom", "X-Ticket", "TICKET_1"), "return_content", true));
        assertEquals("PUT|text/x-custom|TICKET_1|plain text", raw.get("content"));

        assertTrue(assertThrows(ModuleException.class, () -> run(args("url", base + "/echo", "method", "POST", "body", args("a", 1))))
                .getMessage().contains("body_format"));
    }

    @Test
    void basicAuthAnswersTheChallengeAndNeverReturnsThePassword() throws Exception {
        Map<String, Object> anonymous = run(args("url", base + "/secure"));
        assertEquals(401, anonymous.get("status"));
        Map<String, Object> r = run(args("url", base + "/secure", "url_username", "admin", "url_password", "s3cret pass", "return_content", true));
        assertEquals(200, r.get("status"), String.valueOf(r));
        assertEquals("welcome", r.get("content"));
        Map<String, Object> forced = run(args("url", base + "/secure", "user", "admin", "password", "s3cret pass", "force_basic_auth", true));
        assertEquals(200, forced.get("status"));
        Map<String, Object> inUrl = run(args("url", base.replace("http://", "http://admin:s3cret%20pass@") + "/secure"));
        assertEquals(200, inUrl.get("status"), String.valueOf(inUrl));
        for (Map<String, Object> result : Arrays.asList(r, forced, inUrl)) {
            String wire = new String(Json.write(result), StandardCharsets.UTF_8);
            assertFalse(wire.contains("s3cret"), wire);
        }
    }

    @Test
    void redirectsAreFollowedForGetUnlessSwitchedOff() throws Exception {
        Map<String, Object> r = run(args("url", base + "/old"));
        assertEquals(200, r.get("status"), String.valueOf(r));
        assertEquals(true, r.get("redirected"));
        assertTrue(String.valueOf(r.get("url")).endsWith("/probes/-ready-"));
        Map<String, Object> none = run(args("url", base + "/old", "follow_redirects", "none", "status_code", 302));
        assertEquals(302, none.get("status"));
        assertEquals(false, none.get("redirected"));
        Map<String, Object> post = run(args("url", base + "/old", "method", "POST", "body", "x"));
        assertEquals(302, post.get("status"), "safe: POST is not redirected");
    }

    @Test
    void checkModeSendsOnlyReadOnlyMethods() throws Exception {
        Map<String, Object> post = run(args("url", base + "/echo", "method", "POST", "body", "x"), true);
        assertEquals(true, post.get("skipped"));
        assertNull(post.get("status"));
        Map<String, Object> get = run(args("url", base + "/alfresco/api/-default-/public/alfresco/versions/1/probes/-ready-"), true);
        assertEquals(200, get.get("status"));
    }

    @Test
    void argumentMistakes() {
        assertTrue(assertThrows(ModuleException.class, () -> run(args("url", base, "method", "get")))
                .getMessage().contains("uppercase"));
        assertTrue(assertThrows(ModuleException.class, () -> run(args("url", "ftp://127.0.0.1/x")))
                .getMessage().contains("http://"));
        assertTrue(assertThrows(ModuleException.class, () -> run(args("url", base, "body_format", "form-multipart", "body", args("a", "b"))))
                .getMessage().contains("form-multipart"));
        List<String> known = Arrays.asList("none", "safe", "all");
        assertTrue(assertThrows(ModuleException.class, () -> run(args("url", base, "follow_redirects", "sometimes")))
                .getMessage().contains(known.get(0)));
    }
}
