package dev.drover.transport;

import java.util.function.Supplier;

/**
 * Opens the right transport for a host's {@code connection} type. The SSH factory is built on the
 * first SSH host only (building it loads sshj's crypto, about 0.2 s), so runs against local hosts
 * never pay for it; host threads that need it at once share one instance.
 */
public final class Transports implements TransportFactory {
    private final TransportFactory local;
    private final Supplier<TransportFactory> sshSupplier;
    private volatile TransportFactory ssh;

    /** {@code local} opens {@code connection: local} hosts; {@code ssh} makes the SSH factory when first needed. */
    public Transports(TransportFactory local, Supplier<TransportFactory> ssh) {
        this.local = local;
        this.sshSupplier = ssh;
    }

    @Override
    public Transport open(ConnectionSettings settings) throws TransportException {
        return switch (settings.connection()) {
            case "local" -> local.open(settings);
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
