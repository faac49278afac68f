package dev.drover.template;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.codec.digest.Md5Crypt;
import org.apache.commons.codec.digest.Sha2Crypt;

/**
 * Jinja2's {@code list} (a dict gives its keys, a string its characters; Jinjava's wraps the dict in a
 * list) and Ansible's filters over sequences and small values that Jinjava lacks: {@code zip},
 * {@code zip_longest}, {@code subelements}, {@code path_join}, {@code to_uuid}, {@code strftime}, {@code to_datetime},
 * {@code password_hash}. Messages are Ansible 2.14's, which its tests match on.
 */
final class SequenceFilters {
    /** Ansible's default namespace for {@code to_uuid}. */
    private static final UUID ANSIBLE_NAMESPACE = UUID.fromString("361E6D51-FAEC-444A-9079-341386DA8E2E");
    private static final String SALT_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789./";
    private static final SecureRandom RANDOM = new SecureRandom();

    private SequenceFilters() {
    }

    static List<FilterDef> all() {
        return List.of(
                FilterDef.of("list", (v, a, e) -> PyValues.items(v)),
                FilterDef.of("zip", (v, a, e) -> zip(v, a, false)),
                FilterDef.of("zip_longest", (v, a, e) -> zip(v, a, true)),
                FilterDef.of("subelements", SequenceFilters::subelements),
                FilterDef.of("path_join", (v, a, e) -> pathJoin(v)),
                FilterDef.of("to_uuid", SequenceFilters::toUuid),
                FilterDef.of("strftime", SequenceFilters::strftime),
                FilterDef.of("to_datetime", (v, a, e) -> PyDateTime.strptime(PyValues.str(v, e),
                        a.string(0, "format", "%Y-%m-%d %H:%M:%S"))),
                FilterDef.of("password_hash", SequenceFilters::passwordHash));
    }

