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
 * {@code copy} with a controller-side {@code src} (no {@code remote_src}): reads the file on the
 * controller ({@code files/} or the task's directory, then the playbook's) and sends its bytes to the
 * agent's {@code copy} as {@code content_base64}. A directory {@code src}: {@link CopyDirectory}. Also a
 * {@code content} that rendered to a boolean or number, which Ansible writes as Python's text.
 */
final class CopyAction implements ControllerAction {

    /**
     * Whether this copy needs the controller: it reads its source there, or its {@code content} is a
     * boolean or number that must become Python's text first (else it goes to the agent as written).
     */
    static boolean controllerSide(Map<String, Object> args) {
        Object remote = args.get("remote_src");
        boolean remoteSrc = remote != null && dev.drover.playbook.Coerce.toBoolean(remote);
        return (args.get("src") != null && !remoteSrc) || nonTextContent(args.get("content"));
    }

    private static boolean nonTextContent(Object content) {
        return content instanceof Boolean || content instanceof Number;
    }

    /**
     * Ansible's copy action plugin: its argument checks and their messages, word for word; its own
     * {@code decrypt} (whether a vaulted controller file is decrypted), which the agent never sees.
     */
    @Override
    public Map<String, Object> run(Map<String, Object> given, ActionContext ctx) {
        Map<String, Object> args = new LinkedHashMap<>(given);
        Object decryptArg = args.remove("decrypt");
        boolean decrypt = decryptArg == null || dev.drover.playbook.Coerce.toBoolean(decryptArg);
        Object source = args.get("src");
        boolean hasSource = source != null && !String.valueOf(source).isEmpty();
        Object dest = args.get("dest");
        if (!hasSource && args.get("content") == null) {
            return ControllerAction.failed("src (or content) is required");
        } else if (dest == null || String.valueOf(dest).isEmpty()) {
            return ControllerAction.failed("dest is required");
        } else if (hasSource && args.get("content") != null) {
            return ControllerAction.failed("src and content are mutually exclusive");
        } else if (args.get("content") != null && String.valueOf(dest).endsWith("/")) {
            return ControllerAction.failed("can not use content with a dir as dest");
        }
        if (!controllerSide(args)) {
            return ctx.agent().module("copy", args).result();
        }
        if (nonTextContent(args.get("content"))) {
            // Ansible writes str(content): "{{ flag }}" gives True, not Java's true.
            Map<String, Object> agentArgs = new LinkedHashMap<>(args);
            Object content = args.get("content");
            agentArgs.put("content", content instanceof Boolean b ? (b ? "True" : "False") : String.valueOf(content));
            return ctx.agent().module("copy", agentArgs).result();
        }
        String name = String.valueOf(args.get("src"));
        List<String> looked = new ArrayList<>();
        Optional<Path> found = ctx.find(name, "files", looked);
        if (found.isEmpty()) {
            return ControllerAction.failed(SearchPath.notFound(name, looked));
        }
        Path src = found.get();
        if (Files.isDirectory(src)) {
            return CopyDirectory.copy(src, name, args, ctx, (file, fileArgs) -> copyFile(file, fileArgs, decrypt, ctx));
        }
        return copyFile(src, args, decrypt, ctx);
    }

    /** One controller file to the agent's copy, as {@code content_base64}. */
    private static Map<String, Object> copyFile(Path src, Map<String, Object> args, boolean decrypt, ActionContext ctx) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(src);
            bytes = decrypt ? VaultedSources.plain(bytes, src, ctx.vault()) : bytes;
        } catch (dev.drover.vault.VaultException e) {
            return VaultedSources.failed(e, ctx.vault());
        } catch (IOException e) {
            return ControllerAction.failed("copy: cannot read " + src + ": " + e.getMessage());
        }
        Map<String, Object> agentArgs = new LinkedHashMap<>(args);
        agentArgs.remove("src");
        agentArgs.remove("remote_src");
        agentArgs.put("content_base64", Base64.getEncoder().encodeToString(bytes));
        agentArgs.putIfAbsent("_original_basename", src.getFileName().toString());
        if ("preserve".equals(String.valueOf(args.get("mode")))) {
            // The source's mode is known here, on the controller, as Ansible's copy action resolves it.
            try {
                int bits = 0;
                for (java.nio.file.attribute.PosixFilePermission p : Files.getPosixFilePermissions(src)) {
                    bits |= 1 << (8 - p.ordinal());
                }
                agentArgs.put("mode", String.format("0%03o", bits));
            } catch (IOException | UnsupportedOperationException e) {
                return ControllerAction.failed("copy: mode: preserve cannot read the mode of " + src + ": " + e.getMessage());
            }
        }
        Map<String, Object> result = new LinkedHashMap<>(ctx.agent().module("copy", agentArgs).result());
        if (Boolean.TRUE.equals(result.get("changed"))) {
            // Ansible's copy reports the source it transferred when it copied (there a temporary file).
            result.put("src", src.toAbsolutePath().toString());
        }
        return result;
    }
}
