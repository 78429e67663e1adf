package org.fpt.model;

import java.nio.file.Path;
import org.fpt.spi.Body;

/**
 * {@code fpt train --export-body DIR}: a trained body written in its family's HF checkpoint layout
 * ({@link Body#export}). PEFT insertions are merged into their projections first, since no checkpoint layout
 * has a place for them; the model computes the same function afterwards.
 */
public final class BodyExport {
    private BodyExport() {
    }

    public static void write(Body body, Path directory) {
        if (ParameterPaths.blocks(body.block()).values().stream().anyMatch(b -> b instanceof Dense dense && dense.float32Released())) {
            throw new IllegalStateException("Cannot export the body to " + directory + ": its frozen float32 weights were released"
                    + " under --precision bf16 (a run asked to export keeps them)");
        }
        PeftSites.merge(body.block());
        body.export(directory);
    }
}
