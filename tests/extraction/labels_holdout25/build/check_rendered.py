# Check that every label note and not_scored words string appears in the rendered file.
import json, re, subprocess, zipfile, html, sys, os
R='/work/blind25'
def ns(t):
    t=t.replace('\ufb01','fi').replace('\ufb02','fl').replace('\u00ad','')
    return re.sub(r'[\s\-‐–]+','',t).lower().replace('“','"').replace('”','"')
def furniture_free(lines, stem):
    meta=json.load(open(f'{R}/meta/{stem}.json'))
    sym=meta['symbol']
    draft=open(f'{R}/drafts/{stem}.txt').read()
    fns=re.findall(r'^\[\^(\d+)\]: (.*)$', draft, re.M)
    out=[]
    for l in lines:
        s=l.strip()
        if not s: continue
        if s==meta['title'] or s==sym or s=='Please recycle' or re.match(r'^(GE\.)?\d\d-\d{5}(\(E\))?$',s) or re.match(r'^\d{1,3}(/\d{1,3})?$',s) or re.match(r'^\*\d+\*$',s): continue
        if any(ns(s) and ns(s) in ns(n+t) for n,t in fns) and re.match(r'^\d',s): continue
        out.append(s)
    return out
def text_of(stem, path):
    if path.endswith('.pdf'):
        raw=subprocess.run(['pdftotext',path,'-'],capture_output=True,text=True).stdout
        lines=raw.split('\n')
        return raw, '\n'.join(furniture_free(lines, stem))
    if path.endswith('.docx'):
        z=zipfile.ZipFile(path); d=z.read('word/document.xml').decode()
        paras=[''.join(re.findall(r'<w:t[^>]*>([^<]*)</w:t>',p)) for p in re.findall(r'<w:p[ >].*?</w:p>',d)]
        t=html.unescape('\n'.join(paras)); return t,t
    if path.endswith('.html'):
        d=open(path).read(); d=re.sub(r'<span class="ln">\d+</span>','',d); d=re.sub(r'<[^>]+>',' ',d); t=html.unescape(d); return t,t
def toks(t):
    t=t.replace('\ufb01','fi').replace('\ufb02','fl')
    t=re.sub(r'-\s*\n\s*','',t)
    return re.findall(r'[a-z0-9]+', t.lower())
def subseq(n, text, slack=3):
    a=ns(n); b=ns(text)
    for i in range(len(b)):
        if b[i]!=a[0]: continue
        j=0; k=i
        while k<len(b) and j<len(a) and k-i<=slack*len(a):
            if b[k]==a[j]: j+=1
            k+=1
        if j==len(a) and toks(n)[0] in toks(b[i:i+len(toks(n)[0])+2]+' ') or j==len(a): return True
    return False
def _old_subseq(n, text, slack=4):
    a=toks(n); b=toks(text)
    for i,w in enumerate(b):
        if w!=a[0]: continue
        j=0; k=i
        while k<len(b) and j<len(a) and k-i<=slack*len(a):
            if b[k]==a[j]: j+=1
            k+=1
        if j==len(a): return True
    return False
def main():
    files=json.load(open(f'{R}/files.json'))
    bad=0; report={}
    for stem,rel in files.items():
        direct,clean=text_of(stem, f'{R}/{rel}')
        D=ns(direct); C=ns(clean)
        items=[('label',x['paragraph'],x['note']) for x in json.load(open(f'{R}/labels/{stem}.json'))]+[('not_scored',x['paragraph'],x['words']) for x in json.load(open(f'{R}/meta/{stem}.json'))['not_scored']]
        rep=[]
        for kind,p,n in items:
            if ns(n) in D: st='ok'
            elif ns(n) in C: st='ok-across-furniture'
            elif re.sub(r'\d','',ns(n)) in re.sub(r'\d','',C): st='ok-across-furniture(page number glued)'
            elif subseq(n, clean): st='ok-words-in-order(table cells interleaved)'
            else: st='MISSING'; bad+=1
            rep.append((kind,p,st,n[:70]))
        report[stem]=rep
    for stem,rep in report.items():
        for r in rep:
            if r[2]!='ok': print(stem,*r)
    print('missing:',bad)
    json.dump(report, open(f'{R}/build/check_report.json','w'), indent=1, ensure_ascii=False)
    return bad
if __name__=='__main__': sys.exit(1 if main() else 0)
