package dev.drover.transport;

/**
 * How a host is reached through other hosts, as the user wrote it outside {@code ~/.ssh/config}:
 * an OpenSSH {@code ProxyJump} value ({@code [user@]host[:port][,...]} or {@code none}) or a
 * {@code ProxyCommand} (drover honours the {@code ssh -W %h:%p jumphost} form as a jump and refuses
 * any other). The SSH transport parses and checks the value; this record only carries it.
 *
 * @param keyword {@code ProxyJump} or {@code ProxyCommand}
 * @param value   the raw value
 * @param origin  where it was set, for messages (e.g. "host variable drover_jump_hosts")
 */
public record ProxySetting(String keyword, String value, String origin) {
    public static final String PROXY_JUMP = "ProxyJump";
    public static final String PROXY_COMMAND = "ProxyCommand";

    public ProxySetting {
        if (!PROXY_JUMP.equals(keyword) && !PROXY_COMMAND.equals(keyword)) {
            throw new IllegalArgumentException("keyword must be ProxyJump or ProxyCommand, not " + keyword);
        }
        value = value == null ? "" : value.strip();
    }

    public static ProxySetting jump(String value, String origin) {
        return new ProxySetting(PROXY_JUMP, value, origin);
    }

    public static ProxySetting command(String value, String origin) {
        return new ProxySetting(PROXY_COMMAND, value, origin);
    }
}
