/**
 * A running node: what {@code node run} does (docs/testbed-acs-sim.md "What a start does"), and the
 * {@code start}/{@code stop}/{@code status} controls {@code alfresco.sh} mirrors.
 *
 * <p>Lifecycle of {@code node run}: {@link dev.drover.acssim.node.NodeProcess} checks the Java version,
 * writes the pid file, prints Tomcat's start to stdout (which is {@code catalina.out}), opens HTTP, then runs
 * {@link dev.drover.acssim.node.Startup} on the {@code localhost-startStop-1} thread: {@link
 * dev.drover.acssim.node.SchemaBootstrap}, the content, module and multi-tenancy checks, the cluster
 * listener, the success line. The main thread then waits for the shutdown request file and exits 0 after
 * Tomcat's stop lines. A failed start leaves the JVM up, as Tomcat does.
 */
package dev.drover.acssim.node;
