package dev.drover.remote;

import dev.drover.transport.ConnectionSettings;

/**
 * Lends a host's agent from elsewhere than a fresh connection: the persist process
 * ({@code dev.drover.persist}). Implementations never throw for their own failures: a null answer
 * means "connect directly", so a run never fails because of the lender.
 */
@FunctionalInterface
public interface AgentLeaser {
    AgentLeaser NONE = (settings, options) -> null;

    /** A started agent for this host and options, or null to open a direct connection instead. */
    HostAgent lease(ConnectionSettings settings, AgentOptions options);
}
