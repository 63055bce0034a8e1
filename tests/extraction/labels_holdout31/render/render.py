import re, os, zipfile, html, sys
D='/work/blind31/drafts'
FN=re.compile(r'(?<=[A-Za-z\);,:])(\d)(?=[,;\s]|$)')
def parse(stem):
    raw=open(f'{D}/{stem}.txt').read()
    body,_,foot=raw.partition('__________________')
    notes={}
    for l in foot.strip().splitlines():
        m=re.match(r'(\d+) (.*)',l)
        if m: notes[m.group(1)]=m.group(2)
    blocks=[b.strip('\n') for b in re.split(r'\n\s*\n',body.strip())]
    mast=[re.split(r'\s{2,}',l.strip()) for l in blocks[0].splitlines()]
    rest=[]
    for b in blocks[1:]:
        for l in (b.splitlines() if re.match(r'^\d+(st|nd|rd|th) plenary',b) or b.startswith(('2055 session','2056 session','Commission','Conference','Economic and Social Commission','Agenda','Item','HUNDRED')) else [' '.join(b.split())]):
            rest.append(l.strip())
    return mast,rest,notes
def kind(p):
    if re.match(r'^"?\d+\. ',p): return 'op'
    if re.match(r'^"?\((?:[a-z]|\d)\) ',p): return 'sub'
    if re.match(r'^"?The [A-Z].*,$',p) and len(p)<120: return 'intro'
    if re.match(r'^(Resolution|Decision) adopted by|^Adopted by the Security Council',p): return 'adopted'
    if p.startswith('[on '): return 'rec'
    if re.match(r'^(\d{4}/\d+|\d+/\d+)\. |^Resolution \d+ \(\d{4}\)$',p): return 'title'
    if re.match(r'^(\d+(st|nd|rd|th) plenary meeting|\w+ plenary meeting,|\d+ \w+ 20\d\d$|A109/VR)',p): return 'close'
    return 'pre'
LEAD_PRE=re.compile(r'^("?(?:(?:Deeply|Gravely|Strongly) [a-z]+|[A-Z][a-z]+(?: also| further| with appreciation| with concern| note| considered)?))')
LEAD_OP=re.compile(r'^("?\d+\. )((?:(?:Also|Further|Strongly) [a-z]+|[A-Z][a-z]+(?: note(?: with appreciation)? of| upon| also)?))')
def split_fn(p,notes,used):
    """yield (text, fnnum or None)"""
    out=[];pos=0
    for m in FN.finditer(p):
        n=m.group(1)
        if n in notes:
            out.append((p[pos:m.start()],None)); out.append(('',n)); pos=m.end()
    out.append((p[pos:],None)); return out

