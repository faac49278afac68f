package dev.drover.agent.modules.net;

import static dev.drover.agent.modules.net.WaitForModuleTest.args;
import static dev.drover.agent.modules.net.WaitForModuleTest.run;
import static dev.drover.agent.modules.net.WaitForModuleTest.runAsync;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** wait_for on TCP ports, against server sockets on 127.0.0.1 only. */
class WaitForPortTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            return s.getLocalPort();
        }
    }

    @Test
    void startedWhenThePortAcceptsConnections() throws Exception {
        int port = freePort();
        CompletableFuture<Map<String, Object>> wait = runAsync(args("host", "127.0.0.1", "port", port, "timeout", 20));
        Thread.sleep(300);
        try (ServerSocket server = new ServerSocket(port, 50, LOOPBACK)) {
            Map<String, Object> r = wait.get(30, TimeUnit.SECONDS);
            assertEquals(false, r.get("failed"), String.valueOf(r));
            assertEquals(port, r.get("port"));
            assertEquals("started", r.get("state"));
        }
    }

    @Test
    void startedTimesOutOnAClosedPort() throws Exception {
        int port = freePort();
        Map<String, Object> r = run(args("port", port, "timeout", 0.3));
        assertEquals(true, r.get("failed"));
        assertEquals("Timeout when waiting for 127.0.0.1:" + port, r.get("msg"));
    }

    @Test
    void stoppedWhenConnectionsAreRefused() throws Exception {
        ServerSocket server = new ServerSocket(0, 50, LOOPBACK);
        int port = server.getLocalPort();
        Map<String, Object> stillUp = run(args("port", port, "state", "stopped", "timeout", 0.3));
        assertEquals("Timeout when waiting for 127.0.0.1:" + port + " to stop.", stillUp.get("msg"));
        CompletableFuture<Map<String, Object>> wait = runAsync(args("port", port, "state", "stopped", "timeout", 20));
        Thread.sleep(300);
        server.close();
        assertEquals(false, wait.get(30, TimeUnit.SECONDS).get("failed"));
    }

    @Test
    void searchRegexOnWhatTheServerSends() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, LOOPBACK)) {
            Thread banner = new Thread(() -> {
                try (Socket c = server.accept(); OutputStream out = c.getOutputStream()) {
                    out.write("SSH-2.0-OpenSSH_9.2\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    Thread.sleep(2000);
                } catch (Exception ignored) {
                    // The client closes first.
                }
            });
            banner.setDaemon(true);
            banner.start();
            Map<String, Object> r = run(args("port", server.getLocalPort(), "search_regex", "OpenSSH_(\\d+)\\.(\\d+)", "timeout", 10));
            assertEquals(false, r.get("failed"), String.valueOf(r));
            assertEquals(Arrays.asList("9", "2"), r.get("match_groups"));
        }
    }

    @Test
    void drainedOnceTheLastConnectionCloses() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, LOOPBACK)) {
            int port = server.getLocalPort();
            Socket client = new Socket(LOOPBACK, port);
            Socket accepted = server.accept();
            Map<String, Object> busy = run(args("port", port, "state", "drained", "timeout", 0.3));
            assertEquals(true, busy.get("failed"), String.valueOf(busy));
            assertTrue(String.valueOf(busy.get("msg")).startsWith("Timeout when waiting for 127.0.0.1:" + port + " to drain"));

            Map<String, Object> excluded = run(args("port", port, "state", "drained", "exclude_hosts", "127.0.0.1", "timeout", 0));
            assertEquals(false, excluded.get("failed"), "connections from excluded hosts do not count: " + excluded);

            // The client closes first, so the TIME_WAIT state stays on its side (another port).
            client.close();
            Thread.sleep(100);
            accepted.close();
            Map<String, Object> drained = run(args("port", port, "state", "drained", "timeout", 10));
            assertEquals(false, drained.get("failed"), String.valueOf(drained));
        }
    }

    @Test
    void procNetAddressesDecode() {
        assertEquals("127.0.0.1", TcpConnections.address("0100007F:1F90").getHostAddress());
        assertEquals("127.0.0.1", TcpConnections.address("0000000000000000FFFF00000100007F:1F90").getHostAddress(),
                "IPv4-mapped IPv6 compares as IPv4");
        assertEquals("0:0:0:0:0:0:0:1", TcpConnections.address("00000000000000000000000001000000:0050").getHostAddress());
    }
}
