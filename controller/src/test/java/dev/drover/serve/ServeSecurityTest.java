package dev.drover.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.cli.CliRun;
import dev.drover.state.StateDir;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Safe by default: loopback only unless TLS and a token; the token; TLS with a self-signed certificate. */
class ServeSecurityTest {
    @TempDir
    Path dir;
    StateDir state;

    @BeforeEach
    void runs() throws Exception {
        state = new StateDir(dir.resolve("state"));
        new Journals(state, dir).rolling("20261128-023000-aaaa", "site.yml", Instant.parse("2026-11-28T02:30:00Z"), null);
    }

    @Test
    void refusesToListenBeyondLoopbackWithoutTls() {
        CliRun r = CliRun.of("serve", "--bind", "0.0.0.0", "--port", "0", "--state-dir", state.root().toString());
        assertEquals(4, r.exitCode(), r.toString());
        assertTrue(r.err().contains("refusing to listen on 0.0.0.0 without TLS"), r.toString());
        assertTrue(r.err().contains("--tls-self-signed"), r.toString());
        // Only one of the two TLS files, or a token file that is not there: refused before anything listens.
        CliRun half = CliRun.of("serve", "--bind", "0.0.0.0", "--tls-cert", dir.resolve("c.pem").toString(), "--state-dir",
                state.root().toString());
        assertEquals(4, half.exitCode(), half.toString());
        assertTrue(half.err().contains("--tls-cert and --tls-key go together"), half.toString());
        // TLS without a token is refused too (the CLI always makes one; the rule holds for any caller).
        IllegalArgumentException noToken = assertThrows(IllegalArgumentException.class, () -> new ServeConfig(state, "0.0.0.0", 0,
                Optional.of(Tls.selfSigned("127.0.0.1")), Optional.empty()).check());
        assertTrue(noToken.getMessage().contains("without a token"), noToken.getMessage());
        // Loopback needs neither.
        new ServeConfig(state, "127.0.0.1", 0, Optional.empty(), Optional.empty()).check();
        new ServeConfig(state, "127.0.0.5", 0, Optional.empty(), Optional.empty()).check();
    }

    @Test
    void tlsWithASelfSignedCertificateWhoseFingerprintIsPrintedAndAToken() throws Exception {
        Tls tls = Tls.selfSigned("127.0.0.1");
        Access access = Access.generate();
        try (ServeServer server = ServeServer.start(new ServeConfig(state, "127.0.0.1", 0, Optional.of(tls), Optional.of(access)))) {
            assertTrue(server.url().startsWith("https://127.0.0.1:"), server.url());
            // A client that trusts only that certificate (what checking the printed fingerprint amounts to).
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            ks.setCertificateEntry("drover", tls.certificate());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            HttpClient client = HttpClient.newBuilder().sslContext(ssl).followRedirects(HttpClient.Redirect.NEVER).build();

            HttpResponse<String> anonymous = client.send(HttpRequest.newBuilder(URI.create(server.url() + "api/runs")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, anonymous.statusCode());
            SSLSession session = anonymous.sslSession().orElseThrow();
            X509Certificate seen = (X509Certificate) session.getPeerCertificates()[0];
            assertEquals(tls.fingerprint(), HexFormat.ofDelimiter(":").withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(seen.getEncoded())));

            HttpResponse<String> wrong = client.send(HttpRequest.newBuilder(URI.create(server.url() + "metrics"))
                    .header("Authorization", "Bearer " + access.token().substring(1) + "x").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, wrong.statusCode());
            HttpResponse<String> bearer = client.send(HttpRequest.newBuilder(URI.create(server.url() + "api/runs"))
                    .header("Authorization", "Bearer " + access.token()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, bearer.statusCode());
            assertTrue(bearer.body().contains("20261128-023000-aaaa"));

            // The printed URL: the token goes into a cookie and out of the address bar.
            HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(server.loginUrl(""))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(303, login.statusCode());
            assertEquals("/", login.headers().firstValue("location").orElse(""));
            String cookie = login.headers().firstValue("set-cookie").orElse("");
            assertTrue(cookie.contains("HttpOnly") && cookie.contains("Secure") && cookie.contains("SameSite=Strict"), cookie);
            HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(server.url() + "runs/20261128-023000-aaaa"))
                    .header("Cookie", cookie.substring(0, cookie.indexOf(';'))).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("/assets/run.js"));

            // A client that does not trust the certificate does not get in, and plain HTTP gets nothing.
            HttpClient trusting = HttpClient.newHttpClient();
            assertThrows(SSLHandshakeException.class, () -> trusting.send(HttpRequest.newBuilder(URI.create(server.url() + "api/runs"))
                    .build(), HttpResponse.BodyHandlers.ofString()));
            assertThrows(java.io.IOException.class, () -> trusting.send(HttpRequest.newBuilder(
                    URI.create(server.url().replace("https:", "http:") + "api/runs")).build(), HttpResponse.BodyHandlers.ofString()));
        }
    }

    @Test
    void aTokenIsComparedWhole() {
        Access a = Access.of("0123456789abcdef-token");
        assertTrue(a.matches("0123456789abcdef-token"));
        assertEquals(false, a.matches("0123456789abcdef-toke"));
        assertEquals(false, a.matches("0123456789abcdef-tokenX"));
        assertEquals(false, a.matches(null));
        assertThrows(IllegalArgumentException.class, () -> Access.of("short"));
    }
}
