package dev.drover.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * set_fact and loop items keep Ansible's unsafe marking (issue 64169's rule, as Ansible's loops target
 * checks it): what was made from host output, a lookup, an unsafe loop item or {@code !unsafe} is never
 * rendered again; anything else is rendered again when read. The messages are ansible-playbook 2.14's
 * for the same playbook.
 */
class UnsafeValuesRunTest {
    @TempDir
    Path work;

    @Test
    void factsAndItemsMadeFromUnsafeValuesAreNotRenderedAgain() throws Exception {
        Path playbook = Files.writeString(work.resolve("site.yml"), """
                - hosts: localhost
                  gather_facts: false
                  vars:
                    zz: ZZ
                    mixed:
                      path: "{{ '{{' }} zz }}"
                      out: !unsafe '{{ zz }}'
                  tasks:
                    - command: echo '{{ "{{" }} zz }}'
                      register: reg
                    - set_fact:
                        b: "{{ reg.stdout }}"
                        c: "{{ '{{' }} zz }}"
                        d: "{{ mixed.path }}"
                        e: "{{ reg.stdout | upper }}"
                    - debug: msg="b={{ b }} c={{ c }} d={{ d }} e={{ e }}"
                    - debug: msg="with_items={{ item }}"
                      with_items: ["{{ '{{' }} zz }}"]
                    - debug: msg="loop={{ item }}"
                      loop: ["{{ '{{' }} zz }}"]
                    - debug: msg="loop_unsafe={{ item }}"
                      loop: "{{ [reg.stdout] }}"
                    - include_vars: foo.yml
                    - set_fact: "{{ item.key }}={{ hostvars[inventory_hostname][item.value] }}"
                      with_dict: {f: __foo}
                    - set_fact: "{{ item.key }}={{ hostvars[inventory_hostname][item.value] }}"
                      loop: [{key: g, value: __foo}]
                    - debug: msg="f={{ f }} g={{ g }}"
                """);
        Files.writeString(work.resolve("foo.yml"), "__foo: \"foo{{ zz }}\"\n");
        Path inventory = Files.writeString(work.resolve("hosts"), "localhost ansible_connection=local\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"run", "--state-dir", work.resolve("state").toString(), "-i", inventory.toString(),
            playbook.toString()}, new PrintWriter(out, true), new PrintWriter(err, true));
        String text = out + "\n--- stderr\n" + err;
        assertEquals(0, code, text);
        assertTrue(text.contains("\"msg\": \"b={{ zz }} c=ZZ d={{ zz }} e={{ ZZ }}\""), text);
        assertTrue(text.contains("\"msg\": \"with_items={{ zz }}\""), text);
        assertTrue(text.contains("\"msg\": \"loop=ZZ\""), text);
        assertTrue(text.contains("\"msg\": \"loop_unsafe={{ zz }}\""), text);
        // zz is a play var, which hostvars do not hold: the value read through them keeps its template;
        // with an unsafe item it stays so, with a plain one it is rendered when read.
        assertTrue(text.contains("\"msg\": \"f=foo{{ zz }} g=fooZZ\""), text);
    }
}
