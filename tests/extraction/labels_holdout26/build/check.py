import json, re, subprocess, zipfile, html, os, sys
os.chdir('/work/blind26r')
files={
 'A_HRC_RES_119_12':'texts/A_HRC_RES_119_12.pdf','A_RES_100_187':'texts/A_RES_100_187.pdf','A_HRC_121_L_17':'texts/A_HRC_121_L_17.pdf','S_RES_3261_2046':'texts/S_RES_3261_2046.pdf',
 'A_HRC_RES_122_9':'texts/A_HRC_RES_122_9.docx','A_C_3_101_L_28':'texts/A_C_3_101_L_28.docx','E_CN_6_2046_L_7':'texts/E_CN_6_2046_L_7.docx',
 'A_HRC_DEC_121_103':'texts/A_HRC_DEC_121_103.html','A_RES_100_268':'texts/A_RES_100_268.htm',
 'A_RES_101_145':'texts/A_RES_101_145.md','E_RES_2046_14':'texts/E_RES_2046_14.md','A_HRC_RES_120_4':'texts/A_HRC_RES_120_4.txt'}
json.dump(files,open('files.json','w'),indent=1)
def text(f):
    if f.endswith('.pdf'): t=subprocess.run(['pdftotext','-layout',f,'-'],capture_output=True,text=True).stdout
    elif f.endswith('.docx'):
        x=zipfile.ZipFile(f).read('word/document.xml').decode()
        t='\n'.join(''.join(re.findall(r'<w:t[^>]*>([^<]*)</w:t>',p)) for p in re.findall(r'<w:p[ >].*?</w:p>',x)); t=html.unescape(t)
    elif f.endswith(('.htm','.html')):
        raw=open(f,'rb').read(); enc='cp1252' if b'windows-1252' in raw else 'utf-8'
        t=raw.decode(enc); t=re.sub(r'<style.*?</style>','',t,flags=re.S); t=re.sub(r'<[^>]+>','',t); t=html.unescape(t)
    elif f.endswith('.md'):
        t=open(f).read(); t=re.sub(r'<sup>\d+</sup>','',t); t=t.replace('*','').replace('\\','').replace('\n> ','\n')
    else: t=open(f).read()
    t=re.sub(r'-\n\s*','-',t)
    return re.sub(r'\s+',' ',t.replace('\u00a0',' '))
bad=0
for stem,f in files.items():
    t=text(f); lab=json.load(open(f'labels/{stem}.json')); meta=json.load(open(f'meta/{stem}.json'))
    for s in [x['note'] for x in lab]+[x['words'] for x in meta['not_scored']]:
        s2=re.sub(r'\s+',' ',s)
        if s2 not in t: bad+=1; print('MISSING',stem,'|',s)
    print(stem,f,'ok' if True else '',len(t))
print('missing total',bad)
