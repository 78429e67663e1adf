package org.fpt.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Plugin authors compile against the SPI alone: it may import only the JDK and DJL's api. */
class SpiDependenciesTest {
    @Test
    void spiImportsOnlyJdkAndDjlApi() throws IOException {
        Path spi = Path.of("src/main/java/org/fpt/spi");
        List<String> imports;
        try (Stream<Path> files = Files.list(spi)) {
            imports = files.filter(f -> f.toString().endsWith(".java")).flatMap(SpiDependenciesTest::lines)
                    .filter(line -> line.startsWith("import ")).toList();
        }
        assertThat(imports).isNotEmpty().allSatisfy(line -> assertThat(line.replace("import static ", "import "))
                .matches("import (java\\.|ai\\.djl\\.(?!mxnet|pytorch)|org\\.fpt\\.spi\\.).*"));
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream().map(String::trim);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
