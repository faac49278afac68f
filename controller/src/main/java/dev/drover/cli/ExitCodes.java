package dev.drover.cli;

/**
 * drover's exit codes, the one place they are defined (documented in docs/exit-codes.md). They
 * follow ansible-playbook's where Ansible has one, so existing monitoring keeps working.
 */
public final class ExitCodes {
    /** Every host succeeded. */
    public static final int OK = 0;
    /** At least one host failed a step (failures win over unreachable when both happen). */
    public static final int HOST_FAILED = 2;
    /** At least one host could not be reached, and none failed. */
    public static final int HOST_UNREACHABLE = 3;
    /** Bad input: command-line usage, inventory, playbook syntax, a pattern that matches no host. */
    public static final int BAD_INPUT = 4;
    /** Another run holds the lock for this playbook and inventory. */
    public static final int LOCKED = 6;
    /** Interrupted by the operator (Ctrl-C). */
    public static final int INTERRUPTED = 99;
    /** A bug in drover: an unexpected exception. */
    public static final int INTERNAL_ERROR = 250;

    private ExitCodes() {
    }
}
