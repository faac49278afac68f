package dev.drover.playbook.parse;

import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import org.yaml.snakeyaml.events.Event;

/**
 * jackson's streaming YAML parser, plus access to the YAML event behind the current token. jackson
 * reports tokens and locations but not everything we need: whether a scalar was quoted (so
 * {@code "yes"} stays a string), a scalar's anchor, and tags. The event carries all three, and its
 * start mark is the exact position of the node.
 */
final class EventYamlParser extends YAMLParser {

    private static final Factory FACTORY = new Factory();

    static {
        // PyYAML, hence Ansible, reads "\/" in a double-quoted scalar as "/" (YAML 1.2's escape; Ansible's
        // unarchive target writes regexes so); SnakeYAML's YAML 1.1 scanner refuses it. Its table is
        // public and mutable: adding the escape accepts more, and changes nothing that parsed before.
        org.yaml.snakeyaml.scanner.ScannerImpl.ESCAPE_REPLACEMENTS.putIfAbsent('/', "/");
    }

    private EventYamlParser(IOContext ctxt, int parserFeatures, int yamlFeatures,
                            org.yaml.snakeyaml.LoaderOptions options, Reader reader) {
        super(ctxt, parserFeatures, yamlFeatures, options, null, reader);
    }

    static EventYamlParser open(String text) throws IOException {
        return (EventYamlParser) FACTORY.createParser(new StringReader(text));
    }

    /** The YAML event that produced the current token. */
    Event event() {
        return _lastEvent;
    }

    /** Creates {@link EventYamlParser}s; jackson offers no other hook to subclass its parser. */
    private static final class Factory extends YAMLFactory {
        private static final long serialVersionUID = 1L;

        @Override
        protected YAMLParser _createParser(Reader r, IOContext ctxt) {
            return new EventYamlParser(ctxt, _parserFeatures, _yamlParserFeatures, _loaderOptions, r);
        }
    }
}
