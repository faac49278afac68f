package dev.drover.agent.modules.net;

import static dev.drover.agent.modules.net.WaitForModuleTest.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.drover.agent.module.Args;
import dev.drover.agent.module.ModuleContext;
import dev.drover.agent.modules.NoProcesses;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyStore;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** uri over HTTPS with a self-signed certificate made by the JDK's keytool for this test. */
class UriTlsTest {
    @TempDir
    Path dir;

    @Test
    void selfSignedCertificateNeedsValidateCertsFalse() throws Exception {
        Path keystore = dir.resolve("server.p12");
        char[] pass = "changeit".toCharArray();
        makeKeystore(keystore);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, pass);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pass);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);

        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/alfresco/service/api/server", ex -> {
            byte[] body = "{\"data\":{\"edition\":\"Enterprise\",\"version\":\"5.2.7\"}}".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try {
            String url = "https://127.0.0.1:" + server.getAddress().getPort() + "/alfresco/service/api/server";
            Map<String, Object> strict = run(args("url", url, "timeout", 10));
            assertEquals(-1, strict.get("status"), String.valueOf(strict));
            assertTrue(String.valueOf(strict.get("msg")).contains("validate_certs: false"), String.valueOf(strict.get("msg")));

            Map<String, Object> lax = run(args("url", url, "validate_certs", false, "timeout", 10));
            assertEquals(200, lax.get("status"), String.valueOf(lax));
            assertEquals("5.2.7", ((Map<?, ?>) ((Map<?, ?>) lax.get("json")).get("data")).get("version"));
        } finally {
            server.stop(0);
        }
    }

    private static Map<String, Object> run(Map<String, Object> args) throws Exception {
        return new UriModule().run(new Args(args), new ModuleContext(false, false, NoProcesses.RUNNER)).toMap();
    }

    private static void makeKeystore(Path keystore) throws Exception {
        Path keytool = Paths.get(System.getProperty("java.home"), "bin", "keytool");
        boolean required = Boolean.getBoolean("drover.requireAllTiers");
        if (!Files.isExecutable(keytool)) {
            if (required) {
                throw new AssertionError("keytool not found at " + keytool);
            }
            Assumptions.abort("keytool not found at " + keytool + ": cannot make a test certificate");
        }
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "san=ip:127.0.0.1", "-validity", "2",
                "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "keytool failed: " + output);
    }
}
