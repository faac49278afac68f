package dev.drover.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback TCP relay in front of a server that can {@link #freeze()}: from then on it forwards
 * nothing in either direction but keeps every socket open, which is what a client sees when the
 * remote host loses power or the network drops packets (no FIN, no RST). Only keepalives notice that.
 *
 * <p>Threading: one accept thread and two copy threads per connection, all daemon threads of a
 * private pool stopped by {@link #close()}.
 */
final class FreezableRelay implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-relay");
        t.setDaemon(true);
        return t;
    });
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Object gate = new Object();
    private volatile boolean frozen;

    FreezableRelay(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::acceptLoop);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Stops forwarding in both directions; sockets stay open. Irreversible. */
    void freeze() {
        frozen = true;
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
                sockets.add(client);
                sockets.add(server);
                threads.execute(() -> copy(client, server));
                threads.execute(() -> copy(server, client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void copy(Socket from, Socket to) {
        byte[] buf = new byte[16384];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (frozen) {
                    holdUntilClosed();
                    return;
                }
                out.write(buf, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException | InterruptedException e) {
            // Either side went away or the relay is closing.
        }
    }

    /** A frozen peer keeps its sockets open and says nothing until the relay is closed. */
    private void holdUntilClosed() throws InterruptedException {
        synchronized (gate) {
            while (!listener.isClosed()) {
                gate.wait(1000);
            }
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // Closing anyway.
        }
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException e) {
                // Closing anyway.
            }
        }
        synchronized (gate) {
            gate.notifyAll();
        }
        threads.shutdownNow();
    }
}
