package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The modules ACS roles use that drover gained for Ansible parity (script, get_url, user, group,
 * find, blockinfile, tempfile, raw, systemd), each through {@code drover run} and the real agent
 * jar on a local host, with the results Ansible 2.14 gives for the same playbook.
 */
class AcsModulesRunTest extends LocalPlaybookRun {
    /**
     * The accounts are machine-wide: their names carry this JVM's pid, so that two checkouts testing at once
     * do not create, check and delete each other's (the playbook's {@code drovertest} becomes this prefix).
     */
    private static final String PREFIX = "drt" + Long.toString(ProcessHandle.current().pid(), 36);
    private static final String[] ACCOUNTS = {PREFIX + "u1", PREFIX + "u2"};
    private static final String[] GROUPS = {PREFIX + "g1", PREFIX + "g2"};
    private HttpServer server;

    @AfterEach
    void cleanUp() throws Exception {
        if (server != null) {
            server.stop(0);
        }
        if (root()) {
            for (String u : ACCOUNTS) {
                new ProcessBuilder("userdel", "-r", u).redirectErrorStream(true).start().waitFor();
            }
            for (String g : GROUPS) {
                new ProcessBuilder("groupdel", g).redirectErrorStream(true).start().waitFor();
            }
        }
    }

    @Test
    void scriptIsPushedFromTheControllerAndRunWithItsArguments() throws IOException {
        write("files/hello.sh", "#!/bin/sh\necho \"args: $@\"\necho err >&2\n");
        write("files/fail.sh", "#!/bin/sh\nexit 3\n");
        CliRun run = run("""
                - hosts: a
                  gather_facts: false
                  tasks:
                    - script: hello.sh a 'b c'
                      register: r
                    - assert:
                        that:
                          - r is changed
                          - r.rc == 0
                          - "r.stdout_lines == ['args: a b c']"
                          - r.stderr == 'err\\n'
                    - script: hello.sh
                      args: {creates: OUT/site.yml}
                      register: s
                    - assert:
                        that: [s is skipped, "s.msg == 'OUT/site.yml exists, matching creates option'"]
                    - script: fail.sh
                      register: f
                      ignore_errors: true
                    - assert:
                        that: [f is failed, "f.msg == 'non-zero return code'", f.rc == 3]
                    - script: nothere.sh
                      register: n
                      ignore_errors: true
                    - assert:
                        that: ["n.msg.startswith(\\"Could not find or access 'nothere.sh'\\nSearched in:\\n\\t\\")"]
                """);
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("7 2 0 0 1 0 2", recap(run, "a"), run.toString());
    }

    @Test
    void getUrlDownloadsVerifiesTheChecksumAndSkipsAMatchingFile() throws IOException {
        AtomicInteger gets = new AtomicInteger();
        byte[] body = "hello world\n".getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/a.txt", ex -> {
            gets.incrementAndGet();
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/a.txt";
        String sum = "sha256:a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447";
        CliRun run = run("""
                - hosts: a
                  gather_facts: false
                  tasks:
                    - get_url: {url: "URL", dest: OUT/a.txt, checksum: "SUM", mode: "0640"}
                      register: r
                    - assert:
                        that: [r is changed, r.status_code == 200, "r.msg == 'OK (12 bytes)'", "r.mode == '0640'",
                               "r.md5sum == '6f5902ac237024bdd0c176cb93063dc4'"]
                    - get_url: {url: "URL", dest: OUT/a.txt, checksum: "SUM"}
                      register: again
                    - assert:
                        that: [again is not changed, "again.msg == 'file already exists'"]
                    - get_url: {url: "URL", dest: OUT/bad.txt, checksum: "sha256:0000"}
                      register: bad
                      ignore_errors: true
                    - assert:
                        that: [bad is failed, "bad.msg.startswith('The checksum for OUT/bad.txt did not match 0000')"]
                """.replace("URL", url).replace("SUM", sum));
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("hello world\n", read("a.txt"));
        assertFalse(Files.exists(dir.resolve("bad.txt")), "a file failing its checksum is removed");
        assertEquals(2, gets.get(), "a file whose checksum matches is not downloaded again");
    }

