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
 * agent's {@code copy} as {@code content_base64}. A directory {@code src} is not supported yet. Also a
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

    @Override
    public Map<String, Object> run(Map<String, Object> args, ActionContext ctx) {
        if (nonTextContent(args.get("content"))) {
            // Ansible writes str(content): "{{ flag }}" gives True, not Java's true.
            Map<String, Object> agentArgs = new LinkedHashMap<>(args);
            Object content = args.get("content");
            agentArgs.put("content", content instanceof Boolean b ? (b ? "True" : "False") : String.valueOf(content));
            return ctx.agent().module("copy", agentArgs).result();
        }
        String name = String.valueOf(args.get("src"));
        List<Path> looked = new ArrayList<>();
        Optional<Path> src = ctx.find(name, "files", looked);
        if (src.isEmpty()) {
            return ControllerAction.failed("copy: could not find src '" + name + "' on the controller; looked in: " + looked);
        }
        if (Files.isDirectory(src.get())) {
            return ControllerAction.failed("copy: src '" + name + "' is a directory; copying directories from the"
                    + " controller is not supported by drover yet (use archive + unarchive, or one copy per file)");
        }
        byte[] bytes;
        try {
            bytes = VaultedSources.plain(Files.readAllBytes(src.get()), src.get(), ctx.vault());
        } catch (dev.drover.vault.VaultException e) {
            return ControllerAction.failed("copy: " + e.getMessage());
        } catch (IOException e) {
            return ControllerAction.failed("copy: cannot read " + src.get() + ": " + e.getMessage());
        }
        Map<String, Object> agentArgs = new LinkedHashMap<>(args);
        agentArgs.remove("src");
        agentArgs.remove("remote_src");
        agentArgs.put("content_base64", Base64.getEncoder().encodeToString(bytes));
        agentArgs.put("_original_basename", src.get().getFileName().toString());
        if ("preserve".equals(String.valueOf(args.get("mode")))) {
            // The source's mode is known here, on the controller, as Ansible's copy action resolves it.
            try {
                int bits = 0;
                for (java.nio.file.attribute.PosixFilePermission p : Files.getPosixFilePermissions(src.get())) {
                    bits |= 1 << (8 - p.ordinal());
                }
                agentArgs.put("mode", String.format("0%03o", bits));
            } catch (IOException | UnsupportedOperationException e) {
                return ControllerAction.failed("copy: mode: preserve cannot read the mode of " + src.get() + ": " + e.getMessage());
            }
        }
        Map<String, Object> result = new LinkedHashMap<>(ctx.agent().module("copy", agentArgs).result());
        if (Boolean.TRUE.equals(result.get("changed"))) {
            // Ansible's copy reports the source it transferred when it copied (there a temporary file).
            result.put("src", src.get().toAbsolutePath().toString());
        }
        return result;
    }
}
