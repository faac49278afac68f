package dev.drover.transport;

/** Opens a transport for one host. Implementations: ssh/SshTransportFactory, local/LocalTransport. */
@FunctionalInterface
public interface TransportFactory {
    Transport open(ConnectionSettings settings) throws TransportException;
}