    private static List<Object> zip(Object first, Args args, boolean longest) {
        List<List<Object>> lists = new ArrayList<>();
        lists.add(PyValues.items(first));
        for (Object other : args.rest(0)) {
            lists.add(PyValues.items(other));
        }
        int n = longest ? lists.stream().mapToInt(List::size).max().orElse(0)
                : lists.stream().mapToInt(List::size).min().orElse(0);
        Object fill = args.get(-1, "fillvalue", null);
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<Object> tuple = new ArrayList<>();
            for (List<Object> l : lists) {
                tuple.add(i < l.size() ? l.get(i) : fill);
            }
            out.add(tuple);
        }
        return out;
    }

    /** Ansible's {@code subelements(obj, subelements, skip_missing=False)}: (element, value) pairs. */
    private static List<Object> subelements(Object obj, Args args, Evaluation eval) {
        List<Object> elements;
        if (obj instanceof Map<?, ?> map) {
            elements = new ArrayList<>(map.values());
        } else if (obj instanceof List<?> list) {
            elements = new ArrayList<>(list);
        } else {
            throw new TemplateFailure("obj must be a list of dicts or a nested dict");
        }
        Object keys = args.required(0, "subelements");
        List<Object> path;
        if (keys instanceof List<?> l) {
            path = new ArrayList<>(l);
        } else if (keys instanceof CharSequence s) {
            path = new ArrayList<>(Arrays.asList((Object[]) s.toString().split("\\.", -1)));
        } else {
            throw new TemplateFailure("subelements must be a list or a string");
        }
        boolean skipMissing = args.flag(1, "skip_missing", false);
        List<Object> out = new ArrayList<>();
        for (Object element : elements) {
            Object values = element;
            for (Object key : path) {
                if (!(values instanceof Map<?, ?> m)) {
                    throw new TemplateFailure("the key " + PyValues.str(key, eval) + " should point to a dictionary, got '"
                            + PyValues.repr(values, eval) + "'");
                }
                if (!m.containsKey(key)) {
                    if (skipMissing) {
                        values = List.of();
                        break;
                    }
                    throw new TemplateFailure("could not find " + PyValues.repr(key, eval) + " key in iterated item "
                            + PyValues.repr(values, eval));
                }
                values = m.get(key);
            }
            if (!(values instanceof List<?> vs)) {
                throw new TemplateFailure("the key " + PyValues.repr(path.get(path.size() - 1), eval)
                        + " should point to a list, got " + PyValues.repr(values, eval));
            }
            for (Object v : vs) {
                out.add(List.of(element, v));
            }
        }
        return out;
    }

    /** Python's {@code os.path.join}: an absolute part starts the path afresh. */
    private static String pathJoin(Object value) {
        if (value instanceof CharSequence s) {
            return s.toString();
        }
        if (!(value instanceof List<?> parts)) {
            throw new TemplateFailure("|path_join expects string or sequence, got " + PyValues.typeName(value) + " instead.");
        }
        StringBuilder out = new StringBuilder();
        for (Object p : parts) {
            String part = String.valueOf(p);
            if (part.startsWith("/")) {
                out.setLength(0);
            } else if (out.length() > 0 && out.charAt(out.length() - 1) != '/') {
                out.append('/');
            }
            out.append(part);
        }
        return out.toString();
    }

    /** Ansible's {@code to_uuid(namespace=...)}: a name-based (version 5, SHA-1) UUID. */
    private static String toUuid(Object value, Args args, Evaluation eval) {
        Object ns = args.get(0, "namespace", null);
        UUID namespace;
        try {
            namespace = ns == null ? ANSIBLE_NAMESPACE : UUID.fromString(ns.toString());
        } catch (IllegalArgumentException e) {
            throw new TemplateFailure("Invalid value '" + PyValues.str(ns, eval) + "' for 'namespace': "
                    + "badly formed hexadecimal UUID string");
        }
        byte[] name = PyValues.str(value, eval).getBytes(StandardCharsets.UTF_8);
        byte[] hash;
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            java.nio.ByteBuffer nsBytes = java.nio.ByteBuffer.allocate(16);
            nsBytes.putLong(namespace.getMostSignificantBits()).putLong(namespace.getLeastSignificantBits());
            sha1.update(nsBytes.array());
            hash = sha1.digest(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        hash[6] = (byte) (hash[6] & 0x0f | 0x50);
        hash[8] = (byte) (hash[8] & 0x3f | 0x80);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(hash, 0, 16);
        return new UUID(b.getLong(), b.getLong()).toString();
    }

    /** Ansible's {@code strftime(string_format, second=None, utc=False)}, local time unless utc. */
    private static String strftime(Object format, Args args, Evaluation eval) {
        Object second = args.get(0, "second", null);
        boolean utc = args.flag(1, "utc", false);
        Instant at = Instant.now();
        if (second != null) {
            try {
                double epoch = second instanceof Number n ? n.doubleValue() : Double.parseDouble(second.toString().strip());
                at = Instant.ofEpochMilli((long) Math.floor(epoch * 1000));
            } catch (NumberFormatException e) {
                throw new TemplateFailure("Invalid value for epoch value (" + PyValues.str(second, eval) + ")");
            }
        }
        return Strftime.format(PyValues.str(format, eval), at.atZone(utc ? ZoneOffset.UTC : ZoneId.systemDefault()));
    }

    /** Ansible's {@code password_hash} as its crypt backend computes it: {@code $6$salt$hash} by default. */
    private static String passwordHash(Object password, Args args, Evaluation eval) {
        String type = args.string(0, "hashtype", "sha512");
        Object saltArg = args.get(1, "salt", null);
        Object sizeArg = args.get(2, "salt_size", null);
        Object rounds = args.get(3, "rounds", null);
        if (sizeArg != null && !(sizeArg instanceof Number)) {
            throw new TemplateFailure("salt_size must be an integer, got " + PyValues.typeName(sizeArg));
        }
        return crypt(type, PyValues.str(password, eval), saltArg == null ? null : PyValues.str(saltArg, eval),
                sizeArg == null ? null : ((Number) sizeArg).intValue(), rounds);
    }

    /**
     * {@code password} hashed as Ansible's crypt backend does ({@code password_hash}, the password
     * lookup's {@code encrypt}): md5_crypt, sha256_crypt or sha512_crypt (short names too), with
     * {@code salt} or a random one of {@code saltSize} characters (the scheme's size when null).
     */
    static String crypt(String type, String password, String saltGiven, Integer saltSize, Object rounds) {
        String prefix = switch (type) {
            case "sha512", "sha512_crypt" -> "$6$";
            case "sha256", "sha256_crypt" -> "$5$";
            case "md5", "md5_crypt" -> "$1$";
            default -> throw new TemplateFailure("crypt.crypt does not support '" + type + "' algorithm");
        };
        String salt;
        if (saltGiven != null) {
            salt = saltGiven;
        } else {
            salt = randomSalt(saltSize == null ? (prefix.equals("$1$") ? 8 : 16) : saltSize);
        }
        String setting = prefix + (rounds == null || prefix.equals("$1$") ? "" : "rounds=" + rounds + "$") + salt;
        byte[] key = password.getBytes(StandardCharsets.UTF_8);
        return switch (prefix) {
            case "$6$" -> Sha2Crypt.sha512Crypt(key, setting);
            case "$5$" -> Sha2Crypt.sha256Crypt(key, setting);
            default -> Md5Crypt.md5Crypt(key, setting);
        };
    }

    /** Ansible's {@code random_salt}: letters, digits, '.' and '/'. */
    static String randomSalt(int size) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < size; i++) {
            s.append(SALT_CHARS.charAt(RANDOM.nextInt(SALT_CHARS.length())));
        }
        return s.toString();
    }
}
