package dev.drover.template;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ansible 2.14's {@code password} lookup, on the controller: the password stored in the file the term
 * names, or a new random one written there (mode 0600, its folder made 0700); {@code /dev/null} gives
 * a new password every time and stores nothing. Options, in the term ({@code path length=8}) or as
 * keywords: {@code length} (20), {@code chars} (Python {@code string} names or literal characters;
 * letters, digits and {@code .,:-_}), {@code seed} (the same seed gives the same password, as Python's
 * {@code random.Random(seed)} draws it, so Ansible's and drover's agree), {@code encrypt}
 * ({@code md5_crypt}, {@code sha256_crypt}, {@code sha512_crypt}: the stored password is hashed, its
 * salt kept in the file as {@code " salt=..."}) and {@code ident}.
 *
 * <p>Threading: hosts render in parallel, so the read-or-create of one file is serialised in this JVM,
 * and across processes by Ansible's lock file ({@code <sha1 of path>.ansible_lockfile} beside it).
 */
final class PasswordLookup {
    private static final Set<String> VALID = Set.of("length", "encrypt", "chars", "ident", "seed");
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    private static final String WHITESPACE = " \t\n\r\u000b\u000c";
    /** Python's {@code string} constants a {@code chars} entry may name. */
    private static final Map<String, String> NAMED = Map.of(
            "ascii_letters", LETTERS,
            "ascii_lowercase", LETTERS.substring(0, 26),
            "ascii_uppercase", LETTERS.substring(26),
            "digits", "0123456789",
            "hexdigits", "0123456789abcdefABCDEF",
            "octdigits", "01234567",
            "punctuation", PUNCTUATION,
            "whitespace", WHITESPACE,
            "printable", "0123456789" + LETTERS + PUNCTUATION + WHITESPACE);
    private static final Map<String, Integer> SALT_SIZES = Map.of("md5_crypt", 8, "sha256_crypt", 16, "sha512_crypt", 16);
    private static final Map<String, Object> LOCKS = new ConcurrentHashMap<>();
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordLookup() {
    }

    static String run(String term, Map<String, Object> kwargs, Path baseDir) {
        Map<String, Object> params = new LinkedHashMap<>();
        String relpath = parse(term, params);
        for (Map.Entry<String, Object> kw : kwargs.entrySet()) {
            if (!VALID.contains(kw.getKey())) {
                throw new TemplateFailure("Unrecognized parameter(s) given to password lookup: " + kw.getKey());
            }
            params.putIfAbsent(kw.getKey(), kw.getValue());
        }
        int length;
        try {
            length = Integer.parseInt(String.valueOf(params.getOrDefault("length", 20)).strip());
        } catch (NumberFormatException e) {
            throw new TemplateFailure("invalid literal for int() with base 10: '" + params.get("length") + "'");
        }
        String chars = candidateChars(params.get("chars"));
        String encrypt = params.get("encrypt") == null ? null : String.valueOf(params.get("encrypt"));
        String seed = params.get("seed") == null ? null : String.valueOf(params.get("seed"));
        Path path = relpath.startsWith("~") ? Path.of(System.getProperty("user.home") + relpath.substring(1))
                : baseDir.resolve(relpath);
        boolean devNull = path.normalize().toString().equals("/dev/null");
        if (encrypt != null && !SALT_SIZES.containsKey(encrypt)) {
            throw new TemplateFailure("crypt.crypt does not support '" + encrypt + "' algorithm");
        }
        String plaintext;
        String salt;
        synchronized (LOCKS.computeIfAbsent(path.toAbsolutePath().normalize().toString(), k -> new Object())) {
            Path lock = devNull ? null : lock(path);
            try {
                String content = devNull ? null : read(path);
                boolean changed = content == null;
                if (content == null) {
                    plaintext = random(length, chars, seed);
                    salt = null;
                } else {
                    int at = content.lastIndexOf(" salt=");
                    plaintext = at < 0 ? content : content.substring(0, at);
                    String rest = at < 0 ? "" : content.substring(at + " salt=".length());
                    int ident = rest.lastIndexOf(" ident=");
                    salt = rest.isEmpty() ? null : ident < 0 ? rest : rest.substring(0, ident);
                }
                if (encrypt != null && salt == null) {
                    salt = SequenceFilters.randomSalt(SALT_SIZES.get(encrypt));
                    changed = true;
                }
                if (changed && !devNull) {
                    write(path, salt == null ? plaintext : plaintext + " salt=" + salt);
                }
            } finally {
                if (lock != null) {
                    try {
                        Files.deleteIfExists(lock);
                    } catch (IOException e) {
                        // A lock file left behind makes the next run wait and then name it.
                    }
                }
            }
        }
        return encrypt == null ? plaintext : SequenceFilters.crypt(encrypt, plaintext, salt, null, null);
    }

