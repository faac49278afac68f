/**
 * The controller's view of an agent. {@link dev.drover.remote.AgentJar} is the embedded jar and its
 * sha256; {@link dev.drover.remote.AgentBootstrap} makes sure the host has that exact jar in its
 * content-addressed cache and starts it over one transport exec; {@link dev.drover.remote.AgentClient}
 * speaks the framed protocol (docs/PROTOCOL.md) over that exec's stdio.
 *
 * <p>Become ({@link dev.drover.remote.AgentOptions.Become}): {@link dev.drover.remote.SudoStart}
 * starts the agent through sudo as another user, with that user's own cache (docs/become.md);
 * {@link dev.drover.remote.SudoPasswordFeeder} answers sudo's prompt, {@link dev.drover.remote.Refusals}
 * explains sudo's refusals.
 *
 * <p>Lifecycle: one transport and one agent per host and become user per run. The bootstrap opens the exec channel;
 * the client owns it from then on and closes it on {@code close()} (shutdown message, then channel).
 * When the client's stdin closes, the agent exits by itself, so a dead controller leaves no agent.
 */
package dev.drover.remote;
