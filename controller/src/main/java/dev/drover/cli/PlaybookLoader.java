package dev.drover.cli;

import dev.drover.execute.play.ActionNames;
import dev.drover.execute.play.Preflight;
import dev.drover.playbook.Playbook;
import dev.drover.playbook.PlaybookException;
import dev.drover.playbook.check.PlaybookChecker;
import dev.drover.playbook.check.Problem;
import dev.drover.playbook.parse.PlaybookParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses and checks a playbook for {@code run} and {@code check}: syntax (first mistake), then every
 * reference problem and every feature the runner does not support yet, all listed at once.
 */
final class PlaybookLoader {
    private PlaybookLoader() {
    }

    static Playbook load(Path file) {
        return load(file, List.of(), dev.drover.vault.Vault.NONE, true);
    }

    /**
     * @param rolesPath role directories from ansible.cfg or ANSIBLE_ROLES_PATH
     * @param vault     the command's vault, for encrypted files and {@code !vault} values
     * @param everyFile true for {@code check}: also the include_tasks files only a condition reaches
     *                  (the run refuses only those every host will include)
     */
    static Playbook load(Path file, List<Path> rolesPath, dev.drover.vault.Vault vault, boolean everyFile) {
        return load(file, rolesPath, vault, everyFile, pb -> List.of());
    }

    /** @param more further checks of the parsed playbook, listed with the others ({@code check}'s own) */
    static Playbook load(Path file, List<Path> rolesPath, dev.drover.vault.Vault vault, boolean everyFile,
            java.util.function.Function<Playbook, List<Problem>> more) {
        if (!Files.isRegularFile(file)) {
            throw new UserError("playbook not found: " + file);
        }
        Playbook playbook;
        try {
            playbook = new PlaybookParser(ActionNames.forParser(), rolesPath, vault).parse(file);
        } catch (PlaybookException e) {
            throw new UserError(e.getMessage());
        }
        List<Problem> problems = new ArrayList<>(new PlaybookChecker().check(playbook));
        problems.addAll(Preflight.check(playbook));
        problems.addAll(dev.drover.execute.play.TemplateChecks.check(playbook));
        problems.addAll(dev.drover.execute.play.StaticFiles.check(playbook, vault, everyFile));
        if (problems.isEmpty()) {
            problems.addAll(more.apply(playbook)); // they assume the playbook's files and templates are sound
        }
        if (!problems.isEmpty()) {
            StringBuilder b = new StringBuilder(problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                    + " in " + file + ":");
            problems.forEach(p -> b.append("\n  ").append(p));
            throw new UserError(b.toString());
        }
        return playbook;
    }
}
