package org.fpt.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the Spark runner on the class path, a typo in the spec fails on the driver before Spark starts: one line
 * naming the file and key, exit 2, no Spark context (which prints "Spark MASTER: ...") and nothing in --out. Before,
 * a task property typo failed in every Spark task, after its retries.
 */
class SpecChecksBeforeSparkTest {
    @TempDir
    Path dir;

    @Test
    void aTypoFailsBeforeSparkStartsOnAnyMaster() throws Exception {
        Path spec = Grids.spec(dir, "typo", "[gpt2-tiny]", "[fpt, fptt]", 2, 2);
        Files.writeString(spec, Files.readString(spec).replace("test-size: 32", "test-sise: 32"));
        for (String master : new String[] {"local[2]", "spark://127.0.0.1:7077"}) {
            Path out = dir.resolve("out");
            Grids.Result result = Grids.fpt("experiment", spec.toString(), "--master", master, "--out", out.toString());
            assertThat(result.code()).as(result.err()).isEqualTo(2);
            assertThat(result.err().lines()).as(master).singleElement().asString()
                    .startsWith("fpt: Experiment " + spec + ": policies[1]: No policy 'fptt'. Available: ").contains("fpt, ", "full");
            assertThat(result.out()).doesNotContain("Spark ");
            assertThat(out).doesNotExist();
        }
        Files.writeString(spec, Files.readString(spec).replace("fptt", "full"));
        Grids.Result property = Grids.fpt("experiment", spec.toString(), "--master", "local[2]", "--out", dir.resolve("out").toString());
        assertThat(property.code()).as(property.err()).isEqualTo(2);
        assertThat(property.err().strip()).isEqualTo("fpt: Experiment " + spec + ": task_properties.bit-xor: Task 'bit-xor' has no property "
                + "'test-sise'. Known: bits, test-size");
    }

    @Test
    void aPolicyThatCannotApplyToANamedBodyFailsBeforeSparkStartsEvenOnACluster() throws Exception {
        Path spec = Grids.spec(dir, "rank", "[gpt2-tiny]", "[fpt, 'lora:r=99999999']", 2, 2);
        for (String master : new String[] {"local[2]", "spark://127.0.0.1:7077"}) {
            Grids.Result result = Grids.fpt("experiment", spec.toString(), "--master", master, "--out", dir.resolve("out").toString());
            assertThat(result.code()).as(result.err()).isEqualTo(2);
            assertThat(result.err().strip()).as(master).startsWith("fpt: Experiment " + spec + ": bodies[0]").contains(" and policies[1]: "
                    + "Policy 'lora': r=99999999 exceeds the size of h.0.attn.c_attn (64 -> 192)");
            assertThat(result.out()).doesNotContain("Spark ");
        }
    }
}
