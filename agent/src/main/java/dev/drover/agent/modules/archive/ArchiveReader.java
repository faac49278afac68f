package dev.drover.agent.modules.archive;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the members of an archive in order. {@link #content()} is valid until the next call to
 * {@link #next()}; not reading it is fine. Not thread-safe.
 */
public interface ArchiveReader extends Closeable {
    /** The next member, or null at the end of the archive. */
    ArchiveEntry next() throws IOException;

    /** The current member's bytes (empty for directories and links). */
    InputStream content() throws IOException;
}
