package dev.drover.acssim.node;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Step 7: the cluster port ({@code alfresco.hazelcast.port} on {@code alfresco.host}), so a playbook can see
 * that the node joined a cluster and that two clones would collide. Accepts and closes connections on a
 * daemon thread; {@link #close()} releases the port.
 */
final class ClusterListener implements AutoCloseable {
    private final ServerSocket socket;

    ClusterListener(String host, int port) throws IOException {
        socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(host, port));
        Thread t = new Thread(this::accept, "hz.cluster." + port);
        t.setDaemon(true);
        t.start();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try (Socket s = socket.accept()) {
                s.getOutputStream().write("HZC\n".getBytes("US-ASCII"));
            } catch (IOException e) {
                // closed, or a client that went away: keep serving until close()
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
