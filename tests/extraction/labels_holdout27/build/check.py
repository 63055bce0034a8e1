import json,re,subprocess,html,zipfile,os
os.chdir('/work/blind27')
files=json.load(open('files.json'))
def text(p):
    if p.endswith('.pdf'): t=subprocess.run(['pdftotext',p,'-'],capture_output=True,text=True).stdout
    elif p.endswith('.docx'):
        x=zipfile.ZipFile(p).read('word/document.xml').decode()
        x=re.sub(r'<w:footnoteReference[^>]*/>','',x); x=re.sub(r'</w:p>','\n',x); x=re.sub(r'<w:tab/>','\t',x); t=html.unescape(re.sub(r'<[^>]+>','',x))
    elif p.endswith(('.html','.htm')):
        raw=open(p,encoding='utf-8' if p.endswith('.html') else 'cp1252').read()
        raw=re.sub(r'<!\[if !supportFootnotes\]>.*?<!\[endif\]>','',raw,flags=re.S)
        raw=re.sub(r'<sup>.*?</sup>','',raw); t=html.unescape(re.sub(r'<[^>]+>','',raw))
    elif p.endswith('.md'):
        t=open(p).read(); t=re.sub(r'<sup>\d+</sup>','',t).replace('*','')
    else: t=open(p).read()
    return re.sub(r'\s+',' ',t)
bad=0
for stem,p in files.items():
    t=text(p)
    ws=[r['note'] for r in json.load(open(f'labels/{stem}.json'))]+[n['words'] for n in json.load(open(f'meta/{stem}.json'))['not_scored']]
    miss=[w for w in ws if re.sub(r'\s+',' ',w) not in t]
    bad+=len(miss); print(stem,p,len(ws),'missing',len(miss)); [print('   ',w) for w in miss]
print('TOTAL missing',bad)
