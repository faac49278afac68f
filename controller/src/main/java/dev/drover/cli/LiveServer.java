package dev.drover.cli;

import dev.drover.serve.ServeConfig;
import dev.drover.serve.ServeServer;
import dev.drover.state.StateDir;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;

/**
 * The web server {@code drover run --serve} and {@code drover demo --serve} open beside their run:
 * {@code drover serve} on loopback over the same state directory, on the default port or, when it
 * is taken (a {@code drover serve} already runs), a free one. It only reads the journal the run
 * writes. A server that cannot start is a warning: the run matters more than its page.
 */
final class LiveServer implements AutoCloseable {
    private final Optional<ServeServer> server;

    private LiveServer(Optional<ServeServer> server) {
        this.server = server;
    }

    static LiveServer none() {
        return new LiveServer(Optional.empty());
    }

    /** Starts the server and prints {@code what} and the URL of {@code path} on {@code err}. */
    static LiveServer start(StateDir state, int port, String path, String what, PrintWriter err) {
        ServeServer s = null;
        for (int p : port == 0 ? new int[] {0} : new int[] {port, 0}) {
            try {
                s = ServeServer.start(ServeConfig.local(state, p), false);
                break;
            } catch (IOException e) {
                if (p == 0) {
                    err.println("[WARNING]: --serve: " + e.getMessage() + "; going on without the page");
                }
            }
        }
        if (s != null) {
            err.println(what + ": " + s.url() + path);
        }
        err.flush();
        return new LiveServer(Optional.ofNullable(s));
    }

    @Override
    public void close() {
        server.ifPresent(ServeServer::close);
    }
}
