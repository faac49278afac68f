package dev.drover.serve;

import dev.drover.state.StateDir;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * What a server serves and how: the state directory, the address and port, and for anything but
 * loopback, TLS and a token. {@link #check} enforces the rule: loopback may go without; any other
 * address needs both, so run results never cross a network in clear or to anyone who can reach the port.
 *
 * @param port 0 for a free port
 */
public record ServeConfig(StateDir state, String bind, int port, Optional<Tls> tls, Optional<Access> access) {
    public static final String LOOPBACK = "127.0.0.1";

    /** Loopback, no TLS, no token: what {@code drover run --serve} and {@code drover demo --serve} use. */
    public static ServeConfig local(StateDir state, int port) {
        return new ServeConfig(state, LOOPBACK, port, Optional.empty(), Optional.empty());
    }

    /** Whether {@code bind} is a loopback address (127.0.0.0/8, ::1, localhost). */
    public static boolean isLoopback(String bind) throws UnknownHostException {
        return InetAddress.getByName(bind).isLoopbackAddress();
    }

    /**
     * Refuses what must not start: a non-loopback address without TLS or without a token.
     *
     * @throws IllegalArgumentException with the message to show
     */
    public ServeConfig check() {
        checkMessage().ifPresent(m -> {
            throw new IllegalArgumentException(m);
        });
        return this;
    }

    /** Why this configuration must not start, if it must not. */
    public Optional<String> checkMessage() {
        boolean loopback;
        try {
            loopback = isLoopback(bind);
        } catch (UnknownHostException e) {
            return Optional.of("--bind " + bind + ": no such address (" + e.getMessage() + ")");
        }
        if (!loopback && tls.isEmpty()) {
            return Optional.of("refusing to listen on " + bind + " without TLS: run results would cross the network in"
                    + " clear. Give --tls-cert FILE --tls-key FILE, or --tls-self-signed (its fingerprint is printed);"
                    + " a token is then required too");
        }
        if (!loopback && access.isEmpty()) {
            return Optional.of("refusing to listen on " + bind + " without a token: anyone reaching the port would read"
                    + " every run. Give --token-file FILE, or let drover serve generate one");
        }
        return Optional.empty();
    }

    public String scheme() {
        return tls.isPresent() ? "https" : "http";
    }
}
