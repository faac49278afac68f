/**
 * Writing packages laid out like Alfresco's: the distribution zip ({@code dist}), WARs and AMPs
 * ({@code amp}). Zips carry Unix modes in their external attributes, as Info-ZIP writes them, so
 * {@code alfresco.sh} stays executable after drover's {@code unarchive} (or {@code unzip}).
 * Reading a WAR is {@code war}'s job; running a node is {@code node}'s.
 */
package dev.drover.acssim.dist;
