/**
 * An installation's configuration as ACS reads it: {@code tomcat/shared/classes/alfresco-global.properties}
 * with {@code ${...}} expansion, {@code dir.root} resolved against the installation, and the database
 * connection ({@code db.*}, PostgreSQL or embedded H2) opened with plain JDBC; the Solr cores'
 * {@code solrcore.properties} (where each index is); Tomcat's {@code conf/server.xml} (where HTTP listens:
 * {@link dev.drover.acssim.config.ServerXml}).
 *
 * <p>Entry point: {@link dev.drover.acssim.config.Installation#load(java.nio.file.Path)}. Nothing here
 * starts a node or touches the schema (see {@code schema} and {@code node}).
 */
package dev.drover.acssim.config;
