package dev.drover.compat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for ansible-test's httptester container on loopback, for Ansible's get_url target:
 * httpbin (Debian's python3-httpbin) under gunicorn on {@value #MAIN} (ansible.http.tests and
 * sni1.ansible.http.tests, ports 80 and 443) and {@value #FAIL} (fail.ansible.http.tests, 443, with a
 * certificate for another name), with a test CA made for the run (src/test/resources/httptester).
 *
 * <p>The machine is not changed: the names resolve through a hosts file given to the agent's JVM
 * ({@code -Djdk.net.hosts.file}) and the CA is trusted through a trust store given to it
 * ({@code -Djavax.net.ssl.trustStore}), both in the host variable {@code drover_java_options}.
 * Binding ports 80 and 443 needs root. {@link #close} stops the servers it started, by their pids.
 */
final class HttpTester implements AutoCloseable {
    static final String MAIN = "127.0.0.71";
    static final String FAIL = "127.0.0.72";
    private static final String PASSWORD = "changeit";

    private final Path dir;

    private HttpTester(Path dir) {
        this.dir = dir;
    }

    /** Why the stand-in cannot run here (one line), or null when it can. */
    static String unavailable() throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of("/usr/bin/gunicorn"))) {
            return "no /usr/bin/gunicorn (apt-get install gunicorn python3-httpbin)";
        }
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import httpbin").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) {
            return "python3 cannot import httpbin (apt-get install python3-httpbin)";
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return "the httptester stand-in binds ports 80 and 443 (root only)";
        }
        return null;
    }

    /** Makes the CA, certificates and hosts file in {@code dir} and starts the servers, waiting until they answer. */
    static HttpTester start(Path dir) throws Exception {
        Files.createDirectories(dir);
        HttpTester tester = new HttpTester(dir);
        Path script = Path.of(HttpTester.class.getResource("/httptester/httptester.sh").toURI());
        Process p = new ProcessBuilder("sh", script.toString(), dir.toString(), MAIN, FAIL).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("httptester.sh failed: " + output);
        }
        try {
            tester.trustStore();
            tester.await(MAIN, 80, "http");
            tester.await(MAIN, 443, "https");
            tester.await(FAIL, 443, "fail");
        } catch (Exception e) {
            tester.close();
            throw e;
        }
        return tester;
    }

    /** The JVM options that make the agent resolve the test's names and trust its CA. */
    List<String> agentJavaOptions() {
        return List.of("-Djdk.net.hosts.file=" + dir.resolve("hosts"),
                "-Djavax.net.ssl.trustStore=" + dir.resolve("truststore.p12"),
                "-Djavax.net.ssl.trustStorePassword=" + PASSWORD);
    }

    private void trustStore() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (InputStream in = Files.newInputStream(dir.resolve("cacert.pem"))) {
            store.setCertificateEntry("drover-test-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        try (OutputStream out = Files.newOutputStream(dir.resolve("truststore.p12"))) {
            store.store(out, PASSWORD.toCharArray());
        }
    }

    private void await(String address, int port, String name) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(address, port), 1000);
                return;
            } catch (IOException e) {
                boolean alive = ProcessHandle.of(pid(name)).map(ProcessHandle::isAlive).orElse(false);
                if (!alive || System.nanoTime() > deadline) {
                    throw new IllegalStateException("gunicorn (" + name + ") does not answer on " + address + ":" + port
                            + (alive ? " within 60 s" : ", it exited") + ": " + Files.readString(dir.resolve(name + ".out")));
                }
                Thread.sleep(200);
            }
        }
    }

    private long pid(String name) throws IOException {
        return Long.parseLong(Files.readString(dir.resolve(name + ".pid")).trim());
    }

    @Override
    public void close() throws Exception {
        List<ProcessHandle> started = new ArrayList<>();
        for (String name : List.of("http", "https", "fail")) {
            if (Files.exists(dir.resolve(name + ".pid"))) {
                ProcessHandle.of(pid(name)).ifPresent(started::add);
            }
        }
        for (ProcessHandle h : started) {
            h.destroy();
        }
        for (ProcessHandle h : started) {
            try {
                h.onExit().get(20, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                h.destroyForcibly();
            }
        }
    }
}