    /** The path, with Ansible's {@code key=value} options after it put into {@code params}. */
    private static String parse(String term, Map<String, Object> params) {
        String[] words = term.strip().split("\\s+");
        List<String> path = new ArrayList<>(List.of(words[0]));
        boolean options = false;
        for (int i = 1; i < words.length; i++) {
            String w = words[i];
            int eq = w.indexOf('=');
            if (eq > 0) {
                String key = w.substring(0, eq);
                if (!VALID.contains(key)) {
                    throw new TemplateFailure("Unrecognized parameter(s) given to password lookup: " + key);
                }
                params.put(key, w.substring(eq + 1));
                options = true;
            } else if (options) {
                throw new TemplateFailure("Unrecognized value after key=value parameters given to password lookup");
            } else {
                path.add(w); // a path with spaces, as Ansible's _raw_params
            }
        }
        return String.join(" ", path);
    }

    /** Ansible's {@code _gen_candidate_chars}: names expanded, other entries literal, quotes dropped. */
    private static String candidateChars(Object spec) {
        List<String> entries = new ArrayList<>();
        if (spec == null) {
            entries.addAll(List.of("ascii_letters", "digits", ".,:-_"));
        } else if (spec instanceof List<?> list) {
            list.forEach(e -> entries.add(String.valueOf(e)));
        } else {
            String text = String.valueOf(spec);
            if (text.contains(",,")) {
                entries.add(",");
            }
            for (String part : text.replace(",,", ",").split(",")) {
                if (!part.isEmpty()) {
                    entries.add(part);
                }
            }
        }
        StringBuilder chars = new StringBuilder();
        entries.forEach(e -> chars.append(NAMED.getOrDefault(e, e)));
        String out = chars.toString().replace("\"", "").replace("'", "");
        if (out.isEmpty()) {
            throw new TemplateFailure("Cannot choose from an empty sequence");
        }
        return out;
    }

    private static String random(int length, String chars, String seed) {
        StringBuilder out = new StringBuilder(length);
        PyRandom seeded = seed == null ? null : new PyRandom(seed);
        for (int i = 0; i < length; i++) {
            out.append(seeded != null ? seeded.choice(chars) : chars.charAt(RANDOM.nextInt(chars.length())));
        }
        return out.toString();
    }

    private static String read(Path path) {
        if (!Files.exists(path)) {
            return null;
        }
        try {
            return new String(Files.readAllBytes(path), StandardCharsets.UTF_8).stripTrailing();
        } catch (IOException e) {
            throw new TemplateFailure("lookup('password'): cannot read " + path + ": " + e.getMessage());
        }
    }

    private static void write(Path path, String content) {
        try {
            createFolder(path);
            Files.deleteIfExists(path);
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(path, (content + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new TemplateFailure("lookup('password'): cannot write " + path + ": " + e.getMessage());
        }
    }

    private static void createFolder(Path path) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
    }

    /** Ansible's lock file, taken or waited for (1, 2 and 4 s) while another process holds it. */
    private static Path lock(Path path) {
        Path lock;
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(path.toString().getBytes(StandardCharsets.UTF_8));
            lock = path.toAbsolutePath().getParent().resolve(HexFormat.of().formatHex(sha1) + ".ansible_lockfile");
            createFolder(path);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        } catch (IOException e) {
            throw new TemplateFailure("lookup('password'): cannot create the folder of " + path + ": " + e.getMessage());
        }
        for (int attempt = 0; ; attempt++) {
            try {
                Files.createFile(lock);
                return lock;
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 3) {
                    throw new TemplateFailure("Password lookup cannot get the lock in 7 seconds, abort...This may caused by"
                            + " un-removed lockfileyou can manually remove it from controller machine at " + lock
                            + " and try again");
                }
                try {
                    Thread.sleep(1000L << attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new TemplateFailure("lookup('password') was interrupted waiting for " + lock);
                }
            } catch (IOException e) {
                throw new TemplateFailure("lookup('password'): cannot create the lock " + lock + ": " + e.getMessage());
            }
        }
    }
}
