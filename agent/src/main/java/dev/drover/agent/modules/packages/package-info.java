/**
 * The package family: modules that install and remove the host's packages through its package
 * manager ({@code apt} on Debian and Ubuntu). They run the manager's own programs (apt-get,
 * dpkg-query, apt-cache, apt-mark) and read nothing else; check mode asks the manager to simulate.
 */
package dev.drover.agent.modules.packages;
