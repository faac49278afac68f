/**
 * The users family: {@code user}, {@code group} and {@code getent}, as Ansible's modules on Linux. They read the
 * account databases through {@code getent} (so NSS sources count, as Python's pwd/grp do) and
 * change them only through the shadow-utils commands ({@code useradd}, {@code usermod},
 * {@code groupadd}, ...), never by editing {@code /etc/passwd} themselves.
 */
package dev.drover.agent.modules.users;
