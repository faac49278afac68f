package dev.drover.remote;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The agent jar embedded in the controller at build time, with its sha256 (the jar's name in every
 * host's cache). Loaded once; immutable afterwards and safe to share between host threads.
 */
public final class AgentJar {
    static final String RESOURCE = "/dev/drover/remote/drover-agent.jar";

    private final byte[] bytes;
    private final String sha256;

    public AgentJar(byte[] bytes) {
        this.bytes = bytes.clone();
        this.sha256 = sha256(this.bytes);
    }

    /**
     * The jar this controller was built with. Read and hashed once per JVM: a command worker runs
     * many commands, and each would otherwise inflate and hash the same megabyte again.
     */
    public static AgentJar embedded() {
        AgentJar jar = embedded;
        if (jar == null) {
            jar = read(); // two threads at once may both read it: the same bytes, kept once
            embedded = jar;
        }
        return jar;
    }

    private static volatile AgentJar embedded;

    private static AgentJar read() {
        try (InputStream in = AgentJar.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("this build of drover has no embedded agent jar (" + RESOURCE
                        + "); build with 'mvn package' (or ./drover, which builds on first use)");
            }
            return new AgentJar(in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the embedded agent jar: " + e.getMessage(), e);
        }
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public int size() {
        return bytes.length;
    }

    public String sha256() {
        return sha256;
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
