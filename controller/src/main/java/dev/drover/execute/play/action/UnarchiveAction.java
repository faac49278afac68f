package dev.drover.execute.play.action;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code unarchive} of an archive on the controller ({@code remote_src} false, {@code src} not a URL),
 * as Ansible's unarchive action: the file is found as copy finds it ({@code files/} first), sent to a
 * temporary file on the host ({@code tempfile}, then {@code copy}), extracted there by the agent's
 * {@code unarchive}, and the temporary file removed whatever the outcome. A vaulted archive is
 * decrypted on the way unless {@code decrypt: false}.
 */
final class UnarchiveAction implements ControllerAction {

    static boolean controllerSide(Map<String, Object> args) {
        Object remote = args.get("remote_src");
        boolean remoteSrc = remote != null && dev.drover.playbook.Coerce.toBoolean(remote);
        String src = args.get("src") == null ? "" : String.valueOf(args.get("src"));
        return !remoteSrc && !src.isEmpty() && !src.contains("://");
    }

    @Override
    public Map<String, Object> run(Map<String, Object> args, ActionContext ctx) {
        String name = String.valueOf(args.get("src"));
        List<String> looked = new ArrayList<>();
        Optional<Path> src = ctx.find(name, "files", looked);
        if (src.isEmpty()) {
            return ControllerAction.failed(SearchPath.notFound(name, looked));
        } else if (!Files.isRegularFile(src.get())) {
            // Ansible's get_real_file: found, but not a file.
            return ControllerAction.failed(SearchPath.notFound(src.get().toString(), List.of()));
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(src.get());
            Object decrypt = args.get("decrypt");
            if (decrypt == null || dev.drover.playbook.Coerce.toBoolean(decrypt)) {
                bytes = VaultedSources.plain(bytes, src.get(), ctx.vault());
            }
        } catch (dev.drover.vault.VaultException e) {
            return VaultedSources.failed(e, ctx.vault());
        } catch (IOException e) {
            return ControllerAction.failed("unarchive: cannot read " + src.get() + ": " + e.getMessage());
        }
        Map<String, Object> temp = ctx.agent().module("tempfile", Map.of("state", "file", "suffix", ".archive")).result();
        if (Boolean.TRUE.equals(temp.get("failed")) || !(temp.get("path") instanceof String path)) {
            return temp;
        }
        try {
            Map<String, Object> copy = ctx.agent().module("copy", Map.of("dest", path, "mode", "0600",
                    "content_base64", Base64.getEncoder().encodeToString(bytes))).result();
            if (Boolean.TRUE.equals(copy.get("failed"))) {
                return copy;
            }
            Map<String, Object> agentArgs = new LinkedHashMap<>(args);
            agentArgs.remove("decrypt");
            agentArgs.put("src", path);
            agentArgs.put("remote_src", true);
            Map<String, Object> result = new LinkedHashMap<>(ctx.agent().module("unarchive", agentArgs).result());
            result.put("src", path);
            return result;
        } finally {
            ctx.agent().module("file", Map.of("path", path, "state", "absent"));
        }
    }
}
