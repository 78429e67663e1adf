#!/usr/bin/python3
"""Writes fpt-bench/results/table1/README.md: the paper's Table 1 beside this framework's runs.

Reads every run of the Table-1 specs (fpt-bench/experiments/table1-*.yaml, mnist-ablation.yaml, lr-sweep-*.yaml),
whose `fpt experiment` output is committed under fpt-bench/results/<spec>/runs/<run>/metrics.jsonl, and links each cell to its metrics
file and spec. A finished run shows its test accuracy on the full test split, measured with the weights of
its best validation evaluation (select on validation, report on test); a run still going shows its step and
its best validation accuracy so far, marked as such. Each task gets a curve (validation accuracy against
step, every run, the paper's figure as a line) in fpt-bench/results/table1/curves/. Wall time is summed over a
run's sessions from the times in its metrics (runs started before metrics carried times say so). Usage, from
the repository root (needs Debian's python3-matplotlib):

    /usr/bin/python3 fpt-bench/table1.py
"""
import json
import os
import re
import sys

try:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
except ImportError:
    plt = None  # --check-full-rate draws nothing; the page does, and says what to install

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RESULTS = os.path.join(ROOT, "fpt-bench", "results")
OUT = os.path.join(RESULTS, "table1", "README.md")
CURVES = os.path.join(RESULTS, "table1", "curves")
COLUMNS = {"fpt": "FPT pretrained", "random": "random init, frozen", "full": "full", "lstm": "LSTM"}

# Lu et al. 2021, Table 1 (FPT, full transformer, LSTM) and Table 2 (the same frozen transformer with random init).
PAPER = {
    "listops": {"fpt": 38.4, "full": 38.0, "lstm": 17.1, "random": 34.3},
    "mnist": {"fpt": 98.0, "full": 99.1, "lstm": 99.5, "random": 91.7},
    "cifar10": {"fpt": 72.1, "full": 70.3, "lstm": 73.6, "random": 61.7},
    "cifar10-lra": {"fpt": 38.6, "full": 42.0, "lstm": 11.7, "random": 36.1},
    "remote-homology": {"fpt": 12.7, "full": 9.0, "lstm": 12.0, "random": 9.3},
}
TASKS = ["mnist", "cifar10", "cifar10-lra", "listops", "remote-homology"]
NOTES = {
    "cifar10": "JPEG copy",
    "cifar10-lra": "JPEG copy; batch 16 in pieces of 4, 1,000 validation images: ../diagnostics/long-sequences-2026-12-07/zen4-malloc/",
    "remote-homology": "no data reachable here",
}


