package dev.drover.remote;

import dev.drover.transport.TransportFactory;
import dev.drover.transport.Transports;
import dev.drover.transport.local.LocalTransport;
import dev.drover.transport.ssh.SshTransportFactory;

/**
 * The one place a run's agent pool is put together: the transports a host's {@code connection} can
 * name (SSH, built on the first SSH host only; local), the embedded agent jar's bootstrap, and the
 * leaser of the persist process (or none). {@code drover exec}, {@code drover run} and the persist
 * process itself get theirs here, so they always connect the same way.
 */
public final class AgentPools {
    private AgentPools() {
    }

    /** The transports drover opens hosts with, by {@code connection}: {@code ssh} and {@code local}. */
    public static TransportFactory transports() {
        return new Transports(LocalTransport::open, SshTransportFactory::new);
    }

    /** A pool over the embedded agent jar, leasing warm agents from {@code leaser}. */
    public static AgentPool open(AgentJar jar, AgentLeaser leaser) {
        return new AgentPool(transports(), new AgentBootstrap(jar), leaser);
    }
}
