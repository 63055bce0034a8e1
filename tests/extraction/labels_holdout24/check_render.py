# Checks every label note and not_scored words string against the rendered file's text.
import json, re, zipfile, subprocess, html
F=json.load(open('files.json'))
SUPD='⁰¹²³⁴⁵⁶⁷⁸⁹'
def extract(p):
    if p.endswith('.pdf'): return subprocess.run(['pdftotext',p,'-'],capture_output=True,text=True).stdout
    if p.endswith('.docx'):
        z=zipfile.ZipFile(p); x=z.read('word/document.xml').decode()
        x=re.sub(r'<w:footnoteReference[^>]*/>','',x)
        x=x.replace('</w:p>','\n'); x=re.sub(r'<w:tab/>','\t',x)
        return html.unescape(re.sub(r'<[^>]+>','',x))
    t=open(p).read()
    if p.endswith('.html'):
        t=re.sub(r'<sup>.*?</sup>','',t); t=t.replace('</p>','\n'); t=html.unescape(re.sub(r'<[^>]+>','',t))
    return t
def norm(t,kind):
    t=t.replace('\u00ad','').replace('\u200b','').replace('\u00a0',' ')
    if kind=='txt': t=re.sub(r'^> ?','',t,flags=re.M); t=re.sub(r'\[\d+\]','',t)
    if kind=='md': t=re.sub(r'\[\^\w+\]','',t); t=t.replace('*','')
    t=re.sub('['+SUPD+']+','',t)
    t=re.sub(r'-[ \t]*\n\s*','-',t)  # pdf line breaks after hyphen
    return re.sub(r'\s+',' ',t)
tot=raw=ok=0
for stem,p in sorted(F.items()):
    t=extract(p); kind=p.rsplit('.',1)[1]; n=norm(t,kind)
    strs=[x['note'] for x in json.load(open(f'labels/{stem}.json'))]+[x['words'] for x in json.load(open(f'meta/{stem}.json'))['not_scored']]
    for s in strs:
        tot+=1; r=s in t; o=s in n; raw+=r; ok+=o
        if not o: print('MISSING',stem,'|',s)
    print(f'{stem:24s} {p:34s} strings={len(strs)}')
print(f'total {tot}, found raw {raw}, found after normalization {ok}')