def read_run(metrics):
    """The run's description, validation evaluations, final line, last step, and wall time: (seconds, first timed step)."""
    run, evals, final, last_step = None, [], None, 0
    sessions = []  # [start, last t, from_step]
    with open(metrics, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                continue  # a last line cut off by a kill
            if "run" in row:
                run = row["run"]
            elif "session_start" in row:
                sessions.append([row["session_start"], row["session_start"], row["from_step"], row["from_step"]])
            elif row.get("final"):
                final = row
            elif row.get("split") == "validation":
                evals.append(row)
            if "t" in row and sessions:
                sessions[-1][1] = max(sessions[-1][1], row["t"])
                if "step" in row:
                    sessions[-1][3] = max(sessions[-1][3], row["step"])
            if "step" in row:
                last_step = max(last_step, row["step"])
    wall = (sum(end - start for start, end, _, _ in sessions), sessions[0][2] if sessions else None)
    timed_steps = sum(last - first for _, _, first, last in sessions)
    rate = wall[0] / timed_steps if timed_steps > 0 else None  # seconds per step, evaluations included
    return run, evals, final, last_step, wall, rate


def hours(wall):
    seconds, first_timed = wall
    if first_timed is None:
        return "wall time not recorded"
    text = "%.1f h" % (seconds / 3600)
    return text if first_timed == 0 else "%s from step %d (earlier time not recorded)" % (text, first_timed)


def column(run):
    if run["body"].startswith("lstm"):
        return "lstm"
    if run["policy"] == "full":
        return "full"
    if run["policy"] == "fpt":
        return "fpt" if run["init"] == "pretrained" else "random"
    return None


def cell(task_dir, run_dir, run, evals, final, last_step, wall, rate):
    link = os.path.relpath(os.path.join(task_dir, "runs", run_dir, "metrics.jsonl"), os.path.dirname(OUT))
    if final is not None:
        text = "**%.1f**" % (100 * final["accuracy"])
        tested = final.get("tested_step")
        if tested is None:
            selected = ", last weights (run before selection on validation existed)"
        else:
            selected = ", weights of step %d (best validation)" % tested if tested != final["step"] else ""
            if wall[1]:
                # sessions before the first timed one ran code without selection: no weights kept from them
                selected += ", selected among evaluations after step %d" % wall[1]
        detail = "%d steps%s, %s" % (final["step"], selected, hours(wall))
    else:
        best = max((e["accuracy"] for e in evals), default=None)
        text = earlier_result(task_dir, run_dir) + ("in progress" if best is None else "in progress: val %.1f" % (100 * best))
        detail = "step %d of %d, %s" % (last_step, run["steps"], hours(wall))
        if rate is not None:
            detail += ", about %.1f h to go at its rate so far" % ((run["steps"] - last_step) * rate / 3600)
    return "[%s](%s) (%s; lr %g)" % (text, link, detail, run["lr"])


def curve(task, runs):
    """Validation accuracy against step for every run of {@code task}; returns the PNG's path relative to the page."""
    os.makedirs(CURVES, exist_ok=True)
    fig, ax = plt.subplots(figsize=(7, 4))
    for label, evals in runs:
        ax.plot([e["step"] for e in evals], [100 * e["accuracy"] for e in evals], marker="o", markersize=3, label=label)
    for key, style in [("fpt", "--"), ("random", ":")]:
        ax.axhline(PAPER[task][key], linestyle=style, color="grey", linewidth=1)
        # x in axes fraction, y in data: the label stays at the left edge whatever steps the runs reached
        ax.text(0.01, PAPER[task][key], "paper: %s %.1f" % (COLUMNS[key], PAPER[task][key]), fontsize=7, color="grey",
                transform=ax.get_yaxis_transform(), verticalalignment="bottom")
    ax.set_xlabel("step")
    ax.set_ylabel("validation accuracy (%)")
    ax.set_title("%s: validation accuracy while training" % task)
    ax.legend(fontsize=8, loc="lower right")
    ax.grid(alpha=0.3)
    path = os.path.join(CURVES, task + ".png")
    fig.savefig(path + ".tmp.png", dpi=100, bbox_inches="tight")
    plt.close(fig)
    os.replace(path + ".tmp.png", path)
    return os.path.relpath(path, os.path.dirname(OUT))


def steps_to_reach(evals, accuracy):
    return next((e["step"] for e in evals if e["accuracy"] >= accuracy), None)


def convergence(task, fpt_evals, random_evals):
    """Steps the pretrained and the random-init run took to reach the random-init run's best validation accuracy."""
    if not fpt_evals or not random_evals:
        return None
    target = max(e["accuracy"] for e in random_evals)
    pretrained = steps_to_reach(fpt_evals, target)
    random = steps_to_reach(random_evals, target)
    if pretrained is None:
        return "%s: the pretrained run has not reached the random-init run's best validation accuracy (%.1f) yet." % (task, 100 * target)
    return ("%s: validation accuracy %.1f (the random-init run's best so far) reached at step %d pretrained, step %d random init: "
            "%.1fx fewer steps pretrained (paper: about 4x on its tasks; both runs evaluate every %d steps, so this is that coarse)."
            % (task, 100 * target, pretrained, random, random / pretrained, fpt_evals[1]["step"] - fpt_evals[0]["step"] if len(fpt_evals) > 1 else 0))


def continued_from(metrics):
    """
    The run directory a run continued from when its spec asked for more steps (docs/workflow.md), else None: the last
    such line, since a run continued twice (2,000 -> 4,000 -> 8,000 steps) keeps the line its shorter run had too.
    """
    found = None
    with open(metrics, encoding="utf-8") as f:
        for line in f:
            if '"continued_from"' in line:
                try:
                    found = json.loads(line)["continued_from"]
                except json.JSONDecodeError:
                    pass
    return found


def experiment_runs(name):
    """
    (task_dir, run_dir, run, evals, final, last_step, wall, rate) for each run of experiment {@code name} that has
    started. A run that a longer one continues is left out: the longer run's metrics hold its history, and its test
    figure is in EARLIER while the longer run is in progress.
    """
    task_dir = os.path.join(RESULTS, name)
    if not os.path.isdir(os.path.join(task_dir, "runs")):
        return
    runs = {}
    for run_dir in sorted(os.listdir(os.path.join(task_dir, "runs"))):
        metrics = os.path.join(task_dir, "runs", run_dir, "metrics.jsonl")
        if os.path.exists(metrics):
            runs[run_dir] = (metrics, continued_from(metrics))
    superseded = {earlier: run_dir for run_dir, (_, earlier) in runs.items() if earlier in runs}
    for run_dir, (metrics, earlier) in runs.items():
        if run_dir in superseded:
            continue
        run, evals, final, last_step, wall, rate = read_run(metrics)
        if run is not None:
            if earlier in runs and final is None:
                EARLIER[(task_dir, run_dir)] = read_run(runs[earlier][0])[2]
            yield (task_dir, run_dir, run, evals, final, last_step, wall, rate)


# (task_dir, run_dir) of a run in progress that continues a finished shorter run -> that run's final line
EARLIER = {}


def earlier_result(task_dir, run_dir):
    """'48.3 at 9375 steps; continuing: ' for a run in progress that continues a finished shorter run, else ''."""
    final = EARLIER.get((task_dir, run_dir))
    return "" if final is None else "%.1f after %d steps; continuing: " % (100 * final["accuracy"], final["step"])


def spec_link(name):
    return "[%s](%s)" % (name, os.path.relpath(os.path.join(ROOT, "fpt-bench", "experiments", name + ".yaml"), os.path.dirname(OUT)))


def short_cell(task_dir, run_dir, run, evals, final, last_step, wall, rate):
    """A grid cell: the test accuracy of a finished run, or how far a run in progress is."""
    link = os.path.relpath(os.path.join(task_dir, "runs", run_dir, "metrics.jsonl"), os.path.dirname(OUT))
    if final is not None:
        return "[%.1f](%s)" % (100 * final["accuracy"], link)
    best = max((e["accuracy"] for e in evals), default=None)
    text = earlier_result(task_dir, run_dir) + "step %d/%d" % (last_step, run["steps"]) + ("" if best is None else ", val %.1f" % (100 * best))
    return "[in progress: %s](%s)" % (text, link)


def grid(title, intro, names, row_of, col_of, rows, cols, paper=None):
    """A section of the page: one cell per (row, column) listing its runs' short cells (seeds side by side)."""
    found = {}
    for name in names:
        for args in experiment_runs(name):
            run = args[2]
            key = (row_of(run), col_of(run))
            found.setdefault(key, []).append((run["seed"], short_cell(*args)))
    head = ["", "## " + title, ""] + intro + [""]
    header = "| | " + " | ".join(cols) + (" | paper (pretrained) |" if paper else " |")
    lines = head + [header, "|---" * (len(cols) + 1 + (1 if paper else 0)) + "|"]
    for row in rows:
        cells = [" / ".join(c for _, c in sorted(found.get((row, col), []))) or "not run" for col in cols]
        lines.append("| %s | %s |" % (row, " | ".join(cells)) + (" %s |" % paper[row] if paper else ""))
    return lines


ABLATION_POLICIES = ["output-only", "output+ln", "output+ln+input", "fpt"]
# Lu et al. 2021, its ablation of which parameters train (MNIST, pretrained GPT-2): the output layer alone, then
# + layer norms, + input layer, + positions (fpt).
ABLATION_PAPER = {"output-only": "23", "output+ln": "96", "output+ln+input": "98", "fpt": "98"}
SWEEP_LRS = ["1e-5", "1e-4", "1e-3"]


def lr_label(lr):
    return "lr " + ("%.0e" % lr).replace("e-0", "e-")


def sections():
    ablation = grid(
        "The MNIST ablation ladder", [
            "Which parameters train besides the frozen body, pretrained and random init, 2,000 steps, two seeds per",
            "cell (seed 1 / seed 2), test accuracy (%) on the full 10k test split. Spec: " + spec_link("mnist-ablation") + "."],
        ["mnist-ablation"], lambda r: r["policy"], lambda r: r["init"], ABLATION_POLICIES, ["pretrained", "random"],
        ABLATION_PAPER)
    sweep = grid(
        "Learning-rate sweep, `full` against `fpt`", [
            "Does tuned full fine-tuning beat the frozen body (Rothermel et al. 2021 found it does)? Pretrained body,",
            "2,000 steps per run, test accuracy (%) on the full test split. Specs: "
            + ", ".join(spec_link("lr-sweep-" + lr) for lr in SWEEP_LRS) + "."],
        ["lr-sweep-" + lr for lr in SWEEP_LRS], lambda r: "%s, `%s`" % (r["task"], r["policy"]), lambda r: lr_label(r["lr"]),
        ["%s, `%s`" % (t, p) for t in ["mnist", "cifar10"] for p in ["full", "fpt"]], [lr_label(float(lr)) for lr in SWEEP_LRS])
    return ablation + sweep


def best_full_rates():
    """
    task -> (rate, best validation accuracy) of the sweep's `full` runs, the rate chosen on validation (the test
    split reports, it does not choose); and the runs not finished yet.
    """
    best, unfinished = {}, []
    for lr in SWEEP_LRS:
        finished = {run["task"]: evals for _, _, run, evals, final, _, _, _ in experiment_runs("lr-sweep-" + lr)
                    if run["policy"] == "full" and final is not None}
        for task in ["mnist", "cifar10"]:
            if task not in finished:
                unfinished.append("lr-sweep-%s %s full" % (lr, task))
                continue
            accuracy = max(e["accuracy"] for e in finished[task])
            if task not in best or accuracy > best[task][1]:
                best[task] = (float(lr), accuracy)
    return best, unfinished


def check_full_rate():
    """
    Exit 0 when the sweep is finished and table1-full.yaml trains `full` at the rate it chose for every task; else
    say why on one line and exit 1 (fpt-bench/table1-runs.sh then leaves table1-full for later).
    """
    spec = os.path.join(ROOT, "fpt-bench", "experiments", "table1-full.yaml")
    with open(spec, encoding="utf-8") as f:
        match = re.search(r"^policy_lr:\s*\{\s*full:\s*([0-9.eE+-]+)\s*\}", f.read(), re.M)
    if not match:
        print("%s has no 'policy_lr: {full: RATE}' line" % os.path.relpath(spec, ROOT))
        return 1
    rate = float(match.group(1))
    best, unfinished = best_full_rates()
    if unfinished:
        print("the learning-rate sweep that chooses its rate is not finished (%s)" % ", ".join(unfinished))
        return 1
    wrong = ["%s: %s (validation %.1f)" % (task, lr_label(lr), 100 * acc) for task, (lr, acc) in sorted(best.items()) if lr != rate]
    if wrong:
        print("%s trains full at %s, but the sweep chose %s: set policy_lr (a rate per task needs a spec per task)"
              % (os.path.relpath(spec, ROOT), lr_label(rate), "; ".join(wrong)))
        return 1
    return 0


def main():
    if sys.argv[1:] == ["--check-full-rate"]:
        return check_full_rate()
    if plt is None:
        return "table1.py draws its curves with matplotlib: apt-get install python3-matplotlib, then run /usr/bin/python3 fpt-bench/table1.py"
    cells = {}
    specs = {}
    histories = {}
    for name in sorted(os.listdir(RESULTS)):
        if not name.startswith("table1-"):
            continue
        for task_dir, run_dir, run, evals, final, last_step, wall, rate in experiment_runs(name):
            specs.setdefault(name, spec_link(name))
            longer = name + "-long"  # a spec that trains these runs longer, into the same output (table1-runs.sh)
            if continued_from(os.path.join(task_dir, "runs", run_dir, "metrics.jsonl")) and os.path.exists(
                    os.path.join(ROOT, "fpt-bench", "experiments", longer + ".yaml")):
                specs[name] = spec_link(name) + ", " + spec_link(longer)
            col = column(run)
            if col is None:
                continue
            cells.setdefault((run["task"], col), []).append(
                (run["body"], cell(task_dir, run_dir, run, evals, final, last_step, wall, rate), name))
            histories.setdefault(run["task"], []).append(("%s, %s (%s)" % (COLUMNS[col], run["body"], run_dir.split("__")[-1]), evals, col))
    lines = [
        "# Table 1 of the paper, reproduced by this framework",
        "",
        "Test accuracy (%) on the full test split of each task. Ours: the default body (MiniLM-L6, pretrained",
        "or random init) frozen with the `fpt` policy, `full` (every weight trains), and the LSTM baseline. The",
        "paper (Lu et al. 2021): GPT-2 small, its Table 1, and its Table 2 for the random-init frozen transformer.",
        "The test figure is measured with the weights of the run's best validation evaluation (select on",
        "validation, report on test). A run still going shows its best validation accuracy so far, never a test",
        "figure. Each task links to its curve. Made by `/usr/bin/python3 fpt-bench/table1.py` from the runs",
        "committed under `fpt-bench/results/table1-*/`, `mnist-ablation/` and `lr-sweep-*/`; every run on this",
        "page is trained by `fpt-bench/table1-runs.sh` (two lanes of one core each, resumable).",
        "",
        "**A defect the first runs lived with.** Until commit c863b2a (2026-12-07), a garbage collection during a",
        "step's backward pass on `pytorch` could give that step gradients read from freed memory",
        "([diagnostics](../diagnostics/nan-2026-12-07/README.md)). The MNIST pretrained run took its steps 1-7900",
        "and the CIFAR-10 pretrained run its steps 1-5500 before the fix. How many of those steps it touched is not",
        "known: in a 600-step bit-xor run today, 4 steps had a collection in that window (`fixed-run-summary.json`",
        "there). Since the fix, such a step",
        "is computed again.",
        "",
        "**Machines.** Each session runs on whatever 2-core VM it gets: AMD EPYC Zen 3 (AVX2) until 2026-12-07's",
        "ninth session, then Zen 5 (AVX-512), then Zen 4 (AVX-512, session 10), then Zen 5 again (session 11), then an Intel Xeon",
        "(Emerald Rapids, AVX-512, session 12). A run resumed on another machine goes on from its checkpoint with",
        "other kernels, the same arithmetic up to float32 rounding; from session 9 on an AMD CPU, MKL's fast",
        "kernels too (docs/backends.md, \"MKL on AMD CPUs\"). The LSTM on CIFAR-10 started again from step 0 in",
        "session 9: its checkpoints (about 25 MB) were over the size committed then and were lost with the old machine;",
        "since then its newest checkpoint is committed. Wall times are per machine and sum over sessions. In session 10",
        "the ListOps pretrained run was killed for memory twice, under allocators that keep freed memory (docs/backends.md,",
        "\"Memory allocator\"), as its evaluations in batches of 64 began. In session 11 the ListOps spec took",
        "`eval_batch_size: 16`, which makes new runs; the killed run's metrics are kept with the diagnostics",
        "([listops-eval-batch-64-run-metrics.jsonl](../diagnostics/long-sequences-2026-12-07/zen4-malloc/listops-eval-batch-64-run-metrics.jsonl)).",
        "The LSTM on ListOps and CIFAR-10 LRA runs on the engine's fused LSTM since session 11 (100x faster at 1,024",
        "tokens: [lstm-fused](../speed/lstm-fused-2026-12-07-amd-epyc-zen5.txt)).",
        "",
        "| task | ours: FPT pretrained | ours: random init, frozen | ours: full | ours: LSTM | paper FPT | paper full | paper LSTM | paper random init | spec |",
        "|---|---|---|---|---|---:|---:|---:|---:|---|",
    ]
    for task in TASKS:
        name = "%s%s" % (task, " (%s)" % NOTES[task] if task in NOTES else "")
        if histories.get(task):
            name = "[%s](%s)" % (name, curve(task, [(label, evals) for label, evals, _ in histories[task]]))
        row = [name]
        spec_links = set()
        for col in ["fpt", "random", "full", "lstm"]:
            found = cells.get((task, col), [])
            row.append("<br>".join("%s: %s" % (body, c) for body, c, _ in found) if found else "not run")
            spec_links.update(s for _, _, s in found)
        paper = PAPER[task]
        row += ["%.1f" % paper[k] for k in ["fpt", "full", "lstm", "random"]]
        row.append(", ".join(specs[s] for s in sorted(spec_links)) or "–")
        lines.append("| " + " | ".join(row) + " |")
    notes = []
    for task in TASKS:
        by_col = {col: evals for _, evals, col in histories.get(task, [])}
        line = convergence(task, by_col.get("fpt"), by_col.get("random"))
        if line:
            notes.append("- " + line)
    if notes:
        lines += ["", "## Steps to converge, pretrained against random init", ""] + notes
    lines += sections()
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    tmp = OUT + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    os.replace(tmp, OUT)
    print("Wrote " + os.path.relpath(OUT, ROOT))


if __name__ == "__main__":
    sys.exit(main())
