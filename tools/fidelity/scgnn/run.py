#!/usr/bin/python3
"""Run the original scGNN (juexinwang/scGNN) on a shared dataset.

Writes `<dataset>` as the genes × cells CSV the original reads, runs the snapshot's own PreprocessingscGNN.py on it
(genes non-zero in 1% of cells, cells non-zero in 1% of genes, 2000 genes of largest variance, log(x+1)), then its
scGNN.py with its defaults and the benchmark's clustering options: `--useGAEembedding --clustering-method KMeans
--n-clusters K` (K = number of labels), `--regulized-type noregu` (LTMG is an R package, not available), CPU, one
thread, `--seed` for torch (numpy is seeded 42 by the original's gae_embedding.py at import, KMeans random_state 0).
The row's score is the `_results.txt` the original writes (its last EM iteration's clusters); cells the original's
filter dropped are left out of the score (listed in the row). Both scripts run unmodified through runpy.

    /usr/bin/python3 tools/fidelity/scgnn/run.py --src tmp/fidelity-src/juexinwang+scGNN --dataset wang_pancreas --expm1 --seed 0
"""
import os
import runpy
import sys
import types

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'common'))
import harness  # noqa: E402
import tqdm as real_tqdm  # noqa: E402,F401  (the original calls tqdm.write; the shared shim only has trange)

p = harness.base_args(__doc__)
p.add_argument('--expm1', action='store_true', help='expm1 of the stored values first (what scbench reads for log-normalised data)')
p.add_argument('--extra', default='', help='further scGNN.py options, e.g. "--EM-iteration 2 --quickmode"')
p.add_argument('--workdir', default=None)
args = p.parse_args()

torch = harness.setup(args.src)
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

# Plotting modules benchmark_util.py and clustering_metric.py import and the clustering path never calls.
import matplotlib  # noqa: E402  (the shared stub)
matplotlib.use = lambda *a, **k: None
for name in ('matplotlib.cm', 'mpl_toolkits', 'mpl_toolkits.mplot3d'):
    sys.modules[name] = types.ModuleType(name)
sys.modules['mpl_toolkits.mplot3d'].Axes3D = object

x, y = harness.load_h5(args.dataset)
if args.expm1:
    x = np.expm1(x)
k = int(len(np.unique(y)))
workdir = os.path.abspath(args.workdir or os.path.join('tmp', 'fidelity-work', f'scgnn-{args.dataset}-{args.seed}'))
os.makedirs(os.path.join(workdir, 'data'), exist_ok=True)
cells = [f'c{i}' for i in range(x.shape[0])]
pd.DataFrame(x.T, index=[f'g{j}' for j in range(x.shape[1])], columns=cells).to_csv(os.path.join(workdir, 'data', 'raw.csv'))
os.chdir(workdir)

clock = harness.Clock()
sys.argv = ['PreprocessingscGNN.py', '--datasetName', 'raw.csv', '--datasetDir', 'data/', '--LTMGDir', 'data/',
            '--filetype', 'CSV', '--geneSelectnum', '2000']
runpy.run_path(os.path.join(harness.SRC, 'PreprocessingscGNN.py'), run_name='__main__')
preprocess_s = clock()  # reading the CSV and selecting genes: inside the wall time (the original's own loading)
sys.argv = ['scGNN.py', '--datasetName', 'data', '--datasetDir', './', '--LTMGDir', './', '--outputDir', 'out/',
            '--nonsparseMode', '--no-cuda', '--seed', str(args.seed), '--useGAEembedding', '--clustering-method', 'KMeans',
            '--n-clusters', str(k), '--regulized-type', 'noregu', *args.extra.split()]
tee = harness.Tee(sys.stdout)
sys.stdout = tee
runpy.run_path(os.path.join(harness.SRC, 'scGNN.py'), run_name='__main__')
sys.stdout = tee.stream
wall = clock()

res = pd.read_csv(os.path.join(workdir, 'out', 'data_results.txt'), index_col=0)
kept = [int(c[1:]) for c in res.index]
dropped = sorted(set(range(len(cells))) - set(kept))
text = tee.text()
iterations = text.count('th iteration in EM Finished') + (1 if 'Converge now!' in text else 0)
harness.record('scgnn', 'juexinwang/scGNN', args.src, args, y[kept], res['Celltype'].to_numpy(), wall,
               f"scGNN.py defaults, --useGAEembedding --clustering-method KMeans --n-clusters {k}, noregu"
               + (', expm1 input' if args.expm1 else '') + (f', {args.extra}' if args.extra else ''),
               {'em_iterations': iterations, 'converged': 'Converge now!' in text, 'cells_dropped': len(dropped),
                'preprocess_s': round(preprocess_s, 1)})
