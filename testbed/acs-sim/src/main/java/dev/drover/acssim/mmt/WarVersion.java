package dev.drover.acssim.mmt;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Properties;

/** The repository version a WAR declares in version.properties ({@code version.major.minor.revision}). */
final class WarVersion {
    private WarVersion() {
    }

    static ModuleVersion read(WarArchive war) {
        Properties properties = new Properties();
        String source = war.file() + "!/" + ModuleInstaller.VERSION_PROPERTIES;
        try {
            properties.load(new ByteArrayInputStream(war.bytes(ModuleInstaller.VERSION_PROPERTIES)));
        } catch (IOException | IllegalArgumentException e) {
            throw new MmtException("Unable to read '" + source + "': " + e.getMessage(), e);
        }
        String version = properties.getProperty("version.major", "").trim() + "."
                + properties.getProperty("version.minor", "").trim() + "."
                + properties.getProperty("version.revision", "").trim();
        if (!version.matches("\\d+\\.\\d+\\.\\d+")) {
            throw new MmtException("'" + source + "' has no valid version.major, version.minor and version.revision (read '"
                    + version + "')");
        }
        return ModuleVersion.parse(version);
    }
}
