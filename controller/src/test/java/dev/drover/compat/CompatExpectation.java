package dev.drover.compat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one tool did with one playbook of {@code playbooks/compat}: the exit code and PLAY RECAP of
 * each run (one, or two for a {@code compat-idempotent} playbook) and the file tree under its target.
 * ansible-playbook 2.14's is recorded in {@code NN-name.expected.txt} next to the playbook (see
 * {@link AnsibleCompatibilityTest} for the refresh command); drover's is observed live and compared.
 *
 * <p>The file is ASCII, one fact a line, so a refresh shows as a readable diff: {@code exit N} and
 * {@code recap HOST COUNTERS} per run (a second run's after {@code run 2}), then {@code tree PATH TYPE
 * MODE OWNER ["CONTENT"]} per path. Paths and contents escape bytes outside printable ASCII, backslash
 * and quote as {@code \xNN} ({@code \n}, {@code \t} for those two), paths the blank too; the lab's login user is
 * {@code {login}} (it is the invoking user when the lab runs as non-root).
 */
record CompatExpectation(String ansibleVersion, List<Result> runs, FileTree tree) {
    static final String LOGIN = "{login}";

    /** One run: its exit code and recap. */
    record Result(int exitCode, Recap recap) {
    }

    CompatExpectation {
        runs = List.copyOf(runs);
    }

    static Path fileFor(CompatPlaybook pb) {
        return pb.file().resolveSibling(pb.name() + ".expected.txt");
    }

    /** Every difference from {@code drover}'s, one line each, this (Ansible's) side first; empty when they agree. */
    List<String> differences(CompatExpectation drover) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            String prefix = i == 0 ? "" : "second run: ";
            Result a = runs.get(i);
            Result d = i < drover.runs.size() ? drover.runs.get(i) : null;
            if (d == null) {
                problems.add(prefix + "drover did not run");
                continue;
            }
            if (a.exitCode() != d.exitCode()) {
                problems.add(prefix + "exit code: ansible " + a.exitCode() + ", drover " + d.exitCode());
            }
            if (!a.recap().equals(d.recap())) {
                problems.add(prefix + "recap differs\n ansible:\n" + a.recap() + " drover:\n" + d.recap());
            }
        }
        tree.differences(drover.tree).forEach(d -> problems.add("file " + d));
        return problems;
    }

    String format(String header) {
        StringBuilder out = new StringBuilder(header);
        out.append("ansible ").append(ansibleVersion).append('\n');
        for (int i = 0; i < runs.size(); i++) {
            if (i > 0) {
                out.append("run ").append(i + 1).append('\n');
            }
            out.append("exit ").append(runs.get(i).exitCode()).append('\n');
            new TreeMap<>(runs.get(i).recap().hosts()).forEach((h, c) -> out.append("recap ").append(h).append(' ').append(c).append('\n'));
        }
        tree.entries().forEach((path, e) -> {
            out.append("tree ").append(escape(path.getBytes(StandardCharsets.UTF_8), true)).append(' ').append(e.type()).append(' ')
                    .append(e.mode()).append(' ').append(e.owner());
            if (e.type() != 'd') {
                out.append(" \"").append(escape(e.content(), false)).append('"');
            }
            out.append('\n');
        });
        return out.toString();
    }

    /** {@code tree} with the owner name {@code from} written {@code to} (the login user to {@link #LOGIN} and back). */
    static FileTree withLogin(FileTree tree, String from, String to) {
        Map<String, FileTree.Entry> entries = new TreeMap<>();
        tree.entries().forEach((p, e) -> entries.put(p, e.owner().equals(from) ? new FileTree.Entry(e.type(), e.mode(), to, e.content()) : e));
        return new FileTree(entries);
    }

    static CompatExpectation read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (record it: see AnsibleCompatibilityTest)", e);
        }
        String version = null;
        List<Result> runs = new ArrayList<>();
        Integer exit = null;
        Map<String, String> recap = new TreeMap<>();
        Map<String, FileTree.Entry> tree = new TreeMap<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            String where = file + ":" + (n + 1) + ": ";
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(" ", 6);
            switch (f[0]) {
                case "ansible" -> version = line.substring("ansible ".length());
                case "exit" -> exit = Integer.parseInt(f[1]);
                case "recap" -> recap.put(f[1], line.substring(("recap " + f[1] + " ").length()));
                case "run" -> {
                    runs.add(result(exit, recap, where));
                    exit = null;
                    recap = new TreeMap<>();
                }
                case "tree" -> {
                    if (f.length < 5) {
                        throw new IllegalStateException(where + "a tree line needs PATH TYPE MODE OWNER: " + line);
                    }
                    byte[] content = new byte[0];
                    if (f.length == 6) {
                        if (!f[5].startsWith("\"") || !f[5].endsWith("\"") || f[5].length() < 2) {
                            throw new IllegalStateException(where + "content must be quoted: " + line);
                        }
                        content = unescape(f[5].substring(1, f[5].length() - 1), where);
                    }
                    tree.put(new String(unescape(f[1], where), StandardCharsets.UTF_8),
                            new FileTree.Entry(f[2].charAt(0), f[3], f[4], content));
                }
                default -> throw new IllegalStateException(where + "unknown line: " + line);
            }
        }
        runs.add(result(exit, recap, file + ": "));
        if (version == null) {
            throw new IllegalStateException(file + ": no 'ansible VERSION' line");
        }
        return new CompatExpectation(version, runs, new FileTree(tree));
    }

    private static Result result(Integer exit, Map<String, String> recap, String where) {
        if (exit == null || recap.isEmpty()) {
            throw new IllegalStateException(where + "a run needs an 'exit N' line and 'recap HOST ...' lines");
        }
        return new Result(exit, new Recap(recap));
    }

    /** {@code bytes} in printable ASCII; the blank escaped too in a path (a content is last on its line). */
    static String escape(byte[] bytes, boolean path) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c == '\n') {
                out.append("\\n");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c < ' ' || (c == ' ' && path) || c >= 0x7f || c == '\\' || c == '"') {
                out.append(String.format("\\x%02x", c));
            } else {
                out.append((char) c);
            }
        }
        return out.toString();
    }

    static byte[] unescape(String s, String where) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                out.write(c);
                continue;
            }
            char k = i + 1 < s.length() ? s.charAt(i + 1) : '?';
            if (k == 'n') {
                out.write('\n');
                i++;
            } else if (k == 't') {
                out.write('\t');
                i++;
            } else if (k == 'x' && i + 3 < s.length()) {
                out.write(Integer.parseInt(s.substring(i + 2, i + 4), 16));
                i += 3;
            } else {
                throw new IllegalStateException(where + "bad escape at column " + (i + 1) + " of " + s);
            }
        }
        return out.toByteArray();
    }
}
