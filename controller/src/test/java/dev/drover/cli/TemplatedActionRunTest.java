package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code action: "{{ expr }}"} run as Ansible 2.14 runs it (the expected lines are ansible-playbook's
 * on the same playbooks): the name is rendered per host when the task runs there, and from then on
 * the task is what it is with that module written literally, check mode, loops, delegation and
 * diff included. A name drover cannot run fails the task on that host, naming task, place and host.
 */
class TemplatedActionRunTest {
    @TempDir
    Path dir;

    private CliRun run(String playbook, String... more) throws IOException {
        Files.writeString(dir.resolve("hosts.ini"), """
                a ansible_connection=local m=debug
                b ansible_connection=local m=fail
                """);
        Path pb = Files.writeString(dir.resolve("site.yml"), playbook);
        Files.createDirectories(dir.resolve("w"));
        String[] args = {"run", "--state-dir", dir.resolve("state").toString(), "-i", dir.resolve("hosts.ini").toString(),
                pb.toString(), "-e", "work=" + dir.resolve("w")};
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return CliRun.of(all);
    }

    @Test
    void eachHostRunsTheModuleItsVariablesName() throws IOException {
        CliRun r = run("""
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: per host
                      action: "{{ m }}"
                      args:
                        msg: "from {{ inventory_hostname }}"
                      ignore_errors: true
                    - action: "{{ 'debug' }} msg=kv"
                    - name: mapping form
                      action:
                        module: "{{ 'ansible.builtin.debug' }}"
                        msg: mapped
                    - name: local_action
                      local_action: "{{ 'debug' }} msg={{ inventory_hostname }}"
                    - name: loop
                      action: "{{ 'set_fact' }}"
                      args:
                        last: "{{ item }}"
                      loop: [one, two]
                    - debug: var=last
                """);
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertTrue(r.out().contains("ok: [a] => {\n    \"msg\": \"from a\"\n}"), r.toString());
        assertTrue(r.out().contains("fatal: [b]: FAILED! => {\"changed\": false, \"msg\": \"from b\"}\n...ignoring"), r.toString());
        assertTrue(r.out().contains("TASK [{{ 'debug' }}] ****"), r.toString());
        assertTrue(r.out().contains("ok: [a] => {\n    \"msg\": \"kv\"\n}"), r.toString());
        assertTrue(r.out().contains("ok: [b] => {\n    \"msg\": \"mapped\"\n}"), r.toString());
        assertTrue(r.out().contains("ok: [b -> localhost] => {\n    \"msg\": \"b\"\n}"), r.toString());
        assertTrue(r.out().contains("ok: [a] => {\n    \"last\": \"two\"\n}"), r.toString());
        assertEquals("ok=6 changed=0 unreachable=0 failed=0 skipped=0 rescued=0 ignored=0", r.recapLine("a"), r.toString());
        assertEquals("ok=6 changed=0 unreachable=0 failed=0 skipped=0 rescued=0 ignored=1", r.recapLine("b"), r.toString());
    }

    @Test
    void checkModeAndDiffAreAsWithALiteralModule() throws IOException {
        Files.createDirectories(dir.resolve("w"));
        Files.writeString(dir.resolve("w/f"), "old\n");
        CliRun r = run("""
                - hosts: a
                  gather_facts: false
                  vars:
                    copier: copy
                    toucher: ansible.builtin.file
                    cmd: command
                  tasks:
                    - action: "{{ copier }}"
                      args:
                        content: "new\\n"
                        dest: "{{ work }}/f"
                    - name: touch
                      action: "{{ toucher }} path={{ work }}/touched state=touch"
                    - name: command in check mode
                      action: "{{ cmd }}"
                      args:
                        argv: [touch, "{{ work }}/by-command"]
                """, "--check", "--diff");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertTrue(r.out().contains("TASK [{{ copier }}] ****"), r.toString());
        assertTrue(r.out().contains("@@ -1 +1 @@\n-old\n+new\n\nchanged: [a]"), r.toString());
        assertTrue(r.out().contains("skipping: [a]"), r.toString());
        assertEquals("ok=2 changed=2 unreachable=0 failed=0 skipped=1 rescued=0 ignored=0", r.recapLine("a"), r.toString());
        assertEquals("old\n", Files.readString(dir.resolve("w/f")));
        assertFalse(Files.exists(dir.resolve("w/touched")));
        assertFalse(Files.exists(dir.resolve("w/by-command")));
    }

