package org.fpt.model;

import java.nio.file.Path;
import org.fpt.bodies.gpt2.Gpt2Body;
import org.fpt.bodies.gpt2.Gpt2Export;
import org.fpt.spi.Body;

/** {@code fpt train --export-body DIR}: a trained body written in its family's HF checkpoint layout. */
public final class BodyExport {
    private BodyExport() {
    }

    public static void write(Body body, Path directory) {
        if (body instanceof Gpt2Body gpt2) {
            Gpt2Export.write(gpt2.model(), directory);
        } else {
            throw new IllegalArgumentException("Body '" + body.info().name() + "' (" + body.info().family()
                    + ") cannot be exported: only GPT-2 bodies are written as checkpoints");
        }
    }
}
