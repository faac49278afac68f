package dev.drover.template;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Ansible's filters for paths, shell quoting, Base64 and digests: {@code basename}, {@code dirname},
 * {@code splitext}, {@code lower}, {@code upper}, {@code quote}, {@code b64encode}, {@code b64decode}, {@code hash}, {@code checksum}, {@code md5},
 * {@code sha1}.
 */
final class TextFilters {
    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");
    private static final Map<String, String> DIGESTS = Map.of("md5", "MD5", "sha1", "SHA-1", "sha224", "SHA-224",
            "sha256", "SHA-256", "sha384", "SHA-384", "sha512", "SHA-512");

    private TextFilters() {
    }

    static List<FilterDef> all() {
        return List.of(
                FilterDef.of("basename", (v, a, e) -> basename(PyValues.str(v, e))),
                FilterDef.of("expanduser", (v, a, e) -> expanduser(PyValues.str(v, e))),
                FilterDef.of("dirname", (v, a, e) -> dirname(PyValues.str(v, e))),
                FilterDef.of("fileglob", (v, a, e) -> Fileglob.files(PyValues.str(v, e))),
                FilterDef.of("splitext", (v, a, e) -> splitext(PyValues.str(v, e))),
                // Jinja2 lowers str(value), so True | lower is "true"; Jinjava's filters left non-text alone.
                FilterDef.of("lower", (v, a, e) -> PyValues.str(v, e).toLowerCase(java.util.Locale.ROOT)),
                FilterDef.of("upper", (v, a, e) -> PyValues.str(v, e).toUpperCase(java.util.Locale.ROOT)),
                // Ansible's quote: None is quoted as the empty string.
                FilterDef.of("quote", (v, a, e) -> quote(v == null ? "" : PyValues.str(v, e))),
                FilterDef.of("b64encode", (v, a, e) -> Base64.getEncoder().encodeToString(
                        PyValues.str(v, e).getBytes(charset(a)))),
                FilterDef.of("b64decode", (v, a, e) -> b64decode(PyValues.str(v, e), charset(a))),
                FilterDef.of("hash", (v, a, e) -> digest(PyValues.str(v, e), a.string(0, "hashtype", "sha1"))),
                FilterDef.of("checksum", (v, a, e) -> digest(PyValues.str(v, e), "sha1")),
                FilterDef.of("sha1", (v, a, e) -> digest(PyValues.str(v, e), "sha1")),
                FilterDef.of("md5", (v, a, e) -> digest(PyValues.str(v, e), "md5")));
    }

    /** Python's {@code posixpath.basename}: the text after the last slash. */
    static String basename(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Python's {@code posixpath.dirname}: up to the last slash, without trailing slashes unless all slashes. */
    static String dirname(String path) {
        String head = path.substring(0, path.lastIndexOf('/') + 1);
        if (!head.isEmpty() && !head.chars().allMatch(c -> c == '/')) {
            head = head.replaceAll("/+$", "");
        }
        return head;
    }

    /**
     * Python's {@code posixpath.splitext}: [root, extension], the extension from the last dot of the
     * file name unless the name is only dots before it ({@code .bashrc} has none).
     */
    static List<String> splitext(String path) {
        int dot = path.lastIndexOf('.');
        int slash = path.lastIndexOf('/');
        if (dot > slash) {
            int nameStart = slash + 1;
            for (int i = nameStart; i < dot; i++) {
                if (path.charAt(i) != '.') {
                    return List.of(path.substring(0, dot), path.substring(dot));
                }
            }
        }
        return List.of(path, "");
    }

    /** Python's {@code shlex.quote}: safe text as is, everything else in single quotes. */
    static String quote(String s) {
        if (s.isEmpty()) {
            return "''";
        }
        if (SHELL_SAFE.matcher(s).matches()) {
            return s;
        }
        return "'" + s.replace("'", "'\"'\"'") + "'";
    }

    private static Charset charset(Args args) {
        String name = args.string(0, "encoding", "utf-8");
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            // Python's codec names: utf-16-le is Java's UTF-16LE (case, '-' and '_' do not count).
            String wanted = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[-_ ]", "");
            for (Charset c : Charset.availableCharsets().values()) {
                if (java.util.stream.Stream.concat(java.util.stream.Stream.of(c.name()), c.aliases().stream())
                        .anyMatch(n -> n.toLowerCase(java.util.Locale.ROOT).replaceAll("[-_ ]", "").equals(wanted))) {
                    return c;
                }
            }
            throw new TemplateFailure("unknown encoding: " + name);
        }
    }

    private static String b64decode(String text, Charset charset) {
        try {
            return new String(Base64.getMimeDecoder().decode(text.strip()), charset);
        } catch (IllegalArgumentException e) {
            throw new TemplateFailure("b64decode: the text is not valid Base64: " + e.getMessage());
        }
    }

    static String digest(String text, String type) {
        String algorithm = DIGESTS.get(type.toLowerCase());
        if (algorithm == null) {
            throw new TemplateFailure("unsupported hash type '" + type + "'; use one of "
                    + String.join(", ", DIGESTS.keySet().stream().sorted().toList()));
        }
        try {
            byte[] hash = MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks " + algorithm, e);
        }
    }

    /** Python's os.path.expanduser on the controller, where filters run: {@code ~} and {@code ~/...}. */
    static String expanduser(String path) {
        if (!path.equals("~") && !path.startsWith("~/")) {
            return path;
        }
        String home = System.getenv("HOME");
        if (home == null) {
            home = System.getProperty("user.home");
        }
        return home + path.substring(1);
    }
}
