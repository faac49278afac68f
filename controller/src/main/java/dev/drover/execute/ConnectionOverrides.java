package dev.drover.execute;

import dev.drover.secret.Secret;
import dev.drover.transport.CredentialPrompt;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Connection options from the command line. As in Ansible, a host's inventory variables
 * ({@code ansible_user}, ...) win over these; these win over ~/.ssh/config and defaults.
 *
 * @param userKnownHostsFile where accepted keys are recorded, null for ~/.ssh/known_hosts
 */
public record ConnectionOverrides(
        String user,
        Path privateKey,
        Secret password,
        boolean acceptNewHostKeys,
        Duration connectTimeout,
        Path userKnownHostsFile,
        CredentialPrompt prompt) {

    public static ConnectionOverrides none() {
        return new ConnectionOverrides(null, null, null, false, null, null, CredentialPrompt.NONE);
    }
}
