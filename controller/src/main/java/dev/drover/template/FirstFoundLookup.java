package dev.drover.template;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Ansible 2.14's {@code first_found} lookup: the first of the candidate files that exists on the
 * controller, as an absolute path. A term is a file name, a list of them, or a mapping with
 * {@code files} and {@code paths} (each a list, or text split at {@code ,;} and {@code ,:;}) and
 * {@code skip}; relative names are searched as Ansible's {@code find_file_in_search_path} does
 * ({@code files/} then the folder itself, for each entry of {@code ansible_search_path}, then the
 * playbook's folder). None found fails with Ansible's message, or gives nothing with {@code skip}.
 */
final class FirstFoundLookup {
    private FirstFoundLookup() {
    }

    static List<Object> run(List<Object> terms, Map<String, Object> kwargs, Evaluation eval) {
        List<String> candidates = new ArrayList<>();
        boolean skip = collect(terms, kwargs, candidates);
        for (String name : candidates) {
            Path found = find(name, eval);
            if (found != null) {
                return List.of(found.toString());
            }
        }
        if (skip) {
            return List.of();
        }
        throw new TemplateFailure("No file was found when using first_found.");
    }

    /** Ansible's {@code _process_terms}: the search list; returns the last {@code skip} seen. */
    private static boolean collect(List<?> terms, Map<String, Object> kwargs, List<String> out) {
        boolean skip = PyValues.truthy(kwargs.getOrDefault("skip", false));
        for (Object term : terms) {
            Map<?, ?> options;
            if (term instanceof Map<?, ?> m) {
                options = m;
            } else if (term instanceof String) {
                options = kwargs;
            } else if (term instanceof List<?> l) {
                skip = collect(l, kwargs, out);
                continue;
            } else {
                throw new TemplateFailure("Invalid term supplied, can handle string, mapping or list of strings but got: "
                        + PyValues.typeName(term) + " for " + term);
            }
            List<String> files = split(options.get("files"), ",;");
            List<String> paths = split(options.get("paths"), ",:;");
            skip = PyValues.truthy(options.get("skip") == null ? false : options.get("skip"));
            if (!paths.isEmpty()) {
                for (String path : paths) {
                    for (String file : files) {
                        out.add(Path.of(path).resolve(file).toString());
                    }
                }
            } else if (!files.isEmpty()) {
                out.clear(); // as Ansible: a files list replaces what came before
                out.addAll(files);
            } else {
                out.add(String.valueOf(term));
            }
        }
        return skip;
    }

    private static List<String> split(Object value, String separators) {
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        if (value instanceof List<?> l) {
            l.forEach(v -> out.addAll(split(v, separators)));
            return out;
        }
        String text = String.valueOf(value);
        StringBuilder part = new StringBuilder();
        for (char ch : text.toCharArray()) {
            if (separators.indexOf(ch) >= 0) {
                out.add(part.toString());
                part.setLength(0);
            } else {
                part.append(ch);
            }
        }
        out.add(part.toString());
        return out;
    }

    /** Ansible's {@code path_dwim_relative_stack} with the {@code files} folder. */
    private static Path find(String name, Evaluation eval) {
        if (name.startsWith("~") || name.startsWith("/")) {
            Path p = Path.of(name.startsWith("~") ? System.getProperty("user.home") + name.substring(1) : name);
            return Files.exists(p) ? p.normalize() : null;
        }
        List<Path> search = new ArrayList<>();
        boolean inFiles = name.split("/", -1)[0].equals("files");
        if (eval.variable("ansible_search_path") instanceof List<?> paths) {
            for (Object p : paths) {
                Path dir = Path.of(String.valueOf(p));
                if (dir.getParent() != null && dir.getParent().endsWith("tasks")) {
                    search.add(dir.getParent().getParent().resolve("files").resolve(name));
                    search.add(dir.getParent().resolve(name));
                } else {
                    if (!inFiles) {
                        search.add(dir.resolve("files").resolve(name));
                    }
                    search.add(dir.resolve(name));
                }
            }
        }
        if (eval.variable("playbook_dir") instanceof String base) {
            if (!inFiles) {
                search.add(Path.of(base).resolve("files").resolve(name));
            }
            search.add(Path.of(base).resolve(name));
        }
        for (Path p : search) {
            if (Files.exists(p)) {
                return p.toAbsolutePath().normalize();
            }
        }
        return null;
    }
}
