package dev.drover.report;

/**
 * Whether the user's drover has a terminal: {@code System.console()} for a CLI that runs its
 * command itself; for a command a command worker (cli) runs, what the thin client said of its own
 * (the worker has none). Set per command thread (inherited by the threads it starts). Colour
 * ({@link Style}) and prompts read it.
 */
public final class Terminal {
    private static final InheritableThreadLocal<Client> CLIENT = new InheritableThreadLocal<>();

    /** The thin client a worker's command runs for. */
    public static final class Client {
        final boolean console;
        /** Set when the command wanted to ask the client's terminal: the worker cannot. */
        volatile boolean asked;

        public Client(boolean console) {
            this.console = console;
        }

        public boolean console() {
            return console;
        }

        public boolean asked() {
            return asked;
        }

        public void markAsked() {
            asked = true;
        }
    }

    private Terminal() {
    }

    public static boolean present() {
        Client client = CLIENT.get();
        return client != null ? client.console : System.console() != null;
    }

    /** The client a worker's command runs for, or null in a CLI that runs its own command. */
    public static Client client() {
        return CLIENT.get();
    }

    public static void setForClient(Client client) {
        if (client == null) {
            CLIENT.remove();
        } else {
            CLIENT.set(client);
        }
    }

    /** Thrown where a worker's command would ask the client's terminal (a password prompt). */
    public static final class NeedsTerminal extends RuntimeException {
        public NeedsTerminal(String question) {
            super(question, null, false, false);
        }
    }
}
