package dev.drover.transport;

import dev.drover.transport.local.LocalTransport;
import java.util.function.Supplier;

/**
 * Opens the right transport for a host's {@code connection} type. The SSH factory is built on the
 * first SSH host only (building it loads sshj's crypto, about 0.2 s), so runs against local hosts
 * never pay for it; host threads that need it at once share one instance.
 */
public final class Transports implements TransportFactory {
    private final Supplier<TransportFactory> sshSupplier;
    private volatile TransportFactory ssh;

    public Transports(Supplier<TransportFactory> ssh) {
        this.sshSupplier = ssh;
    }

    @Override
    public Transport open(ConnectionSettings settings) throws TransportException {
        return switch (settings.connection()) {
            case "local" -> LocalTransport.open(settings);
            case "ssh" -> ssh().open(settings);
            default -> throw new TransportException(TransportException.Kind.CONFIG, settings.hostName(),
                    "unsupported connection type '" + settings.connection() + "' (drover supports ssh and local)");
        };
    }

    private TransportFactory ssh() {
        TransportFactory f = ssh;
        if (f == null) {
            synchronized (this) {
                f = ssh;
                if (f == null) {
                    f = sshSupplier.get();
                    ssh = f;
                }
            }
        }
        return f;
    }
}
