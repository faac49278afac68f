package dev.drover.execute;

/** A host variable has a value drover cannot use; names the host and the variable. */
public class BadHostVarException extends Exception {
    private static final long serialVersionUID = 1L;

    public BadHostVarException(String host, String variable, String problem) {
        super("host " + host + ": variable " + variable + ": " + problem);
    }
}
