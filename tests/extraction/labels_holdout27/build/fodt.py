import sys,re,html
sys.path.insert(0,'/work/blind27/build')
from parse import parse,split_pre,split_op,FN
E=lambda s: html.escape(s,quote=False)
NS='''xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"'''
def styles(auto):
    lst=''
    if auto:
        lst='''<text:list-style style:name="LOper">
<text:list-level-style-number text:level="1" style:num-suffix="." style:num-format="1"><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="2.5cm" fo:text-indent="-1cm" fo:margin-left="2.5cm"/></style:list-level-properties></text:list-level-style-number>
<text:list-level-style-number text:level="2" style:num-prefix="(" style:num-suffix=")" style:num-format="a"><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="3.2cm" fo:text-indent="-0.7cm" fo:margin-left="3.2cm"/></style:list-level-properties></text:list-level-style-number>
</text:list-style>'''
    return f'''<office:font-face-decls><style:font-face style:name="Times New Roman" svg:font-family="&apos;Times New Roman&apos;" style:font-family-generic="roman"/></office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph"><style:paragraph-properties style:tab-stop-distance="1.25cm"/><style:text-properties style:font-name="Times New Roman" fo:font-size="10pt" fo:language="en" fo:country="GB" fo:hyphenate="false"/></style:default-style>
<style:style style:name="Standard" style:family="paragraph" style:class="text"/>
<style:style style:name="Mast1" style:family="paragraph" style:parent-style-name="Standard"><style:text-properties fo:font-size="12pt"/></style:style>
<style:style style:name="Mast2" style:family="paragraph" style:parent-style-name="Standard"><style:text-properties fo:font-size="16pt" fo:font-weight="bold"/></style:style>
<style:style style:name="MastR" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="end"/><style:text-properties fo:font-size="14pt"/></style:style>
<style:style style:name="Distr" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:margin-left="3cm"/></style:style>
<style:style style:name="Head" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:margin-bottom="0.1cm"/></style:style>
<style:style style:name="HeadB" style:family="paragraph" style:parent-style-name="Head"><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="Adopt" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:margin-left="1.5cm" fo:margin-top="0.4cm" fo:margin-bottom="0.1cm"/><style:text-properties fo:font-size="13pt" fo:font-weight="bold"/></style:style>
<style:style style:name="OnRep" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:margin-left="1.5cm" fo:margin-bottom="0.3cm"/><style:text-properties fo:font-style="italic"/></style:style>
<style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:margin-left="1.5cm" fo:margin-top="0.3cm" fo:margin-bottom="0.4cm" fo:keep-with-next="always"/><style:text-properties fo:font-size="13pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Opening" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:margin-left="1.5cm" fo:text-indent="1cm" fo:margin-bottom="0.2cm"/><style:text-properties fo:font-style="italic"/></style:style>
<style:style style:name="Body" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:margin-left="1.5cm" fo:text-indent="1cm" fo:margin-bottom="0.2cm" fo:text-align="justify" fo:line-height="12pt"/></style:style>
<style:style style:name="Oper" style:family="paragraph" style:parent-style-name="Body"><style:paragraph-properties fo:margin-left="1.5cm" fo:text-indent="1cm"><style:tab-stops><style:tab-stop style:position="1.6cm"/></style:tab-stops></style:paragraph-properties></style:style>
<style:style style:name="Sub" style:family="paragraph" style:parent-style-name="Body"><style:paragraph-properties fo:margin-left="1.5cm" fo:text-indent="1.7cm"><style:tab-stops><style:tab-stop style:position="2.4cm"/></style:tab-stops></style:paragraph-properties></style:style>
<style:style style:name="ListP" style:family="paragraph" style:parent-style-name="Body"><style:paragraph-properties fo:text-indent="0cm"/></style:style>
<style:style style:name="Close" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:margin-left="1.5cm" fo:margin-top="0.1cm"/></style:style>
<style:style style:name="Footnote" style:family="paragraph" style:class="extra"><style:paragraph-properties fo:margin-left="1.9cm" fo:text-indent="-0.4cm"/><style:text-properties fo:font-size="8pt"/></style:style>
<style:style style:name="Header" style:family="paragraph" style:class="extra"><style:paragraph-properties fo:border-bottom="0.5pt solid #000000" fo:padding-bottom="0.05cm"><style:tab-stops><style:tab-stop style:position="16.6cm" style:type="right"/></style:tab-stops></style:paragraph-properties><style:text-properties fo:font-size="8pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Footer" style:family="paragraph" style:class="extra"><style:paragraph-properties><style:tab-stops><style:tab-stop style:position="16.6cm" style:type="right"/></style:tab-stops></style:paragraph-properties><style:text-properties fo:font-size="8pt"/></style:style>
<text:notes-configuration text:note-class="footnote" style:num-format="1" text:start-value="0" text:footnotes-position="page" text:start-numbering-at="document"/>
{lst}
</office:styles>
<office:automatic-styles>
<style:page-layout style:name="pm1" style:page-usage="mirrored"><style:page-layout-properties fo:page-width="21.59cm" fo:page-height="27.94cm" fo:margin-top="1.3cm" fo:margin-bottom="1.3cm" fo:margin-left="2.5cm" fo:margin-right="2.5cm"><style:footnote-sep style:width="0.018cm" style:distance-before-sep="0.1cm" style:distance-after-sep="0.1cm" style:line-style="solid" style:adjustment="left" style:rel-width="25%" style:color="#000000"/></style:page-layout-properties><style:header-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-bottom="0.6cm"/></style:header-style><style:footer-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-top="0.4cm"/></style:footer-style></style:page-layout>
<style:style style:name="T_i" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>
<style:style style:name="T_b" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="T_sup" style:family="text"><style:text-properties style:text-position="super 58%"/></style:style>
<style:style style:name="P_first" style:family="paragraph" style:parent-style-name="Mast1" style:master-page-name="FirstPage"/>
<style:style style:name="Tbl" style:family="table" style:master-page-name="FirstPage"><style:table-properties style:width="16.6cm" table:align="left" fo:border-bottom="1.5pt solid #000000"/></style:style>
<style:style style:name="TblA" style:family="table-column"><style:table-column-properties style:column-width="9cm"/></style:style>
<style:style style:name="TblB" style:family="table-column"><style:table-column-properties style:column-width="7.6cm"/></style:style>
</office:automatic-styles>'''