def x(s): return html.escape(s,quote=False)
# ---------------- FODT (for PDF) ----------------
def fodt(stem):
    mast,rest,notes=parse(stem)
    sym=mast[0][1]
    used=set(); P=[]
    def runs(p,lead=None):
        s=''
        if lead:
            m=lead.match(p)
            if m:
                if lead is LEAD_OP:
                    s+=x(m.group(1)).replace('. ','.<text:tab/>',1)+f'<text:span text:style-name="I">{x(m.group(2))}</text:span>'; p=p[m.end():]
                else:
                    s+=f'<text:span text:style-name="I">{x(m.group(1))}</text:span>'; p=p[m.end():]
        for t,n in split_fn(p,notes,used):
            if n is None: s+=x(t)
            elif n in used: s+=f'<text:span text:style-name="Sup">{n}</text:span>'
            else:
                used.add(n)
                s+=f'<text:note text:id="ftn{n}" text:note-class="footnote"><text:note-citation>{n}</text:note-citation><text:note-body><text:p text:style-name="Foot">{x(notes[n])}</text:p></text:note-body></text:note>'
        return s
    # masthead table
    P.append('<table:table table:name="Mast" table:style-name="MastT"><table:table-column table:style-name="MastC1"/><table:table-column table:style-name="MastC2"/>')
    P.append(f'<table:table-row><table:table-cell><text:p text:style-name="UN">{x(mast[0][0])}</text:p></table:table-cell><table:table-cell><text:p text:style-name="SymR">{x(sym)}</text:p></table:table-cell></table:table-row>')
    right=''.join(f'<text:p text:style-name="Distr">{x(r[-1])}</text:p>' for i,r in enumerate(mast) if i>=1 and (len(r)>1 or i>=2))
    P.append(f'<table:table-row><table:table-cell><text:p text:style-name="Organ">{x(mast[1][0])}</text:p></table:table-cell><table:table-cell>{right}</table:table-cell></table:table-row></table:table>')
    inhead=True
    for p in rest:
        k=kind(p)
        if inhead and k not in ('adopted',):
            P.append(f'<text:p text:style-name="Head">{x(p)}</text:p>'); continue
        inhead=False
        if k=='adopted': P.append(f'<text:p text:style-name="HB">{x(p)}</text:p>')
        elif k=='rec': P.append(f'<text:p text:style-name="Rec">{x(p)}</text:p>')
        elif k=='title': P.append(f'<text:p text:style-name="Title">{runs(p).replace(". ",".<text:tab/>",1)}</text:p>')
        elif k=='intro': P.append(f'<text:p text:style-name="Intro">{x(p)}</text:p>')
        elif k=='op': P.append(f'<text:p text:style-name="Op">{runs(p,LEAD_OP)}</text:p>')
        elif k=='sub': P.append(f'<text:p text:style-name="Sub">{x(p[:4]).replace(") ",")<text:tab/>",1)}{runs(p[4:])}</text:p>')
        elif k=='close': P.append(f'<text:p text:style-name="Close">{x(p)}</text:p>')
        else: P.append(f'<text:p text:style-name="Pre">{runs(p,LEAD_PRE)}</text:p>')
    job={'E_RES_2055_14':'55-12408 (E)    020855','CRPD_CSP_2056_DEC_3':'56-09917 (E)    230656','E_ESCAP_RES_112_4':'56-08152 (E)    220556'}[stem]
    doc=f'''<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="Times New Roman" svg:font-family="'Times New Roman'" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"/></office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph"><style:paragraph-properties fo:hyphenation-ladder-count="no-limit"/><style:text-properties style:font-name="Times New Roman" fo:font-size="10pt" fo:language="en" fo:country="GB" fo:hyphenate="false"/></style:default-style>
<style:style style:name="Standard" style:family="paragraph"/>
<style:style style:name="UN" style:family="paragraph"><style:text-properties fo:font-size="10pt"/></style:style>
<style:style style:name="SymR" style:family="paragraph"><style:paragraph-properties fo:text-align="end"/><style:text-properties fo:font-size="17pt"/></style:style>
<style:style style:name="Organ" style:family="paragraph"><style:text-properties fo:font-size="17pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Distr" style:family="paragraph"><style:paragraph-properties fo:margin-left="1.2in"/></style:style>
<style:style style:name="Head" style:family="paragraph"><style:paragraph-properties fo:margin-right="3in"/></style:style>
<style:style style:name="HB" style:family="paragraph"><style:paragraph-properties fo:margin-left="0.5in" fo:margin-top="0.25in" fo:margin-bottom="0.1in"/><style:text-properties fo:font-size="14pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Rec" style:family="paragraph"><style:paragraph-properties fo:margin-left="0.5in" fo:margin-bottom="0.1in"/><style:text-properties fo:font-style="italic"/></style:style>
<style:style style:name="Title" style:family="paragraph"><style:paragraph-properties fo:margin-left="0.5in" fo:text-indent="-0.5in" fo:margin-top="0.1in" fo:margin-bottom="0.15in"><style:tab-stops><style:tab-stop style:position="0in"/></style:tab-stops></style:paragraph-properties><style:text-properties fo:font-size="14pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Intro" style:family="paragraph"><style:paragraph-properties fo:margin-left="0.5in" fo:text-indent="0.5in" fo:margin-bottom="0.08in"/><style:text-properties fo:font-style="italic"/></style:style>
<style:style style:name="Pre" style:family="paragraph"><style:paragraph-properties fo:margin-left="0.5in" fo:text-indent="0.5in" fo:margin-bottom="0.08in" fo:text-align="justify"/></style:style>
<style:style style:name="Op" style:family="paragraph"><style:paragraph-properties fo:margin-left="0.5in" fo:text-indent="0.5in" fo:margin-bottom="0.08in" fo:text-align="justify"><style:tab-stops><style:tab-stop style:position="0.85in"/></style:tab-stops></style:paragraph-properties></style:style>
<style:style style:name="Sub" style:family="paragraph"><style:paragraph-properties fo:margin-left="0.5in" fo:text-indent="0.5in" fo:margin-bottom="0.08in" fo:text-align="justify"><style:tab-stops><style:tab-stop style:position="0.9in"/></style:tab-stops></style:paragraph-properties></style:style>
<style:style style:name="Close" style:family="paragraph"><style:paragraph-properties fo:margin-left="4.5in"/><style:text-properties fo:font-style="italic"/></style:style>
<style:style style:name="Foot" style:family="paragraph"><style:paragraph-properties fo:margin-left="0.5in"/><style:text-properties fo:font-size="8.5pt"/></style:style>
<style:style style:name="Hdr" style:family="paragraph"><style:paragraph-properties fo:text-align="end"/><style:text-properties fo:font-size="8.5pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Ftr" style:family="paragraph"><style:text-properties fo:font-size="8.5pt"/></style:style>
<style:style style:name="I" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>
<style:style style:name="Sup" style:family="text"><style:text-properties style:text-position="super 58%"/></style:style>
<text:notes-configuration text:note-class="footnote" style:num-format="1" text:start-value="0" text:footnotes-position="page" text:start-numbering-at="document"/>
</office:styles>
<office:automatic-styles>
<style:style style:name="MastT" style:family="table"><style:table-properties style:width="6.5in" table:align="left" fo:margin-bottom="0.3in"/></style:style>
<style:style style:name="MastC1" style:family="table-column"><style:table-column-properties style:column-width="3.5in"/></style:style>
<style:style style:name="MastC2" style:family="table-column"><style:table-column-properties style:column-width="3in"/></style:style>
<style:page-layout style:name="PL"><style:page-layout-properties fo:page-width="8.5in" fo:page-height="11in" fo:margin-top="0.5in" fo:margin-bottom="0.5in" fo:margin-left="1in" fo:margin-right="1in"><style:footnote-sep style:width="0.007in" style:rel-width="25%" style:color="#000000" style:line-style="solid" style:adjustment="left" style:distance-before-sep="0.04in" style:distance-after-sep="0.04in"/></style:page-layout-properties><style:header-style><style:header-footer-properties fo:min-height="0.3in"/></style:header-style><style:footer-style><style:header-footer-properties fo:min-height="0.3in"/></style:footer-style></style:page-layout>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="PL"><style:footer><text:p text:style-name="Ftr">{x(job)}<text:tab/><text:tab/>{x(sym)} – page <text:page-number text:select-page="current">1</text:page-number></text:p></style:footer></style:master-page></office:master-styles>
<office:body><office:text>
{chr(10).join(P)}
</office:text></office:body></office:document>'''
    return doc
