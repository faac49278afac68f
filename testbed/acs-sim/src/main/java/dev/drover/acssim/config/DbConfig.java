package dev.drover.acssim.config;

import dev.drover.acssim.SimException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;

/**
 * The repository database from {@code db.url}, {@code db.username}, {@code db.password} and
 * {@code db.driver}. Two kinds are supported: PostgreSQL ({@code jdbc:postgresql://...}) and embedded H2
 * ({@code jdbc:h2:file:...}). For H2 a relative file path is resolved against the installation, and
 * {@code ;AUTO_SERVER=TRUE} lets several node processes on one machine share the file: the first one
 * serves it to the others over loopback TCP.
 */
public final class DbConfig {
    /** The database kinds; SQL that differs between them asks {@link #kind()}. */
    public enum Kind { POSTGRESQL, H2 }

    private final String url;
    private final String username;
    private final String password;
    private final Kind kind;

    public DbConfig(String url, String username, String password) {
        this.url = url;
        this.username = username;
        this.password = password;
        this.kind = kindOf(url);
    }

    static DbConfig from(GlobalProperties props, Path home) {
        String url = props.get("db.url", null);
        if (url == null) {
            throw new SimException(props.source() + ": db.url is not set; set it to jdbc:postgresql://HOST:5432/alfresco"
                    + " or jdbc:h2:file:/PATH/alfresco;AUTO_SERVER=TRUE");
        }
        return new DbConfig(absoluteH2(url, home), props.get("db.username", "alfresco"),
                props.get("db.password", "alfresco"));
    }

    private static Kind kindOf(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:postgresql:")) {
            return Kind.POSTGRESQL;
        }
        if (lower.startsWith("jdbc:h2:")) {
            return Kind.H2;
        }
        throw new SimException("db.url '" + url + "' is not supported; use jdbc:postgresql://... or jdbc:h2:file:...");
    }

    /** {@code jdbc:h2:file:./x} or {@code jdbc:h2:./x} becomes an absolute path under {@code home}. */
    static String absoluteH2(String url, Path home) {
        String prefix;
        if (url.startsWith("jdbc:h2:file:")) {
            prefix = "jdbc:h2:file:";
        } else if (url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:") && !url.startsWith("jdbc:h2:tcp:")
                && !url.startsWith("jdbc:h2:ssl:")) {
            prefix = "jdbc:h2:file:";
            url = "jdbc:h2:file:" + url.substring("jdbc:h2:".length());
        } else {
            return url;
        }
        String rest = url.substring(prefix.length());
        int semi = rest.indexOf(';');
        String path = semi < 0 ? rest : rest.substring(0, semi);
        String params = semi < 0 ? "" : rest.substring(semi);
        if (path.startsWith("~") || Paths.get(path).isAbsolute()) {
            return url;
        }
        return prefix + home.resolve(path).normalize() + params;
    }

    public String url() {
        return url;
    }

    public String username() {
        return username;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * Opens a connection in auto-commit mode. H2's auto-server binds to loopback only
     * ({@code h2.bindAddress=127.0.0.1} unless already set): nodes must not listen on other addresses.
     *
     * @throws SQLException as the driver reports it; callers turn it into {@code Database connection failed}
     */
    public Connection connect() throws SQLException {
        if (kind == Kind.H2 && System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
        Properties info = new Properties();
        info.setProperty("user", username);
        info.setProperty("password", password);
        Connection c = DriverManager.getConnection(url, info);
        c.setAutoCommit(true);
        if (kind == Kind.H2) {
            durableCommits(c);
        }
        return c;
    }

    /**
     * H2 writes commits to disk up to 500 ms later; PostgreSQL's are durable at once. A node that halts
     * mid-upgrade must leave its marker and patch rows behind as it would on PostgreSQL, so commits are made
     * durable immediately. Needs admin rights (the user that created the database); without them the
     * delay stays, which only matters for the crash fault.
     */
    private static void durableCommits(Connection c) {
        try (java.sql.Statement s = c.createStatement()) {
            s.execute("SET WRITE_DELAY 0");
        } catch (SQLException e) {
            // not an admin: keep H2's default
        }
    }

    /** The URL, user and kind, never the password: for log lines and error messages. */
    @Override
    public String toString() {
        return url + ", UserName=" + username;
    }
}
