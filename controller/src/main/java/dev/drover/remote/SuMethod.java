package dev.drover.remote;

import static dev.drover.remote.AgentBootstrap.shellQuote;

import java.util.List;

/**
 * {@code become_method: su}, as Ansible 2.14's su plugin: {@code EXE FLAGS USER -c COMMAND}
 * ({@code become_exe}, default {@code su}, and {@code become_flags}, default none, as written).
 * One exec as the login user:
 * <pre>
 * /bin/sh -c 'DROVER_LC_MESSAGES=${LC_MESSAGES-}; export DROVER_LC_MESSAGES; LC_MESSAGES=C exec su USER -c COMMAND'
 * COMMAND: exec /bin/sh -c 'unset DROVER_LC_MESSAGES; SCRIPT' drover-agent "$DROVER_LC_MESSAGES"
 * </pre>
 * su runs COMMAND with the become user's login shell ({@code SHELL -c}), which must therefore
 * accept commands: a user whose shell is {@code nologin} needs {@code become_flags: -s /bin/sh}.
 * Without {@code -} or {@code -l} su keeps the environment but for HOME (the become user's, where
 * its cache lives), SHELL, USER and LOGNAME, so the login user's LC_MESSAGES travels in a variable
 * of ours, removed before the script runs.
 *
 * <p>The password: su asks the <em>become user's</em> password through PAM, on stderr, in the
 * locale's words; it cannot be told to print a marker. {@link PasswordPrompt#localized} recognises
 * the prompt as Ansible does (its list of translations of "Password") and the feeder answers on
 * stdin (PAM reads it from stdin when there is no terminal; drover keeps stdin and stdout for
 * frames, so there is none). su asks once and says "Authentication failure" when the password is
 * wrong; from root (pam_rootok) it does not ask.
 */
final class SuMethod implements BecomeMethod {
    /** Ansible 2.14's SU_PROMPT_LOCALIZATIONS (lib/ansible/plugins/become/su.py). */
    static final List<String> PROMPTS = List.of("Password", "암호", "パスワード", "Adgangskode", "Contraseña", "Contrasenya",
            "Hasło", "Heslo", "Jelszó", "Lösenord", "Mật khẩu", "Mot de passe", "Parola", "Parool", "Pasahitza", "Passord",
            "Passwort", "Salasana", "Sandi", "Senha", "Wachtwoord", "ססמה", "Лозинка", "Парола", "Пароль", "गुप्तशब्द",
            "शब्दकूट", "సంకేతపదము", "හස්පදය", "密码", "密碼", "口令");

    /** Ansible's su {@code fail}. */
    static final List<String> FAILURES = List.of("Authentication failure");

    @Override
    public Start prepare(String host, AgentOptions.Become become, String user, boolean withPassword, String nonce,
            String script) throws AgentException {
        String exe = BecomeMethod.checkedWords("become_exe", become.exe());
        String flags = BecomeMethod.checkedWords("become_flags", become.flags());
        // The prompt is watched with or without a password: without one, su would wait on stdin.
        return new Start(command(exe.isEmpty() ? "su" : exe, flags, user, script), PasswordPrompt.localized(PROMPTS, FAILURES),
                new SuRefusals(host, user));
    }

    static String command(String exe, String flags, String user, String script) {
        String inner = "exec /bin/sh -c " + shellQuote("unset DROVER_LC_MESSAGES\n" + script)
                + " drover-agent \"$DROVER_LC_MESSAGES\"";
        String outer = "DROVER_LC_MESSAGES=${LC_MESSAGES-}; export DROVER_LC_MESSAGES; LC_MESSAGES=C exec " + exe
                + (flags.isEmpty() ? "" : " " + flags) + " " + shellQuote(user) + " -c " + shellQuote(inner);
        return "/bin/sh -c " + shellQuote(outer);
    }
}
