/**
 * The system family: modules about the host and the agent itself. {@code ping}; {@code setup}
 * (facts, read from /proc, /etc and the JVM by {@code PlatformFacts}, {@code RuntimeFacts},
 * {@code HardwareFacts} and {@code NetworkFacts}, without starting processes); {@code service}
 * (start, stop, restart, reload, enable) over a {@code ServiceBackend}: systemd's systemctl or an
 * init script such as alfresco.sh. File modules live in {@code modules.files}, waiting for ports
 * and log lines in {@code modules.net}.
 */
package dev.drover.agent.modules.system;
