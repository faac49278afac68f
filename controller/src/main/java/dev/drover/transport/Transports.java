package dev.drover.transport;

import dev.drover.transport.local.LocalTransport;

/** Opens the right transport for a host's {@code connection} type. */
public final class Transports implements TransportFactory {
    private final TransportFactory ssh;

    public Transports(TransportFactory ssh) {
        this.ssh = ssh;
    }

    @Override
    public Transport open(ConnectionSettings settings) throws TransportException {
        return switch (settings.connection()) {
            case "local" -> LocalTransport.open(settings);
            case "ssh" -> ssh.open(settings);
            default -> throw new TransportException(TransportException.Kind.CONFIG, settings.hostName(),
                    "unsupported connection type '" + settings.connection() + "' (drover supports ssh and local)");
        };
    }
}
