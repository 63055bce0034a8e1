import json,re,os,zipfile,html,subprocess
os.chdir('/work/blind30')
files=json.load(open('files.json'))
def text(path):
    if path.endswith('.pdf'): t=subprocess.run(['pdftotext','-layout',path,'-'],capture_output=True,text=True).stdout
    elif path.endswith('.docx'):
        x=zipfile.ZipFile(path).read('word/document.xml').decode()
        x=re.sub(r'</w:p>','\n',x); x=re.sub(r'<w:tab/>',' ',x); t=html.unescape(re.sub(r'<[^>]+>','',x))
    elif path.endswith('.html'):
        x=open(path).read(); x=re.sub(r'<sup>.*?</sup>','',x); t=html.unescape(re.sub(r'<[^>]+>',' ',x))
    elif path.endswith('.md'):
        x=open(path).read(); x=re.sub(r'<sup>.*?</sup>','',x); t=x.replace('*','')
    else: t=open(path).read()
    t=re.sub(r'(?<=[a-z])-[ \t]*\n\s*','-',t)
    return re.sub(r'\s+',' ',t)
bad=0;n=0
for stem,p in files.items():
    t=text(p)
    for r in json.load(open(f'labels/{stem}.json')):
        n+=1
        if re.sub(r'\s+',' ',r['note']) not in t: bad+=1; print('MISSING',stem,r['paragraph'],r['note'][:70])
    for r in json.load(open(f'meta/{stem}.json'))['not_scored']:
        n+=1
        if r['words'] not in t: bad+=1; print('MISSING ns',stem,r['paragraph'],r['words'][:70])
print('checked',n,'missing',bad)
