import json,subprocess,re,html,os,glob
B='/work/blind29'
files=json.load(open(f'{B}/files.json'))
def text(path):
    p=f'{B}/{path}'
    if p.endswith('.pdf'): return subprocess.run(['pdftotext',p,'-'],capture_output=True,text=True).stdout
    if p.endswith('.docx'):
        os.makedirs('/tmp/b29_chk',exist_ok=True)
        subprocess.run(['soffice','--headless','--convert-to','txt:Text (encoded):UTF8','--outdir','/tmp/b29_chk',p],capture_output=True)
        return open('/tmp/b29_chk/'+os.path.basename(p)[:-5]+'.txt',encoding='utf-8-sig').read()
    t=open(p,encoding='utf-8').read()
    if p.endswith('.html'): t=html.unescape(re.sub(r'<sup>.*?</sup>','',re.sub(r'<(?!/?sup)[^>]+>',' ',t)))
    if p.endswith('.md'): t=re.sub(r'<sup>.*?</sup>','',t).replace('*','')
    return t
def norm(s): return re.sub(r'\s+',' ',s).strip()
bad=0;n=0
for stem,path in files.items():
    t=norm(text(path))
    items=[('L',r['paragraph'],r['note']) for r in json.load(open(f'{B}/labels/{stem}.json'))]
    items+=[('N',r['paragraph'],r['words']) for r in json.load(open(f'{B}/meta/{stem}.json'))['not_scored']]
    for k,para,s in items:
        n+=1
        if norm(s) not in t: bad+=1; print('MISSING',stem,k,para,s[:70])
print('checked',n,'missing',bad)
