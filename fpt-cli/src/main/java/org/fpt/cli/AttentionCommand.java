package org.fpt.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.fpt.model.AttentionRecorder;
import org.fpt.spi.Batch;
import org.fpt.spi.Task.Split;
import org.fpt.train.Runs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fpt attention --checkpoint FILE}: PNG heatmaps of every layer's and head's attention for one input. */
@Command(name = "attention", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Render the attention of each layer and head for one input as PNG heatmaps",
                "(rows = query token, columns = key token; dark 0, bright 1)."})
final class AttentionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CheckpointOption checkpoint;

    @Option(names = "--out", required = true, description = "Directory for layer<L>-head<H>.png and attention.png (all in one grid).")
    Path out;

    @Option(names = "--example", defaultValue = "0", description = "Index of the test example to show (default: ${DEFAULT-VALUE}).")
    int example;

    @Option(names = "--input", description = "One input as a JSON line instead, e.g. '{\"values\": [[1,0,1,1,0],[0,0,1,0,1]]}'.")
    String input;

    @Option(names = "--cell", defaultValue = "48", description = "Pixels per attention cell (default: ${DEFAULT-VALUE}).")
    int cell;

    @Override
    public Integer call() {
        if (cell < 1) {
            throw new IllegalArgumentException("--cell must be >= 1, got " + cell);
        }
        try (Runs.Loaded loaded = checkpoint.restore(spec)) {
            Batch batch = input != null ? InputLines.parse("--input", 1, input, loaded.task().input()) : testExample(loaded);
            List<AttentionRecorder.Layer> layers;
            float[][] probabilities;
            try (AttentionRecorder recorder = AttentionRecorder.attach(loaded.trainer().model().body().block())) {
                probabilities = loaded.trainer().predict(batch);
                layers = recorder.layers();
            }
            for (AttentionRecorder.Layer layer : layers) {
                for (int h = 0; h < layer.heads(); h++) {
                    Heatmaps.write(Heatmaps.head(layer, 0, h, cell), out.resolve("layer" + layer.layer() + "-head" + h + ".png"));
                }
            }
            Heatmaps.write(Heatmaps.grid(layers, 0, cell), out.resolve("attention.png"));
            PrintWriter printer = spec.commandLine().getOut();
            printer.printf("%d layers x %d heads, %d tokens: %d heatmaps in %s%n", layers.size(), layers.get(0).heads(),
                    layers.get(0).tokens(), layers.size() * layers.get(0).heads(), out);
            printer.printf("predicted labels %s%s%n", Arrays.toString(Arrays.stream(probabilities).mapToInt(PredictCommand::argMax).toArray()),
                    batch.labels().length > 0 ? ", true labels " + Arrays.toString(batch.labels()) : "");
            printer.flush();
        }
        return 0;
    }

    private Batch testExample(Runs.Loaded loaded) {
        int size = loaded.task().size(Split.TEST);
        if (example < 0 || example >= size) {
            throw new IllegalArgumentException("--example must be 0.." + (size - 1) + " (the test split's size), got " + example);
        }
        return loaded.task().batch(Split.TEST, example, example + 1);
    }
}
