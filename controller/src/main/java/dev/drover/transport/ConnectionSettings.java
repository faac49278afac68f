package dev.drover.transport;

import dev.drover.secret.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything needed to open a transport to one host, resolved from inventory variables
 * ({@code ansible_host}, {@code ansible_port}, {@code ansible_user},
 * {@code ansible_ssh_private_key_file}, {@code ansible_connection}, {@code ansible_password}) and
 * command-line options. Null fields mean "not set here": the SSH transport then falls back to
 * {@code ~/.ssh/config}, then to defaults (port 22, the local user name, the default key files).
 *
 * @param hostName         the inventory name, used in messages
 * @param connection       {@code ssh} or {@code local}
 * @param address          where to connect (ansible_host), or null for the host name
 * @param knownHostsFiles  extra known_hosts files (besides ~/.ssh/known_hosts) to trust
 * @param acceptNewHostKeys record unknown host keys (never changed ones), as StrictHostKeyChecking=accept-new
 * @param userKnownHostsFile the file new keys are recorded in and that is always consulted
 * @param proxy            jump hosts set outside ~/.ssh/config (drover_jump_hosts, -J / ProxyJump /
 *                         ProxyCommand in ansible_ssh_*_args); null: not set here, ~/.ssh/config decides
 */
public record ConnectionSettings(
        String hostName,
        String connection,
        String address,
        Integer port,
        String user,
        List<Path> identityFiles,
        Secret password,
        List<Path> knownHostsFiles,
        Path userKnownHostsFile,
        boolean acceptNewHostKeys,
        Duration connectTimeout,
        Duration keepAliveInterval,
        int keepAliveMaxCount,
        CredentialPrompt prompt,
        ProxySetting proxy) {

    /** Settings without a proxy of their own (~/.ssh/config may still name one). */
    public ConnectionSettings(String hostName, String connection, String address, Integer port, String user,
            List<Path> identityFiles, Secret password, List<Path> knownHostsFiles, Path userKnownHostsFile,
            boolean acceptNewHostKeys, Duration connectTimeout, Duration keepAliveInterval, int keepAliveMaxCount,
            CredentialPrompt prompt) {
        this(hostName, connection, address, port, user, identityFiles, password, knownHostsFiles, userKnownHostsFile,
                acceptNewHostKeys, connectTimeout, keepAliveInterval, keepAliveMaxCount, prompt, null);
    }

    public ConnectionSettings {
        identityFiles = identityFiles == null ? List.of() : List.copyOf(identityFiles);
        knownHostsFiles = knownHostsFiles == null ? List.of() : List.copyOf(knownHostsFiles);
        if (connectTimeout == null) {
            connectTimeout = Duration.ofSeconds(10);
        }
        if (keepAliveInterval == null) {
            keepAliveInterval = Duration.ofSeconds(15);
        }
        if (keepAliveMaxCount <= 0) {
            keepAliveMaxCount = 3;
        }
        if (prompt == null) {
            prompt = CredentialPrompt.NONE;
        }
    }

    /** Settings for an SSH host with defaults for everything optional. */
    public static ConnectionSettings ssh(String hostName, String address, Integer port, String user) {
        return new ConnectionSettings(hostName, "ssh", address, port, user, List.of(), null, List.of(), null,
                false, null, null, 0, null);
    }

    public static ConnectionSettings local(String hostName) {
        return new ConnectionSettings(hostName, "local", null, null, null, List.of(), null, List.of(), null,
                false, null, null, 0, null);
    }

    public ConnectionSettings withIdentityFiles(List<Path> files) {
        return new ConnectionSettings(hostName, connection, address, port, user, files, password, knownHostsFiles,
                userKnownHostsFile, acceptNewHostKeys, connectTimeout, keepAliveInterval, keepAliveMaxCount, prompt, proxy);
    }

    public ConnectionSettings withKnownHosts(Path userFile, List<Path> extraFiles, boolean acceptNew) {
        return new ConnectionSettings(hostName, connection, address, port, user, identityFiles, password, extraFiles,
                userFile, acceptNew, connectTimeout, keepAliveInterval, keepAliveMaxCount, prompt, proxy);
    }

    public ConnectionSettings withPassword(Secret secret) {
        return new ConnectionSettings(hostName, connection, address, port, user, identityFiles, secret, knownHostsFiles,
                userKnownHostsFile, acceptNewHostKeys, connectTimeout, keepAliveInterval, keepAliveMaxCount, prompt, proxy);
    }

    public ConnectionSettings withConnectTimeout(Duration timeout) {
        return new ConnectionSettings(hostName, connection, address, port, user, identityFiles, password, knownHostsFiles,
                userKnownHostsFile, acceptNewHostKeys, timeout, keepAliveInterval, keepAliveMaxCount, prompt, proxy);
    }

    public ConnectionSettings withProxy(ProxySetting p) {
        return new ConnectionSettings(hostName, connection, address, port, user, identityFiles, password, knownHostsFiles,
                userKnownHostsFile, acceptNewHostKeys, connectTimeout, keepAliveInterval, keepAliveMaxCount, prompt, p);
    }

    /** sshj sends a keepalive every {@code interval}; three unanswered ones declare the connection dead. */
    public ConnectionSettings withKeepAliveInterval(Duration interval) {
        return new ConnectionSettings(hostName, connection, address, port, user, identityFiles, password, knownHostsFiles,
                userKnownHostsFile, acceptNewHostKeys, connectTimeout, interval, keepAliveMaxCount, prompt);
    }

    public ConnectionSettings withPrompt(CredentialPrompt p) {
        return new ConnectionSettings(hostName, connection, address, port, user, identityFiles, password, knownHostsFiles,
                userKnownHostsFile, acceptNewHostKeys, connectTimeout, keepAliveInterval, keepAliveMaxCount, p, proxy);
    }
}
