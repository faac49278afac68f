package dev.drover.acssim.dist;

import dev.drover.acssim.persona.Persona;
import dev.drover.acssim.war.AlfrescoWar;
import dev.drover.acssim.war.ModuleInfo;
import java.io.IOException;
import java.util.List;

/** The bytes of WARs and AMPs as Alfresco lays them out. Stateless. */
public final class Packages {
    private Packages() {
    }

    /** {@code alfresco.war}: version.properties, one module.properties per module, a web.xml. */
    public static byte[] alfrescoWar(Persona p, List<ModuleInfo> modules) throws IOException {
        UnixZip war = new UnixZip();
        war.file("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\nImplementation-Title: Alfresco Repository\n"
                + "Implementation-Version: " + p.version() + "\n", 0644);
        war.file("WEB-INF/web.xml", webXml("Alfresco"), 0644);
        war.file(AlfrescoWar.VERSION_PROPERTIES, "version.major=" + p.major() + "\nversion.minor=" + p.minor()
                + "\nversion.revision=" + p.patchLevel() + "\nversion.label=\nversion.build=" + p.build()
                + "\nversion.schema=" + p.schema() + "\nversion.edition=Enterprise\n", 0644);
        for (ModuleInfo m : modules) {
            war.file(AlfrescoWar.MODULE_DIR + m.id() + "/module.properties", m.toProperties(), 0644);
        }
        return war.toBytes();
    }

    public static byte[] shareWar(Persona p) throws IOException {
        UnixZip war = new UnixZip();
        war.file("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\nImplementation-Title: Alfresco Share\n"
                + "Implementation-Version: " + p.version() + "\n", 0644);
        war.file("WEB-INF/web.xml", webXml("Alfresco Share"), 0644);
        war.dir("WEB-INF/classes/alfresco/module");
        return war.toBytes();
    }

    /**
     * An AMP: {@code module.properties} at the root, a module context under {@code config/}, which the MMT
     * copies to {@code WEB-INF/classes/}.
     */
    public static byte[] amp(ModuleInfo m) throws IOException {
        UnixZip amp = new UnixZip();
        amp.file("module.properties", m.toProperties(), 0644);
        amp.file("config/alfresco/module/" + m.id() + "/module-context.xml",
                "<?xml version='1.0' encoding='UTF-8'?>\n<!-- " + m.title() + " " + m.version() + " -->\n"
                        + "<beans xmlns=\"http://www.springframework.org/schema/beans\"/>\n", 0644);
        return amp.toBytes();
    }

    /** The module of the version's own {@code amps/alfresco-share-services.amp}. */
    public static ModuleInfo shareServices(Persona p) {
        return new ModuleInfo("alfresco-share-services", p.version(), "Alfresco Share Services AMP",
                "Module to be applied to alfresco.war, containing APIs for Alfresco Share", "");
    }

    private static String webXml(String name) {
        return "<?xml version='1.0' encoding='UTF-8'?>\n<web-app xmlns=\"http://xmlns.jcp.org/xml/ns/javaee\""
                + " version=\"3.1\">\n  <display-name>" + name + "</display-name>\n</web-app>\n";
    }
}