    @Test
    void delegatedAndWithTheTasksOwnCheckMode() throws IOException {
        CliRun r = run("""
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: delegated
                      action: "{{ 'command' }}"
                      args:
                        argv: [touch, "{{ work }}/{{ inventory_hostname }}"]
                      delegate_to: localhost
                    - name: check mode
                      action: "{{ 'file' }}"
                      args:
                        path: "{{ work }}/never-{{ inventory_hostname }}"
                        state: touch
                      check_mode: true
                      register: c
                    - assert: {that: [c is changed]}
                """);
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertTrue(r.out().contains("changed: [a -> localhost]"), r.toString());
        assertTrue(Files.exists(dir.resolve("w/a")) && Files.exists(dir.resolve("w/b")));
        assertFalse(Files.exists(dir.resolve("w/never-a")));
        assertEquals("ok=3 changed=2 unreachable=0 failed=0 skipped=0 rescued=0 ignored=0", r.recapLine("a"), r.toString());
    }

    @Test
    void aNameDroverCannotRunFailsTheTaskNamingTaskAndHost() throws IOException {
        CliRun r = run("""
                - hosts: a
                  gather_facts: false
                  tasks:
                    - name: unknown
                      action: "{{ 'nosuchmod' }}"
                      ignore_errors: true
                    - name: not shipped
                      action: "{{ 'yum' }}"
                      args: {name: libuser, state: present}
                      ignore_errors: true
                    - name: an include
                      action: "{{ 'include_tasks' }}"
                      args: {file: inc.yml}
                      ignore_errors: true
                    - name: undefined
                      action: "{{ nosuchvar }}"
                      when: false
                """);
        assertEquals(ExitCodes.HOST_FAILED, r.exitCode(), r.toString());
        assertTrue(r.out().contains("site.yml:4:7): the action '{{ 'nosuchmod' }}' rendered to"
                + " 'nosuchmod' on host a, which is not a module drover ships (Ansible: 'The module nosuchmod was not"
                + " found in configured module paths'); drover's modules: add_host, apt, archive, assert, "), r.toString());
        assertTrue(r.out().contains("the action '{{ 'yum' }}' rendered to 'yum' on host a, which is not a module drover ships"),
                r.toString());
        assertTrue(r.out().contains("the action '{{ 'include_tasks' }}' rendered to 'include_tasks' on host a: include_tasks"
                + " runs only when written as the task's own key"), r.toString());
        // Rendered before 'when', as Ansible's strategy does (where it stops the whole run).
        assertTrue(r.out().contains("site.yml:15:7): the action '{{ nosuchvar }}' cannot be"
                + " rendered on host a: 'nosuchvar' is undefined"), r.toString());
        assertEquals("ok=3 changed=0 unreachable=0 failed=1 skipped=0 rescued=0 ignored=3", r.recapLine("a"), r.toString());
    }

    /**
     * Ansible's own use (the group and user targets): the package manager fact names the module. In
     * check mode only: an installed package is ok, a missing one (libuser, in apt's lists) would be
     * installed; nothing is downloaded or installed. Where the fact is not apt the test says so.
     */
    @Test
    void thePackageManagerFactNamesTheModule() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/apt-get"))
                && Files.isDirectory(Path.of("/var/lib/apt/lists")), "needs Debian's apt-get and its lists");
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.exists(Path.of("/var/lib/dpkg/info/libuser.list")),
                "libuser is installed here: this test shows check mode for a package that is not");
        CliRun r = run("""
                - hosts: a
                  gather_facts: true
                  tasks:
                    - name: Ensure coreutils is present
                      action: "{{ ansible_facts.pkg_mgr }}"
                      args:
                        name: coreutils
                        state: present
                      check_mode: true
                      register: installed
                    - name: Ensure libuser is present
                      action: "{{ ansible_facts.pkg_mgr }}"
                      args:
                        name: libuser
                        state: present
                      check_mode: true
                      register: missing
                    - assert:
                        that:
                          - installed is not changed
                          - installed.cache_updated is false
                          - missing is changed
                """);
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertTrue(r.out().contains("TASK [Ensure coreutils is present] ****"), r.toString());
        assertEquals("ok=4 changed=1 unreachable=0 failed=0 skipped=0 rescued=0 ignored=0", r.recapLine("a"), r.toString());
    }
}
