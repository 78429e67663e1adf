package org.fpt.bodies.bert;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtractedResourceTest {
    @TempDir
    Path dir;

    @Test
    void aJarEntryIsUnpackedOnceAndAChangedOrHalfFileIsReplaced() throws Exception {
        byte[] content = new byte[100_000];
        new Random(1).nextBytes(content);
        Path jar = dir.resolve("weights.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("models/tiny.onnx"));
            out.write(content);
            out.closeEntry();
        }
        Path cache = dir.resolve("cache");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            URL url = loader.getResource("models/tiny.onnx");
            Path file = ExtractedResource.file(url, cache);
            assertThat(file.getParent()).isEqualTo(cache);
            assertThat(file.getFileName().toString()).endsWith("-100000-tiny.onnx");
            assertThat(Files.readAllBytes(file)).isEqualTo(content);
            assertThat(Files.list(cache)).containsExactly(file); // no .part left behind

            // An intact copy is reused: the same file, not rewritten.
            java.nio.file.attribute.FileTime written = Files.getLastModifiedTime(file);
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(written.toMillis() - 60_000));
            java.nio.file.attribute.FileTime aged = Files.getLastModifiedTime(file);
            assertThat(ExtractedResource.file(url, cache)).isEqualTo(file);
            assertThat(Files.getLastModifiedTime(file)).isEqualTo(aged);

            // A copy changed on disk but of the right size (NaNs written into a weight) fails its CRC-32 and is unpacked again.
            try (OutputStream o = Files.newOutputStream(file, java.nio.file.StandardOpenOption.WRITE)) {
                o.write(new byte[] {0, 0, (byte) 0xc0, 0x7f});
            }
            assertThat(Files.size(file)).isEqualTo(content.length);
            assertThat(Files.readAllBytes(ExtractedResource.file(url, cache))).isEqualTo(content);

            // A half-written file (wrong size) is unpacked again.
            Files.write(file, new byte[10]);
            assertThat(Files.readAllBytes(ExtractedResource.file(url, cache))).isEqualTo(content);
        }
    }

    @Test
    void aPlainFileIsUsedWhereItIs() throws Exception {
        Path onnx = Files.write(dir.resolve("model.onnx"), new byte[] {1, 2, 3});
        assertThat(ExtractedResource.file(onnx.toUri().toURL(), dir.resolve("cache"))).isEqualTo(onnx);
        assertThat(dir.resolve("cache")).doesNotExist();
    }
}
