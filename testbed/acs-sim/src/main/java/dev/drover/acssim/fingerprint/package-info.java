/**
 * {@code fingerprint}: one JSON object that says whether two repositories hold the same data: the
 * schema number, the cluster name, row counts, a hash of the user data (nodes and content URLs, not
 * the patch table, so a successful upgrade keeps it), a hash of every contentstore file, and whether
 * the upgrade marker exists. Tests and the demo compare fingerprints before and after an upgrade,
 * and after a restore. Read-only.
 */
package dev.drover.acssim.fingerprint;
