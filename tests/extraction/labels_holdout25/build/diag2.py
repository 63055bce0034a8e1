import tune, run_pdfs, os, sys, glob, re
stem=sys.argv[1]
S,core=run_pdfs.SPECS[stem]['targets'][0]
s=tune.ns(S); c0=s.find(tune.ns(core)); c1=c0+len(tune.ns(core))
print(stem,'len',len(s),'core',c0,c1)
for f in sorted(glob.glob(f'tune_{stem}/v*.pdf'), key=lambda x:int(re.findall(r'\d+',x.split('/')[-1])[0])):
    pg=tune.pages(f); P=[tune.ns(p) for p in pg]
    full=any(s in p for p in P)
    out=[]
    for k in range(len(P)-1):
        best=None
        for c in range(8,len(s)-1):
            if s[:c] in P[k]: best=c
        if best: out.append((k, best, s[best:] in P[k+1]))
    print(f.split('/')[-1], 'whole-on-page' if full else out)
