package dev.drover.execute.play.action;

import dev.drover.execute.HostResult;
import dev.drover.execute.HostStatus;
import dev.drover.playbook.Coerce;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code fetch}, as Ansible 2.14's fetch action: the file's sha1 from the agent's {@code stat}
 * (following links); when it differs from the controller's copy (or the host cannot tell), its bytes
 * through {@code slurp} in pieces, written to {@code dest/<inventory_hostname>/<src path>}, or to {@code dest}
 * itself with {@code flat: true} (a {@code dest} ending in / is then a directory). Check mode skips
 * the task; a missing file or a directory fails unless {@code fail_on_missing: false}; the messages
 * are Ansible's. The bytes come through {@link FetchStream} in pieces, so any size is fetched with
 * bounded memory, and {@code dest} is replaced only once the whole file arrived (and, with
 * {@code validate_checksum}, matched the host's checksum).
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
        String[] local = FetchStream.localDigests(dest);
        String localChecksum = local == null ? null : local[0];
        boolean statSum = remoteChecksum != null && !remoteChecksum.isEmpty() && !remoteChecksum.equals("1");
        if (statSum && remoteChecksum.equals(localChecksum)) {
            return unchanged(result, src, dest, local);
        }
        try {
            Files.createDirectories(dest.getParent());
        } catch (IOException e) {
            return ControllerAction.failed("Failed to fetch the file: " + e.getMessage());
        }
        try (FetchStream.Received got = FetchStream.receive(ctx.agent(), ctx.host(), src, dest, validate,
                piece -> slurpFailed(piece, src, failOnMissing))) {
            if (!statSum) {
                // As Ansible when it slurps: the host could not tell the checksum, what arrived is the file.
                remoteChecksum = got.sha1;
            }
            if (got.sha1.equals(localChecksum)) {
                return unchanged(result, src, dest, local);
            }
            if (validate && !remoteChecksum.equals(got.sha1)) {
                // Ansible writes the file, then reports the mismatch; drover keeps the previous file.
                result.put("failed", true);
                result.put("md5sum", got.md5);
                result.put("msg", "checksum mismatch: " + src + " on " + ctx.host() + " changed after its checksum was"
                        + " taken; " + dest + " was left as it was");
                result.put("file", src);
            } else {
                got.commit(dest);
                result.put("changed", true);
                result.put("md5sum", got.md5);
            }
            result.put("dest", dest.toString());
            result.put("remote_md5sum", null);
            result.put("checksum", got.sha1);
            result.put("remote_checksum", remoteChecksum);
            return result;
        } catch (FetchStream.Stopped e) {
            return e.result;
        } catch (IOException e) {
            return ControllerAction.failed("Failed to fetch the file: " + e.getMessage() + "; " + dest
                    + " was left as it was");
        }
    }

    /** As Ansible's fetch when its slurp fails: the file is missing, a directory or unreadable. */
    private static Map<String, Object> slurpFailed(HostResult slurped, String src, boolean failOnMissing) {
        if (slurped.status() == HostStatus.UNREACHABLE) {
            return slurped.result();
        }
        Map<String, Object> result = new LinkedHashMap<>();
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

    private static Map<String, Object> unchanged(Map<String, Object> result, String src, Path dest, String[] local) {
        result.put("changed", false);
        result.put("md5sum", local[1]);
        result.put("file", src);
        result.put("dest", dest.toString());
        result.put("checksum", local[0]);
        return result;
    }
}