    @Test
    void filesFamilyAndRawThroughTheAgent() throws IOException {
        write("conf/app.conf", "one\ntwo\n");
        write("conf/skip.conf", "x\n");
        CliRun run = run("""
                - hosts: a
                  gather_facts: false
                  tasks:
                    - blockinfile: {path: OUT/conf/app.conf, block: "hello\\nworld", insertafter: "^one"}
                    - blockinfile: {path: OUT/conf/app.conf, block: "hello\\nworld", insertafter: "^one"}
                      register: again
                    - find: {paths: OUT/conf, patterns: "*.conf", excludes: "skip*", contains: "^hello"}
                      register: found
                    - tempfile: {path: OUT, prefix: hello., suffix: .goodbye}
                      register: t
                    - raw: echo hi
                      register: raw
                    - assert:
                        that:
                          - again is not changed
                          - found.matched == 1
                          - found.files[0].path == 'OUT/conf/app.conf'
                          - t.state == 'file'
                          - t.path is match('OUT/hello\\..*\\.goodbye')
                          - raw.stdout == 'hi\\n'
                """);
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("one\n# BEGIN ANSIBLE MANAGED BLOCK\nhello\nworld\n# END ANSIBLE MANAGED BLOCK\ntwo\n", read("conf/app.conf"));
        assertEquals("6 3 0 0 0 0 0", recap(run, "a"), run.toString());
    }

    @Test
    void systemdFailsAsAnsibleWhereSystemdIsNotRunning() throws IOException {
        Assumptions.assumeFalse(Files.isDirectory(Path.of("/run/systemd/system")),
                "systemd runs here: this test covers hosts without it (containers, CI)");
        CliRun run = run("""
                - hosts: a
                  gather_facts: false
                  tasks:
                    - systemd: {name: drovertest-nosuch, state: started}
                      register: r
                      ignore_errors: true
                    - assert:
                        that: [r is failed, "'System has not been booted with systemd' in r.msg or 'Failed to find required executable' in r.msg"]
                """);
        assertEquals(0, run.exitCode(), run.toString());
    }

    @Test
    void userAndGroupCreateChangeAndRemoveAccounts() throws IOException {
        Assumptions.assumeTrue(root(), "user and group need root");
        CliRun run = run("""
                - hosts: a
                  gather_facts: false
                  tasks:
                    - group: {name: drovertestg1, gid: GID}
                    - group: {name: drovertestg2, system: true}
                    - user: {name: drovertestu1, comment: Test One, shell: /bin/sh, groups: [drovertestg1], home: OUT/home/u1}
                      register: u
                    - user: {name: drovertestu1, comment: Test One, shell: /bin/sh, groups: drovertestg1, home: OUT/home/u1}
                      register: same
                    - user: {name: drovertestu1, groups: drovertestg2, append: true}
                      register: app
                    - command: id -nG drovertestu1
                      register: id
                    - user: {name: drovertestu2, state: present}
                      check_mode: true
                      register: checked
                    - command: getent passwd drovertestu2
                      register: nouser
                      failed_when: nouser.rc != 2
                    - assert:
                        that:
                          - u is changed and u.create_home and u.home == 'OUT/home/u1' and u.groups == 'drovertestg1'
                          - same is not changed
                          - app is changed and app.append
                          - id.stdout.split() | sort == ['drovertestg1', 'drovertestg2', 'drovertestu1']
                          - checked is changed
                    - user: {name: drovertestu1, state: absent, remove: true}
                    - group: {name: drovertestg1, state: absent}
                      register: gone
                    - assert:
                        that: [gone is changed, "gone.state == 'absent'"]
                """.replace("drovertest", PREFIX).replace("GID", Integer.toString(freeGid())));
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(Files.isDirectory(dir.resolve("home")), run.toString());
        assertFalse(Files.exists(dir.resolve("home/u1")), "remove: true removes the home directory");
    }

    /** A group id no group has here (the test's group is made with it), also per JVM. */
    private static int freeGid() throws IOException {
        for (int gid = 40000 + (int) (ProcessHandle.current().pid() % 10000); ; gid++) {
            try {
                if (new ProcessBuilder("getent", "group", Integer.toString(gid)).start().waitFor() == 2) {
                    return gid;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }
}