def inline(t,fn):
    out=[];pos=0
    for m in FN.finditer(t):
        out.append(E(t[pos:m.start()])); n=m.group(1)
        out.append(f'<text:note text:id="ftn{n}" text:note-class="footnote"><text:note-citation>{n}</text:note-citation><text:note-body><text:p text:style-name="Footnote">{E(fn[n])}</text:p></text:note-body></text:note>')
        pos=m.end()
    out.append(E(t[pos:])); return ''.join(out)

def build(path,out,auto=False,job='00-00000 (E)'):
    d=parse(path); m=d['meta']; fn=d['fn']
    sym=m['symbol']; running=m['title'].split('. ',1)[-1] if re.match(r'^[\d/…\.]+\. ',m['title']) else m['title']
    mast_body=m['body'] if m['body'] in ('Economic and Social Council','Security Council') else 'General Assembly'
    distr=f"Distr.: {m['distr']}<text:line-break/>{E(m['date'])}"
    if 'original' in m: distr+=f"<text:line-break/><text:line-break/>{E(m['original'])}"
    b=[]
    b.append(f'<table:table table:name="Mast" table:style-name="Tbl"><table:table-column table:style-name="TblA"/><table:table-column table:style-name="TblB"/>'
             f'<table:table-row><table:table-cell office:value-type="string"><text:p text:style-name="P_first">United Nations</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p text:style-name="MastR">{E(sym)}</text:p></table:table-cell></table:table-row>'
             f'<table:table-row><table:table-cell office:value-type="string"><text:p text:style-name="Mast2">{E(mast_body)}</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p text:style-name="Distr">{distr}</text:p></table:table-cell></table:table-row></table:table>')
    b.append('<text:p text:style-name="Head"/>')
    if m['body']=='Human Rights Council': b.append(f'<text:p text:style-name="HeadB">Human Rights Council</text:p>')
    if 'session' in m: b.append(f'<text:p text:style-name="HeadB">{E(m["session"])}</text:p>')
    if 'dates' in m: b.append(f'<text:p text:style-name="Head">{E(m["dates"])}</text:p>')
    if 'committee' in m: b.append(f'<text:p text:style-name="Head">{E(m["committee"])}</text:p>')
    if 'agenda' in m: b.append(f'<text:p text:style-name="Head">{E(m["agenda"])}</text:p>')
    if 'agendatitle' in m: b.append(f'<text:p text:style-name="HeadB">{E(m["agendatitle"])}</text:p>')
    if 'sponsors' in m: b.append(f'<text:p text:style-name="Adopt">{E(m["sponsors"])}</text:p>')
    if 'adopted' in m: b.append(f'<text:p text:style-name="Adopt">{E(m["adopted"])}</text:p>')
    if 'onreport' in m: b.append(f'<text:p text:style-name="OnRep">{E(m["onreport"])}</text:p>')
    title=m['title']
    if m['symbol'].startswith('A/HRC/') and '/L.' in m['symbol']: title=m['session'].split()[0]+'/… '+title if False else '127/…\u2002'+title
    b.append(f'<text:p text:style-name="Title">{E(title)}</text:p>')
    b.append(f'<text:p text:style-name="Opening">{E(m["opening"])}</text:p>')
    for p in d['pre']:
        a,r=split_pre(p); b.append(f'<text:p text:style-name="Body"><text:span text:style-name="T_i">{E(a)}</text:span>{inline(r,fn)}</text:p>')
    if auto:
        b.append('<text:list text:style-name="LOper">')
        for o in d['ops']:
            a,r=split_op(o['t'])
            b.append(f'<text:list-item><text:p text:style-name="ListP"><text:span text:style-name="T_i">{E(a)}</text:span>{inline(r,fn)}</text:p>')
            if o['subs']:
                b.append('<text:list>')
                for s in o['subs']: b.append(f'<text:list-item><text:p text:style-name="ListP">{inline(s["t"],fn)}</text:p></text:list-item>')
                b.append('</text:list>')
            b.append('</text:list-item>')
        b.append('</text:list>')
    else:
        for o in d['ops']:
            a,r=split_op(o['t'])
            b.append(f'<text:p text:style-name="Oper">{o["n"]}.<text:tab/><text:span text:style-name="T_i">{E(a)}</text:span>{inline(r,fn)}</text:p>')
            for s in o['subs']: b.append(f'<text:p text:style-name="Sub">{s["l"]}<text:tab/>{inline(s["t"],fn)}</text:p>')
    if d['close']:
        b.append('<text:p text:style-name="Close"/>')
        for c in d['close']: b.append(f'<text:p text:style-name="Close">{E(c)}</text:p>')
    for n in d['notes']: b.append(f'<text:p text:style-name="Footnote">{E(n)}</text:p>')
    b.append('<text:p text:style-name="Close"/><text:p text:style-name="Close">______________</text:p>' if not d['close'] else '')
    pn='<text:page-number text:select-page="current">1</text:page-number>'
    ms=f'''<office:master-styles>
<style:master-page style:name="FirstPage" style:page-layout-name="pm1" style:next-style-name="Standard"><style:footer><text:p text:style-name="Footer">{E(job)}<text:line-break/><text:span text:style-name="T_b">*{E(job.split()[0].replace('-',''))}*</text:span><text:tab/>Please recycle</text:p></style:footer></style:master-page>
<style:master-page style:name="Standard" style:page-layout-name="pm1">
<style:header><text:p text:style-name="Header">{E(running)}<text:tab/>{E(sym)}</text:p></style:header>
<style:header-left><text:p text:style-name="Header">{E(sym)}<text:tab/>{E(running)}</text:p></style:header-left>
<style:footer><text:p text:style-name="Footer">{E(job)}<text:tab/>{pn}</text:p></style:footer>
<style:footer-left><text:p text:style-name="Footer">{pn}<text:tab/>{E(job)}</text:p></style:footer-left>
</style:master-page></office:master-styles>'''
    doc=f'''<?xml version="1.0" encoding="UTF-8"?>
<office:document {NS} office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta><dc:title>{E(sym)}</dc:title><meta:initial-creator>United Nations</meta:initial-creator></office:meta>
{styles(auto)}
{ms}
<office:body><office:text>
{chr(10).join(b)}
</office:text></office:body></office:document>'''
    open(out,'w',encoding='utf-8').write(doc)
if __name__=='__main__':
    build(sys.argv[1],sys.argv[2],auto=(sys.argv[3]=='auto'),job=sys.argv[4])
