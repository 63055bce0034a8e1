# Renders drafts/*.txt into texts/ (one final format each). Written after the label freeze.
import re, os, json, html, zipfile, textwrap, random
random.seed(24)
D='/work/blind24/drafts'; T='/work/blind24/texts'
SUP=str.maketrans('0123456789*','⁰¹²³⁴⁵⁶⁷⁸⁹*')
def load(stem):
    t=open(f'{D}/{stem}.txt').read()
    body,_,fn=t.partition('\nFootnotes:\n')
    fns=re.findall(r'^\{([\d*]+)\} (.*)$',fn,re.M)
    return body.strip('\n'), fns
def curly(s):
    s=re.sub(r'"(\S)',r'“\1',s); s=s.replace('"','”'); return s
PRE=re.compile(r'^(Reaffirming|Recalling|Taking note|Deeply concerned|Welcoming|Noting|Guided|Concerned|Alarmed|Expressing grave concern|Having considered|Recognizing)( also| further| with appreciation)?')
OP=re.compile(r'^(\d+)\. ((?:Also |Further |Strongly )?[A-Z][a-z]+s(?: upon| for)?)\b')
files={}
# ---------- 1. e-mail, forwarded, > quoted, wrapped at 66 ----------
def email(stem):
    b,fns=load(stem)
    b=b.replace('one hundred and ninth session of the Human Rights Council','one hundred and nin\u00adth session of the Human Rights Council')
    b=b.replace('107/4.','107/4.\u00a0')
    b=re.sub(r'\{(\d+)\}',lambda m:'['+m.group(1)+']',b)
    out=['From: Hana Okafor <h.okafor@example-mission.org>','Sent: Thursday, 10 July 2041 18:42','To: Treaty & Council Follow-up <followup@example-ministry.gov>','Subject: FW: HRC107 - adopted text L.12 water & sanitation (informal settlements)','',
         'Dear colleagues,','','FYI — final text as adopted yesterday, copied from the extranet since ODS is not updated yet. Footnotes at the bottom. Pls log the new reporting requests in the tracker.','','Best,','Hana','',
         '-----Original Message-----','From: HRC Secretariat Extranet <no-reply@example-extranet.org>','Sent: Wednesday, 9 July 2041 21:07','Subject: [HRC107] Adopted resolutions – batch 3','']
    q=[]
    for para in b.split('\n'):
        if not para.strip(): q.append(''); continue
        q+=textwrap.wrap(curly(para),66,break_on_hyphens=False) or ['']
    q+=['','_______________','']+[f'[{n}] {x}' for n,x in fns]
    out+=['> '+l if l else '>' for l in q]
    # zero-width space inside one word
    s='\n'.join(out)+'\n'
    s=s.replace('Special Rapporteur on the human','Special Rapporteur on the\u200b human',1)
    return s
# ---------- plain text with unicode superscripts ----------
def plainsup(stem):
    b,fns=load(stem)
    b=re.sub(r'\{([\d*]+)\}',lambda m:m.group(1).translate(SUP),b)
    b=curly(b).replace('96/211.','96/211.\u00a0')
    b=b.replace(' – ',' — ')
    return b+'\n\n______\n'+'\n'.join(n.translate(SUP)+' '+x for n,x in fns)+'\n'
# ---------- markdown ----------
def md(stem,style):
    b,fns=load(stem); lines=[]
    for para in b.split('\n'):
        p=curly(para)
        if style=='sup': p=re.sub(r'\{([\d*]+)\}',lambda m:m.group(1).translate(SUP),p)
        else: p=re.sub(r'\{([\d*]+)\}',lambda m:'[^'+('r' if m.group(1)=='*' else m.group(1))+']',p)
        m=PRE.match(p)
        if m: p='*'+m.group(0)+'*'+p[m.end():]
        m=OP.match(p)
        if m: p=f'{m.group(1)}. *{m.group(2)}*'+p[m.end():]
        if re.match(r'^\(\w+\) ',p): p='    '+p
        if re.match(r'^\d{3}/\d+\. |^\d{2}/\d+\. ',p): p='## '+p
        if p.startswith('The Human Rights Council,') or p.startswith('The General Assembly,'): p='*'+p[:-1]+'*,'
        lines.append(p)
    s='\n'.join(lines)
    s=s.replace('\n\n','\n\n',)
    if style=='sup':
        head='[Home](https://www.example-ohchr.org/) › [HRC sessions](https://www.example-ohchr.org/hrc/sessions) › 108th session › Resolutions\n\n# Resolution 108/12 — Independent Expert on older persons\n\n*Copied from the web page on 13 October 2041. Unofficial copy; the official version is the one issued in the Official Document System.*\n\n---\n\n'
        s=head+s+'\n\n---\n\n**Notes**\n\n'+'\n'.join(n.translate(SUP)+'\u00a0'+x+'  ' for n,x in fns)+'\n\nShare this page: [Email](#) · [Print](#)\n'
        s=s.replace('Independent Expert on the enjoyment','Independent\u00a0Expert on the enjoyment',1)
    else:
        head='---\ntitle: "A/RES/96/140* – Agricultural technology for sustainable development"\nsource: UN Digital Library record (copied 6 Feb 2042)\n---\n\n> **Note:** Reissued for technical reasons. See footnote.\n\n'
        s=head+s+'\n\n'+'\n'.join('[^'+('r' if n=='*' else n)+']: '+x for n,x in fns)+'\n'
        s=s.replace('\nA/RES/96/140*\n','\nA/RES/96/140[^r]\n',1)
    s=s.replace('\u2013','–')
    return s
