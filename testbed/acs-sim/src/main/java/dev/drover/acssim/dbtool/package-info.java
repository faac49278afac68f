/**
 * {@code db dump|restore|drop}: a portable logical backup of the repository tables (every {@code alf_*}
 * table, the upgrade marker included when it exists) as plain SQL that PostgreSQL and H2 both run:
 * {@code CREATE TABLE} from the JDBC metadata in standard types, then one {@code INSERT} per row in
 * primary-key order, so dumping the same data twice gives the same bytes. {@code restore} only goes
 * into a database without {@code alf_*} tables (restoring over data would mix two backup sets);
 * {@code drop} removes them all.
 *
 * <p>{@link dev.drover.acssim.dbtool.DbTool} is the entry point; {@link dev.drover.acssim.dbtool.TableInfo}
 * reads a table's shape, {@link dev.drover.acssim.dbtool.SqlDump} writes, {@link dev.drover.acssim.dbtool.SqlScript}
 * splits a dump back into statements. For PostgreSQL in production the playbooks use pg_dump and
 * pg_restore; this tool serves the demo's embedded H2 and works on both.
 */
package dev.drover.acssim.dbtool;
