/**
 * The repository's tables (docs/testbed-acs-sim.md, "Database tables") in SQL that PostgreSQL and H2 both
 * accept, and the small queries everybody needs: the schema number, the upgrade marker, the cluster name.
 * What a start does with them (SchemaBootstrap's logic) lives in {@code node}; the data a repository holds
 * (seed, fingerprint, dump) lives with those commands.
 */
package dev.drover.acssim.schema;
