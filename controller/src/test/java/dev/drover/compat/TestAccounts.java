package dev.drover.compat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * The local accounts an Ansible target creates (Ansible's {@code setup_test_user} and the target's
 * own): such a target needs root, and needs them absent at the start (a user already there is
 * reported "ok" instead of "changed"). Accounts the run leaves behind, as a failed run does before
 * its handlers, are removed on close; an account that existed before is never touched.
 */
final class TestAccounts implements AutoCloseable {
    /** Target -> users then groups ("group:" prefix) it creates. */
    static final Map<String, List<String>> CREATED = Map.of(
            "slurp", List.of("ansibletest0"),
            // file's handlers remove all but test2; a run that fails midway removes none.
            "file", List.of("test1", "test2", "test_uid", "nonexistent", "tmp_ansible_test_user",
                    "group:test1", "group:test2", "group:test_gid", "group:nonexistent1"),
            "unarchive", List.of("ansibletest0", "testuser", "group:testgroup"),
            "user", List.of("ansibulluser", "ansibulluser2", "ansibulluser3", "randomuser", "umaskuser_test_1",
                    "umaskuser_test_2", "umaskuser_test_3", "local_ansibulluser", "group:testgroup1", "group:testgroup2",
                    "group:testgroup3", "group:testgroup4", "group:testgroup5", "group:local_ansibulluser"),
            "fetch", List.of("fetcher"),
            "group", List.of("group:ansibullgroup", "group:ansibullgroup2", "group:ansibullgroup3", "group:group1_test"));

    private final List<String> accounts;

    private TestAccounts(List<String> accounts) {
        this.accounts = accounts;
    }

    static TestAccounts forTarget(String target) throws IOException, InterruptedException {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), () -> target + " creates local users: needs root");
        Assumptions.assumeTrue(run("useradd", "--help") != 127, () -> target + " needs useradd (passwd package)");
        List<String> mine = new ArrayList<>();
        for (String account : CREATED.get(target)) {
            boolean present = exists(account);
            Assumptions.assumeFalse(present, () -> target + " creates '" + account + "', which already exists here");
            mine.add(account);
        }
        return new TestAccounts(mine);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        for (String account : accounts) {
            if (exists(account)) {
                if (account.startsWith("group:")) {
                    run("groupdel", account.substring("group:".length()));
                } else {
                    run("userdel", "-r", "-f", account);
                }
            }
        }
    }

    private static boolean exists(String account) throws IOException, InterruptedException {
        boolean group = account.startsWith("group:");
        return run("getent", group ? "group" : "passwd", group ? account.substring("group:".length()) : account) == 0;
    }

    private static int run(String... command) throws IOException, InterruptedException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor();
        } catch (IOException e) {
            return 127;
        }
    }
}
