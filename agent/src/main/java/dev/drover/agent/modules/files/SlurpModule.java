package dev.drover.agent.modules.files;

import dev.drover.agent.module.Args;
import dev.drover.agent.module.Module;
import dev.drover.agent.module.ModuleContext;
import dev.drover.agent.module.ModuleException;
import dev.drover.agent.module.ModuleResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Base64;

/**
 * {@code slurp}: a file's bytes, base64-encoded, for the controller to decode (Ansible's
 * {@code b64decode} filter). The whole file travels in one frame, so this is for configuration
 * files, not archives; files whose base64 would not fit a frame ({@link #MAX_BYTES}) are refused.
 *
 * <p>With {@code _offset} (which only the controller's {@code fetch} sends) it returns one piece:
 * at most {@code _length} bytes (capped at {@link #MAX_CHUNK}) from that offset, with the file's
 * {@code size} and {@code mtime} (ms) as they were when read, so the controller streams a file of any
 * size through bounded messages and sees a file that changed or shrank between pieces. Nothing is
 * kept between calls: each piece opens the file again (a file removed meanwhile is "not found").
 */
public final class SlurpModule implements Module {
    /** The largest file whose base64 still fits one frame, with room for the rest of the reply. */
    static final long MAX_BYTES = ModuleResult.MAX_PAYLOAD_BYTES / 4 * 3;
    /** The largest piece one call returns: bounds the agent's heap per request (about 8 times this). */
    static final int MAX_CHUNK = 4 << 20;

    @Override
    public ModuleResult run(Args args, ModuleContext ctx) throws ModuleException {
        args.allow("src", "path", "_offset", "_length");
        Path src = PathArgs.require(args, "src", "path");
        // As Ansible's slurp, the file is opened first: an unreadable directory is "not readable".
        try (FileChannel ch = FileChannel.open(src)) {
            if (Files.isDirectory(src)) {
                throw new ModuleException("source is a directory and must be a file: " + src);
            }
            if (args.has("_offset")) {
                return piece(ch, src, args.number("_offset", 0), args.number("_length", MAX_CHUNK));
            }
            InputStream in = Channels.newInputStream(ch);
            long size = Files.size(src);
            if (size > MAX_BYTES) {
                throw new ModuleException("file " + src + " is " + size + " bytes; slurp returns at most "
                        + MAX_BYTES + " (it travels in one message): use the archive or copy modules instead");
            }
            byte[] bytes = readAll(in);
            return ModuleResult.ok().with("content", Base64.getEncoder().encodeToString(bytes))
                    .with("source", src.toString()).with("encoding", "base64");
        } catch (NoSuchFileException e) {
            throw new ModuleException("file not found: " + src);
        } catch (AccessDeniedException e) {
            throw new ModuleException("file is not readable: " + src + " (run the task with become: true?)");
        } catch (FileSystemException e) {
            String reason = e.getReason() == null ? e.getMessage() : e.getReason();
            throw new ModuleException("unable to slurp file: " + errno(reason) + reason + ": '" + src + "'", e);
        } catch (IOException e) {
            throw new ModuleException("unable to slurp file: " + e.getMessage(), e);
        }
    }

    private static ModuleResult piece(FileChannel ch, Path src, long offset, long length) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(src, BasicFileAttributes.class);
        ByteBuffer buf = ByteBuffer.allocate((int) Math.max(0, Math.min(length, MAX_CHUNK)));
        while (buf.hasRemaining() && ch.read(buf, Math.max(0, offset) + buf.position()) >= 0) {
            // a short read is not the end of the file: read until full or end of file
        }
        buf.flip();
        ByteBuffer b64 = Base64.getEncoder().encode(buf);
        return ModuleResult.ok().with("content", new String(b64.array(), 0, b64.limit(), StandardCharsets.ISO_8859_1))
                .with("source", src.toString()).with("encoding", "base64")
                .with("size", attrs.size()).with("mtime", attrs.lastModifiedTime().toMillis());
    }

    /** Python's "[Errno N] " before the reasons a path can give, so messages read as Ansible's. */
    private static String errno(String reason) {
        switch (String.valueOf(reason)) {
            case "Not a directory":
                return "[Errno 20] ";
            case "Too many levels of symbolic links":
                return "[Errno 40] ";
            case "Input/output error":
                return "[Errno 5] ";
            case "File name too long":
                return "[Errno 36] ";
            default:
                return "";
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        for (int n; (n = in.read(buf)) >= 0; ) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }
}
