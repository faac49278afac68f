package dev.drover.transport.ssh;

import dev.drover.transport.TransportException;
import dev.drover.transport.TransportException.Kind;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The operator-facing explanations of host key refusals for one connection target. Each says what
 * was presented (key type and SHA256 fingerprint), what is recorded and where (file:line), and the
 * exact command that resolves it once the operator has verified the key.
 *
 * @param inventoryName the host as the inventory names it
 * @param who           the host or jump host as named in messages ({@link SshTarget#label()})
 * @param host          the address connected to (after ssh_config HostName)
 * @param userFile      the known_hosts file new keys are recorded in
 * @param searched      every known_hosts file consulted
 */
record HostKeyMessages(String inventoryName, String who, String host, int port, Path userFile, List<Path> searched) {

    static HostKeyMessages of(SshTarget t) {
        return new HostKeyMessages(t.inventoryName(), t.label(), t.host(), t.port(), t.userKnownHostsFile(),
                t.knownHostsFiles());
    }

    private String target() {
        return who;
    }

    private String keyscan() {
        return "  ssh-keyscan -p " + port + " " + host + " >> " + userFile;
    }

    TransportException unknown(byte[] presented, List<KnownHosts.Entry> otherTypes, boolean acceptNew) {
        StringBuilder m = new StringBuilder();
        m.append("host key of ").append(target()).append(" is not known: the host presented an ")
                .append(HostKeyFormat.describe(presented)).append(", which is in none of ")
                .append(searched.stream().map(Path::toString).collect(Collectors.joining(", "))).append(".\n");
        if (!otherTypes.isEmpty()) {
            m.append("Keys of other types are recorded for this host (")
                    .append(otherTypes.stream().map(e -> e.keyType() + " at " + e.where()).collect(Collectors.joining(", ")))
                    .append(") but the host did not offer them. A key of a new type is never trusted automatically"
                            + (acceptNew ? ", not even with --accept-new-host-keys" : "")
                            + ": the host may have been reinstalled, or someone may be impersonating it.\n")
                    .append("After verifying the fingerprint with the host's administrator, add the key with:\n")
                    .append(keyscan());
            return new TransportException(Kind.HOST_KEY_UNKNOWN, inventoryName, m.toString());
        }
        m.append("Verify that fingerprint with the host's administrator (on the host: ssh-keygen -lf "
                        + "/etc/ssh/ssh_host_*_key.pub), then either run again with --accept-new-host-keys "
                        + "to record it, or add it yourself:\n")
                .append(keyscan());
        return new TransportException(Kind.HOST_KEY_UNKNOWN, inventoryName, m.toString());
    }

    TransportException changed(byte[] presented, KnownHosts.Entry recorded) {
        String name = KnownHosts.lookupName(host, port);
        String m = "HOST KEY CHANGED for " + target() + ": possible man-in-the-middle attack, "
                + "or the host was reinstalled.\n"
                + "The host presented an " + HostKeyFormat.describe(presented) + ", but " + recorded.where()
                + " records the " + HostKeyFormat.describe(recorded.blob()) + " for it.\n"
                + "drover refused the connection before authenticating: no password or key signature was sent.\n"
                + "Only if the host's administrator confirms the new key, remove the old entry with\n"
                + "  ssh-keygen -R '" + name + "' -f " + recorded.file() + "\n"
                + "and connect again (with --accept-new-host-keys, or after adding it with ssh-keyscan).";
        return new TransportException(Kind.HOST_KEY_CHANGED, inventoryName, m);
    }

    TransportException revoked(byte[] presented, KnownHosts.Entry entry) {
        String m = "host key of " + target() + " is REVOKED: the host presented the " + HostKeyFormat.describe(presented)
                + ", which " + entry.where() + " marks @revoked. Possible man-in-the-middle attack, or the host "
                + "still uses a compromised key; drover refused the connection before authenticating. "
                + "The host's administrator must install a new host key.";
        return new TransportException(Kind.HOST_KEY_CHANGED, inventoryName, m);
    }

    TransportException changedDuringSession(byte[] before, byte[] now) {
        String m = "HOST KEY CHANGED for " + target() + " while connected (re-key presented the "
                + HostKeyFormat.describe(now) + " instead of the " + HostKeyFormat.describe(before)
                + "): possible man-in-the-middle attack. The connection was dropped.";
        return new TransportException(Kind.HOST_KEY_CHANGED, inventoryName, m);
    }

    TransportException changedWhileRecording(byte[] presented, KnownHosts.Entry recorded) {
        String m = "HOST KEY CHANGED for " + target() + ": while drover was recording the presented "
                + HostKeyFormat.describe(presented) + ", " + recorded.where() + " received the "
                + HostKeyFormat.describe(recorded.blob()) + " for the same host (another connection at the same time "
                + "saw a different key). Possible man-in-the-middle attack; nothing further was sent. Verify the "
                + "host's key with its administrator and remove the wrong entry from " + recorded.file() + ".";
        return new TransportException(Kind.HOST_KEY_CHANGED, inventoryName, m);
    }
}
