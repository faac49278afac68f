/**
 * The system family: modules about the host and the agent itself. For now {@code ping}; facts
 * gathering and service management belong here too, file modules do not ({@code modules.files}).
 */
package dev.drover.agent.modules.system;
