package dev.drover.transport;

/**
 * A transport failure, classified so the runner can report a host as unreachable (connection,
 * authentication, host key) or as failed (an operation on an open connection).
 */
public class TransportException extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** DNS, refused, timed out, reset during connect. */
        CONNECT,
        /** No offered credential was accepted. */
        AUTH,
        /** The host's key is not in any known_hosts file. */
        HOST_KEY_UNKNOWN,
        /** The host presented a different key than the one recorded: possible man-in-the-middle. */
        HOST_KEY_CHANGED,
        /** The connection dropped after it was established (keepalive noticed a dead peer). */
        DISCONNECTED,
        /** An operation failed on a live connection (SFTP error, exec refused, local I/O). */
        IO,
        /** Bad connection settings (unreadable key, missing passphrase with no terminal). */
        CONFIG
    }

    private final Kind kind;
    private final String host;

    public TransportException(Kind kind, String host, String message) {
        this(kind, host, message, null);
    }

    public TransportException(Kind kind, String host, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.host = host;
    }

    public Kind kind() {
        return kind;
    }

    public String host() {
        return host;
    }

    /** Ansible's UNREACHABLE: the host could not be talked to at all, as opposed to a failed task. */
    public boolean unreachable() {
        return kind != Kind.IO && kind != Kind.CONFIG;
    }
}
