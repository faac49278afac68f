/**
 * What an {@code alfresco.war} says about itself: {@code WEB-INF/classes/alfresco/version.properties} and one
 * {@code WEB-INF/classes/alfresco/module/<id>/module.properties} per installed module. Reading only;
 * the distribution writer and the module management tool write WARs.
 */
package dev.drover.acssim.war;