# ---------- docx ----------
def esc(s): return html.escape(s,quote=False)
def run(t,it=False,sup_fn=None):
    if sup_fn is not None:
        return f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="{sup_fn}"/></w:r>'
    rp='<w:rPr><w:i/></w:rPr>' if it else ''
    return f'<w:r>{rp}<w:t xml:space="preserve">{esc(t)}</w:t></w:r>'
def docx(stem,split_runs=False):
    b,fns=load(stem); idmap={n:i+1 for i,(n,_) in enumerate(fns)}
    ps=[]
    for para in b.split('\n'):
        p=curly(para)
        its=[]
        m=PRE.match(p) or OP.match(p)
        runs=[]
        if m and PRE.match(p):
            runs.append(run(m.group(0),True)); rest=p[m.end():]
        elif m:
            runs.append(run(m.group(1)+'.\t')); runs.append(run(m.group(2),True)); rest=p[m.end():]
        else: rest=p
        for piece in re.split(r'(\{[\d*]+\})',rest):
            mm=re.fullmatch(r'\{([\d*]+)\}',piece)
            if mm: runs.append(run('',sup_fn=idmap[mm.group(1)])); continue
            if split_runs and len(piece)>40:
                words=piece.split(' '); cut=sorted(random.sample(range(1,len(words)),min(3,len(words)-1)))
                segs=[];prev=0
                for c in cut+[len(words)]: segs.append(' '.join(words[prev:c])+(' ' if c<len(words) else '')); prev=c
                runs+= [run(x) for x in segs if x]
            elif piece: runs.append(run(piece))
        ps.append('<w:p>'+''.join(runs)+'</w:p>')
    W='xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    doc=f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>'+''.join(ps)+'<w:sectPr><w:footnotePr><w:numFmt w:val="decimal"/></w:footnotePr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="720" w:footer="720" w:gutter="0"/></w:sectPr></w:body></w:document>'
    fx=f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
    for n,x in fns:
        fx+=f'<w:footnote w:id="{idmap[n]}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {esc(x)}</w:t></w:r></w:p></w:footnote>'
    fx+='</w:footnotes>'
    st=f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {W}><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:pPr><w:spacing w:after="120"/></w:pPr><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/><w:sz w:val="20"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/><w:basedOn w:val="Normal"/><w:rPr><w:sz w:val="17"/></w:rPr></w:style><w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style></w:styles>'
    ct='<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>'
    rels='<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    drels='<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>'
    path=f'{T}/{stem}.docx'
    with zipfile.ZipFile(path,'w',zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml',ct); z.writestr('_rels/.rels',rels); z.writestr('word/document.xml',doc)
        z.writestr('word/_rels/document.xml.rels',drels); z.writestr('word/footnotes.xml',fx); z.writestr('word/styles.xml',st)
    return path
# ---------- html ----------
def htmlpage(stem,mode):
    b,fns=load(stem); out=[]
    for para in b.split('\n'):
        if not para.strip(): continue
        p=esc(curly(para))
        p=re.sub(r'\{([\d*]+)\}',lambda m:f'<sup><a href="#fn{m.group(1)}" id="r{m.group(1)}">{m.group(1)}</a></sup>',p)
        m=PRE.match(p)
        if m: p='<em>'+m.group(0)+'</em>'+p[m.end():]
        m=OP.match(p)
        if m: p=f'<span class="num">{m.group(1)}.</span> <em>{m.group(2)}</em>'+p[m.end():]
        if mode=='spans':
            # split text nodes across spans at word boundaries and inside some words
            def sp(seg):
                if seg.startswith('<'): return seg
                ws=re.split(r'(\s+)',seg); o=[];buf=''
                for w in ws:
                    buf+=w
                    if random.random()<0.25: o.append(buf); buf=''
                o.append(buf)
                o=[x for x in o if x]
                res=[]
                for x in o:
                    if len(x)>9 and random.random()<0.3:
                        c=random.randint(3,len(x)-3); res+= [x[:c],x[c:]]
                    else: res.append(x)
                return ''.join(f'<span class="c{random.randint(1,4)}">{x}</span>' for x in res)
            p=''.join(sp(x) for x in re.split(r'(<[^>]+>)',p))
        if mode=='nbsp':
            p=re.sub(r'(\d+) (days|March|November|July)',r'\1&nbsp;\2',p)
            p=p.replace('Security Council','Security&nbsp;Council').replace('Human Rights Council','Human&nbsp;Rights&nbsp;Council').replace('one hundred and ninth','one&nbsp;hundred and&nbsp;ninth')
        out.append(f'<p>{p}</p>')
    fn='<hr><ol class="footnotes">'+''.join(f'<li id="fn{n}"><sup>{n}</sup> {esc(x)} <a href="#r{n}">↩</a></li>' for n,x in fns)+'</ol>'
    title=esc(b.split('\n')[1] if stem.startswith('S_') else stem)
    return f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{title}</title><style>body{{font-family:Georgia,serif;max-width:46em;margin:2em auto}} .num{{display:inline-block;width:2em}} sup{{font-size:.7em}}</style></head><body>\n<nav>Home › Documents › Resolutions</nav>\n<main>\n'+'\n'.join(out)+'\n'+fn+'\n</main>\n<footer>Page generated from the document record. © United Nations</footer></body></html>\n'
def pdf(stem,url,stamp):
    h=htmlpage(stem,'plain')
    title={'A_HRC_RES_111_15':'A/HRC/RES/111/15 - Technical assistance and capacity-building for the Republic of Veloria | OHCHR',
           'E_CN.6_2042_L.7':'E/CN.6/2042/L.7 - Rural women and girls and the digital divide - UN Women'}[stem]
    css=('<style>@page{size:A4;margin:18mm 14mm;'
         '@top-left{content:"%s";font:9px Arial}@top-center{content:"%s";font:9px Arial}'
         '@bottom-left{content:"%s";font:9px Arial}@bottom-right{content:counter(page) "/" counter(pages);font:9px Arial}}'
         'body{font-size:19px;line-height:1.55}</style>') % (stamp,title.replace('"',''),url)
    h=h.replace('</head>',css+'</head>').replace('<title>'+stem+'</title>','<title>'+html.escape(title)+'</title>')
    hp=f'/tmp/b24/{stem}.html'; open(hp,'w').write(h)
    out=f'{T}/{stem}.pdf'
    # browser print: header (date/time, page title) and footer (URL, n/N) as a browser prints them
    rc=os.system(f'cd /tmp/b24 && timeout 120 chromium --headless=new --no-sandbox --disable-gpu --no-pdf-header-footer --print-to-pdf="{out}" "file://{hp}" >/tmp/b24/{stem}.log 2>&1')
    return out,rc
if __name__=='__main__':
    import sys
    os.makedirs(T,exist_ok=True)
    open(f'{T}/A_HRC_RES_107_4.txt','w').write(email('A_HRC_RES_107_4')); files['A_HRC_RES_107_4']='texts/A_HRC_RES_107_4.txt'
    open(f'{T}/A_RES_96_211.txt','w').write(plainsup('A_RES_96_211')); files['A_RES_96_211']='texts/A_RES_96_211.txt'
    open(f'{T}/A_HRC_RES_108_12.md','w').write(md('A_HRC_RES_108_12','sup')); files['A_HRC_RES_108_12']='texts/A_HRC_RES_108_12.md'
    open(f'{T}/A_RES_96_140.md','w').write(md('A_RES_96_140','fn')); files['A_RES_96_140']='texts/A_RES_96_140.md'
    docx('A_HRC_RES_109_3'); files['A_HRC_RES_109_3']='texts/A_HRC_RES_109_3.docx'
    docx('A_C.3_96_L.31_Rev.1',split_runs=True); files['A_C.3_96_L.31_Rev.1']='texts/A_C.3_96_L.31_Rev.1.docx'
    docx('E_RES_2042_9',split_runs=True); files['E_RES_2042_9']='texts/E_RES_2042_9.docx'
    open(f'{T}/A_HRC_RES_110_7.html','w').write(htmlpage('A_HRC_RES_110_7','spans')); files['A_HRC_RES_110_7']='texts/A_HRC_RES_110_7.html'
    open(f'{T}/A_RES_97_58.html','w').write(htmlpage('A_RES_97_58','plain')); files['A_RES_97_58']='texts/A_RES_97_58.html'
    open(f'{T}/S_RES_3104_2041.html','w').write(htmlpage('S_RES_3104_2041','nbsp')); files['S_RES_3104_2041']='texts/S_RES_3104_2041.html'
    for s in ('A_HRC_RES_111_15','E_CN.6_2042_L.7'):
        o,rc=pdf(s,*{'A_HRC_RES_111_15':('https://www.example-ohchr.org/en/hr-bodies/hrc/regular-sessions/session111/res-dec-stat','10/10/42, 09:14'),'E_CN.6_2042_L.7':('https://www.example-unwomen.org/en/csw/csw86-2042/resolutions','3/21/42, 16:02')}[s]); print(s,rc); files[s]='texts/'+os.path.basename(o)
    json.dump(files,open('/work/blind24/files.json','w'),indent=1,sort_keys=True)
