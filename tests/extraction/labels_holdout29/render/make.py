import render, subprocess, json, os, shutil
B='/work/blind29'
plan={
 'A_HRC_RES_137_4':('pdf','GE.51-11802(E)'),
 'A_RES_106_180':('pdf','51-23417 (E)'),
 'A_HRC_RES_140_9':('pdf','GE.52-10966(E)'),
 'E_CN.6_2052_RES_96_2':('pdf','52-04711 (E)'),
 'A_HRC_RES_138_12':('docx','GE.51-16233(E)'),
 'A_C.3_107_L.33':('docx','52-19204 (E)'),
 'E_RES_2052_14':('docx','52-12650 (E)'),
 'A_HRC_RES_S-45_1':('html','GE.52-07781(E)'),
 'A_RES_107_5':('html','52-15532 (E)'),
 'A_HRC_DEC_139_103':('md','GE.52-05549(E)'),
 'A_HRC_138_L_21':('txt','GE.51-15870(E)'),
 'A_RES_106_251':('pdftxt','52-10318 (E)'),
}
files={}
for stem,(fmt,job) in plan.items():
    if fmt in ('pdf','docx','pdftxt'):
        fo=f'{B}/build/{stem}.fodt'; x=render.fodt(stem,job)
        if stem=='A_RES_106_251': x=x.replace('fo:margin-right="2.5cm"','fo:margin-right="2.3cm"')  # avoids a Secretary-/General line break (rendering fix)
        open(fo,'w',encoding='utf-8').write(x)
        tgt='pdf' if fmt!='docx' else 'docx:MS Word 2007 XML'
        outdir=f'{B}/texts' if fmt!='pdftxt' else f'{B}/build'
        subprocess.run(['soffice','--headless','--convert-to',tgt,'--outdir',outdir,fo],check=True,capture_output=True)
        if fmt=='pdftxt':
            subprocess.run(['pdftotext','-layout',f'{B}/build/{stem}.pdf',f'{B}/texts/{stem}.txt'],check=True)
            files[stem]=f'texts/{stem}.txt'
        else: files[stem]=f'texts/{stem}.{ "pdf" if fmt=="pdf" else "docx"}'
    elif fmt=='html':
        open(f'{B}/texts/{stem}.html','w',encoding='utf-8').write(render.htmlr(stem,job)); files[stem]=f'texts/{stem}.html'
    elif fmt=='md':
        open(f'{B}/texts/{stem}.md','w',encoding='utf-8').write(render.mdr(stem,job)); files[stem]=f'texts/{stem}.md'
    elif fmt=='txt':
        open(f'{B}/texts/{stem}.txt','w',encoding='utf-8').write(render.txtr(stem,job)); files[stem]=f'texts/{stem}.txt'
json.dump(files,open(f'{B}/files.json','w'),indent=1)
