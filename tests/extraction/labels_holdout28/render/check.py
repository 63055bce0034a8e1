import json,glob,os,re,subprocess,html,zipfile
ROOT='/work/blind28'
def text(path):
    if path.endswith('.pdf'): t=subprocess.run(['pdftotext','-layout',path,'-'],capture_output=True,text=True).stdout
    elif path.endswith('.docx'):
        x=zipfile.ZipFile(path).read('word/document.xml').decode()
        x+=zipfile.ZipFile(path).read('word/footnotes.xml').decode() if 'word/footnotes.xml' in zipfile.ZipFile(path).namelist() else ''
        x=re.sub(r'</w:p>','\n',x); x=re.sub(r'<w:tab/>','\t',x); t=html.unescape(re.sub(r'<[^>]+>','',x))
    elif path.endswith('.html'): t=html.unescape(re.sub(r'<[^>]+>','',open(path).read()))
    elif path.endswith('.md'): t=re.sub(r'[*\\]','',open(path).read())
    else: t=open(path).read()
    t=t.replace('\u00ad','')
    t=re.sub(r'-\s*\n\s*','-',t)
    return re.sub(r'\s+',' ',t)
files=json.load(open(f'{ROOT}/files.json')); bad=0
for S,f in files.items():
    t=text(f'{ROOT}/{f}')
    items=[r['note'] for r in json.load(open(f'{ROOT}/labels/{S}.json'))]+[n['words'] for n in json.load(open(f'{ROOT}/meta/{S}.json'))['not_scored']]
    for w in items:
        if w not in t: bad+=1; print('MISSING',S,f,'|',w)
print('missing:',bad)
