/**
 * {@code seed}: fills a started installation's repository with "production" data, so an upgrade
 * test has something to lose: {@code alf_node} and {@code alf_content_url} rows, a content file per
 * URL under {@code dir.contentstore} ({@code YYYY/M/D/H/m/<uuid>.bin}, as ACS lays them out) and a few
 * Solr 4 index files. Everything derives from one {@link java.util.Random} seeded by {@code --seed}, so
 * the same seed and node count give byte-identical repositories (and equal fingerprints) anywhere.
 *
 * <p>Not here: the schema itself (the node creates it at its first start; {@code schema}) and reading
 * the data back ({@code fingerprint}).
 */
package dev.drover.acssim.seed;
