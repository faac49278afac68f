package dev.drover.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The arguments each built-in module accepts: names, aliases, the ones it cannot run without, and
 * the type the agent reads a value as where it reads it as one. The agent's modules check what they
 * receive themselves ({@code Args.allow}); this is the same contract stated once for the controller,
 * so {@code drover check} can name a misspelt or missing argument before any host is touched. The
 * agent's test ({@code ModuleArgsTest}) holds every module to it. The agent reads one thing from it:
 * which arguments are paths ({@link Type#PATH}), to expand them as Ansible's {@code type='path'} does
 * before the module runs.
 *
 * <p>Names starting with {@code _} are what the controller fills in ({@code _raw_params} is the
 * free-form text of {@code command: uname -a}); they are accepted like any other.
 */
public final class ModuleArgs {
    /** How the agent reads a value; {@link #ANY} where it takes text, lists or several forms. */
    public enum Type {
        ANY, BOOLEAN, INTEGER, NUMBER, MAPPING,
        /** Text (or a list of texts) the agent expands as Ansible's {@code type='path'}: variables, then {@code ~}. */
        PATH
    }

    /**
     * One spec per module: words separated by spaces, each an argument; {@code a|b} are aliases
     * (the first is the name Ansible documents), a trailing {@code !} marks a required argument and
     * {@code :b}, {@code :i}, {@code :f}, {@code :m}, {@code :p} its type (boolean, whole number, number,
     * mapping, path).
     */
    private static final String[] SPECS = {
        "apt", "name|pkg|package state update_cache|update-cache:b cache_valid_time:i purge:b"
            + " install_recommends|install-recommends:b force:b autoremove:b only_upgrade:b default_release|default-release"
            + " allow_unauthenticated|allow-unauthenticated:b allow_downgrade|allow-downgrade|allow_downgrades|allow-downgrades:b"
            + " dpkg_options lock_timeout:i update_cache_retries:i update_cache_retry_max_delay:i force_apt_get:b"
            + " fail_on_autoremove:b deb:p upgrade clean:b autoclean:b policy_rc_d:i allow_change_held_packages:b",
        "async_start", "module! args:m time_limit:i",
        "async_status", "jid! mode",
        "archive", "path!:p dest:p format exclude_path:p exclusion_patterns force_archive:b remove:b mode owner group",
        "blockinfile", "path|dest|destfile|name!:p state marker block|content insertafter insertbefore create:b backup:b"
            + " validate marker_begin marker_end mode owner group",
        "command", "_raw_params cmd argv chdir:p creates:p removes:p stdin stdin_add_newline:b strip_empty_ends:b"
            + " environment:m timeout:f executable expand_argument_vars:b",
        "copy", "dest!:p content content_base64 src:p remote_src:b mode owner group backup:b force:b checksum"
            + " directory_mode follow:b local_follow:b validate _original_basename",
        "file", "path|dest|name!:p state mode owner group recurse:b src:p force:b follow:b modification_time"
            + " modification_time_format access_time access_time_format attributes|attr _diff_peek:b",
        "find", "paths|name|path!:p patterns|pattern excludes|exclude contains read_whole_file:b file_type age age_stamp"
            + " size recurse:b hidden:b follow:b get_checksum:b use_regex:b depth:i",
        "get_url", "url! dest!:p backup:b checksum timeout:f headers:m tmp_dest:p force:b http_agent validate_certs:b"
            + " url_username|username url_password|password force_basic_auth:b mode owner group decompress:b"
            + " unredirected_headers ciphers use_netrc:b",
        "getent", "database! key service split fail_key:b",
        "group", "name! state gid:i system:b local:b non_unique:b force",
        "lineinfile", "path|dest|destfile|name!:p state regexp|regex search_string line|value insertafter insertbefore"
            + " backrefs:b create:b backup:b firstmatch:b validate mode owner group",
        "ping", "data",
        "properties", "path|dest|name!:p set:m remove key value state create:b backup:b comment separator mode owner group",
        "raw", "_raw_params executable",
        "replace", "path|dest|destfile|name!:p regexp! replace after before backup:b encoding validate mode owner group",
        "script", "_content_base64 _name _command chdir executable",
        "service", "name! state enabled:b script pattern sleep:f",
        "setup", "gather_subset filter gather_timeout fact_path",
        "shell", "_raw_params cmd chdir:p creates:p removes:p stdin stdin_add_newline:b strip_empty_ends:b environment:m"
            + " timeout:f executable",
        "slurp", "src|path!:p _offset:i _length:i",
        "stat", "path|dest|name!:p follow:b get_checksum:b checksum_algorithm|checksum_algo|checksum get_mime:b"
            + " get_attributes:b",
        "systemd", "name|service|unit state enabled:b force:b masked:b daemon_reload|daemon-reload:b"
            + " daemon_reexec|daemon-reexec:b scope no_block:b",
        "tempfile", "state path:p prefix suffix",
        "timezone", "name hwclock|rtc",
        "unarchive", "src!:p dest!:p remote_src:b creates:p list_files:b exclude include keep_newer:b mode owner group extra_opts decrypt:b",
        "uri", "url! method body body_format headers:m status_code return_content:b timeout:f validate_certs:b"
            + " url_username|user url_password|password force_basic_auth:b follow_redirects creates:p removes:p",
        "user", "name|user! state uid:i non_unique:b group groups append:b comment home:p shell password update_password"
            + " password_lock:b create_home|createhome:b move_home:b skeleton system:b force:b remove:b expires:f umask"
            + " local:b password_expire_max:i password_expire_min:i generate_ssh_key:b ssh_key_bits:i ssh_key_type"
            + " ssh_key_file:p ssh_key_comment ssh_key_passphrase seuser login_class hidden profile authorization role",
        "wait_for", "host port path:p state search_regex fail_regex from timeout delay sleep connect_timeout msg"
            + " exclude_hosts active_connection_states",
    };

    private static final Map<String, ModuleArgs> BUILTIN = parseAll();

    private final String module;
    /** Every accepted name (aliases included) to its type, in the spec's order. */
    private final Map<String, Type> types;
    /** Each name to the group of aliases it belongs to (a one-name group when it has none). */
    private final Map<String, List<String>> groups;
    private final List<List<String>> required;

    private ModuleArgs(String module, Map<String, Type> types, Map<String, List<String>> groups, List<List<String>> required) {
        this.module = module;
        this.types = Collections.unmodifiableMap(types);
        this.groups = Collections.unmodifiableMap(groups);
        this.required = Collections.unmodifiableList(required);
    }

    /** The schema of a built-in module; null for a name that is not one ({@link ModuleNames#BUILTIN}). */
    public static ModuleArgs of(String module) {
        return BUILTIN.get(module);
    }

    /** Every built-in module's schema, by name. */
    public static Map<String, ModuleArgs> builtin() {
        return BUILTIN;
    }

    public String module() {
        return module;
    }

    /** Every name the module accepts, aliases included. */
    public Set<String> names() {
        return types.keySet();
    }

    /** How the agent reads {@code name}'s value; {@link Type#ANY} for a name it does not accept. */
    public Type type(String name) {
        Type t = types.get(name);
        return t == null ? Type.ANY : t;
    }

    /** {@code name} and its aliases, the documented name first. */
    public List<String> aliases(String name) {
        List<String> g = groups.get(name);
        return g == null ? Collections.singletonList(name) : g;
    }

    /** The arguments the module cannot run without: one name of each group must be given. */
    public List<List<String>> required() {
        return required;
    }

    private static Map<String, ModuleArgs> parseAll() {
        Map<String, ModuleArgs> all = new TreeMap<>();
        for (int i = 0; i < SPECS.length; i += 2) {
            all.put(SPECS[i], parse(SPECS[i], SPECS[i + 1]));
        }
        return Collections.unmodifiableMap(all);
    }

    private static ModuleArgs parse(String module, String spec) {
        Map<String, Type> types = new LinkedHashMap<>();
        Map<String, List<String>> groups = new LinkedHashMap<>();
        List<List<String>> required = new ArrayList<>();
        for (String word : spec.split(" ")) {
            Type type = Type.ANY;
            int colon = word.indexOf(':');
            if (colon >= 0) {
                type = type(word.charAt(colon + 1));
                word = word.substring(0, colon);
            }
            boolean mandatory = word.endsWith("!");
            if (mandatory) {
                word = word.substring(0, word.length() - 1);
            }
            List<String> group = Collections.unmodifiableList(java.util.Arrays.asList(word.split("\\|")));
            for (String name : group) {
                types.put(name, type);
                groups.put(name, group);
            }
            if (mandatory) {
                required.add(group);
            }
        }
        return new ModuleArgs(module, types, groups, required);
    }

    private static Type type(char code) {
        switch (code) {
            case 'b':
                return Type.BOOLEAN;
            case 'i':
                return Type.INTEGER;
            case 'f':
                return Type.NUMBER;
            case 'm':
                return Type.MAPPING;
            case 'p':
                return Type.PATH;
            default:
                throw new IllegalStateException("unknown type code '" + code + "' in ModuleArgs");
        }
    }

    /**
     * Why the agent would refuse {@code value} for an argument of this type, or null when it takes
     * it (the same loose forms as the agent: {@code yes}/{@code no} for booleans, numeric text for
     * numbers). The caller leaves out values that are still templates.
     */
    public static String refusal(Type type, Object value) {
        if (value == null) {
            return null;
        }
        String text = String.valueOf(value).trim();
        switch (type) {
            case BOOLEAN:
                if (value instanceof Boolean) {
                    return null;
                }
                String word = text.toLowerCase(java.util.Locale.ROOT);
                return Collections.unmodifiableList(java.util.Arrays.asList("yes", "true", "on", "1", "y", "no", "false",
                        "off", "0", "n", "")).contains(word) ? null : "must be a boolean (yes or no)";
            case INTEGER:
                if (value instanceof Number) {
                    return null;
                }
                try {
                    Long.parseLong(text);
                    return null;
                } catch (NumberFormatException e) {
                    return "must be a whole number";
                }
            case NUMBER:
                if (value instanceof Number) {
                    return null;
                }
                try {
                    Double.parseDouble(text);
                    return null;
                } catch (NumberFormatException e) {
                    return "must be a number";
                }
            case MAPPING:
                return value instanceof Map ? null : "must be a mapping";
            default:
                return null;
        }
    }
}
