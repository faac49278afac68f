package dev.drover.acssim.mmt;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * What installing a module changed in the WAR, kept in
 * {@code WEB-INF/classes/alfresco/module/<id>/modifications.install} as MMT does: {@code add:<path>}
 * (a file the module added), {@code update:<path>=<backup>} (a file it overwrote under -force, with
 * where the original was saved) and {@code mkdir:<path>} (a directory it created). Uninstall removes
 * the adds, restores the updates and removes the created directories. Paths start with '/'. Not
 * thread-safe.
 */
final class InstalledFiles {
    static final String MODULE_DIR = "WEB-INF/classes/alfresco/module/";
    static final String BACKUP_DIR = MODULE_DIR + "backup/";

    private final String moduleId;
    private final List<String> adds = new ArrayList<String>();
    private final Map<String, String> updates = new LinkedHashMap<String, String>();
    private final List<String> mkdirs = new ArrayList<String>();

    InstalledFiles(String moduleId) {
        this.moduleId = moduleId;
    }

    static String pathInWar(String moduleId) {
        return MODULE_DIR + moduleId + "/modifications.install";
    }

    /** The record of {@code moduleId} in {@code war}; empty when the module never recorded one. */
    static InstalledFiles load(WarArchive war, String moduleId) {
        InstalledFiles files = new InstalledFiles(moduleId);
        if (!war.contains(pathInWar(moduleId))) {
            return files;
        }
        Properties properties = new Properties();
        try {
            properties.load(new ByteArrayInputStream(war.bytes(pathInWar(moduleId))));
        } catch (IOException | IllegalArgumentException e) {
            throw new MmtException("Unable to read '/" + pathInWar(moduleId) + "' in '" + war.file() + "': " + e.getMessage(), e);
        }
        for (String key : new TreeSet<String>(properties.stringPropertyNames())) {
            String path = key.substring(key.indexOf(':') + 1);
            if (key.startsWith("add:")) {
                files.adds.add(path);
            } else if (key.startsWith("update:")) {
                files.updates.put(path, properties.getProperty(key));
            } else if (key.startsWith("mkdir:")) {
                files.mkdirs.add(path);
            }
        }
        return files;
    }

    void addAdd(String path) {
        adds.add(path);
    }

    void addUpdate(String path, String backup) {
        updates.put(path, backup);
    }

    void addMkdir(String path) {
        mkdirs.add(path);
    }

    List<String> adds() {
        return Collections.unmodifiableList(adds);
    }

    Map<String, String> updates() {
        return Collections.unmodifiableMap(updates);
    }

    /** Created directories, deepest first, so removing them in this order empties parents before them. */
    List<String> mkdirsDeepestFirst() {
        List<String> ordered = new ArrayList<String>(mkdirs);
        Collections.sort(ordered, (a, b) -> b.length() - a.length());
        return ordered;
    }

    byte[] toBytes() {
        Properties properties = new Properties();
        for (String add : adds) {
            properties.setProperty("add:" + add, add);
        }
        for (Map.Entry<String, String> update : updates.entrySet()) {
            properties.setProperty("update:" + update.getKey(), update.getValue());
        }
        for (String mkdir : mkdirs) {
            properties.setProperty("mkdir:" + mkdir, mkdir);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            properties.store(bytes, "Modifications made by module " + moduleId);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }
}
