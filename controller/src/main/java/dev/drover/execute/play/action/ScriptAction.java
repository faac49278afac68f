package dev.drover.execute.play.action;

import dev.drover.protocol.ModuleNames;
import dev.drover.execute.HostResult;
import dev.drover.execute.HostStatus;
import dev.drover.playbook.Coerce;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code script}: a script on the controller ({@code files/}, the task's directory, the playbook's)
 * pushed to the host and run there with its arguments, as Ansible's script action: {@code creates}
 * / {@code removes} are checked on the host first (skipped "... exists, matching creates option"),
 * check mode is changed with creates/removes and skipped otherwise, {@code chdir} must be absolute,
 * a vaulted script is decrypted unless {@code decrypt: false}. The agent's {@code script} writes it
 * to a private temporary directory, runs it and removes it.
 */
final class ScriptAction implements ControllerAction {
    private static final Set<String> KNOWN = Set.of("_raw_params", "cmd", "creates", "removes", "chdir", "executable", "decrypt");

    @Override
    public Map<String, Object> run(Map<String, Object> args, ActionContext ctx) {
        String bad = ControllerAction.unknownArgs("script", args, KNOWN);
        if (bad != null) {
            return ControllerAction.failed(bad);
        }
        Map<String, Object> result = ControllerAction.ok();
        for (String key : List.of("creates", "removes")) {
            if (args.get(key) == null || String.valueOf(args.get(key)).isEmpty()) {
                continue;
            }
            String path = String.valueOf(args.get(key));
            HostResult stat = ctx.agent().module("stat", Map.of("path", path, "get_checksum", false));
            if (stat.status() == HostStatus.UNREACHABLE || stat.status() == HostStatus.FAILED) {
                return stat.result();
            }
            Object exists = stat.result().get("stat") instanceof Map<?, ?> m ? m.get("exists") : null;
            if (key.equals("creates") == Boolean.TRUE.equals(exists)) {
                result.put("skipped", true);
                result.put("msg", path + (key.equals("creates") ? " exists, matching creates option"
                        : " does not exist, matching removes option"));
                return result;
            }
        }
        Object chdir = args.get("chdir");
        if (chdir != null && !String.valueOf(chdir).startsWith("/")) {
            return ControllerAction.failed("chdir " + chdir + " must be an absolute path for a Unix-aware remote node");
        }
        String raw = String.valueOf(args.get("_raw_params") != null ? args.get("_raw_params") : args.getOrDefault("cmd", "")).strip();
        String source = firstWord(raw);
        if (source.isEmpty()) {
            return ControllerAction.failed("script: no script given");
        }
        List<String> looked = new ArrayList<>();
        Optional<Path> found = ctx.find(unquote(source), "files", looked);
        if (found.isEmpty()) {
            return ControllerAction.failed(SearchPath.notFound(unquote(source), looked));
        } else if (!Files.isRegularFile(found.get())) {
            // Ansible's get_real_file: found, but not a file.
            return ControllerAction.failed(SearchPath.notFound(found.get().toString(), List.of()));
        }
        if (ctx.check()) {
            if (args.get("creates") != null || args.get("removes") != null) {
                result.put("changed", true);
                return result;
            }
            result.put("skipped", true);
            result.put("msg", "Check mode is not supported for this task.");
            return result;
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(found.get());
            if (!args.containsKey("decrypt") || Coerce.toBoolean(args.get("decrypt"))) {
                bytes = VaultedSources.plain(bytes, found.get(), ctx.vault());
            }
        } catch (IOException e) {
            return ControllerAction.failed("script: cannot read " + found.get() + ": " + e.getMessage());
        } catch (dev.drover.vault.VaultException e) {
            return VaultedSources.failed(e, ctx.vault());
        }
        Map<String, Object> agentArgs = new LinkedHashMap<>();
        agentArgs.put("_content_base64", Base64.getEncoder().encodeToString(bytes));
        agentArgs.put("_name", found.get().getFileName().toString());
        agentArgs.put("_command", raw.replace(unquote(source), ModuleNames.SCRIPT_PLACEHOLDER));
        if (chdir != null) {
            agentArgs.put("chdir", chdir);
        }
        if (args.get("executable") != null) {
            agentArgs.put("executable", args.get("executable"));
        }
        return ctx.agent().module("script", agentArgs).result();
    }

    /** The first shell word of the line, quotes kept (the script's name as written). */
    private static String firstWord(String raw) {
        if (raw.startsWith("'") || raw.startsWith("\"")) {
            int end = raw.indexOf(raw.charAt(0), 1);
            return end < 0 ? raw : raw.substring(0, end + 1);
        }
        int space = raw.indexOf(' ');
        return space < 0 ? raw : raw.substring(0, space);
    }

    private static String unquote(String word) {
        return word.length() >= 2 && (word.startsWith("'") || word.startsWith("\"")) ? word.substring(1, word.length() - 1) : word;
    }
}
