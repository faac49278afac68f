/**
 * Writing packages laid out like Alfresco's: the 5.x installer's tree ({@code dist}, {@link
 * dev.drover.acssim.dist.Distribution}), the 5.2+ distribution zip ({@code dist --layout distribution}, {@link
 * dev.drover.acssim.dist.DistributionZip}) and the operator's Tomcat it is deployed into ({@code tomcat}, {@link
 * dev.drover.acssim.dist.OperatorTomcat}), WARs and AMPs ({@code amp}). Zips carry Unix modes in their external
 * attributes, as Info-ZIP writes them, so {@code alfresco.sh} stays executable after drover's {@code unarchive}
 * (or {@code unzip}). Reading a WAR is {@code war}'s job; running a node is {@code node}'s.
 */
package dev.drover.acssim.dist;
