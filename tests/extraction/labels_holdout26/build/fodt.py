import sys, re, html
sys.path.insert(0,'/work/blind26r/build')
from common import parse, tokens
E=lambda s: html.escape(s, quote=False)
def runs(p,fns,noteid):
    out=''
    for k,t in tokens(p):
        if k=='n': out+=E(t)
        elif k=='i': out+=f'<text:span text:style-name="I">{E(t)}</text:span>'
        else:
            noteid[0]+=1
            lab = f' text:label="{E(k if False else t)}"' if not t.isdigit() else ''
            out+=(f'<text:note text:id="ftn{noteid[0]}" text:note-class="footnote"><text:note-citation{lab}>{E(t)}</text:note-citation>'
                  f'<text:note-body><text:p text:style-name="Footnote">{E(fns.get(t,""))}</text:p></text:note-body></text:note>')
    return out
def build(stem, job, out, shortname):
    h,body,tail,fns=parse(f'/work/blind26r/drafts/{stem}.txt')
    sym=h['SYMBOL']; nid=[0]
    P=[]
    # masthead table
    P.append(f'''<table:table table:name="Mast" table:style-name="MastT"><table:table-column table:style-name="MastA"/><table:table-column table:style-name="MastB"/>
<table:table-row><table:table-cell><text:p text:style-name="UNsmall">United Nations</text:p></table:table-cell><table:table-cell><text:p text:style-name="SymR">{E(sym)}</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell table:style-name="MastCell"><text:p text:style-name="BodyBig">{E(h["BODYNAME"])}</text:p></table:table-cell><table:table-cell table:style-name="MastCell"><text:p text:style-name="Distr">Distr.: {E(h["DISTR"])}</text:p><text:p text:style-name="Distr">{E(h["DATE"])}</text:p><text:p text:style-name="Distr"/><text:p text:style-name="Distr">Original: English</text:p></table:table-cell></table:table-row></table:table>''')
    for k in ('SESSION','SESSDATES','SESSDATES2','COMMITTEE','AGENDA'):
        if k in h: P.append(f'<text:p text:style-name="{"SessB" if k=="SESSION" else "Sess"}">{E(h[k])}</text:p>')
    if 'AGENDATITLE' in h: P.append(f'<text:p text:style-name="SessB">{E(h["AGENDATITLE"])}</text:p>')
    if 'SPONSORS' in h:
        sp=h["SPONSORS"]
        if '*' in sp:
            a,_,b=sp.partition('*')
            sp_x=E(a)+runs('[^*]',fns,nid)+E(b)
        else: sp_x=E(sp)
        P.append(f'<text:p text:style-name="Spons">{sp_x}</text:p>')
    if 'ADOPTED' in h: P.append(f'<text:p text:style-name="Adopted">{E(h["ADOPTED"])}</text:p>')
    if 'REPORTOF' in h: P.append(f'<text:p text:style-name="ReportOf">{E(h["REPORTOF"])}</text:p>')
    P.append(f'<text:p text:style-name="Title">{E(h["TITLE"])}</text:p>')
    P.append(f'<text:p text:style-name="Chapeau"><text:span text:style-name="I">{E(h["CHAPEAU"])}</text:span></text:p>')
    for p in body:
        if re.match(r'^\d+\. ',p):
            n,_,rest=p.partition(' '); P.append(f'<text:p text:style-name="Op">{n}<text:tab/>{runs(rest,fns,nid)}</text:p>')
        elif re.match(r'^\([a-z]+\) ',p):
            n,_,rest=p.partition(' '); P.append(f'<text:p text:style-name="Sub">{n}<text:tab/>{runs(rest,fns,nid)}</text:p>')
        elif p.startswith('“'):
            P.append(f'<text:p text:style-name="Quote">{runs(p,fns,nid)}</text:p>')
        else:
            P.append(f'<text:p text:style-name="Pre">{runs(p,fns,nid)}</text:p>')
    if tail:
        P.append('<text:p text:style-name="Pre"/>')
        for t in tail: P.append(f'<text:p text:style-name="Closing">{E(t)}</text:p>')
    # footnotes not referenced in text (e.g. '*' in sponsors line) -> add at end as note on sponsors
    used=set(re.findall(r'\[\^([^\]]+)\]', open(f'/work/blind26r/drafts/{stem}.txt').read().split('%END')[0]))|({'*'} if '*' in h.get('SPONSORS','') else set())
    extra=[k for k in fns if k not in used]
    for k in extra:
        P.insert(1+0, '')
    P=[x for x in P if x]
    for k in extra:  # attach as a final footnote-styled paragraph
        P.append(f'<text:p text:style-name="Footnote">{E(k)} {E(fns[k])}</text:p>')
    P.append('<text:p text:style-name="Center">______________</text:p>')
    P[0]=P[0]
    first='<text:p text:style-name="FirstPara"/>'
    xml=f'''<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="Times New Roman" svg:font-family="'Times New Roman'" style:font-family-generic="roman"/><style:font-face style:name="Arial" svg:font-family="Arial" style:font-family-generic="swiss"/></office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph"><style:paragraph-properties fo:hyphenation-ladder-count="no-limit"/><style:text-properties style:font-name="Times New Roman" fo:font-size="10pt" fo:language="en" fo:country="GB" fo:hyphenate="false"/></style:default-style>
<style:style style:name="Standard" style:family="paragraph"/>
<style:style style:name="FirstPara" style:family="paragraph" style:master-page-name="First"><style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0cm"/><style:text-properties fo:font-size="2pt"/></style:style>
<style:style style:name="UNsmall" style:family="paragraph"><style:text-properties fo:font-size="10pt"/></style:style>
<style:style style:name="SymR" style:family="paragraph"><style:paragraph-properties fo:text-align="end"/><style:text-properties fo:font-size="16pt" style:font-name="Arial"/></style:style>
<style:style style:name="BodyBig" style:family="paragraph"><style:text-properties fo:font-size="20pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Distr" style:family="paragraph"><style:paragraph-properties fo:margin-left="1.5cm"/></style:style>
<style:style style:name="Sess" style:family="paragraph"><style:paragraph-properties fo:margin-top="0cm"/></style:style>
<style:style style:name="SessB" style:family="paragraph"><style:paragraph-properties fo:margin-top="0.1cm"/><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="Spons" style:family="paragraph"><style:paragraph-properties fo:margin-left="1.25cm" fo:margin-top="0.5cm" fo:margin-bottom="0.3cm"/><style:text-properties fo:font-size="12pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Adopted" style:family="paragraph"><style:paragraph-properties fo:margin-left="1.25cm" fo:margin-top="0.6cm"/><style:text-properties fo:font-size="12pt" fo:font-weight="bold"/></style:style>
<style:style style:name="ReportOf" style:family="paragraph"><style:paragraph-properties fo:margin-left="1.25cm"/><style:text-properties fo:font-style="italic"/></style:style>
<style:style style:name="Title" style:family="paragraph"><style:paragraph-properties fo:margin-left="1.25cm" fo:margin-top="0.4cm" fo:margin-bottom="0.4cm" fo:text-indent="0cm"/><style:text-properties fo:font-size="14pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Chapeau" style:family="paragraph"><style:paragraph-properties fo:margin-left="1.25cm" fo:text-indent="1cm" fo:margin-bottom="0.2cm"/></style:style>
<style:style style:name="Pre" style:family="paragraph"><style:paragraph-properties fo:margin-left="1.25cm" fo:margin-right="0.5cm" fo:text-indent="1cm" fo:margin-bottom="0.2cm" fo:text-align="justify" fo:keep-together="always"/></style:style>
<style:style style:name="Op" style:family="paragraph"><style:paragraph-properties fo:margin-left="1.25cm" fo:margin-right="0.5cm" fo:text-indent="1cm" fo:margin-bottom="0.2cm" fo:text-align="justify" fo:keep-together="always"><style:tab-stops><style:tab-stop style:position="1.75cm"/></style:tab-stops></style:paragraph-properties></style:style>
<style:style style:name="Sub" style:family="paragraph"><style:paragraph-properties fo:margin-left="1.25cm" fo:margin-right="0.5cm" fo:text-indent="1.5cm" fo:margin-bottom="0.2cm" fo:text-align="justify" fo:keep-together="always"><style:tab-stops><style:tab-stop style:position="2.5cm"/></style:tab-stops></style:paragraph-properties></style:style>
<style:style style:name="Quote" style:family="paragraph"><style:paragraph-properties fo:margin-left="2.25cm" fo:margin-right="0.5cm" fo:text-indent="1cm" fo:margin-bottom="0.2cm" fo:text-align="justify" fo:keep-together="always"/></style:style>
<style:style style:name="Closing" style:family="paragraph"><style:paragraph-properties fo:margin-left="1.25cm" fo:text-align="end"/><style:text-properties fo:font-style="italic"/></style:style>
<style:style style:name="Center" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:margin-top="0.5cm"/></style:style>
<style:style style:name="Footnote" style:family="paragraph"><style:paragraph-properties fo:margin-left="1.25cm" fo:text-indent="-0.4cm"/><style:text-properties fo:font-size="8pt"/></style:style>
<style:style style:name="Header" style:family="paragraph"><style:paragraph-properties fo:border-bottom="0.5pt solid #000000" fo:padding-bottom="0.1cm"/><style:text-properties fo:font-size="9pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Footer" style:family="paragraph"><style:text-properties fo:font-size="8pt"/></style:style>
<style:style style:name="FooterR" style:family="paragraph"><style:paragraph-properties fo:text-align="end"/><style:text-properties fo:font-size="9pt" fo:font-weight="bold"/></style:style>
<text:notes-configuration text:note-class="footnote" style:num-format="1" text:start-value="0" text:footnotes-position="page" text:start-numbering-at="document"/>
</office:styles>
<office:automatic-styles>
<style:style style:name="I" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>
<style:style style:name="MastT" style:family="table"><style:table-properties style:width="16.5cm" table:align="left"/></style:style>
<style:style style:name="MastA" style:family="table-column"><style:table-column-properties style:column-width="10.5cm"/></style:style>
<style:style style:name="MastB" style:family="table-column"><style:table-column-properties style:column-width="6cm"/></style:style>
<style:style style:name="MastCell" style:family="table-cell"><style:table-cell-properties fo:border-top="1.5pt solid #000000" fo:border-bottom="0.5pt solid #000000" fo:padding="0.1cm"/></style:style>
<style:page-layout style:name="PL"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2.2cm" fo:margin-right="2.2cm"/><style:header-style><style:header-footer-properties fo:min-height="0.8cm" fo:margin-bottom="0.4cm"/></style:header-style><style:footer-style><style:header-footer-properties fo:min-height="0.8cm" fo:margin-top="0.4cm"/></style:footer-style></style:page-layout>
</office:automatic-styles>
<office:master-styles>
<style:master-page style:name="Standard" style:page-layout-name="PL"><style:header><text:p text:style-name="Header">{E(sym)}</text:p></style:header><style:header-left><text:p text:style-name="Header">{E(sym)}</text:p></style:header-left><style:footer><text:p text:style-name="FooterR"><text:page-number text:select-page="current"/></text:p></style:footer></style:master-page>
<style:master-page style:name="First" style:page-layout-name="PL" style:next-style-name="Standard"><style:footer><text:p text:style-name="Footer">{E(job)}<text:tab/><text:tab/>{E(shortname)}</text:p><text:p text:style-name="Footer">*{E(re.sub(r"[^0-9]","",job))}*</text:p></style:footer></style:master-page>
</office:master-styles>
<office:body><office:text>
{first}
{chr(10).join(P)}
</office:text></office:body></office:document>'''
    open(out,'w',encoding='utf-8').write(xml)
if __name__=='__main__':
    build(*sys.argv[1:5])
