import sys, re, html, zipfile
sys.path.insert(0,'/work/blind26r/build')
from common import parse, tokens
E=lambda s: html.escape(s, quote=False)
W='xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
def build(stem, out, auto=False, job='', author='UNOG DCM'):
    h,body,tail,fns=parse(f'/work/blind26r/drafts/{stem}.txt')
    sym=h['SYMBOL']; fnlist=[]
    def run(t,i=False,b=False,sz=None):
        rp=('<w:i/>' if i else '')+('<w:b/>' if b else '')+(f'<w:sz w:val="{sz}"/>' if sz else '')
        return f'<w:r>{"<w:rPr>"+rp+"</w:rPr>" if rp else ""}<w:t xml:space="preserve">{E(t)}</w:t></w:r>'
    def runs(p):
        o=''
        for k,t in tokens(p):
            if k=='n': o+=run(t)
            elif k=='i': o+=run(t,i=True)
            else:
                fnlist.append(fns.get(t,'')); n=len(fnlist)
                o+=f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{n}"/></w:r>'
        return o
    def para(style,content,num=None,jc=None):
        ppr=f'<w:pStyle w:val="{style}"/>'
        if num is not None: ppr+=f'<w:numPr><w:ilvl w:val="{num}"/><w:numId w:val="1"/></w:numPr>'
        if jc: ppr+=f'<w:jc w:val="{jc}"/>'
        return f'<w:p><w:pPr>{ppr}</w:pPr>{content}</w:p>'
    P=[]
    # masthead as table
    def cell(w,content,border=False):
        b='<w:tcBorders><w:top w:val="single" w:sz="12" w:color="000000"/><w:bottom w:val="single" w:sz="4" w:color="000000"/></w:tcBorders>' if border else ''
        return f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/>{b}</w:tcPr>{content}</w:tc>'
    P.append('<w:tbl><w:tblPr><w:tblW w:w="9600" w:type="dxa"/></w:tblPr><w:tblGrid><w:gridCol w:w="6200"/><w:gridCol w:w="3400"/></w:tblGrid>'
      +'<w:tr>'+cell(6200,para('Normal',run('United Nations')))+cell(3400,para('Normal',run(sym,sz=32),jc='right'))+'</w:tr>'
      +'<w:tr>'+cell(6200,para('Normal',run(h['BODYNAME'],b=True,sz=40)),True)+cell(3400,para('Normal',run('Distr.: '+h['DISTR']))+para('Normal',run(h['DATE']))+para('Normal','')+para('Normal',run('Original: English')),True)+'</w:tr></w:tbl>')
    for k in ('SESSION','SESSDATES','SESSDATES2','COMMITTEE','AGENDA'):
        if k in h: P.append(para('Normal',run(h[k],b=(k=='SESSION'))))
    if 'AGENDATITLE' in h: P.append(para('Normal',run(h['AGENDATITLE'],b=True)))
    if 'SPONSORS' in h: P.append(para('HCh',run(h['SPONSORS'])))
    if sym.startswith('S/'):
        P.append(para('H1',run(h['TITLE']))); P.append(para('SingleTxt',run(h['ADOPTED'])))
    else:
        if 'ADOPTED' in h: P.append(para('HCh',run(h['ADOPTED'])))
        if 'REPORTOF' in h: P.append(para('SingleTxt',run(h['REPORTOF'],i=True)))
        P.append(para('H1',run(h['TITLE'])))
    P.append(para('SingleTxt',run(h['CHAPEAU'],i=True)))
    for p in body:
        m=re.match(r'^(\d+\.) (.*)',p); s=re.match(r'^(\([a-z]+\)) (.*)',p)
        if m:
            P.append(para('OpPara',runs(m.group(2)),num=0) if auto else para('SingleTxt',run(m.group(1)+'\t')+runs(m.group(2))))
        elif s:
            P.append(para('SubPara',runs(s.group(2)),num=1) if auto else para('SubPara',run(s.group(1)+'\t')+runs(s.group(2))))
        else:
            P.append(para('SingleTxt',runs(p)))
    for t in tail: P.append(para('Normal',run(t,i=True),jc='right'))
    P.append(para('Normal',run('______________'),jc='center'))
    sect=('<w:sectPr><w:headerReference w:type="default" r:id="rIdH"/><w:footerReference w:type="default" r:id="rIdF"/>'
          '<w:footerReference w:type="first" r:id="rIdF1"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1701" w:right="1247" w:bottom="1701" w:left="1247" w:header="851" w:footer="567" w:gutter="0"/><w:titlePg/></w:sectPr>')
    doc=f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{"".join(P)}{sect}</w:body></w:document>'
    fnx=(f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {W}>'
         '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
         '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>')
    for n,t in enumerate(fnlist,1):
        fnx+=(f'<w:footnote w:id="{n}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
              f'<w:r><w:t xml:space="preserve"> {E(t)}</w:t></w:r></w:p></w:footnote>')
    fnx+='</w:footnotes>'
    hdr=f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr {W}><w:p><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="4" w:color="000000"/></w:pBdr></w:pPr><w:r><w:rPr><w:b/><w:sz w:val="17"/></w:rPr><w:t>{E(sym)}</w:t></w:r></w:p></w:hdr>'
    ftr=f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr {W}><w:p><w:pPr><w:jc w:val="right"/></w:pPr><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:ftr>'
    ftr1=f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr {W}><w:p><w:r><w:rPr><w:sz w:val="16"/></w:rPr><w:t>{E(job)}</w:t></w:r></w:p></w:ftr>'
    styles=f'''<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {W}>
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/><w:sz w:val="20"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="SingleTxt"><w:name w:val="_ Single Txt"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="120" w:line="240" w:lineRule="exact"/><w:ind w:left="1267" w:right="1267" w:firstLine="567"/><w:jc w:val="both"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="OpPara"><w:name w:val="Operative Para"/><w:basedOn w:val="SingleTxt"/></w:style>
<w:style w:type="paragraph" w:styleId="SubPara"><w:name w:val="Sub Para"/><w:basedOn w:val="SingleTxt"/><w:pPr><w:ind w:left="1267" w:firstLine="1134"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="HCh"><w:name w:val="_ H _Ch"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:before="240" w:after="120"/><w:ind w:left="1267"/></w:pPr><w:rPr><w:b/><w:sz w:val="28"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="H1"><w:name w:val="_ H_1"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:before="240" w:after="240"/><w:ind w:left="1267"/></w:pPr><w:rPr><w:b/><w:sz w:val="24"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:left="1267" w:hanging="200"/></w:pPr><w:rPr><w:sz w:val="17"/></w:rPr></w:style>
<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>
</w:styles>'''
    numbering=f'''<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {W}><w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="1267" w:firstLine="567"/></w:pPr></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="1267" w:firstLine="1134"/></w:pPr></w:lvl>
</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'''
    ct=('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
        '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
        '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
        '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
        '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
        '<Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>')
    rels=('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
          '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
          '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>')
    drels=('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
           '<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
           '<Relationship Id="rIdFn" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>'
           '<Relationship Id="rIdN" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>'
           '<Relationship Id="rIdH" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>'
           '<Relationship Id="rIdF" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>'
           '<Relationship Id="rIdF1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer2.xml"/></Relationships>')
    core=(f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
          f'<dc:title>{E(sym)}</dc:title><dc:creator>{E(author)}</dc:creator></cp:coreProperties>')
    with zipfile.ZipFile(out,'w',zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml',ct); z.writestr('_rels/.rels',rels); z.writestr('word/_rels/document.xml.rels',drels)
        z.writestr('word/document.xml',doc); z.writestr('word/styles.xml',styles); z.writestr('word/footnotes.xml',fnx)
        z.writestr('word/numbering.xml',numbering); z.writestr('word/header1.xml',hdr); z.writestr('word/footer1.xml',ftr); z.writestr('word/footer2.xml',ftr1)
        z.writestr('docProps/core.xml',core)
if __name__=='__main__':
    build(sys.argv[1],sys.argv[2],sys.argv[3]=='auto',sys.argv[4])
