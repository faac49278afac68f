package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.testing.TestKeys;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs with no terminal (cron: stdin from /dev/null, output to files) never prompt: a secret they
 * need and do not have is an error at once that names it and says how to provide it.
 */
class NoTerminalTest extends LocalPlaybookRun {

    @Test
    void anEncryptedKeyWithoutPassphraseFailsAtOnceNamingTheVariable() throws Exception {
        TestKeys.KeyFile key = TestKeys.generate(dir.resolve("id_enc"), TestKeys.Type.ED25519, TestKeys.Format.OPENSSH, "s3cret pass");
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        Path inv = write("ssh.ini", "n1 ansible_host=127.0.0.1 ansible_port=" + closedPort + " ansible_user=drover\n");
        Path pb = write("site.yml", "- hosts: n1\n  gather_facts: false\n  tasks:\n    - ping:\n");
        DroverProcess run = DroverProcess.start(dir, "run", Map.of("DROVER_STATE_DIR", dir.resolve("state").toString()),
                "run", "-i", inv.toString(), pb.toString(), "--private-key", key.privateKey().toString());
        int code = run.exitCode();
        String all = run.out() + run.err();
        assertEquals(ExitCodes.HOST_FAILED, code, run.toString());
        assertTrue(all.contains(key.privateKey() + " is encrypted and no passphrase is available"), run.toString());
        assertTrue(all.contains("set the environment variable DROVER_SSH_PASSPHRASE"), run.toString());
        assertFalse(all.contains("Enter passphrase"), "never prompts without a terminal: " + run);
    }

    @Test
    void askBecomePassWithoutATerminalNamesTheVariable() throws Exception {
        Path pb = write("site.yml", "- hosts: a\n  gather_facts: false\n  tasks: []\n");
        DroverProcess run = DroverProcess.start(dir, "run", Map.of("DROVER_STATE_DIR", dir.resolve("state").toString()),
                "run", "-i", inventory.toString(), pb.toString(), "-K");
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode(), run.toString());
        assertTrue(run.err().contains("--ask-become-pass needs a terminal to ask on; with no terminal set DROVER_BECOME_PASSWORD"),
                run.toString());
    }

    @Test
    void noColourAndNoInPlaceUpdatesWithoutATerminal() throws Exception {
        Path pb = write("site.yml", "- hosts: web\n  gather_facts: false\n  tasks:\n    - command: echo hi\n");
        DroverProcess run = DroverProcess.start(dir, "run", Map.of("DROVER_STATE_DIR", dir.resolve("state").toString()),
                "run", "-i", inventory.toString(), pb.toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertFalse(run.out().contains("\u001b[") || run.out().contains("\r"), run.toString());
        assertTrue(run.out().contains("changed: [a]"), run.toString());
    }
}
