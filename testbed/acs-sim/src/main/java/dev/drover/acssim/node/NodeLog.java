package dev.drover.acssim.node;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.Locale;

/**
 * The node's two logs. {@code alfresco.log} gets log4j 1.x lines
 * ({@code 2019-09-09 08:16:40,123 INFO  [logger] [thread] message}), also echoed to the console as ACS's
 * console appender does; the console ({@code catalina.out}, where {@code alfresco.sh} sends stdout) also
 * gets Tomcat's own lines ({@code 09-Sep-2019 08:16:40.123 INFO [main] class.method message}).
 * Every line is flushed at once, so a crash loses nothing. Thread-safe.
 */
public final class NodeLog implements AutoCloseable {
    private final OutputStream alfrescoLog;
    private final PrintStream console;

    public NodeLog(Path alfrescoLogFile, PrintStream console) throws IOException {
        // log4j's file appender creates the log's directory.
        if (alfrescoLogFile.getParent() != null) {
            Files.createDirectories(alfrescoLogFile.getParent());
        }
        this.alfrescoLog = Files.newOutputStream(alfrescoLogFile, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        this.console = console;
    }

    public void info(String logger, String message) {
        alfresco("INFO ", logger, message);
    }

    public void warn(String logger, String message) {
        alfresco("WARN ", logger, message);
    }

    public void error(String logger, String message) {
        alfresco("ERROR", logger, message);
    }

    /** A line in {@code alfresco.log} and on the console, from the webapp's start thread. */
    public synchronized void alfresco(String level, String logger, String message) {
        String line = new SimpleDateFormat("yyyy-MM-dd HH:mm:ss,SSS", Locale.ROOT).format(new Date()) + " " + level
                + " [" + logger + "] [" + Thread.currentThread().getName() + "] " + message + "\n";
        try {
            alfrescoLog.write(line.getBytes(StandardCharsets.UTF_8));
            alfrescoLog.flush();
        } catch (IOException e) {
            console.println("log4j:ERROR cannot write alfresco.log: " + e.getMessage());
        }
        console.print(line);
        console.flush();
    }

    /** A Tomcat line, console only; {@code level} INFO, WARNING or SEVERE. */
    public synchronized void tomcat(String level, String thread, String source, String message) {
        console.println(new SimpleDateFormat("dd-MMM-yyyy HH:mm:ss.SSS", Locale.ROOT).format(new Date()) + " "
                + level + " [" + thread + "] " + source + " " + message);
        console.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        alfrescoLog.close();
    }
}
