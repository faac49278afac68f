package dev.drover.execute;

import dev.drover.remote.AgentOptions;
import dev.drover.secret.Secret;
import dev.drover.transport.ConnectionSettings;
import dev.drover.transport.ProxySetting;
import dev.drover.transport.ssh.SshArgs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the Ansible connection variables a user's inventory already has, so it works unchanged:
 * {@code ansible_connection}, {@code ansible_host}, {@code ansible_port}, {@code ansible_user}
 * ({@code ansible_ssh_user}), {@code ansible_ssh_private_key_file}, {@code ansible_password}
 * ({@code ansible_ssh_pass}), {@code ansible_timeout}, and {@code -o UserKnownHostsFile=} /
 * {@code -o StrictHostKeyChecking=accept-new} inside {@code ansible_ssh_common_args} /
 * {@code ansible_ssh_extra_args}, and jump hosts there ({@code -J}, {@code -o ProxyJump=},
 * {@code -o ProxyCommand=}). drover's own: {@code drover_jump_hosts} (a ProxyJump value or a list of
 * hops; wins over the ssh arguments, which win over ~/.ssh/config), {@code drover_known_hosts_file}, {@code drover_java},
 * {@code drover_java_options} (options for the agent's JVM: a list, or a string split at spaces),
 * {@code drover_agent_cache}, {@code drover_agent_start_timeout}.
 */
public final class ConnectionVars {
    private ConnectionVars() {
    }

    public static ConnectionSettings settings(TargetHost host, ConnectionOverrides cli, Path cwd) throws BadHostVarException {
        Map<String, Object> v = host.vars();
        String connection = str(v, "ansible_connection");
        if (connection == null) {
            connection = "ssh";
        }
        connection = switch (connection) {
            case "ssh", "smart", "paramiko", "paramiko_ssh" -> "ssh";
            case "local" -> "local";
            default -> throw new BadHostVarException(host.name(), "ansible_connection",
                    "unsupported connection '" + connection + "'; drover supports ssh and local");
        };
        if (connection.equals("local")) {
            return ConnectionSettings.local(host.name());
        }
        String user = first(str(v, "ansible_user"), str(v, "ansible_ssh_user"), cli.user());
        Integer port = port(host, first(str(v, "ansible_port"), str(v, "ansible_ssh_port")));
        String address = first(str(v, "ansible_host"), str(v, "ansible_ssh_host"));
        ConnectionSettings s = ConnectionSettings.ssh(host.name(), address != null ? address : host.name(), port, user);

        List<Path> keys = new ArrayList<>();
        String keyVar = first(str(v, "ansible_ssh_private_key_file"), str(v, "ansible_private_key_file"));
        if (keyVar != null) {
            keys.add(path(keyVar, cwd));
        } else if (cli.privateKey() != null) {
            keys.add(cli.privateKey());
        }
        s = s.withIdentityFiles(keys);

        String sshArgs = String.join(" ", nonNull(str(v, "ansible_ssh_common_args"), str(v, "ansible_ssh_extra_args")));
        List<Path> knownHosts = new ArrayList<>();
        String droverKnown = str(v, "drover_known_hosts_file");
        if (droverKnown != null) {
            knownHosts.add(path(droverKnown, cwd));
        }
        for (String f : sshOption(sshArgs, "UserKnownHostsFile")) {
            for (String one : f.split("\\s+")) {
                Path p = path(one, cwd);
                if (!knownHosts.contains(p)) {
                    knownHosts.add(p);
                }
            }
        }
        List<String> strict = sshOption(sshArgs, "StrictHostKeyChecking");
        boolean off = strict.stream().anyMatch(x -> List.of("no", "off", "false").contains(x.toLowerCase(java.util.Locale.ROOT)));
        if (off && cli.prompt() != null) {
            // Ansible would connect to anyone; drover never trusts a changed key (a man in the middle).
            cli.prompt().tell("host " + host.name() + ": StrictHostKeyChecking=no in ansible_ssh_*_args is applied as"
                    + " accept-new: an unknown host key is recorded, a changed one is still refused (remove its old"
                    + " line with ssh-keygen -R if the host was really reinstalled)");
        }
        boolean acceptNew = cli.acceptNewHostKeys() || off
                || strict.stream().anyMatch(x -> x.equalsIgnoreCase("accept-new"));
        s = s.withKnownHosts(cli.userKnownHostsFile(), knownHosts, acceptNew);

        s = s.withProxy(proxy(host, v.get("drover_jump_hosts"), sshArgs));

        String password = first(str(v, "ansible_password"), str(v, "ansible_ssh_pass"));
        if (password != null) {
            s = s.withPassword(Secret.of(password));
        } else if (cli.password() != null) {
            s = s.withPassword(cli.password());
        }
        String timeout = first(str(v, "ansible_timeout"), str(v, "ansible_ssh_timeout"));
        if (timeout != null) {
            s = s.withConnectTimeout(Duration.ofSeconds(intVar(host, "ansible_timeout", timeout)));
        } else if (cli.connectTimeout() != null) {
            s = s.withConnectTimeout(cli.connectTimeout());
        }
        String keepAlive = str(v, "drover_keepalive_interval");
        if (keepAlive != null) {
            int seconds = intVar(host, "drover_keepalive_interval", keepAlive);
            if (seconds < 1) {
                throw new BadHostVarException(host.name(), "drover_keepalive_interval",
                        "must be at least 1 (seconds between keepalives; 3 unanswered ones mean the connection is lost)");
            }
            s = s.withKeepAliveInterval(Duration.ofSeconds(seconds));
        }
        return s.withPrompt(cli.prompt());
    }

    /**
     * How long a step may outlive its connection, in seconds: {@code drover_step_grace} if set (0: the
     * step dies with its connection and no reconnect is tried), else the task's own {@code timeout}
     * argument, at least 600.
     */
    public static long stepGrace(TargetHost host, Map<String, ?> args) throws BadHostVarException {
        String grace = str(host.vars(), "drover_step_grace");
        if (grace != null) {
            return Math.max(0, intVar(host, "drover_step_grace", grace));
        }
        long timeout = args.get("timeout") instanceof Number n ? n.longValue() : 0;
        if (args.get("timeout") instanceof String text && text.trim().matches("\\d+")) {
            timeout = Long.parseLong(text.trim());
        }
        return Math.max(dev.drover.execute.Step.DEFAULT_GRACE_SECONDS, timeout);
    }

    public static AgentOptions agentOptions(TargetHost host) throws BadHostVarException {
        Map<String, Object> v = host.vars();
        String timeout = str(v, "drover_agent_start_timeout");
        return new AgentOptions(str(v, "drover_java"), str(v, "drover_agent_cache"),
                timeout == null ? null : Duration.ofSeconds(intVar(host, "drover_agent_start_timeout", timeout)))
                .withJavaOptions(javaOptions(host, v.get("drover_java_options")));
    }

    /**
     * drover_java_options: a list of JVM options, or one string of them separated by spaces. Each must
     * start with '-' (an option, not a class or jar: the agent's jar is drover's to give).
     */
    static List<String> javaOptions(TargetHost host, Object value) throws BadHostVarException {
        List<String> options = new ArrayList<>();
        if (value instanceof java.util.Collection<?> list) {
            for (Object o : list) {
                options.add(String.valueOf(o).strip());
            }
        } else if (value != null && !String.valueOf(value).isBlank()) {
            options.addAll(List.of(String.valueOf(value).strip().split("\\s+")));
        }
        for (String option : options) {
            if (!option.startsWith("-")) {
                throw new BadHostVarException(host.name(), "drover_java_options",
                        "'" + option + "' is not a JVM option (each starts with '-', e.g. -Djavax.net.ssl.trustStore=/path/to/truststore.p12)");
            }
        }
        return options;
    }

    /** drover_jump_hosts (a string or a list of hops), else a jump in the ssh arguments, else null. */
    static ProxySetting proxy(TargetHost host, Object jumpHosts, String sshArgs) throws BadHostVarException {
        if (jumpHosts instanceof java.util.Collection<?> list) {
            List<String> hops = new ArrayList<>();
            for (Object o : list) {
                hops.add(String.valueOf(o).strip());
            }
            return ProxySetting.jump(hops.isEmpty() ? "none" : String.join(",", hops), "host variable drover_jump_hosts");
        }
        if (jumpHosts != null) {
            String value = String.valueOf(jumpHosts).strip();
            return ProxySetting.jump(value.isEmpty() ? "none" : value, "host variable drover_jump_hosts");
        }
        try {
            return SshArgs.proxy(sshArgs, "ansible_ssh_common_args/ansible_ssh_extra_args");
        } catch (IllegalArgumentException e) {
            throw new BadHostVarException(host.name(), "ansible_ssh_common_args", e.getMessage());
        }
    }

    /** Values of {@code -o Name=value} / {@code -oName=value} / {@code -o Name value} in ssh arguments. */
    static List<String> sshOption(String args, String name) {
        List<String> out = new ArrayList<>();
        String[] words = args.replace("'", "").replace("\"", "").trim().split("\\s+");
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            String opt = null;
            if (w.equals("-o") && i + 1 < words.length) {
                opt = words[++i];
            } else if (w.startsWith("-o") && w.length() > 2) {
                opt = w.substring(2);
            }
            if (opt == null) {
                continue;
            }
            int eq = opt.indexOf('=');
            if (eq > 0 && opt.substring(0, eq).equalsIgnoreCase(name)) {
                out.add(opt.substring(eq + 1));
            } else if (eq < 0 && opt.equalsIgnoreCase(name) && i + 1 < words.length) {
                out.add(words[++i]);
            }
        }
        return out;
    }

    private static Integer port(TargetHost host, String value) throws BadHostVarException {
        if (value == null) {
            return null;
        }
        int p = intVar(host, "ansible_port", value);
        if (p < 1 || p > 65535) {
            throw new BadHostVarException(host.name(), "ansible_port", "port " + p + " is outside 1..65535");
        }
        return p;
    }

    private static int intVar(TargetHost host, String name, String value) throws BadHostVarException {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new BadHostVarException(host.name(), name, "'" + value + "' is not a whole number");
        }
    }

    private static Path path(String value, Path cwd) {
        String expanded = value.startsWith("~/") ? System.getProperty("user.home") + value.substring(1) : value;
        return cwd.resolve(expanded).normalize();
    }

    private static String str(Map<String, Object> vars, String key) {
        Object v = vars.get(key);
        if (v == null) {
            return null;
        }
        String s = String.valueOf(v);
        return s.isBlank() ? null : s;
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T t : values) {
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    private static List<String> nonNull(String... values) {
        List<String> out = new ArrayList<>();
        for (String s : values) {
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }
}
