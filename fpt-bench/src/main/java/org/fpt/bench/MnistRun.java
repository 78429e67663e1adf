package org.fpt.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.fpt.model.Readout;
import org.fpt.plugin.Plugins;
import org.fpt.spi.Backend;
import org.fpt.spi.Body;
import org.fpt.spi.BodySource;
import org.fpt.spi.Task;
import org.fpt.spi.TaskOptions;
import org.fpt.train.Evaluation;
import org.fpt.train.FptTrainer;
import org.fpt.train.TrainingConfig;
import org.fpt.train.TrainingListener;
import org.fpt.train.TrainingResult;

/**
 * Trains on full MNIST and reports accuracy on the full 10k test split (validation = last 5000 training
 * images, evaluated along the way). Every option has a default:
 * <pre>
 * java -cp ... org.fpt.bench.MnistRun --data-dir DIR [--task mnist] [--body gpt2-tiny] [--init random]
 *      [--policy full] [--steps 3000] [--batch 32] [--lr 1e-3] [--eval-every 500] [--seed 1] [-P key=value]...
 * </pre>
 */
public final class MnistRun {
    private MnistRun() {
    }

    public static void main(String[] args) {
        Map<String, String> options = new HashMap<>(Map.of("--task", "mnist", "--body", "gpt2-tiny", "--init", "random",
                "--policy", "full", "--steps", "3000", "--batch", "32", "--lr", "1e-3", "--eval-every", "500", "--seed", "1"));
        Map<String, String> properties = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Option " + args[i] + " needs a value");
            }
            if (args[i].equals("-P")) {
                String[] kv = args[i + 1].split("=", 2);
                properties.put(kv[0], kv.length > 1 ? kv[1] : "");
            } else if (options.containsKey(args[i]) || args[i].equals("--data-dir")) {
                options.put(args[i], args[i + 1]);
            } else {
                throw new IllegalArgumentException("Unknown option " + args[i] + ". Known: " + options.keySet() + ", --data-dir, -P");
            }
        }
        if (!options.containsKey("--data-dir")) {
            throw new IllegalArgumentException("Pass --data-dir DIR with MNIST's IDX files");
        }
        run(options, properties);
    }

    private static void run(Map<String, String> o, Map<String, String> properties) {
        Plugins plugins = Plugins.load(MnistRun.class.getClassLoader());
        Backend backend = plugins.bestBackend();
        backend.open();
        long seed = Long.parseLong(o.get("--seed"));
        long loadStart = System.nanoTime();
        Task task = plugins.tasks().get(o.get("--task")).create(
                new TaskOptions(seed, Optional.of(Path.of(o.get("--data-dir"))), properties));
        System.out.printf(Locale.ROOT, "data: train %d, validation %d, test %d examples (%d tokens of %d) loaded in %.1f s%n",
                task.size(Task.Split.TRAIN), task.size(Task.Split.VALIDATION), task.size(Task.Split.TEST),
                task.input().tokens(), task.input().valueDim(), (System.nanoTime() - loadStart) / 1e9);
        Body body = plugins.bodySourceFor(o.get("--body")).create(o.get("--body"), BodySource.Init.valueOf(o.get("--init").toUpperCase(Locale.ROOT)));
        TrainingConfig config = TrainingConfig.defaults(Integer.parseInt(o.get("--steps")), Integer.parseInt(o.get("--batch")), seed)
                .withLearningRate(Float.parseFloat(o.get("--lr"))).withEvalEvery(Integer.parseInt(o.get("--eval-every")));
        try (FptTrainer trainer = new FptTrainer(task, body, plugins.adapters().get(task.inputAdapter()),
                plugins.policies().get(o.get("--policy")), Readout.LAST, config, backend.device(), backend.open().getEngineName())) {
            System.out.printf(Locale.ROOT, "body %s (%s), policy %s: %d of %d parameters train%n", body.info().name(), o.get("--init"),
                    o.get("--policy"), trainer.trainableParams(), trainer.totalParams());
            long start = System.nanoTime();
            TrainingResult result = trainer.train(new TrainingListener() {
                @Override
                public void onEvaluation(int step, Evaluation e) {
                    System.out.printf(Locale.ROOT, "step %d  %s loss %.4f accuracy %.4f  (%.0f s)%n", step,
                            e.split().name().toLowerCase(Locale.ROOT), e.loss(), e.accuracy(), (System.nanoTime() - start) / 1e9);
                }
            });
            Evaluation test = result.test();
            System.out.printf(Locale.ROOT, "TEST accuracy %.4f on %d examples (loss %.4f); wall time %.1f s for %s steps of batch %s%n",
                    test.accuracy(), test.examples(), test.loss(), result.seconds(), o.get("--steps"), o.get("--batch"));
        }
    }
}
