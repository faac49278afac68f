package dev.drover.remote;

/**
 * Explains a failed write of the agent jar on a host: when the cache directory's filesystem has
 * less room than the jar, says so in those words, with the space needed and the space free, and
 * what to do. SFTP reports a full disk only as "Failure", and {@code head} as a write error.
 */
final class DiskSpace {
    private DiskSpace() {
    }

    /**
     * @param freeKiB what {@code df -Pk} reported as available in the cache directory after the
     *     partial file was removed; empty or not a number when df could not tell
     * @param said    the host's own error text (may be empty)
     */
    static AgentException writeFailed(String host, String dir, long neededBytes, String freeKiB, String said) {
        long needKiB = (neededBytes + 1023) / 1024;
        Long free = parse(freeKiB);
        String cause = said == null || said.isBlank() ? "" : " (" + AgentClient.lastLines(said.strip(), 2) + ")";
        if (free != null && free < needKiB) {
            return new AgentException("no space left on " + host + " for the agent jar in '" + dir + "': it needs "
                    + needKiB + " KiB, " + free + " KiB are free there" + cause + ". Free some space on that filesystem,"
                    + " or set drover_agent_cache to a directory on another one. Nothing was left behind.");
        }
        return new AgentException("cannot write the agent jar (" + needKiB + " KiB) to '" + dir + "' on " + host + cause
                + (free == null ? "" : "; " + free + " KiB are free there") + ". Nothing was left behind.");
    }

    /** Whether {@code freeKiB} (df's available KiB) is known and too little for {@code neededBytes}. */
    static boolean tooLittle(String freeKiB, long neededBytes) {
        Long free = parse(freeKiB);
        return free != null && free < (neededBytes + 1023) / 1024;
    }

    private static Long parse(String kib) {
        try {
            return kib == null ? null : Long.parseLong(kib.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
