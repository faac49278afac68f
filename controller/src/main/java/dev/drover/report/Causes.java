package dev.drover.report;

import java.util.ArrayList;
import java.util.List;

/** An exception's cause chain as one line of text, for reports that have one line for a failure. */
public final class Causes {
    private Causes() {
    }

    /** Messages of a cause chain, de-duplicated, for one-line reports. */
    public static String chain(Throwable t) {
        List<String> parts = new ArrayList<>();
        for (Throwable c = t; c != null; c = c.getCause()) {
            String m = c.getMessage();
            if (m != null && parts.stream().noneMatch(p -> p.contains(m))) {
                parts.add(m);
            }
        }
        return String.join(": ", parts);
    }
}
