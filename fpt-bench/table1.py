#!/usr/bin/env python3
"""Writes fpt-bench/results/table1/README.md: the paper's Table 1 beside this framework's runs.

Reads every run of the Table-1 specs (fpt-bench/experiments/table1-*.yaml), whose `fpt experiment` output is
committed under fpt-bench/results/table1-<task>/runs/<run>/metrics.jsonl, and links each cell to its metrics
file and spec. A finished run shows its test accuracy on the full test split; a run still going shows its
step and its best validation accuracy so far, marked as such. Usage, from the repository root:

    python3 fpt-bench/table1.py
"""
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RESULTS = os.path.join(ROOT, "fpt-bench", "results")
OUT = os.path.join(RESULTS, "table1", "README.md")

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
    "cifar10-lra": "JPEG copy",
    "remote-homology": "no data reachable here",
}


def read_run(metrics):
    run, evals, final, last_step = None, [], None, 0
    with open(metrics, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            row = json.loads(line)
            if "run" in row:
                run = row["run"]
            elif row.get("final"):
                final = row
            elif row.get("split") == "validation":
                evals.append(row)
            if "step" in row:
                last_step = max(last_step, row["step"])
    return run, evals, final, last_step


def column(run):
    if run["body"].startswith("lstm"):
        return "lstm"
    if run["policy"] == "full":
        return "full"
    if run["policy"] == "fpt":
        return "fpt" if run["init"] == "pretrained" else "random"
    return None


def cell(task_dir, run_dir, run, evals, final, last_step):
    link = os.path.relpath(os.path.join(task_dir, "runs", run_dir, "metrics.jsonl"), os.path.dirname(OUT))
    if final is not None:
        text = "**%.1f**" % (100 * final["accuracy"])
        detail = "%d steps, %.1f h" % (final["step"], final["seconds"] / 3600)
    else:
        best = max((e["accuracy"] for e in evals), default=None)
        text = "in progress" if best is None else "in progress: val %.1f" % (100 * best)
        detail = "step %d of %d" % (last_step, run["steps"])
    return "[%s](%s) (%s; lr %g)" % (text, link, detail, run["lr"])


def main():
    cells = {}
    specs = {}
    for name in sorted(os.listdir(RESULTS)):
        task_dir = os.path.join(RESULTS, name)
        if not name.startswith("table1-") or not os.path.isdir(os.path.join(task_dir, "runs")):
            continue
        specs[name] = os.path.relpath(os.path.join(ROOT, "fpt-bench", "experiments", name + ".yaml"), os.path.dirname(OUT))
        for run_dir in sorted(os.listdir(os.path.join(task_dir, "runs"))):
            metrics = os.path.join(task_dir, "runs", run_dir, "metrics.jsonl")
            if not os.path.exists(metrics):
                continue
            run, evals, final, last_step = read_run(metrics)
            col = column(run)
            if run is None or col is None:
                continue
            cells.setdefault((run["task"], col), []).append(
                (run["body"], cell(task_dir, run_dir, run, evals, final, last_step), name))
    lines = [
        "# Table 1 of the paper, reproduced by this framework",
        "",
        "Test accuracy (%) on the full test split of each task. Ours: the default body (MiniLM-L6, pretrained",
        "or random init) frozen with the `fpt` policy, `full` (every weight trains), and the LSTM baseline. The",
        "paper (Lu et al. 2021): GPT-2 small, its Table 1, and its Table 2 for the random-init frozen transformer.",
        "A run still going shows its best validation accuracy so far, not a test figure. Made by",
        "`python3 fpt-bench/table1.py` from the runs committed under `fpt-bench/results/table1-*/`.",
        "",
        "| task | ours: FPT pretrained | ours: random init, frozen | ours: full | ours: LSTM | paper FPT | paper full | paper LSTM | paper random init | spec |",
        "|---|---|---|---|---|---:|---:|---:|---:|---|",
    ]
    for task in TASKS:
        row = ["%s%s" % (task, " (%s)" % NOTES[task] if task in NOTES else "")]
        spec_links = set()
        for col in ["fpt", "random", "full", "lstm"]:
            found = cells.get((task, col), [])
            row.append("<br>".join("%s: %s" % (body, c) for body, c, _ in found) if found else "not run")
            spec_links.update(s for _, _, s in found)
        paper = PAPER[task]
        row += ["%.1f" % paper[k] for k in ["fpt", "full", "lstm", "random"]]
        row.append(", ".join("[%s](%s)" % (s, specs[s]) for s in sorted(spec_links)) or "–")
        lines.append("| " + " | ".join(row) + " |")
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    tmp = OUT + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    os.replace(tmp, OUT)
    print("Wrote " + os.path.relpath(OUT, ROOT))


if __name__ == "__main__":
    sys.exit(main())
