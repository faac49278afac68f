package dev.drover.agent.modules.net;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The credentials for a host in a netrc file, as Python's {@code netrc} module reads them for
 * Ansible's {@code use_netrc}: {@code machine} entries, else {@code default}; {@code login},
 * {@code password} (and {@code account}) tokens, {@code macdef} blocks skipped.
 */
final class Netrc {
    private Netrc() {
    }

    /**
     * {login, password} for {@code host} in {@code file} ({@code ~/.netrc} when null), or null when
     * the file cannot be read or has no entry for the host, or the entry lacks a login or password.
     */
    static String[] lookup(String file, String host) {
        Path path = file != null && !file.isEmpty() ? Paths.get(file) : Paths.get(System.getProperty("user.home"), ".netrc");
        String text;
        try {
            text = new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
        String[] tokens = text.trim().split("\\s+");
        String[] found = null;
        String[] fallback = null;
        for (int i = 0; i < tokens.length; ) {
            String t = tokens[i++];
            if (t.equals("machine") || t.equals("default")) {
                String machine = t.equals("machine") && i < tokens.length ? tokens[i++] : null;
                String login = null;
                String password = null;
                while (i < tokens.length && !tokens[i].equals("machine") && !tokens[i].equals("default")
                        && !tokens[i].equals("macdef")) {
                    String key = tokens[i++];
                    String value = i < tokens.length ? tokens[i++] : "";
                    if (key.equals("login") || key.equals("user")) {
                        login = value;
                    } else if (key.equals("password")) {
                        password = value;
                    }
                }
                String[] entry = {login, password};
                if (machine == null) {
                    fallback = entry;
                } else if (machine.equalsIgnoreCase(host) && found == null) {
                    found = entry;
                }
            } else if (t.equals("macdef")) {
                // a macro runs to the next blank line; its words are not entries
                while (i < tokens.length && !tokens[i].equals("machine") && !tokens[i].equals("default")) {
                    i++;
                }
            }
        }
        String[] entry = found != null ? found : fallback;
        return entry == null || entry[0] == null || entry[0].isEmpty() || entry[1] == null || entry[1].isEmpty() ? null : entry;
    }
}
