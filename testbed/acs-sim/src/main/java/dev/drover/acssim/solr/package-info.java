/**
 * The Solr 4 webapp's ReplicationHandler as far as backups go ({@code /solr4/<core>/replication?command=backup}
 * and {@code command=details}), for the 5.x personas: a backup snapshots a core's index directory into
 * {@code <location>/snapshot.<yyyyMMddHHmmssSSS>} in the background, as Solr's SnapShooter does, so a hot
 * backup can take Solr's copy instead of the live index. Not here: HTTP (the {@code http} package routes
 * to {@link dev.drover.acssim.solr.SolrReplication}), index contents (the seed writes them).
 */
package dev.drover.acssim.solr;
