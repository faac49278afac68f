/**
 * The SSH transport: sshj (with BouncyCastle only where the JDK lacks something, never registered
 * as a JCA provider) behind the {@link dev.drover.transport.Transport} contract.
 *
 * <p>Entry point: {@link dev.drover.transport.ssh.SshTransportFactory}; {@link
 * dev.drover.transport.ssh.SshEnvironment} says where the local {@code ~/.ssh} files are.
 *
 * <p>What lives here, by concern:
 * <ul>
 *   <li>connection: {@code SshTransportFactory} (open sequence), {@code SshTransport} (exec, SFTP,
 *       close), {@code SshRemoteProcess}, {@code ClientConfig} (the sshj algorithm set),
 *       {@code JdkEcdsaAlias} (ECDSA keys without BouncyCastle), {@code ConnectErrors};
 *   <li>where to connect: {@code SshTarget}, {@code SshConfig} and {@code ConfigLineSplitter}
 *       ({@code ~/.ssh/config}), {@code HostPatterns} (OpenSSH wildcards);
 *   <li>jump hosts: {@code JumpSpec} (ProxyJump / ProxyCommand values), {@code SshArgs} and
 *       {@code ShellWords} (ssh command-line arguments), {@code JumpHosts} (connections shared by
 *       the hosts behind them), {@code Tunnel} (the SSH handshake over a {@code direct-tcpip} channel);
 *   <li>host keys: {@code KnownHosts}, {@code KnownHostsVerifier}, {@code KnownHostsAppender},
 *       {@code HostKeyFormat}, {@code HostKeyMessages};
 *   <li>credentials: {@code IdentityLoader}, {@code PassphraseSource}, {@code SshAuthenticator}.
 * </ul>
 *
 * <p>Not here: anything about agents, playbooks or printing; the terminal prompt (the CLI supplies a
 * {@link dev.drover.transport.CredentialPrompt}). sshj and BouncyCastle are used nowhere else.
 */
package dev.drover.transport.ssh;
