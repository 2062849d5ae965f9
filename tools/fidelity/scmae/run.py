#!/usr/bin/python3
"""Run the original scMAE (CSUBioGroup/scMAE) on a shared dataset.

Calls main.train() of the snapshot with main.py's settings (batch 256, 100 epochs, lr 1e-3, hidden 128, mask
p 0.4, weights 0.75 / 0.7) on `<data root>/h5/<dataset>.h5` through its own Loader (ceil, filter, size factors,
log1p, 1000 Seurat HVG, scale, gene order by mean, 2-pass truncated-SVD imputation of zeros). The original
evaluates once, at epoch index 80 (k-means, K from the labels, on the eval-mode latent); that is the row's score.
The model saved after the last (100th) epoch is also read out the same way (end_* fields).

    /usr/bin/python3 tools/fidelity/scmae/run.py --src tmp/fidelity-src/CSUBioGroup+scMAE --dataset wang_pancreas --seed 0
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'common'))
import harness  # noqa: E402

p = harness.base_args(__doc__)
p.add_argument('--epochs', type=int, default=100)
p.add_argument('--workdir', default=None)
args = p.parse_args()

torch = harness.setup(args.src)
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from sklearn.cluster import KMeans  # noqa: E402

x_check, y = harness.load_h5(args.dataset)  # for the record's labels (the original reads the same file itself)
sub = 'h5' if os.path.exists(os.path.join(harness.DATA_ROOT, 'h5', args.dataset + '.h5')) else 'h5-counts-only'
workdir = os.path.abspath(args.workdir or os.path.join('tmp', 'fidelity-work', f'scmae-{args.dataset}-{args.seed}'))
os.makedirs(workdir, exist_ok=True)
os.chdir(workdir)
import main as scmae_main  # noqa: E402  (the original's main.py; its __main__ block does not run)
from model import AutoEncoder  # noqa: E402

tee = harness.Tee(sys.stdout)
sys.stdout = tee
clock = harness.Clock()
harness.seed_all(args.seed)
cfg = {'num_workers': 4, 'paths': {'data': os.path.join(harness.DATA_ROOT, sub), 'results': workdir},
       'batch_size': 256, 'data_dim': 1000, 'n_classes': 4, 'epochs': args.epochs, 'dataset': args.dataset,
       'learning_rate': 1e-3, 'latent_dim': 32, 'save_path': workdir}

class SizedLoader(scmae_main.Loader):
    # main.train reads args["data_dim"] (hard-coded 1000) right after building the Loader; with fewer genes than
    # 1000 the original's model would not fit its data, so the loaded gene count is written back first.
    def __init__(self, config, *a, **k):
        super().__init__(config, *a, **k)
        config['data_dim'] = self.train_loader.dataset.data_dim


scmae_main.Loader = SizedLoader
res = scmae_main.train(cfg)
wall = clock()
types = pd.read_csv(os.path.join(workdir, 'types_80.txt'))
y_true, y_pred = types['True'].to_numpy(), types['Pred'].to_numpy()
# read-out after the last epoch, as main.train's evaluation branch does it, on the saved final model
data = SizedLoader(cfg, dataset_name=args.dataset, drop_last=True)
net = AutoEncoder(num_genes=cfg['data_dim'], hidden_size=128,
                  masked_data_weight=0.75, mask_loss_weight=0.7)
net.load_state_dict(torch.load('model_checkpoint.pth')['model'])
latent, labels = scmae_main.inference(net, data.test_loader)
end_pred = KMeans(n_clusters=cfg['n_classes']).fit(latent).labels_
end = harness.scores(labels, end_pred)
sys.stdout = tee.stream
harness.record('scmae', 'CSUBioGroup/scMAE', args.src, args, y_true, y_pred, wall,
               'score = the original evaluation (epoch index 80 of 100)'
               + ('' if cfg['data_dim'] == 1000 else f"; data_dim = {cfg['data_dim']} loaded genes (main.py "
                  'hard-codes 1000, which would not fit)'),
               {'genes': int(cfg['data_dim']), 'cells': int(len(y_true)),
                'epochs': args.epochs, 'original_printed': {k: (round(float(v), 4) if isinstance(v, (int, float, np.floating)) else v)
                                     for k, v in res[0].items()} if res else None,
                'end_acc': end['acc'], 'end_nmi': end['nmi'], 'end_ari': end['ari']})
