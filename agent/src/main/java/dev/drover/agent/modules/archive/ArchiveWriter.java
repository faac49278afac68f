package dev.drover.agent.modules.archive;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/** Writes members to an archive; {@link #close()} writes the trailer and closes the output. */
public interface ArchiveWriter extends Closeable {
    /** Adds one member; {@code content} supplies exactly {@code entry.size} bytes for files, else null. */
    void add(ArchiveEntry entry, InputStream content) throws IOException;
}
