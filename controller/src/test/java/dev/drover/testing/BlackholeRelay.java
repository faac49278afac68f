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
 * A loopback TCP relay in front of a server whose path can be blackholed for a while and then
 * restored, as a VPN or a flaky network does: while {@link #blackhole(boolean) blackholed}, nothing
 * is forwarded in either direction and new connections are accepted but reach nothing (the client
 * waits for the server's banner), yet no socket is closed (no FIN, no RST). When the path comes back,
 * what was held is delivered, as TCP's retransmissions would. Only keepalives notice a blackhole.
 *
 * <p>Threading: one accept thread and two copy threads per connection, daemon threads of a private
 * pool stopped by {@link #close()}.
 */
public final class BlackholeRelay implements AutoCloseable {
    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-blackhole-relay");
        t.setDaemon(true);
        return t;
    });
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Object gate = new Object();
    private boolean blackholed;

    /** Listens on {@code address} (a loopback address), any free port, and relays to {@code target}. */
    public BlackholeRelay(String address, InetSocketAddress target) throws IOException {
        InetAddress bind = InetAddress.getByName(address);
        if (!bind.isLoopbackAddress()) {
            throw new IllegalArgumentException("the relay listens on loopback only, not " + address);
        }
        this.target = target;
        this.listener = new ServerSocket(0, 50, bind);
        threads.execute(this::acceptLoop);
    }

    public int port() {
        return listener.getLocalPort();
    }

    public String address() {
        return listener.getInetAddress().getHostAddress();
    }

    /** Starts or ends the blackhole. */
    public void blackhole(boolean on) {
        synchronized (gate) {
            blackholed = on;
            gate.notifyAll();
        }
    }

    private void awaitPath() throws InterruptedException {
        synchronized (gate) {
            while (blackholed) {
                gate.wait();
            }
        }
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                sockets.add(client);
                threads.execute(() -> connect(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void connect(Socket client) {
        try {
            awaitPath();
            Socket server = new Socket();
            sockets.add(server);
            server.connect(target);
            threads.execute(() -> copy(client, server));
            threads.execute(() -> copy(server, client));
        } catch (IOException | InterruptedException e) {
            close(client);
        }
    }

    private void copy(Socket from, Socket to) {
        byte[] buf = new byte[16384];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buf)) >= 0) {
                awaitPath();
                out.write(buf, 0, n);
                out.flush();
            }
            awaitPath();
            to.shutdownOutput();
        } catch (IOException | InterruptedException e) {
            close(from);
            close(to);
        }
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // Closing is all we wanted.
        }
    }

    @Override
    public void close() {
        blackhole(false);
        try {
            listener.close();
        } catch (IOException e) {
            // Nothing more to accept either way.
        }
        sockets.forEach(BlackholeRelay::close);
        threads.shutdownNow();
    }
}
