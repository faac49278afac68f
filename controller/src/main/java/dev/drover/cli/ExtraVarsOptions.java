package dev.drover.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * {@code -e} for {@code run} and {@code exec}, and the two ways to pass a secret without putting it
 * in every local user's {@code ps}: {@code -e @FILE} and {@code DROVER_EXTRA_VARS_FILE} (read first,
 * so the command line's {@code -e} wins over it). A value typed on the command line that looks like
 * a password (by its name or its randomness) gets a warning that says so, never the value.
 *
 * <p>The journal keeps no extra variable's value unless it is named by {@code --extra-vars-safe}:
 * masking does not depend on guessing which names are secret.
 */
final class ExtraVarsOptions {
    static final String FILE_ENV = "DROVER_EXTRA_VARS_FILE";
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(pass|pwd|pw$|secret|token|credential|private|api_?key).*");

    @Option(names = {"-e", "--extra-vars"}, paramLabel = "VARS",
            description = {"name=value pairs, @file (YAML/JSON) or inline YAML/JSON; repeatable, later wins. Beats every"
                + " other variable, ansible_host/port/user included.",
                "Secrets: -e @FILE or DROVER_EXTRA_VARS_FILE=FILE (a command line is visible in ps)."})
    List<String> values = new ArrayList<>();

    @Option(names = "--extra-vars-safe", paramLabel = "NAME", split = ",",
            description = "Keep this extra variable's value in the run journal (every -e value is masked there"
                + " otherwise); repeatable, comma-separated.")
    List<String> safe = new ArrayList<>();

    /** The {@code -e} values in order: {@code DROVER_EXTRA_VARS_FILE} first, then the command line's. */
    List<String> given() {
        List<String> all = new ArrayList<>();
        String file = System.getenv(FILE_ENV);
        if (file != null && !file.isBlank()) {
            all.add("@" + file.strip());
        }
        all.addAll(values);
        return all;
    }

    /** Whether any {@code -e} was given, on the command line or by {@code DROVER_EXTRA_VARS_FILE}. */
    boolean any() {
        return !given().isEmpty();
    }

    /** The merged variables; warns on {@code err} for each password-like value typed on the command line. */
    Map<String, Object> parse(PrintWriter err) {
        return parse(err, dev.drover.vault.Vault.NONE);
    }

    /** As {@link #parse(PrintWriter)}, a vaulted {@code -e @FILE} decrypted with the command's vault. */
    Map<String, Object> parse(PrintWriter err, dev.drover.vault.Vault vault) {
        List<String> all = given();
        List<Map<String, Object>> each = ExtraVars.each(all, vault);
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).strip().startsWith("@")) {
                continue;
            }
            each.get(i).forEach((name, value) -> looksLikePassword(name, value).ifPresent(why ->
                    err.println("[WARNING]: -e " + name + "=...: " + why + "; a value on the command line is visible"
                            + " to every local user (ps) while drover runs: put it in a file only you can read and pass"
                            + " -e @FILE, or set " + FILE_ENV + "=FILE")));
        }
        Map<String, Object> merged = new java.util.LinkedHashMap<>();
        each.forEach(merged::putAll);
        return merged;
    }

    /** The absolute paths of the {@code @FILE} sources, in order: a resumed run reads them again. */
    List<String> files() {
        return given().stream().map(String::strip).filter(v -> v.startsWith("@"))
                .map(v -> Path.of(v.substring(1)).toAbsolutePath().normalize().toString()).toList();
    }

    Set<String> safeNames() {
        return new LinkedHashSet<>(safe);
    }

    /** Why a command-line value looks like a password, if it does. */
    static java.util.Optional<String> looksLikePassword(String name, Object value) {
        if (!(value instanceof String s) || s.isEmpty()) {
            return java.util.Optional.empty();
        }
        if (SECRET_NAME.matcher(name).matches()) {
            return java.util.Optional.of("its name looks like a password's");
        }
        if (s.length() >= 12 && s.chars().noneMatch(c -> c == '/' || Character.isWhitespace(c))
                && classes(s) >= 3 && entropyPerChar(s) >= 3.5) {
            return java.util.Optional.of("the value is as random as a password");
        }
        return java.util.Optional.empty();
    }

    private static int classes(String s) {
        int lower = 0;
        int upper = 0;
        int digit = 0;
        int other = 0;
        for (char c : s.toCharArray()) {
            if (Character.isLowerCase(c)) {
                lower = 1;
            } else if (Character.isUpperCase(c)) {
                upper = 1;
            } else if (Character.isDigit(c)) {
                digit = 1;
            } else {
                other = 1;
            }
        }
        return lower + upper + digit + other;
    }

    /** Shannon entropy of the characters, in bits per character. */
    static double entropyPerChar(String s) {
        Map<Integer, Integer> counts = new java.util.HashMap<>();
        s.chars().forEach(c -> counts.merge(c, 1, Integer::sum));
        double h = 0;
        for (int n : counts.values()) {
            double p = (double) n / s.length();
            h -= p * Math.log(p) / Math.log(2);
        }
        return h;
    }
}
