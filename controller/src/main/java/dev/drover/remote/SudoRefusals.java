package dev.drover.remote;

/** sudo's refusals ({@link SudoMethod}). */
final class SudoRefusals extends Refusals {
    /** The program run for sudo: {@code sudo}, or the task's {@code become_exe}. */
    private final String exe;

    SudoRefusals(String host, String user, String prompt) {
        this(host, user, prompt, "sudo");
    }

    SudoRefusals(String host, String user, String prompt, String exe) {
        super(host, user, prompt);
        this.exe = exe;
    }

    @Override
    AgentException needsPassword() {
        return new AgentException("sudo on " + host() + " needs a password to run as " + user
                + ": set the become password (DROVER_BECOME_PASSWORD or --ask-become-pass),"
                + " or allow the login user NOPASSWD in sudoers");
    }

    @Override
    AgentException incorrectPassword() {
        return new AgentException("incorrect sudo password on " + host() + " (becoming " + user
                + "): sudo rejected the become password; it is the login user's own password on that host"
                + " (DROVER_BECOME_PASSWORD or --ask-become-pass)");
    }

    @Override
    AgentException explain(String output, int exitCode) {
        String text = clean(output).strip();
        if (text.contains("a password is required")) {
            return needsPassword();
        }
        if (text.contains("incorrect password attempt") || text.contains("Sorry, try again")) {
            return incorrectPassword();
        }
        if (!exe.equals("sudo") && (text.contains(exe + ": not found") || exitCode == 127)) {
            return new AgentException("become_exe '" + exe + "' is not found on " + host()
                    + " (or not on the login user's PATH): " + text);
        }
        if (text.matches("(?s).*sudo: (command )?not found.*") || exitCode == 127) {
            return new AgentException("sudo is not installed on " + host() + " (or not on the login user's PATH);"
                    + " become needs sudo (apt-get install sudo / dnf install sudo)");
        }
        if (text.contains("unknown user")) {
            return new AgentException("the become user '" + user + "' does not exist on " + host()
                    + "; check become_user (or --become-user)");
        }
        if (text.contains("not in the sudoers file") || text.contains("is not allowed to")
                || text.contains("may not run sudo")) {
            return new AgentException("sudo on " + host() + " refused to run the agent as " + user + " ("
                    + AgentClient.lastLines(text, 2) + "); allow the login user in sudoers (a line like"
                    + " 'LOGIN ALL=(" + user + ") ALL')");
        }
        return new AgentException("sudo on " + host() + " did not start the agent as " + user + " (exit " + exitCode + ")"
                + (text.isEmpty() ? "" : ": " + AgentClient.lastLines(text, 5)));
    }
}
