package dev.drover.execute.play.action;

import dev.drover.execute.HostResult;
import dev.drover.execute.HostStatus;
import dev.drover.playbook.Coerce;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * {@code fetch}: reads a file on the host through the agent's {@code slurp} and writes it on the
 * controller to {@code dest/<inventory_hostname>/<src path>}, or to {@code dest} itself with
 * {@code flat: true} (a {@code dest} ending in / is then a directory), like Ansible. In check mode
 * nothing is written. Files are limited to what {@code slurp} returns in one message.
 */
final class FetchAction implements ControllerAction {
    private static final Set<String> KNOWN = Set.of("src", "dest", "flat", "fail_on_missing", "validate_checksum");

    @Override
    public Map<String, Object> run(Map<String, Object> args, ActionContext ctx) {
        String bad = ControllerAction.unknownArgs("fetch", args, KNOWN);
        if (bad != null) {
            return ControllerAction.failed(bad);
        }
        if (args.get("src") == null || args.get("dest") == null) {
            return ControllerAction.failed("fetch: 'src' and 'dest' are required");
        }
        String src = String.valueOf(args.get("src"));
        boolean flat = args.containsKey("flat") && Coerce.toBoolean(args.get("flat"));
        boolean failOnMissing = !args.containsKey("fail_on_missing") || Coerce.toBoolean(args.get("fail_on_missing"));
        HostResult slurped = ctx.agent().module("slurp", Map.of("src", src));
        if (slurped.status() == HostStatus.UNREACHABLE) {
            return slurped.result();
        }
        if (slurped.status() == HostStatus.FAILED) {
            if (!failOnMissing && slurped.message().startsWith("file not found")) {
                Map<String, Object> r = ControllerAction.ok();
                r.put("msg", "the remote file does not exist, not transferring, ignored");
                r.put("file", src);
                return r;
            }
            return slurped.result();
        }
        byte[] bytes = Base64.getDecoder().decode(String.valueOf(slurped.result().get("content")));
        String destArg = String.valueOf(args.get("dest"));
        Path dest;
        if (flat) {
            dest = destArg.endsWith("/") ? Path.of(destArg).resolve(Path.of(src).getFileName()) : Path.of(destArg);
        } else {
            String relative = src.startsWith("/") ? src.substring(1) : src;
            dest = Path.of(destArg).resolve(ctx.host()).resolve(relative);
        }
        dest = ctx.playbookDir().resolve(dest).toAbsolutePath().normalize();
        Map<String, Object> r = ControllerAction.ok();
        r.put("dest", dest.toString());
        r.put("checksum", sha1(bytes));
        r.put("remote_checksum", sha1(bytes));
        try {
            boolean same = Files.isRegularFile(dest) && Arrays.equals(Files.readAllBytes(dest), bytes);
            r.put("changed", !same);
            if (!same && !ctx.check()) {
                Files.createDirectories(dest.getParent());
                Path tmp = Files.createTempFile(dest.getParent(), ".fetch", ".tmp");
                Files.write(tmp, bytes);
                Files.move(tmp, dest, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            return ControllerAction.failed("fetch: cannot write " + dest + ": " + e.getMessage());
        }
        return r;
    }

    private static String sha1(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }
}
