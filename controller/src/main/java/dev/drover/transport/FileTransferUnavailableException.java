package dev.drover.transport;

/**
 * The host offers no file transfer channel (for SSH: the sshd has no {@code Subsystem sftp}, or
 * refuses it) while the connection itself is fine. Callers that can send their bytes another way
 * (the agent bootstrap streams the jar over an exec channel) catch this and fall back, as Ansible's
 * "smart" transfer does; nothing was written on the host.
 */
public final class FileTransferUnavailableException extends TransportException {
    private static final long serialVersionUID = 1L;

    public FileTransferUnavailableException(String host, String message, Throwable cause) {
        super(Kind.IO, host, message, cause);
    }
}
