package org.fpt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportBodyCommandTest {
    @TempDir
    Path dir;

    @Test
    void trainWithExportBodyWritesACheckpointDirectory() throws Exception {
        PrintStream oldOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true));
        int code;
        try {
            code = Main.run("train", "--task", "bit-memory", "--body", "gpt2-tiny", "--init", "random", "--policy", "full", "--steps", "2",
                    "--batch-size", "4", "-P", "test-size=16", "-P", "bits=100", "--export-body", dir.resolve("body").toString());
        } finally {
            System.setOut(oldOut);
        }
        assertThat(code).as(out.toString()).isZero();
        assertThat(out.toString()).contains("body exported to");
        byte[] bytes = Files.readAllBytes(dir.resolve("body/model.safetensors"));
        long headerLength = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(new String(bytes, 8, (int) headerLength)).contains("\"h.1.attn.c_attn.weight\":{\"dtype\":\"F32\",\"shape\":[64,192]");
        assertThat(Files.readString(dir.resolve("body/config.json"))).contains("\"model_type\": \"gpt2\"");

        // The exported body is the pretrained body of the next run.
        System.setOut(new PrintStream(out, true));
        try {
            code = Main.run("train", "--task", "bit-xor", "--body", dir.resolve("body").toString(), "--init", "pretrained",
                    "--steps", "1", "--batch-size", "4");
        } finally {
            System.setOut(oldOut);
        }
        assertThat(code).as(out.toString()).isZero();
        assertThat(out.toString()).contains("body              " + dir.resolve("body") + " (pretrained)");
    }
}
