package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A task's banner shows its name rendered with the first host's variables (registered results,
 * host vars), as Ansible's linear strategy templates it with {@code fail_on_undefined=False}: a name
 * that needs an undefined variable (or {@code item}, outside the loop) is shown as written. An
 * unnamed include_role shows {@code include_role : <role>}. The expected banners are
 * ansible-playbook 2.14's for the same playbook. Each serial batch shows the play's banner again.
 */
class BannersTest extends LocalPlaybookRun {

    @Test
    void namesRenderWithTheFirstHostsVariablesOrShowAsWritten() throws IOException {
        Files.createDirectories(dir.resolve("roles/h/tasks"));
        Files.writeString(dir.resolve("roles/h/tasks/main.yml"), "- debug: msg=inrole\n");
        CliRun run = run("""
                - hosts: a
                  gather_facts: false
                  vars:
                    v: play
                  tasks:
                    - command: echo hi
                      register: r
                    - name: "registered {{ r.stdout }}"
                      debug: msg=x
                    - name: "play var {{ v }} and undefined {{ nope }}"
                      debug: msg=y
                    - include_role: name=h
                    - name: looped {{ item }}
                      debug: msg=z
                      loop: [1]
                """);
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        String banners = run.out().lines().filter(l -> l.startsWith("TASK [")).map(l -> l.replaceAll(" \\*+$", ""))
                .reduce("", (a, b) -> a + b + "\n");
        assertEquals("""
                TASK [command]
                TASK [registered hi]
                TASK [play var {{ v }} and undefined {{ nope }}]
                TASK [include_role : h]
                TASK [h : debug]
                TASK [looped {{ item }}]
                """, banners, run.toString());
        assertEquals("5 1 0 0 0 0 0", recap(run, "a"));
    }

    @Test
    void eachSerialBatchShowsThePlaysBannerAgain() throws IOException {
        CliRun run = run("""
                - hosts: web
                  name: P
                  serial: 1
                  gather_facts: false
                  tasks:
                    - debug: msg=x
                """);
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals(List.of("PLAY [P]", "TASK [debug]", "PLAY [P]", "TASK [debug]", "PLAY RECAP"),
                run.out().lines().filter(l -> l.startsWith("PLAY") || l.startsWith("TASK"))
                        .map(l -> l.replaceAll(" \\*+$", "")).toList(), run.toString());
    }
}
