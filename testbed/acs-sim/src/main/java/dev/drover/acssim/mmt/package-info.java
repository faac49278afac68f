/**
 * The simulated Module Management Tool ({@code bin/alfresco-mmt.jar}): installs AMPs into a WAR,
 * lists and uninstalls them, with MMT's command line, messages and exit codes (0 ok, 1 error).
 * It really rewrites the WAR zip, so the node simulator, the playbooks and {@code unzip -l} all see
 * the same modules.
 *
 * <p>Flow: {@link dev.drover.acssim.mmt.Mmt} parses the command line and maps errors to exit codes;
 * {@link dev.drover.acssim.mmt.ModuleInstaller} works on a {@link dev.drover.acssim.mmt.WarArchive}
 * (the WAR loaded into memory, written back atomically) with {@link dev.drover.acssim.mmt.AmpPackage}
 * (an AMP's files mapped to their WAR paths) and records what it changed in
 * {@link dev.drover.acssim.mmt.InstalledFiles} so that {@code uninstall} can undo it.
 * {@link dev.drover.acssim.mmt.AmpBuilder} writes test AMPs.
 *
 * <p>Not here: reading modules at node start (the node reads the WAR's module.properties itself).
 * Single-threaded: one MMT run is one process.
 */
package dev.drover.acssim.mmt;