if __name__=='__main__' and sys.argv[1]=='fodt':
    for stem in sys.argv[2:]:
        open(f'/tmp/blind31_build/{stem}.fodt','w').write(fodt(stem))

# ---------------- DOCX ----------------
W='xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
def r(t,i=False,b=False,sz=None,sup=False,caps=False):
    pr=('<w:i/>' if i else '')+('<w:b/>' if b else '')+(f'<w:sz w:val="{sz}"/>' if sz else '')+('<w:vertAlign w:val="superscript"/>' if sup else '')
    return f'<w:r><w:rPr>{pr}</w:rPr><w:t xml:space="preserve">{x(t)}</w:t></w:r>'
TAB='<w:r><w:tab/></w:r>'
def para(content,ind=None,first=None,jc=None,tabs=(),after=120,keep=False):
    ppr=''
    if tabs: ppr+='<w:tabs>'+''.join(f'<w:tab w:val="{v}" w:pos="{p}"/>' for v,p in tabs)+'</w:tabs>'
    ppr+=f'<w:spacing w:after="{after}" w:line="240" w:lineRule="auto"/>'
    if ind is not None or first is not None: ppr+=f'<w:ind w:left="{ind or 0}"'+(f' w:hanging="{-first}"' if first and first<0 else (f' w:firstLine="{first}"' if first else ''))+'/>'
    if jc: ppr+=f'<w:jc w:val="{jc}"/>'
    return f'<w:p><w:pPr>{ppr}</w:pPr>{content}</w:p>'
