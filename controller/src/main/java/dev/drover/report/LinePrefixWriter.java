package dev.drover.report;

import java.io.IOException;
import java.io.Writer;
import java.util.function.Supplier;

/**
 * Puts a prefix (a timestamp, a run id) in front of every non-empty line written through it, so a
 * printer that knows nothing of timestamps yields a log with one stamped line per event. The prefix
 * is computed when a line's first character arrives, so it is the time the line was written. Blank
 * lines (the spacing between Ansible's banners) are dropped: every line of a stamped log has its
 * stamp. Not thread-safe: the printers writing through it synchronize.
 */
public final class LinePrefixWriter extends Writer {
    private final Writer target;
    private final Supplier<String> prefix;
    private boolean atLineStart = true;

    public LinePrefixWriter(Writer target, Supplier<String> prefix) {
        this.target = target;
        this.prefix = prefix;
    }

    @Override
    public void write(char[] buf, int off, int len) throws IOException {
        StringBuilder b = new StringBuilder(len + 64);
        for (int i = off; i < off + len; i++) {
            char c = buf[i];
            if (c == '\n' || c == '\r') {
                if (!atLineStart) {
                    b.append('\n');
                }
                atLineStart = true;
                continue;
            }
            if (atLineStart) {
                b.append(prefix.get());
                atLineStart = false;
            }
            b.append(c);
        }
        target.write(b.toString());
    }

    @Override
    public void flush() throws IOException {
        target.flush();
    }

    @Override
    public void close() throws IOException {
        target.close();
    }
}
