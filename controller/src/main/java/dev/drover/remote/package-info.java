/**
 * The controller's view of an agent. {@link dev.drover.remote.AgentJar} is the embedded jar and its
 * sha256; {@link dev.drover.remote.AgentBootstrap} makes sure the host has that exact jar in its
 * content-addressed cache and starts it over one transport exec; {@link dev.drover.remote.AgentClient}
 * speaks the framed protocol (docs/PROTOCOL.md) over that exec's stdio.
 *
 * <p>Become ({@link dev.drover.remote.AgentOptions.Become}): {@link dev.drover.remote.BecomeStart}
 * starts the agent as another user through a {@link dev.drover.remote.BecomeMethod} (sudo, su),
 * with that user's own cache ({@link dev.drover.remote.BecomeScript}, docs/become.md); {@link
 * dev.drover.remote.PasswordFeeder} answers the method's password prompt, each method's {@link
 * dev.drover.remote.Refusals} explain its refusals.
 *
 * <p>Lifecycle: one transport and one agent per host and become user per run. The bootstrap opens the exec channel;
 * the client owns it from then on and closes it on {@code close()} (shutdown message, then channel).
 * When the client's stdin closes, the agent exits by itself, so a dead controller leaves no agent.
 */
package dev.drover.remote;
