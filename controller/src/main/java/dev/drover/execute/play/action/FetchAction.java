package dev.drover.execute.play.action;

import dev.drover.execute.HostResult;
import dev.drover.execute.HostStatus;
import dev.drover.playbook.Coerce;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code fetch}, as Ansible 2.14's fetch action: the file's sha1 from the agent's {@code stat}
 * (following links); when it differs from the controller's copy (or the host cannot tell), its bytes
 * through {@code slurp}, written to {@code dest/<inventory_hostname>/<src path>}, or to {@code dest}
 * itself with {@code flat: true} (a {@code dest} ending in / is then a directory). Check mode skips
 * the task; a missing file or a directory fails unless {@code fail_on_missing: false}; the messages
 * are Ansible's. Files are limited to what {@code slurp} returns in one message.
 */
final class FetchAction implements ControllerAction {
    private static final Set<String> KNOWN = Set.of("src", "dest", "flat", "fail_on_missing", "validate_checksum");
    private static final String IS_DIR = "remote file is a directory, fetch cannot work on directories";

    @Override
    public Map<String, Object> run(Map<String, Object> args, ActionContext ctx) {
        String bad = ControllerAction.unknownArgs("fetch", args, KNOWN);
        if (bad != null) {
            return ControllerAction.failed(bad);
        }
        if (ctx.check()) {
            Map<String, Object> r = ControllerAction.ok();
            r.put("skipped", true);
            r.put("msg", "check mode not (yet) supported for this module");
            return r;
        }
        Object srcArg = args.get("src");
        Object destArg = args.get("dest");
        // Ansible checks in this order, the last message found wins.
        String msg = null;
        if (!(srcArg instanceof String)) {
            msg = "Invalid type supplied for source option, it must be a string";
        }
        if (!(destArg instanceof String)) {
            msg = "Invalid type supplied for dest option, it must be a string";
        }
        if (srcArg == null || destArg == null) {
            msg = "src and dest are required";
        }
        if (msg != null) {
            return ControllerAction.failed(msg);
        }
        String src = (String) srcArg;
        String destText = (String) destArg;
        boolean flat = args.containsKey("flat") && Coerce.toBoolean(args.get("flat"));
        boolean failOnMissing = !args.containsKey("fail_on_missing") || Coerce.toBoolean(args.get("fail_on_missing"));
        boolean validate = !args.containsKey("validate_checksum") || Coerce.toBoolean(args.get("validate_checksum"));
        Map<String, Object> result = new LinkedHashMap<>();

        HostResult stat = ctx.agent().module("stat", Map.of("path", src, "follow", true, "get_checksum", true,
                "checksum_algorithm", "sha1", "get_mime", false, "get_attributes", false));
        if (stat.status() == HostStatus.UNREACHABLE) {
            return stat.result();
        }
        if (stat.status() == HostStatus.FAILED) {
            result.put("changed", false);
            result.put("file", src);
            String why = "Failed to get information on remote file (" + src + "): " + stat.message();
            if (failOnMissing) {
                result.put("failed", true);
                result.put("msg", why);
            } else {
                result.put("msg", why + ", ignored");
            }
            return result;
        }
        Map<?, ?> st = stat.result().get("stat") instanceof Map<?, ?> m ? m : Map.of();
        String remoteChecksum = st.get("checksum") == null ? null : String.valueOf(st.get("checksum"));
        if (Boolean.TRUE.equals(st.get("exists")) && Boolean.TRUE.equals(st.get("isdir"))) {
            if (failOnMissing) {
                result.put("failed", true);
                result.put("changed", false);
                result.put("msg", IS_DIR);
            } else {
                result.put("msg", IS_DIR + ", not transferring, ignored");
            }
            return result;
        }

        Path dest;
        if (flat) {
            if (Files.isDirectory(Path.of(destText)) && !destText.endsWith("/")) {
                return ControllerAction.failed(
                        "dest is an existing directory, use a trailing slash if you want to fetch src into that directory");
            }
            String name = destText.endsWith("/") ? destText + Path.of(src).getFileName() : destText;
            dest = ctx.playbookDir().resolve(name);
        } else {
            String relative = src.startsWith("/") ? src.substring(1) : src;
            dest = ctx.playbookDir().resolve(destText).resolve(ctx.host()).resolve(relative);
        }
        dest = dest.toAbsolutePath().normalize();
        byte[] local = readIfFile(dest);
        String localChecksum = local == null ? null : hash("SHA-1", local);
        if (remoteChecksum != null && !remoteChecksum.isEmpty() && !remoteChecksum.equals("1")
                && remoteChecksum.equals(localChecksum)) {
            return unchanged(result, src, dest, local, localChecksum);
        }
        HostResult slurped = ctx.agent().module("slurp", Map.of("src", src));
        if (slurped.status() == HostStatus.UNREACHABLE) {
            return slurped.result();
        }
        if (slurped.status() == HostStatus.FAILED) {
            if (failOnMissing) {
                result.putAll(slurped.result());
            } else {
                result.put("file", src);
                result.put("changed", false);
            }
            String why = slurped.message();
            if (why.contains("not found")) {
                result.put("msg", "the remote file does not exist, not transferring, ignored");
            } else if (why.startsWith("source is a directory")) {
                result.put("msg", IS_DIR);
            } else if (!failOnMissing) {
                result.put("msg", why);
            }
            return result;
        }
        byte[] bytes = Base64.getDecoder().decode(String.valueOf(slurped.result().get("content")));
        remoteChecksum = hash("SHA-1", bytes);
        if (remoteChecksum.equals(localChecksum)) {
            return unchanged(result, src, dest, local, localChecksum);
        }
        try {
            Files.createDirectories(dest.getParent());
            writeAsAnsible(dest, bytes);
        } catch (IOException e) {
            return ControllerAction.failed("Failed to fetch the file: " + e.getMessage());
        }
        byte[] written = readIfFile(dest);
        String newChecksum = written == null ? null : hash("SHA-1", written);
        String md5 = written == null ? null : hash("MD5", written);
        if (validate && !remoteChecksum.equals(newChecksum)) {
            result.put("failed", true);
            result.put("md5sum", md5);
            result.put("msg", "checksum mismatch");
            result.put("file", src);
        } else {
            result.put("changed", true);
            result.put("md5sum", md5);
        }
        result.put("dest", dest.toString());
        result.put("remote_md5sum", null);
        result.put("checksum", newChecksum);
        result.put("remote_checksum", remoteChecksum);
        return result;
    }

