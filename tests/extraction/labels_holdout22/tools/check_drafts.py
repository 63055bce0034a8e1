# Check labels against the drafts (paragraph-aware). No project code involved.
import json, re, glob, os, sys
sys.path.insert(0, os.path.dirname(__file__))
from labels_handwritten import DOCS
def paras(stem):
    t = open(f'drafts/{stem}.txt', encoding='utf-8').read()
    body = t.split('===')[1]
    out = {}; cur = None
    for blk in body.strip().split('\n\n'):
        blk = re.sub(r'\[\^\d+\]', '', blk.strip())
        m = re.match(r'^(\d+)\.\s', blk); n = re.match(r'^\(([a-z])\)\s', blk)
        if m: cur = m.group(1); out[cur] = blk
        elif n and cur: out[f'{cur}({n.group(1)})'] = blk; out[cur] += ' ' + blk
    return out
bad = 0
for stem, d in DOCS.items():
    P = paras(stem)
    for r in d['rows']:
        if r['note'] not in P.get(r['paragraph'], ''): print('ROW', stem, r['paragraph'], r['note'][:60]); bad += 1
    for n in d['not_scored']:
        if n['words'] not in P.get(n['paragraph'], ''): print('NS', stem, n['paragraph'], n['words'][:60]); bad += 1
print('bad', bad)
