package dev.drover.remote;

/**
 * su's refusals ({@link SuMethod}). The password messages begin with Ansible's own words
 * ("Incorrect su password", "Missing su password"), so a playbook that searches a failed task's
 * message for them behaves as under Ansible.
 */
final class SuRefusals extends Refusals {
    SuRefusals(String host, String user) {
        super(host, user, null);
    }

    @Override
    AgentException needsPassword() {
        return new AgentException("Missing su password on " + host() + ": su asks for the password of " + user
                + "; set the become password (ansible_become_password, DROVER_BECOME_PASSWORD or --ask-become-pass)"
                + " to " + user + "'s password, or use become_method sudo");
    }

    @Override
    AgentException incorrectPassword() {
        return new AgentException("Incorrect su password on " + host() + " (becoming " + user
                + "): su rejected the become password; for su it is " + user + "'s own password, not the login user's"
                + " (ansible_become_password, DROVER_BECOME_PASSWORD or --ask-become-pass)");
    }

    @Override
    AgentException explain(String output, int exitCode) {
        String text = clean(output).strip();
        if (text.contains("Authentication failure")) {
            return incorrectPassword();
        }
        if (text.matches("(?s).*user \\S+ does not exist.*") || text.contains("Unknown id")
                || text.contains("unknown user")) {
            return new AgentException("the become user '" + user + "' does not exist on " + host()
                    + "; check become_user (or --become-user)");
        }
        if (text.contains("currently not available") || text.contains("nologin")) {
            return new AgentException("su on " + host() + " cannot run the agent as " + user + ": its login shell"
                    + " refuses commands (" + AgentClient.lastLines(text, 1) + "); set become_flags to '-s /bin/sh'"
                    + " (ansible_become_flags) or use become_method sudo");
        }
        if (text.contains("must be run from a terminal")) {
            return new AgentException("su on " + host() + " will only run from a terminal, and drover's agent runs"
                    + " without one (its stdin and stdout carry frames); use become_method sudo on this host");
        }
        if (exitCode == 127 && text.matches("(?s).*(not found|No such file).*")) {
            return new AgentException("su is not installed on " + host() + " (or not on the login user's PATH): "
                    + AgentClient.lastLines(text, 1) + "; set become_exe (ansible_become_exe) to su's path");
        }
        if (text.contains("Permission denied") || text.contains("not allowed")) {
            return new AgentException("su on " + host() + " refused to run the agent as " + user + " ("
                    + AgentClient.lastLines(text, 2) + ")");
        }
        return new AgentException("su on " + host() + " did not start the agent as " + user + " (exit " + exitCode + ")"
                + (text.isEmpty() ? "" : ": " + AgentClient.lastLines(text, 5)));
    }
}
