package dev.drover.acssim.config;

import dev.drover.acssim.SimException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Tomcat's {@code conf/server.xml}: where the HTTP connector listens. Real ACS answers on Tomcat's
 * connector; {@code alfresco.port} in the global properties only shapes the URLs it generates. The
 * HTTP connector is the first {@code <Connector>} whose {@code protocol} is absent, {@code HTTP/1.1}
 * or one of Tomcat's HTTP/1.1 classes ({@code org.apache.coyote.http11.*}); AJP connectors are not
 * served (the simulator has no AJP). Immutable.
 */
public final class ServerXml {
    /** Relative to the installation (5.x installer: {@code tomcat/} is CATALINA_BASE). */
    public static final String PATH = "tomcat/conf/server.xml";

    private final int port;
    private final String address;

    private ServerXml(int port, String address) {
        this.port = port;
        this.address = address;
    }

    /**
     * Reads the HTTP connector of {@code file}.
     *
     * @throws SimException when the file is not XML or has no HTTP connector with a numeric port, as
     *     Tomcat would fail to start (the message names the file)
     */
    public static ServerXml read(Path file) {
        Element connector;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            NodeList connectors = f.newDocumentBuilder().parse(file.toFile()).getElementsByTagName("Connector");
            connector = null;
            for (int i = 0; i < connectors.getLength() && connector == null; i++) {
                Element c = (Element) connectors.item(i);
                String protocol = c.getAttribute("protocol");
                if (protocol.isEmpty() || protocol.equals("HTTP/1.1") || protocol.startsWith("org.apache.coyote.http11.")) {
                    connector = c;
                }
            }
        } catch (IOException | SAXException | ParserConfigurationException e) {
            throw new SimException("SEVERE: Failed to parse " + file + ": " + e.getMessage());
        }
        if (connector == null) {
            throw new SimException(file + " has no HTTP/1.1 <Connector>: Tomcat would not answer HTTP");
        }
        String port = connector.getAttribute("port");
        try {
            return new ServerXml(Integer.parseInt(port.trim()), connector.getAttribute("address").trim());
        } catch (NumberFormatException e) {
            throw new SimException(file + ": the HTTP <Connector>'s port \"" + port + "\" is not a number");
        }
    }

    /** A {@code server.xml} as Tomcat ships it (shutdown port 8005, AJP 8009), its HTTP connector on {@code port}. */
    public static byte[] standard(int port) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<!-- Tomcat's server configuration (as the ACS installer writes it). -->\n"
                + "<Server port=\"8005\" shutdown=\"SHUTDOWN\">\n"
                + "  <Listener className=\"org.apache.catalina.startup.VersionLoggerListener\" />\n"
                + "  <Service name=\"Catalina\">\n"
                + "    <!-- <Connector port=\"8443\" protocol=\"org.apache.coyote.http11.Http11NioProtocol\" SSLEnabled=\"true\" /> -->\n"
                + "    <Connector port=\"" + port + "\" protocol=\"HTTP/1.1\"\n"
                + "               connectionTimeout=\"20000\" URIEncoding=\"UTF-8\"\n"
                + "               redirectPort=\"8443\" maxHttpHeaderSize=\"32768\" />\n"
                + "    <Connector port=\"8009\" protocol=\"AJP/1.3\" redirectPort=\"8443\" />\n"
                + "    <Engine name=\"Catalina\" defaultHost=\"localhost\">\n"
                + "      <Host name=\"localhost\" appBase=\"webapps\" unpackWARs=\"true\" autoDeploy=\"true\" />\n"
                + "    </Engine>\n"
                + "  </Service>\n"
                + "</Server>\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The HTTP connector's port. */
    public int port() {
        return port;
    }

    /** The connector's {@code address} attribute, or empty (Tomcat: every address). */
    public String address() {
        return address;
    }
}
