package dev.drover.vault;

/** A vault text that cannot be read or decrypted; the message says why, never the secret. */
public final class VaultException extends Exception {
    private static final long serialVersionUID = 1L;

    public VaultException(String message) {
        super(message);
    }
}
