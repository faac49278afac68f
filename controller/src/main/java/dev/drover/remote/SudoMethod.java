package dev.drover.remote;

import static dev.drover.remote.AgentBootstrap.shellQuote;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code become_method: sudo}. One exec as the login user:
 * <pre>
 * /bin/sh -c 'm=${LC_MESSAGES-}; LC_MESSAGES=C exec sudo -H -n [FLAGS] -u USER -- /bin/sh -c SCRIPT drover-agent "$m"'
 * /bin/sh -c '... exec sudo -H -S -p PROMPT [FLAGS] -u USER -- /bin/sh -c SCRIPT drover-agent "$m"'   (with a password)
 * </pre>
 * {@code -n}: without a password sudo fails at once instead of waiting for one. {@code -S -p
 * PROMPT}: sudo prints our random marker and reads the password from stdin ({@link PasswordFeeder}
 * answers when the marker appears). {@code -H}: HOME is the become user's, where its cache lives.
 * sudo runs the script with {@code /bin/sh} directly, never through a login shell.
 *
 * <p>{@code become_exe} replaces {@code sudo}; {@code become_flags} are added, but for {@code -H},
 * {@code -S} and {@code -n} (Ansible's default flags), which drover sets itself as above.
 */
final class SudoMethod implements BecomeMethod {
    private static final Set<String> OWN_FLAGS = Set.of("-H", "-S", "-n");

    @Override
    public Start prepare(String host, AgentOptions.Become become, String user, boolean withPassword, String nonce,
            String script) throws AgentException {
        String prompt = withPassword ? "[drover-sudo-" + nonce + "]" : null;
        String exe = BecomeMethod.checkedWords("become_exe", become.exe());
        String flags = BecomeMethod.checkedWords("become_flags", become.flags());
        String program = exe.isEmpty() ? "sudo" : exe;
        return new Start(command(program, flags, user, prompt, script),
                prompt == null ? null : PasswordPrompt.marker(prompt), new SudoRefusals(host, user, prompt, program));
    }

    /**
     * @param prompt the prompt marker when a password will be given on stdin ({@code -S}); null for
     *     passwordless sudo ({@code -n})
     */
    static String command(String exe, String flags, String user, String prompt, String script) {
        String auth = prompt == null ? "-n" : "-S -p " + shellQuote(prompt);
        List<String> extra = Arrays.stream(flags.split("\\s+")).filter(f -> !f.isEmpty() && !OWN_FLAGS.contains(f)).toList();
        String outer = "m=${LC_MESSAGES-}; LC_MESSAGES=C exec " + exe + " -H " + auth
                + extra.stream().map(f -> " " + f).collect(Collectors.joining()) + " -u " + shellQuote(user)
                + " -- /bin/sh -c " + shellQuote(script) + " drover-agent \"$m\"";
        return "/bin/sh -c " + shellQuote(outer);
    }

    static String command(String user, String prompt, String script) {
        return command("sudo", "", user, prompt, script);
    }
}