def docx(stem,out,wha=False):
    mast,rest,notes=parse(stem)
    used=set(); P=[]; F=[]
    def runs(p,lead=None,caps=False):
        s=''
        if lead:
            m=lead.match(p)
            if m:
                if lead is LEAD_OP:
                    s+=r(m.group(1).rstrip().rstrip())+TAB+r(m.group(2),i=not wha); p=p[m.end():]
                else:
                    s+=r(m.group(1),i=True); p=p[m.end():]
        if wha and lead is None:
            m=re.match(r'^(\d+\. )([A-Z]{3,}(?: [A-Z]{2,})*)',p)
            if m: s+=r(m.group(1).strip())+TAB+r(m.group(2)); p=p[m.end():]
        for t,n in split_fn(p,notes,used):
            if n is None: s+=r(t)
            elif n in used: s+=r(n,sup=True)
            else:
                used.add(n)
                s+=f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="{n}"/></w:r>'
                F.append(f'<w:footnote w:id="{n}"><w:p><w:pPr><w:spacing w:after="0"/><w:ind w:left="1134" w:hanging="200"/></w:pPr><w:r><w:rPr><w:vertAlign w:val="superscript"/><w:sz w:val="17"/></w:rPr><w:footnoteRef/></w:r><w:r><w:rPr><w:sz w:val="17"/></w:rPr><w:t xml:space="preserve"> {x(notes[n])}</w:t></w:r></w:p></w:footnote>')
        return s
    RT=[('right',9638)]
    if wha:
        P.append(para(r(mast[0][0],b=True,sz=28),jc='center',after=240))
    else:
        P.append(para(r(mast[0][0])+TAB+r(mast[0][1],sz=34),tabs=RT,after=0))
        P.append(para(r(mast[1][0],b=True,sz=34)+TAB+r(mast[1][1]),tabs=[('left',6804)],after=0))
        for row in mast[2:]: P.append(para(TAB+r(row[-1]),tabs=[('left',6804)],after=0))
        P.append(para('',after=240))
    inhead=True
    for p in rest:
        k=kind(p)
        cols=re.split(r'\s{2,}',p)
        if wha and len(cols)>1:
            P.append(para(r(cols[0],b=True)+TAB+r(cols[1],b=True),tabs=RT,after=0)); continue
        if inhead and k!='adopted' and not (wha and k=='pre' and not p.isupper() and not p.startswith('Agenda')):
            if wha and k in ('title','intro'): pass
            else:
                P.append(para(r(p),ind=0,after=0) if not wha else para(r(p,b=True),after=240)); continue
        inhead=False
        if k=='adopted': P.append(para(r(p,b=True,sz=28),ind=1134,after=120))
        elif k=='rec': P.append(para(r(p,i=True),ind=1134,after=240))
        elif k=='title': P.append(para(r(p.split('. ',1)[0]+'.',b=True,sz=28)+TAB+r(p.split('. ',1)[1],b=True,sz=28),ind=1134,first=-1134,tabs=[('left',1134)],after=240))
        elif k=='intro': P.append(para(r(p,i=True),ind=1134,first=567))
        elif k=='op': P.append(para(runs(p,None if wha else LEAD_OP),ind=1134,first=567,jc='both',tabs=[('left',1985)]))
        elif k=='sub': P.append(para(r(p[:3] if p[0]=='(' else p[:4])+TAB+runs(p[4:] if p[0]=='(' else p[5:]),ind=1134 if not wha else 1701,first=567,jc='both',tabs=[('left',2041)]))
        elif k=='close': P.append(para(r(p,i=True),ind=1134 if wha else 6237,after=0))
        else: P.append(para(runs(p,None if wha else LEAD_PRE),ind=1134,first=567,jc='both'))
    sect=f'<w:sectPr><w:footnotePr><w:numFmt w:val="decimal"/></w:footnotePr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1077" w:right="1134" w:bottom="1077" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>'
    docxml=f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{"".join(P)}{sect}</w:body></w:document>'
    fn=f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>{"".join(F)}</w:footnotes>'
    styles=f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {W}><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="20"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault><w:pPrDefault/></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style></w:styles>'
    ct='<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>'
    rels='<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>'
    drels='<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>'
    core=f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{x(mast[0][-1])}</dc:title></cp:coreProperties>'
    with zipfile.ZipFile(out,'w',zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml',ct); z.writestr('_rels/.rels',rels); z.writestr('word/_rels/document.xml.rels',drels)
        z.writestr('word/document.xml',docxml); z.writestr('word/styles.xml',styles); z.writestr('word/footnotes.xml',fn); z.writestr('docProps/core.xml',core)
if __name__=='__main__' and sys.argv[1]=='docx':
    docx('E_RES_2056_9','/tmp/blind31_build/E_RES_2056_9.docx')
    docx('WHA109_11','/tmp/blind31_build/WHA109_11.docx',wha=True)

def inline(p,notes,fmt,lead=None):
    s=''
    m=lead.match(p) if lead else None
    if m:
        if lead is LEAD_OP:
            s+=(fmt['esc'](m.group(1))+fmt['it'](m.group(2))); p=p[m.end():]
        else:
            s+=fmt['it'](m.group(1)); p=p[m.end():]
    for t,n in split_fn(p,notes,set()):
        s+=fmt['esc'](t) if n is None else fmt['sup'](n)
    return s
def htmldoc(stem):
    mast,rest,notes=parse(stem)
    e=lambda t: html.escape(t,quote=False)
    fmt=dict(esc=e,it=lambda t:f'<em>{e(t)}</em>',sup=lambda n:f'<sup><a href="#fn{n}" id="fnref{n}">{n}</a></sup>')
    H=[f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>{e(mast[0][1])}</title>\n<style>body{{font-family:"Times New Roman",serif;max-width:46em;margin:2em auto;font-size:11pt}} .mast{{display:flex;justify-content:space-between;border-bottom:3px solid #000}} .organ{{font-size:18pt;font-weight:bold}} .sym{{font-size:18pt}} .distr{{margin-left:60%}} p.pre,p.op{{text-indent:3em;text-align:justify}} p.sub{{margin-left:3em}} h1{{font-size:14pt}} h2{{font-size:13pt;margin-left:3em}} .footnotes{{font-size:9pt;border-top:1px solid #000;margin-top:2em}}</style>\n</head>\n<body>']
    H.append(f'<div class="mast"><div><div>{e(mast[0][0])}</div><div class="organ">{e(mast[1][0])}</div></div><div class="sym">{e(mast[0][1])}</div></div>')
    H.append('<div class="distr">'+'<br>\n'.join(e(r[-1]) for i,r in enumerate(mast) if i>=1 and (len(r)>1 or i>=2))+'</div>')
    inhead=True; H.append('<div class="session">')
    for p in rest:
        k=kind(p)
        if inhead and k!='adopted': H.append(f'<div>{e(p)}</div>'); continue
        if inhead: H.append('</div>'); inhead=False
        if k=='adopted': H.append(f'<h2>{e(p)}</h2>')
        elif k=='title': H.append(f'<h1>{e(p)}</h1>')
        elif k=='intro': H.append(f'<p class="pre"><em>{e(p)}</em></p>')
        elif k=='op': H.append(f'<p class="op">{inline(p,notes,fmt,LEAD_OP)}</p>')
        elif k=='sub': H.append(f'<p class="sub">{inline(p,notes,fmt)}</p>')
        elif k=='close': H.append(f'<p class="close"><em>{e(p)}</em></p>')
        else: H.append(f'<p class="pre">{inline(p,notes,fmt,LEAD_PRE)}</p>')
    H.append('<div class="footnotes"><ol>'+''.join(f'<li id="fn{n}">{e(t)}</li>' for n,t in notes.items())+'</ol></div>\n</body>\n</html>\n')
    return '\n'.join(H)
def mddoc(stem):
    mast,rest,notes=parse(stem)
    fmt=dict(esc=lambda t:t,it=lambda t:f'*{t.strip()}*'+(' ' if t.endswith(' ') else ''),sup=lambda n:f'<sup>{n}</sup>')
    M=['','',f'# {mast[1][0]}','',f'{mast[0][0]} — {mast[0][1]}','']+[f'{r[-1]}  ' for i,r in enumerate(mast) if i>=1 and (len(r)>1 or i>=2)]+['','---','']
    inhead=True
    for p in rest:
        k=kind(p)
        if inhead and k!='adopted':
            M.append(f'**{p}**' if p.startswith('Commission') else p); M.append(''); continue
        inhead=False
        if k=='adopted': M.append(f'## **{p}**')
        elif k=='title': M.append(f'### **{p}**')
        elif k=='intro': M.append(f'*{p}*')
        elif k=='op': M.append(inline(p,notes,fmt,LEAD_OP))
        elif k=='sub': M.append(inline(p,notes,fmt))
        elif k=='close': M.append(f'*{p}*')
        else: M.append(inline(p,notes,fmt,LEAD_PRE))
        M.append('')
    M+=['---','']+[f'<sup>{n}</sup> {t}\n' for n,t in notes.items()]
    return '\n'.join(M)
if __name__=='__main__' and sys.argv[1]=='web':
    open('/tmp/blind31_build/E_CN.6_RES_100_2.html','w').write(htmldoc('E_CN.6_RES_100_2'))
    open('/tmp/blind31_build/E_CN.15_RES_65_3.md','w').write(mddoc('E_CN.15_RES_65_3'))

import textwrap
def txtdoc(stem):
    mast,rest,notes=parse(stem)
    T=[f"{mast[0][0]:<40}{mast[0][1]:>40}", f"{mast[1][0]:<40}{mast[1][1]:>40}"]+[f"{r[-1]:>80}" for r in mast[2:]]+['','']
    for p in rest:
        k=kind(p)
        if k in ('title',): T+=[p.center(80).rstrip(),'']; continue
        if k=='adopted': T+=[p.center(80).rstrip(),'']; continue
        if k=='op':
            n,rest_=p.split(' ',1)
            T+=textwrap.wrap(rest_,80,initial_indent=f"     {n:<5}",subsequent_indent=''); T.append(''); continue
        T+=textwrap.wrap(p,80,initial_indent='     '); T.append('')
    T+=['','_'*20,'']+[f"  {n} {t}" for n,t in notes.items()]+['']
    return '\n'.join(T)
if __name__=='__main__' and sys.argv[1]=='txt':
    open('/tmp/blind31_build/S_RES_4371_2056.txt','w').write(txtdoc('S_RES_4371_2056'))
