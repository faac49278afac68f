package dev.drover.state.lock;

import java.nio.file.Path;
import java.util.Optional;

/** Another live run holds the lock. {@link #holder()} is empty when it is still writing its details. */
public final class LockHeldException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Path file;
    private final transient LockHolder holder;

    LockHeldException(Path file, LockHolder holder) {
        super("lock " + file + " is held by " + (holder == null ? "a run that is starting" : holder.describe()));
        this.file = file;
        this.holder = holder;
    }

    public Path file() {
        return file;
    }

    public Optional<LockHolder> holder() {
        return Optional.ofNullable(holder);
    }
}
