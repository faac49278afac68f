package dev.drover.cli;

/**
 * Whether the user's drover has a terminal: {@code System.console()} for a CLI that runs its
 * command itself; for a command a {@link CommandWorker} runs, what the thin client said of its own
 * (the worker has none). Set per command thread (inherited by the threads it starts).
 */
final class Terminal {
    private static final InheritableThreadLocal<Client> CLIENT = new InheritableThreadLocal<>();

    /** The thin client a worker's command runs for. */
    static final class Client {
        final boolean console;
        /** Set when the command wanted to ask the client's terminal: the worker cannot. */
        volatile boolean asked;

        Client(boolean console) {
            this.console = console;
        }
    }

    private Terminal() {
    }

    static boolean present() {
        Client client = CLIENT.get();
        return client != null ? client.console : System.console() != null;
    }

    /** The client a worker's command runs for, or null in a CLI that runs its own command. */
    static Client client() {
        return CLIENT.get();
    }

    static void setForClient(Client client) {
        if (client == null) {
            CLIENT.remove();
        } else {
            CLIENT.set(client);
        }
    }

    /** Thrown where a worker's command would ask the client's terminal (a password prompt). */
    static final class NeedsTerminal extends RuntimeException {
        NeedsTerminal(String question) {
            super(question, null, false, false);
        }
    }
}
