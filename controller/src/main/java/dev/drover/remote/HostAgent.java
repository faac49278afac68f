package dev.drover.remote;

import dev.drover.transport.Transport;

/**
 * A host's open transport and running agent for the length of a run.
 *
 * @param transport the run's own connection, or null when the agent is leased from the persist
 *     process (which owns the connection; closing the client ends the lease)
 * @param uploaded whether this run had to upload the agent jar (false when the host's cache was warm)
 */
public record HostAgent(String host, Transport transport, AgentClient client, boolean uploaded) {
}
