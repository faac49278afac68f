package dev.drover.state.lock;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Names of lock files. By default a run is keyed by what it would touch: the playbook's absolute
 * path and the inventory sources, so the same playbook against two inventories may run at once and
 * a second run of one pair may not. {@code --lock NAME} gives the key explicitly, to serialize
 * different playbooks against the same cluster.
 */
public final class LockName {
    private LockName() {
    }

    /**
     * {@code site-1a2b3c4d5e6f.lock}: readable by the playbook name, unique by a hash of the key. The
     * key uses real paths (links and {@code ..} resolved), so a symbolic link to the same playbook or
     * inventory takes the same lock; a source that is not a file (a host list such as {@code h1,h2})
     * is keyed as given.
     */
    public static String forRun(Path playbook, List<String> inventorySources) {
        Path real = real(playbook);
        String base = real.getFileName().toString().replaceAll("\\.ya?ml$", "").replaceAll("[^A-Za-z0-9._-]", "_");
        StringBuilder key = new StringBuilder(real.toString());
        for (String source : inventorySources) {
            key.append('\n').append(source.contains(",") ? source : real(Path.of(source)).toString());
        }
        return base + "-" + sha256(key.toString()).substring(0, 12) + ".lock";
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException | InvalidPathException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    /**
     * {@code NAME.lock} for an explicit name.
     *
     * @throws IllegalArgumentException the name is not letters, digits, '.', '_' and '-'
     */
    public static String explicit(String name) {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("lock name '" + name + "' must start with a letter or digit and contain only"
                    + " letters, digits, '.', '_' and '-' (it names a file under the state directory's locks/)");
        }
        return name + ".lock";
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
