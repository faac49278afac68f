package dev.drover.transport.ssh;

import dev.drover.transport.TransportException;
import dev.drover.transport.TransportException.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The entries of one or more OpenSSH known_hosts files, each with its file and line, and the host
 * key check made against them.
 *
 * <p>Supported as OpenSSH does: host pattern lists with wildcards and negation, hashed names
 * ({@code |1|salt|hash}, HMAC-SHA1), {@code [host]:port} names for ports other than 22, and the
 * {@code @revoked} marker. {@code @cert-authority} lines are skipped: drover does not accept host
 * certificates, so such a line never vouches for a plain key. Malformed lines are skipped, as OpenSSH
 * skips them.
 *
 * <p>Immutable after {@link #load}; a new instance is read for every connection, so a line another
 * connection just appended is seen by the next one.
 */
final class KnownHosts {
    enum Marker { NONE, REVOKED, CERT_AUTHORITY }

    /** One usable line. {@code hosts} is the raw host field, {@code blob} the decoded key. */
    record Entry(Path file, int line, Marker marker, String hosts, String keyType, byte[] blob) {
        String where() {
            return file + ":" + line;
        }
    }

    /** The verdict for one presented key. */
    sealed interface Check permits Known, Revoked, Changed, Unknown {
    }

    /** An entry for this host holds exactly the presented key. */
    record Known(Entry entry) implements Check {
    }

    /** The presented key is marked {@code @revoked} for this host. */
    record Revoked(Entry entry) implements Check {
    }

    /** Entries for this host hold a different key of the same type: possible man-in-the-middle. */
    record Changed(Entry recorded) implements Check {
    }

    /** No key of this type is recorded for this host; {@code otherTypes} lists entries of other types. */
    record Unknown(List<Entry> otherTypes) implements Check {
    }

    private final List<Entry> entries;
    private final List<Path> files;

    private KnownHosts(List<Entry> entries, List<Path> files) {
        this.entries = entries;
        this.files = files;
    }

    /** Reads every file; a missing file holds nothing, an unreadable one is a CONFIG error. */
    static KnownHosts load(List<Path> files) throws TransportException {
        List<Entry> entries = new ArrayList<>();
        for (Path f : files) {
            List<String> lines;
            try {
                lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                continue;
            } catch (IOException e) {
                throw new TransportException(Kind.CONFIG, null, "cannot read known hosts file " + f + ": " + e
                        + ". Fix its permissions.", e);
            }
            for (int i = 0; i < lines.size(); i++) {
                Entry e = parse(f, i + 1, lines.get(i));
                if (e != null) {
                    entries.add(e);
                }
            }
        }
        return new KnownHosts(List.copyOf(entries), List.copyOf(files));
    }

    List<Path> files() {
        return files;
    }

    /** The name known_hosts records a host under: {@code host}, or {@code [host]:port} when port is not 22. */
    static String lookupName(String host, int port) {
        String h = host.toLowerCase(Locale.ROOT);
        return port == 22 ? h : "[" + h + "]:" + port;
    }

    Check check(String name, byte[] presented) {
        String type = HostKeyFormat.keyType(presented);
        Entry known = null;
        Entry changed = null;
        List<Entry> others = new ArrayList<>();
        for (Entry e : entries) {
            if (e.marker() == Marker.CERT_AUTHORITY || !hostMatches(e.hosts(), name)) {
                continue;
            }
            boolean same = Arrays.equals(e.blob(), presented);
            if (e.marker() == Marker.REVOKED) {
                if (same) {
                    return new Revoked(e);
                }
            } else if (same) {
                known = known == null ? e : known;
            } else if (type.equals(e.keyType())) {
                changed = changed == null ? e : changed;
            } else {
                others.add(e);
            }
        }
        if (known != null) {
            return new Known(known);
        }
        return changed != null ? new Changed(changed) : new Unknown(List.copyOf(others));
    }

    /** Key types recorded for {@code name}, in file order, for ordering the host key algorithm proposal. */
    Set<String> keyTypesFor(String name) {
        Set<String> types = new LinkedHashSet<>();
        for (Entry e : entries) {
            if (e.marker() == Marker.NONE && hostMatches(e.hosts(), name)) {
                types.add(e.keyType());
            }
        }
        return types;
    }

    private static Entry parse(Path file, int lineNo, String line) {
        String[] f = line.trim().split("[ \t]+");
        if (f.length == 0 || f[0].isEmpty() || f[0].startsWith("#")) {
            return null;
        }
        int i = 0;
        Marker marker = Marker.NONE;
        if (f[0].startsWith("@")) {
            marker = switch (f[0]) {
                case "@revoked" -> Marker.REVOKED;
                case "@cert-authority" -> Marker.CERT_AUTHORITY;
                default -> null;
            };
            if (marker == null) {
                return null;
            }
            i = 1;
        }
        if (f.length < i + 3) {
            return null;
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(f[i + 2]);
        } catch (IllegalArgumentException e) {
            return null;
        }
        String blobType = HostKeyFormat.keyTypeOrNull(blob);
        if (blobType == null || !blobType.equals(f[i + 1])) {
            return null;
        }
        return new Entry(file, lineNo, marker, f[i], blobType, blob);
    }

    /** Whether a known_hosts host field (pattern list or hashed name) covers {@code name}. */
    static boolean hostMatches(String hosts, String name) {
        if (hosts.startsWith("|1|")) {
            return hashedMatches(hosts, name);
        }
        return HostPatterns.matchesList(name, List.of(hosts.split(",")));
    }

    private static boolean hashedMatches(String hashed, String name) {
        String[] parts = hashed.split("\\|");
        if (parts.length != 4) {
            return false;
        }
        try {
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(salt, "HmacSHA1"));
            byte[] actual = mac.doFinal(name.getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(actual, expected);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }
}
