package dev.drover.cli;

import dev.drover.report.Terminal;
import dev.drover.secret.Secret;
import dev.drover.transport.CredentialPrompt;
import java.io.Console;
import java.util.Optional;

/**
 * Asks on the terminal, without echo. With no terminal (cron, CI, a pipe) it never prompts: it
 * answers "nobody to ask" and the caller fails with a message naming the variable to set.
 */
final class TerminalPrompt implements CredentialPrompt {
    static CredentialPrompt forThisProcess() {
        Terminal.Client client = Terminal.client();
        if (client != null) {
            // A worker's command: a question only the client's terminal could answer sends the
            // command back to the client (CommandWorker), or, with no terminal there either, nobody.
            return client.console() ? question -> {
                client.markAsked();
                throw new Terminal.NeedsTerminal(question);
            } : CredentialPrompt.NONE;
        }
        Console console = System.console();
        return console == null ? CredentialPrompt.NONE : new TerminalPrompt(console);
    }

    private final Console console;

    private TerminalPrompt(Console console) {
        this.console = console;
    }

    @Override
    public synchronized Optional<Secret> ask(String question) {
        char[] answer = console.readPassword("%s", question);
        return answer == null ? Optional.empty() : Optional.of(Secret.of(answer));
    }
}
