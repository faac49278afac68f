package dev.drover.acssim.mmt;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Installs and uninstalls modules in a {@link WarArchive} held in memory, printing MMT's messages.
 * Callers save the archive (after {@link #backup}) only when every step succeeded, so an error
 * leaves the WAR file untouched. Not thread-safe.
 */
final class ModuleInstaller {
    static final String VERSION_PROPERTIES = "WEB-INF/classes/alfresco/version.properties";

    private final Console console;

    ModuleInstaller(Console console) {
        this.console = console;
    }

    /** Copies {@code amp} into {@code war}; {@code force} allows downgrades and overwriting others' files. */
    void install(AmpPackage amp, WarArchive war, boolean force) {
        ModuleDetails installing = amp.details();
        String id = installing.id();
        checkRepositoryVersion(war, installing);
        ModuleDetails installed = installedModule(war, id);
        if (installed != null) {
            int compare = installed.version().compareTo(installing.version());
            if (compare > 0 && !force) {
                throw new MmtException("WARNING: A later version of this module is already installed in the WAR. "
                        + "Installation skipped.  You could force the installation by passing the -force option. (module '"
                        + id + "': installed " + installed.version() + ", installing " + installing.version() + ")");
            }
            if (force) {
                console.detail("WARNING: The installation of this module is being forced.  All files will be removed "
                        + "and replaced regardless of existing versions present.");
            }
            if (compare == 0) {
                console.detail("WARNING: This version of this module is already installed in the WAR..upgrading.");
            }
            console.detail("Clearing out files relating to version '" + installed.version() + "' of module '" + id + "'");
            removeFiles(war, id);
        }
        console.detail("Adding files relating to version '" + installing.version() + "' of module '" + id + "'");
        InstalledFiles record = new InstalledFiles(id);
        for (AmpPackage.Mapped file : amp.files()) {
            String shown = "/" + file.warPath;
            if (war.contains(file.warPath)) {
                if (!force) {
                    throw new MmtException("ERROR: The amp will overwrite an existing file in the war '" + shown
                            + "'. Execution halted.  By specifying -force , you can force installation of AMP regardless"
                            + " of the current war state.");
                }
                String backup = InstalledFiles.BACKUP_DIR + UUID.randomUUID() + ".bin";
                war.put(backup, war.bytes(file.warPath));
                record.addUpdate(shown, "/" + backup);
                console.item("WARNING: The file '" + shown + "' is being overwritten by this module. The original has been"
                        + " backed-up to '/" + backup + "'");
            } else {
                record.addAdd(shown);
                console.detailItem("File '" + shown + "' added to war from amp");
            }
            for (String directory : war.put(file.warPath, file.bytes)) {
                record.addMkdir("/" + directory);
                console.detailItem("Directory '/" + directory + "' added to war");
            }
        }
        war.put(InstalledFiles.pathInWar(id), record.toBytes());
        war.put(modulePropertiesPath(id), installing.installed(new Date()).toBytes());
    }

    /** Removes a module's files and restores what it overwrote; an unknown id lists the installed ones. */
    void uninstall(String moduleId, WarArchive war) {
        if (installedModule(war, moduleId) == null) {
            List<String> known = new ArrayList<String>();
            for (ModuleDetails module : listModules(war)) {
                known.add(module.id());
            }
            throw new MmtException("The module '" + moduleId + "' is not installed in the war file '" + war.file() + "'. "
                    + (known.isEmpty() ? "No modules are installed in this WAR file." : "Installed modules: " + String.join(", ", known)));
        }
        removeFiles(war, moduleId);
    }

    /** The modules installed in {@code war}, ordered by id. */
    static List<ModuleDetails> listModules(WarArchive war) {
        List<ModuleDetails> modules = new ArrayList<ModuleDetails>();
        for (String name : war.names()) {
            if (name.startsWith(InstalledFiles.MODULE_DIR) && name.endsWith("/module.properties")
                    && name.substring(InstalledFiles.MODULE_DIR.length()).split("/").length == 2) {
                modules.add(ModuleDetails.parse(war.bytes(name), war.file() + "!/" + name));
            }
        }
        Collections.sort(modules, (a, b) -> a.id().compareTo(b.id()));
        return modules;
    }

    /**
     * Copies the WAR to {@code <war>-<epoch millis>.bak} next to it, as MMT does, before the WAR is
     * first changed; returns the backup's path.
     */
    Path backup(Path warFile) {
        Path backup = warFile.resolveSibling(warFile.getFileName() + "-" + System.currentTimeMillis() + ".bak");
        console.detail("Backing up WAR file...");
        try {
            Files.copy(warFile, backup, StandardCopyOption.COPY_ATTRIBUTES);
        } catch (IOException e) {
            throw new MmtException("Unable to back up the war file '" + warFile + "' to '" + backup + "': " + e.getMessage(), e);
        }
        console.detail("WAR has been backed up to '" + backup.toAbsolutePath() + "'");
        return backup;
    }

    private void removeFiles(WarArchive war, String moduleId) {
        InstalledFiles record = InstalledFiles.load(war, moduleId);
        for (String add : record.adds()) {
            remove(war, add);
        }
        for (Map.Entry<String, String> update : record.updates().entrySet()) {
            war.put(update.getKey(), war.bytes(update.getValue()));
            war.remove(update.getValue());
            console.detailItem("Recovering file '" + update.getKey() + "' from backup '" + update.getValue() + "'");
        }
        for (String mkdir : record.mkdirsDeepestFirst()) {
            remove(war, mkdir);
        }
        remove(war, "/" + InstalledFiles.pathInWar(moduleId));
        remove(war, "/" + modulePropertiesPath(moduleId));
        war.remove(InstalledFiles.MODULE_DIR + moduleId + "/");
    }

    private void remove(WarArchive war, String path) {
        if (war.remove(path)) {
            console.detailItem("Removing file '" + path + "' from war");
        } else if (!war.contains(path)) {
            console.detailItem("The file '" + path + "' was expected for removal but was not present in the war");
        }
    }

    private static ModuleDetails installedModule(WarArchive war, String id) {
        String path = modulePropertiesPath(id);
        return war.contains(path) ? ModuleDetails.parse(war.bytes(path), war.file() + "!/" + path) : null;
    }

    private static String modulePropertiesPath(String id) {
        return InstalledFiles.MODULE_DIR + id + "/module.properties";
    }

    /** MMT's check of {@code module.repo.version.min|max} against the WAR's version.properties. */
    private static void checkRepositoryVersion(WarArchive war, ModuleDetails module) {
        if (!war.contains(VERSION_PROPERTIES)) {
            return;
        }
        ModuleVersion warVersion = WarVersion.read(war);
        ModuleVersion min = module.repoVersionMin();
        ModuleVersion max = module.repoVersionMax();
        if (min != null && warVersion.compareTo(min) < 0) {
            throw new MmtException("The module (" + module.title() + ") must be installed on a war version equal to or greater than "
                    + min + ". This war is version: " + warVersion + ".");
        }
        if (max != null && warVersion.compareTo(max) > 0) {
            throw new MmtException("The module (" + module.title() + ") cannot be installed on a war version greater than "
                    + max + ". This war is version: " + warVersion + ".");
        }
    }
}
