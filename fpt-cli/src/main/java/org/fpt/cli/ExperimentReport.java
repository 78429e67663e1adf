package org.fpt.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fpt.cli.ExperimentResults.Cell;
import org.fpt.cli.ExperimentResults.Efficiency;
import org.fpt.cli.ExperimentResults.Point;
import org.fpt.cli.ExperimentResults.Steps;
import org.fpt.io.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Writes results.csv, runs.csv, results.md (the paper's table layout plus compute efficiency) and curves-TASK.png. */
final class ExperimentReport {
    private ExperimentReport() {
    }

    static void write(ExperimentSpec spec, ExperimentResults results, Path out) {
        AtomicFiles.writeString(out.resolve("results.csv"), csv(results));
        AtomicFiles.writeString(out.resolve("runs.csv"), runsCsv(results));
        AtomicFiles.writeString(out.resolve("results.md"), markdown(spec, results));
        for (String task : results.tasks()) {
            writeCurves(task, results.meanCurves(task), out.resolve("curves-" + task + ".png"));
        }
    }

    /** One line per table cell: (row, task) with mean and sample std over seeds. */
    static String csv(ExperimentResults results) {
        StringBuilder csv = new StringBuilder("row,task,seeds,accuracy_mean,accuracy_std\n");
        results.accuracyTable().forEach((row, cells) -> cells.forEach((task, cell) -> csv.append(String.format(Locale.ROOT,
                "%s,%s,%d,%.6f,%.6f%n", quote(row), task, cell.n(), cell.mean(), cell.std()))));
        return csv.toString();
    }

    /** One line per run, for anyone re-aggregating. */
    static String runsCsv(ExperimentResults results) {
        StringBuilder csv = new StringBuilder("task,body,init,policy,seed,accuracy\n");
        for (ExperimentResults.RunResult r : results.runs()) {
            csv.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%d,%.6f%n", r.task(), quote(r.body()), r.init(), r.policy(), r.seed(), r.accuracy()));
        }
        return csv.toString();
    }

    static String markdown(ExperimentSpec spec, ExperimentResults results) {
        StringBuilder md = new StringBuilder("# Experiment " + spec.name() + "\n\n");
        // Settings as the runs recorded them, not as the spec says now (a table never labels numbers of other runs).
        md.append("Test accuracy (%), mean ± std over ").append(results.settings()).append(".\n\n");
        List<String> tasks = results.tasks();
        md.append("| model |");
        tasks.forEach(t -> md.append(' ').append(t).append(" |"));
        md.append("\n|---|");
        tasks.forEach(t -> md.append("---:|"));
        md.append('\n');
        results.accuracyTable().forEach((row, cells) -> {
            md.append("| ").append(row).append(" |");
            for (String task : tasks) {
                Cell cell = cells.get(task);
                md.append(' ').append(cell == null ? "–" : percent(cell)).append(" |");
            }
            md.append('\n');
        });
        List<Efficiency> efficiency = results.efficiency(spec.threshold());
        if (!efficiency.isEmpty()) {
            md.append(String.format(Locale.ROOT, "%n## Compute efficiency%n%nGradient steps until held-out accuracy first reaches %.0f%% "
                    + "(mean over seeds; evaluated every %s steps).%n%n", 100 * spec.threshold(), results.evalEvery()));
            md.append("| task | body | policy | pretrained | random | random / pretrained |\n|---|---|---|---:|---:|---:|\n");
            for (Efficiency e : efficiency) {
                double ratio = e.ratio();
                md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", e.task(), e.body(), e.policy(),
                        steps(e.pretrained()), steps(e.random()), Double.isNaN(ratio) ? "–" : String.format(Locale.ROOT, "%.2f", ratio)));
            }
        }
        md.append("\nLearning curves: ");
        tasks.forEach(t -> md.append("`curves-").append(t).append(".png` "));
        md.append("\n");
        return md.toString();
    }

    private static void writeCurves(String task, Map<String, List<Point>> curves, Path file) {
        XYChart chart = new XYChartBuilder().width(800).height(500).title(task + ": held-out accuracy")
                .xAxisTitle("gradient steps").yAxisTitle("accuracy").build();
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        curves.forEach((row, points) -> chart.addSeries(row, points.stream().mapToDouble(Point::step).toArray(),
                points.stream().mapToDouble(Point::accuracy).toArray()).setMarker(SeriesMarkers.NONE));
        try {
            AtomicFiles.write(file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot draw " + file, e);
        }
    }

    private static String percent(Cell cell) {
        return cell.n() > 1 ? String.format(Locale.ROOT, "%.1f ± %.1f", 100 * cell.mean(), 100 * cell.std())
                : String.format(Locale.ROOT, "%.1f", 100 * cell.mean());
    }

    private static String steps(Steps s) {
        if (s.reached() == 0) {
            return "not reached";
        }
        String mean = String.format(Locale.ROOT, "%.0f", s.mean());
        return s.allReached() ? mean : mean + " (" + s.reached() + "/" + s.seeds() + " seeds)";
    }

    private static String quote(String field) {
        return field.contains(",") || field.contains("\"") ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }
}
