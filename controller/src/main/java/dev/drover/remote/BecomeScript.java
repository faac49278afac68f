package dev.drover.remote;

import static dev.drover.remote.AgentBootstrap.shellQuote;

/**
 * The script that starts the agent as the become user, whatever switched to that user ({@link
 * BecomeMethod}: sudo or su): pure string building, no I/O.
 *
 * <p>The script keeps a content-addressed cache of its own under the <em>become user's</em>
 * home (sudo {@code -H} and su both set HOME to it), because that user may not traverse the login
 * user's home: it prints the status line {@value #STATUS}{@code ok} and execs the cached jar when
 * its sha256 is right; otherwise it prints {@value #STATUS}{@code need}, reads exactly the jar's
 * length from stdin into a temporary file in the cache directory (mode 0600, umask 077), verifies
 * the hash as the become user, renames it atomically and execs it. The temporary file is removed on
 * every way out but the rename (a failed write prints {@value #WRITE_FAILED} and the KiB free, for a
 * full disk), and temporary files older than an hour, left by a killed run, are swept. {@value
 * #STATUS}{@code nocache} means the directory cannot be made. The status line also proves that the
 * become method let us in (Ansible's BECOME-SUCCESS). {@code $1} is the login user's LC_MESSAGES:
 * the methods run with {@code LC_MESSAGES=C} so that their refusals can be recognised, and the
 * script restores the login user's value before java starts.
 */
final class BecomeScript {
    static final String STATUS = "@@DROVER-BECOME@@";
    static final String OK = "ok";
    static final String NEED = "need";
    static final String NO_CACHE = "nocache";
    /** Printed, followed by the KiB free in the cache directory, when the jar could not be written. */
    static final String WRITE_FAILED = "@@DROVER-WRITE-FAILED@@";

    private BecomeScript() {
    }

    /**
     * The same script run as the login user, without sudo: how the agent jar reaches a host whose
     * sshd offers no SFTP ({@code $1} is the login user's own LC_MESSAGES, so nothing changes).
     */
    static String plainCommand(String inner) {
        return "/bin/sh -c " + shellQuote("exec /bin/sh -c " + shellQuote(inner) + " drover-agent \"${LC_MESSAGES-}\"");
    }

    /**
     * The script the become user runs. {@code $1} is the login user's LC_MESSAGES.
     *
     * @param cacheDir validated cache directory; relative means under the become user's home
     * @param java     the quoted java command with its JVM flags
     * @param tmpSuffix random, so concurrent starts never write the same temporary file
     */
    static String innerScript(String cacheDir, String sha256, long size, String java, String tmpSuffix) {
        boolean relative = !cacheDir.startsWith("/");
        String dir = relative ? "\"$HOME\"/" + shellQuote(cacheDir) : shellQuote(cacheDir);
        return "if [ -n \"$1\" ]; then LC_MESSAGES=$1; export LC_MESSAGES; else unset LC_MESSAGES; fi\n"
                + "d=" + dir + "\n"
                + (relative ? homelessFallback() : "")
                + "f=\"$d\"/'" + sha256 + ".jar'\nt=\"$f\".tmp." + tmpSuffix + "\n"
                + "h() { (sha256sum \"$1\" || shasum -a 256 \"$1\") 2>/dev/null | cut -c1-64; }\n"
                + "if [ \"$(h \"$f\")\" = '" + sha256 + "' ]; then echo '" + STATUS + OK + "'; exec " + java + " -jar \"$f\"; fi\n"
                + "umask 077\n"
                + "if ! mkdir -p \"$d\" || ! : >\"$t\"; then"
                + " echo \"cannot write the agent cache $d as $(id -un)\" >&2; echo '" + STATUS + NO_CACHE + "'; exit 1; fi\n"
                + "chmod 700 \"$d\" 2>/dev/null\n"
                + "trap 'rm -f \"$t\"' EXIT HUP INT TERM\n"
                + AgentBootstrap.sweepStaleTemps("$d")
                + "echo '" + STATUS + NEED + "'\n"
                + "if ! head -c " + size + " >\"$t\"; then rm -f \"$t\"; echo '" + WRITE_FAILED
                + "'\"$(df -Pk \"$d\" 2>/dev/null | awk 'NR==2 {print $4}')\"; exit 1; fi\n"
                + "if [ \"$(h \"$t\")\" != '" + sha256 + "' ]; then rm -f \"$t\"; echo '" + AgentBootstrap.UPLOAD_CORRUPT
                + "'; exit 1; fi\n"
                + "mv -f \"$t\" \"$f\" || exit 1\n"
                + "trap - EXIT HUP INT TERM\n"
                + "exec " + java + " -jar \"$f\"\n";
    }

    /** Where a become user without a writable home keeps its cache: {@code <this>-<uid>}, its own, 0700. */
    static final String HOMELESS_CACHE = "/var/tmp/drover-agent";

    /**
     * A become user whose home is missing or not writable (nobody's {@code /nonexistent}, a system
     * account's) gets its cache in {@code /var/tmp/drover-agent-<uid>} instead, as Ansible falls back to
     * its system temp directories: created 0700 by that user, and used only if it is a directory (not
     * a link) that user owns, so nobody else can have planted or swap the jar. /var/tmp survives a
     * reboot; a noexec mount does not matter to {@code java -jar}; a cleaner that empties it only
     * costs one more upload.
     */
    private static String homelessFallback() {
        return "if [ -z \"$HOME\" ] || ! (umask 077; mkdir -p \"$d\") 2>/dev/null || [ ! -w \"$d\" ]; then\n"
                + "  d=" + HOMELESS_CACHE + "-$(id -u)\n"
                + "  (umask 077; mkdir \"$d\") 2>/dev/null\n"
                + "  if [ -L \"$d\" ] || [ ! -d \"$d\" ] || [ ! -O \"$d\" ]; then"
                + " echo \"cannot write the agent cache under the home directory, nor use $d: not a directory of its own\" >&2;"
                + " echo '" + STATUS + NO_CACHE + "'; exit 1; fi\n"
                + "fi\n";
    }

    /**
     * Refuses user names sudo or su would misread or that could not be a user: empty, starting with
     * {@code -}, or containing whitespace or control characters. Quoting already prevents injection;
     * this gives a clear message instead of a confusing sudo or su error.
     */
    static String validatedUser(String user) throws AgentException {
        if (user.startsWith("-") || !user.codePoints().allMatch(c -> c > ' ' && c != 0x7f)) {
            throw new AgentException("become user '" + user.replaceAll("\\p{Cntrl}", "?")
                    + "' is not a valid user name (no spaces, control characters or leading '-')");
        }
        return user;
    }
}
