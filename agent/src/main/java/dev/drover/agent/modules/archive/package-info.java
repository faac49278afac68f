/**
 * The archive modules ({@code archive}, {@code unarchive}; registered by
 * {@link dev.drover.agent.modules.archive.ArchiveModules}) and the pure-Java formats behind them:
 * a ustar/GNU/pax tar reader and writer, a zip reader and writer that keep Unix modes and
 * symlinks, gzip through {@code java.util.zip}. Extraction is confined to the destination
 * ({@link dev.drover.agent.modules.archive.EntryPaths}). Uses the attribute, atomic-write and
 * checksum helpers of {@code modules.files}; nothing there depends on this package.
 */
package dev.drover.agent.modules.archive;
