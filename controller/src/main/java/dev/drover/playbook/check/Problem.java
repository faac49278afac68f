package dev.drover.playbook.check;

import dev.drover.playbook.SourcePos;
import java.util.Objects;

/** One finding of {@link PlaybookChecker}: where, and what is wrong and what to do. */
public record Problem(SourcePos pos, String message) {

    public Problem {
        Objects.requireNonNull(pos, "pos");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return pos + ": " + message;
    }
}