    private static Map<String, Object> unchanged(Map<String, Object> result, String src, Path dest, byte[] local,
            String checksum) {
        result.put("changed", false);
        result.put("md5sum", hash("MD5", local));
        result.put("file", src);
        result.put("dest", dest.toString());
        result.put("checksum", checksum);
        return result;
    }

    /**
     * Writes the fetched bytes as Ansible's connection plugins do (shutil.copyfile, sftp get, or open(dest,
     * 'wb')): a new file gets 0666 less the umask (0644 under the usual 022), a file already there keeps
     * its mode. Written beside dest under a new name with CREATE_NEW (which honours the umask, unlike
     * createTempFile's 0600), then renamed over it, so a reader never sees half a file.
     */
    static void writeAsAnsible(Path dest, byte[] bytes) throws IOException {
        Path tmp = dest.resolveSibling(".fetch-" + java.util.UUID.randomUUID() + ".tmp");
        try {
            Files.write(tmp, bytes, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
            if (Files.isRegularFile(dest)) {
                try {
                    Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(dest));
                } catch (UnsupportedOperationException notPosix) {
                    // Not a POSIX file system: the new file's own mode stands.
                }
            }
            Files.move(tmp, dest, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static byte[] readIfFile(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String hash(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has " + algorithm, e);
        }
    }
}
