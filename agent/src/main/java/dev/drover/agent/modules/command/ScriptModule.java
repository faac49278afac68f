package dev.drover.agent.modules.command;

import dev.drover.agent.module.Args;
import dev.drover.agent.module.Module;
import dev.drover.agent.module.ModuleContext;
import dev.drover.agent.module.ModuleException;
import dev.drover.agent.module.ModuleResult;
import dev.drover.agent.module.ProcessRunner;
import dev.drover.protocol.ModuleNames;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;

/**
 * The host's half of {@code script}: the controller's script action finds the file, decides
 * creates/removes and check mode, and sends the script's bytes ({@code _content_base64}), its base
 * name ({@code _name}) and the command line with the script's path replaced by {@code _command}'s
 * placeholder {@link #PLACEHOLDER}. Here the script is written to a private temporary directory
 * (0700), made executable, run through {@code /bin/sh -c} in {@code chdir}, and removed whatever
 * happens. Result as Ansible's: {@code rc, stdout, stdout_lines, stderr, stderr_lines}, changed.
 */
public final class ScriptModule implements Module {
    public static final String PLACEHOLDER = ModuleNames.SCRIPT_PLACEHOLDER;

    @Override
    public ModuleResult run(Args args, ModuleContext context) throws ModuleException {
        args.allow("_content_base64", "_name", "_command", "chdir", "executable");
        if (!args.has("_content_base64")) {
            throw new ModuleException("the script module runs from the controller's script action; give the script"
                    + " as 'script: path/on/controller args'");
        }
        byte[] content = Base64.getDecoder().decode(args.string("_content_base64"));
        String chdir = args.string("chdir");
        Path dir = null;
        try {
            dir = Files.createTempDirectory("drover-script", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path script = dir.resolve(new File(args.requireString("_name")).getName());
            Files.write(script, content);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
            String line = args.requireString("_command").replace(PLACEHOLDER, script.toString());
            if (args.has("executable")) {
                line = args.string("executable") + " " + line;
            }
            ProcessRunner.Completed done = context.processes().run(Arrays.asList(ShellModule.DEFAULT_SHELL, "-c", line),
                    chdir, Collections.<String, String>emptyMap(), null, 0);
            ModuleResult result = ModuleResult.changed().with("rc", done.rc)
                    .with("stdout", done.stdout).with("stdout_lines", TextLines.split(done.stdout))
                    .with("stderr", done.stderr).with("stderr_lines", TextLines.split(done.stderr));
            return done.rc != 0 ? result.with("failed", true).msg("non-zero return code") : result;
        } catch (IOException e) {
            throw new ModuleException("cannot write the script to a temporary directory: " + e.getMessage(), e);
        } finally {
            if (dir != null) {
                for (File f : dir.toFile().listFiles()) {
                    f.delete();
                }
                dir.toFile().delete();
            }
        }
    }
}
