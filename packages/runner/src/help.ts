import { specKeysHelp } from '@scbench/datasets';

/** The text of `scbench --help` and `scbench COMMAND --help`. */
export const HELP: Record<string, string> = {
  main: `scbench — benchmark single-cell clustering methods honestly

Usage: scbench <command> [options]

Commands:
  run       run methods × datasets × seeds, append to DIR/records.jsonl, write DIR/index.html
  report    render DIR/records.jsonl into DIR/index.html
  table     print one metric's mean ± sd table of DIR/records.jsonl as markdown, LaTeX or CSV
  methods   list the methods
  datasets  list the registered datasets and whether their files are present
  score     score a clustering against a truth file
  inspect   print the size and classes of a dataset
  status    count a grid's runs: done, failed, timed out, running, pending (records and the Slurm queue)

Run "scbench <command> --help" for a command's options.
Exit codes: 0 ok, 1 some runs failed, 2 bad command line, 3 unreadable input, 130 interrupted.`,
  run: `Usage: scbench run --methods a,b --datasets id-or-path,... [options]

  --methods LIST     method ids (scbench methods)
  --datasets LIST    registry ids, files (.h5 .h5ad .csv .tsv[.gz]) or 10x directories,
                     or "synthetic" / "synthetic:cells=2000,genes=1000,groups=6,lfc=1.5" (built in, no download;
                     keys: cells genes groups seed dropout lfc markers theta).
                     A file or id takes load options as PATH:key=value,...; a CSV/TSV needs its labels:
                       data.csv:labels=cells.csv,labelColumn=cell_type   (cells.csv: first column the cell id)
${specKeysHelp('                       ')}
                     Each list is de-duplicated; a repeat runs once.
  --seeds LIST       seeds, whole numbers from 0 to 4294967295 (default 0)
  --out DIR          output directory (default reports/latest)
  --protocol P       honest (default) or paper: which number the report leads with. Both are recorded;
                     "paper" is the original code's best epoch by ACC against the labels.
  --set M.KEY=VALUE  override one parameter of one method (repeatable)
  --smoke            tiny settings, for checking a setup quickly
  --timeout SECONDS  per run (default: the method's time hint where longer than 7200, else 7200;
                     with --executor slurm: the task's time limit)
  --jobs N           runs at once, each in its own process (default 1); the cores are shared out among them
                     (SCBENCH_THREADS each, unless set), and a run's seconds are measured beside the others
  --retry-failed     re-run failed and timed-out runs (finished runs are always skipped)
  --backend NAME     force the engine backend (tfjs-node-gpu, tfjs-node, wasm-ort, wasm); same as SCBENCH_BACKEND
  --no-report        do not render DIR/index.html at the end
  --default          the default grid: every method (its quick schedule) on the embedded wang_pancreas and two
                     synthetic sets, seed 0; no downloads, no ../shared (what npm start runs)

On a Slurm cluster (README "On a cluster"):
  --executor E       local (default) or slurm: one sbatch job array per resource class plus a collector job that
                     merges DIR/results/ into records.jsonl and renders the report; prints the job ids and returns
  --partition P      the partition to submit to
  --time T           time limit per run: minutes or D-HH:MM:SS (default: the method's hint, else --timeout + 5 min)
  --mem M            memory per run, e.g. 8G (default: the method's hint, else the partition's)
  --cpus-per-task N  cores per run (default: the method's hint, else the partition's)
  --array-limit N    at most N tasks of an array at once (--array=0-…%N)
  --sbatch=OPT       any other sbatch option, e.g. --sbatch=--account=lab (repeatable)
  --wait             block until the collector has ended; exit code as for a local run`,
  report: `Usage: scbench report DIR [--protocol honest|paper] [--out FILE]

Renders DIR/records.jsonl into one self-contained HTML file (default DIR/index.html).`,
  table: `Usage: scbench table DIR [--metric ari] [--format markdown|latex|csv] [--protocol honest|paper]

Prints the mean ± sd table of one metric (acc, nmi, ari, ami, f1, vMeasure; default ari) over DIR/records.jsonl:
methods × datasets, the best non-control method per dataset in bold, the mean rank over datasets in the last
column (controls and semi-supervised methods are not ranked), failures as "failed"/"timeout". --protocol paper tables the epoch picked by ACC
against the labels (only for runs that took snapshots). CSV gives unformatted mean, sd and rank per dataset.`,
  methods: `Usage: scbench methods [--json]`,
  datasets: `Usage: scbench datasets [--json]

Data root: $SCBENCH_DATA, or ../shared/datasets beside the repository.`,
  score: `Usage: scbench score --truth FILE --pred FILE

Each file has one label per line (integers or strings), one line per cell in the same order; a blank line
inside a file is an error (every cell needs a label), blank lines at the end are ignored. Prints one JSON object
of scores.`,
  inspect: `Usage: scbench inspect ID-OR-PATH[:key=value,...]   (keys as in "scbench run --help")

Prints { cells, genes, classes, hasGeneNames, species, valueType, classSizes, emptyCells } as JSON; classSizes maps\neach class name to its number of cells (null for a dataset without labels); emptyCells counts cells whose every\nvalue is 0 (kept as loaded).`,
};
