package dev.drover.protocol;

import java.io.IOException;

/** The byte stream does not follow the protocol: bad preamble, truncated or oversized frame, bad JSON. */
public class ProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message);
    }

    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
