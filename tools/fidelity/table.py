#!/usr/bin/python3
"""Render results.jsonl as the README's tables: one row per run, then mean (sd) per method x dataset.

    /usr/bin/python3 tools/fidelity/table.py
"""
import json
import os
from collections import defaultdict

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rows = [json.loads(line) for line in open(os.path.join(HERE, 'results.jsonl')) if line.strip()]


def best(r):
    for k in ('best_printed_ari', 'end_ari'):
        if r.get(k) is not None:
            return ('%.4f' % r[k]) + ('' if k == 'best_printed_ari' else ' (end)')
    return '–'


print('| method | original @ commit | dataset | seed | ACC | NMI | ARI | best-epoch ARI (printed) | K found | wall s '
      '| peak RSS MB | notes |')
print('|---|---|---|---|---|---|---|---|---|---|---|---|')
for r in rows:
    extra = []
    if 'eval90_ari' in r:
        extra.append(f"script's 90 % cells: ARI {r['eval90_ari']}")
    if 'end_ari' in r:
        extra.append(f"after epoch 100: {r['end_acc']} / {r['end_nmi']} / {r['end_ari']}")
    if r.get('init_leiden_ari') is not None:
        extra.append(f"Leiden init ARI {r['init_leiden_ari']}")
    note = '; '.join(x for x in [r.get('notes', '')] + extra if x)
    print(f"| {r['method']} | {r['repo']} @ {r['commit'][:7]} | {r['dataset']} ({r.get('cells')}×{r.get('genes')}) "
          f"| {r['seed']} | {r['acc']:.4f} | {r['nmi']:.4f} | {r['ari']:.4f} | "
          f"{'–' if r.get('best_printed_ari') is None else '%.4f' % r['best_printed_ari']} | {r['k_found']} | "
          f"{r['wall_s']:.0f} | {r['peak_rss_mb']:.0f} | {note} |")
print()
groups = defaultdict(list)
for r in rows:
    tag = ' (expm1 input)' if 'input expm1' in r.get('notes', '') else ''
    if '--quickmode' in r.get('notes', ''):
        tag += ' (demo schedule)'  # scGNN's README schedule, kept apart from its defaults
    groups[(r['method'], r['dataset'] + tag)].append(r)
print('| method | dataset | seeds | ACC mean (sd) | NMI mean (sd) | ARI mean (sd) | wall s mean |')
print('|---|---|---|---|---|---|---|')
for (m, d), rs in groups.items():
    def ms(k):
        v = np.array([r[k] for r in rs], float)
        return f'{v.mean():.3f} ({v.std(ddof=1) if len(v) > 1 else 0:.3f})'
    print(f"| {m} | {d} | {','.join(str(r['seed']) for r in rs)} | {ms('acc')} | {ms('nmi')} | {ms('ari')} | "
          f"{np.mean([r['wall_s'] for r in rs]):.0f} |")
