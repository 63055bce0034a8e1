import render, subprocess, re, os, sys, itertools, shutil
B='/work/blind25/build'
def pages(pdf):
    t=subprocess.run(['pdftotext',pdf,'-'],capture_output=True,text=True).stdout
    return t.split('\f')
def ns(t):
    t=t.replace('\ufb01','fi').replace('\ufb02','fl').replace('\u00ad','')
    t=re.sub(r'[\s\-‐]+','',t)
    return t.lower()
def cut_ok(pgs, S, core):
    P=[ns(p) for p in pgs]; s=ns(S); c0=s.find(ns(core)); c1=c0+len(ns(core))
    assert c0>=0
    if any(s in p for p in P): return None
    for k in range(len(P)-1):
        best=None
        for c in range(8,len(s)-3):
            if s[:c] in P[k]: best=c
        if best and s[best:] in P[k+1] and c0 < best < c1:
            return (k+1, best)
    return None
def tune(stem, job, targets, grid, **kw):
    """targets: list of (S, core); all must be cut. grid: list of dicts of layout knobs"""
    tmp=f'{B}/tune_{stem}'; shutil.rmtree(tmp,ignore_errors=True); os.makedirs(tmp)
    for chunk in range(0,len(grid),16):
        part=grid[chunk:chunk+16]; files=[]
        for i,g in enumerate(part):
            f=f'{tmp}/v{chunk+i}.fodt'; open(f,'w').write(render.build(stem,job,**{**kw,**g})); files.append(f)
        subprocess.run(['soffice',f'-env:UserInstallation=file:///tmp/lo_{stem}','--headless','--convert-to','pdf','--outdir',tmp]+files,capture_output=True)
        for i,g in enumerate(part):
            pgs=pages(f'{tmp}/v{chunk+i}.pdf')
            res=[cut_ok(pgs,S,core) for S,core in targets]
            if all(res):
                return g, f'{tmp}/v{chunk+i}.fodt', f'{tmp}/v{chunk+i}.pdf', res
    return None
def grid(fs=(11,11.5,12,10.5,12.5), sp=(4,6), top=(1.5,)):
    return [dict(fs=a,sp=b,top=c,extra_before=e) for c in top for a in fs for b in sp for e in range(0,30,2)]
