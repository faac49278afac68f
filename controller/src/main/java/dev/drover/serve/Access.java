package dev.drover.serve;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The token a server listening beyond loopback asks every request for: as
 * {@code Authorization: Bearer <token>} (Prometheus' {@code authorization} setting, curl), or as the
 * cookie a browser gets by opening the URL {@code drover serve} printed once ({@code /?token=...},
 * then redirected to a URL without it). Compared in constant time. Immutable.
 */
public final class Access {
    static final String COOKIE = "drover_token";
    private final byte[] token;

    private Access(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    /** A fresh token: 32 random bytes, URL-safe base64. */
    public static Access generate() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return new Access(Base64.getUrlEncoder().withoutPadding().encodeToString(b));
    }

    /** A token given by the operator (a file's content, stripped). */
    public static Access of(String token) {
        if (token.strip().length() < 16) {
            throw new IllegalArgumentException("the token must have at least 16 characters");
        }
        return new Access(token.strip());
    }

    public String token() {
        return new String(token, StandardCharsets.UTF_8);
    }

    /** Whether {@code candidate} is the token; takes the same time wherever they differ. */
    boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8));
    }

    /** The token of an {@code Authorization: Bearer} header, or of this server's cookie in a {@code Cookie} header. */
    static Optional<String> presented(String authorization, String cookies) {
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(authorization.substring(7).strip());
        }
        if (cookies != null) {
            for (String c : cookies.split(";")) {
                String kv = c.strip();
                if (kv.startsWith(COOKIE + "=")) {
                    return Optional.of(kv.substring(COOKIE.length() + 1));
                }
            }
        }
        return Optional.empty();
    }
}
