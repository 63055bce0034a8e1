import json,re,glob,os
def norm(s): return re.sub(r'\s+',' ',s).strip()
bad=0
for f in sorted(glob.glob('labels/*.json')):
    stem=os.path.basename(f)[:-5]
    t=open(f'drafts/{stem}.txt').read()
    t=re.sub(r'\[\^\d+\]','',t); t=t.replace('~~','').replace('**','').replace('*','').replace('|',' ')
    t=norm(t)
    items=[('label',x['note']) for x in json.load(open(f))]+[('ns',x['words']) for x in json.load(open(f'meta/{stem}.json'))['not_scored']]
    for k,n in items:
        if norm(n) not in t: print('MISSING',stem,k,n); bad+=1
print('bad',bad)
