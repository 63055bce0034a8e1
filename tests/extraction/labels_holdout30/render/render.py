import re, os, sys, html, json
os.chdir('/work/blind30')
from xml.sax.saxutils import escape as X

def parse(stem):
    raw=open(f'drafts/{stem}.txt',encoding='utf-8').read()
    head,body=raw.split('\n---\n',1)
    H={}
    for l in head.splitlines():
        k,v=l.split(': ',1); H[k]=v
    body,foot=body.split('\nFootnotes:\n',1)
    F={}
    for l in foot.strip().splitlines():
        m=re.match(r'(\{\d+\}|\*) (.*)',l); F[m.group(1).strip('{}')]=m.group(2)
    paras=[p.strip() for p in body.strip().split('\n\n')]
    P=[]; seen_num=False
    for i,p in enumerate(paras):
        if i==0: P.append(('intro',p)); continue
        m=re.match(r'(\d+)\. (.*)',p,re.S)
        if m: seen_num=True; P.append(('op',m.group(1),m.group(2))); continue
        m=re.match(r'\(([a-z])\) (.*)',p,re.S)
        if m: P.append(('sub',m.group(1),m.group(2))); continue
        if p.startswith('“'): P.append(('quote',p)); continue
        P.append(('pre',p))
    return H,P,F

PRE=r'^((?:Deeply |Gravely )?(?:Guided|Recalling|Reaffirming|Recognizing|Noting|Taking note|Taking into account|Welcoming|[Cc]oncerned|Alarmed|Mindful)(?: also| further| in particular| with appreciation)?)'
OPV=r'^((?:Also |Further |Strongly )?(?:Takes note with appreciation|Takes note|Looks forward|Calls upon|[A-Za-z]+)(?: also)?)'
def split_italic(kind,text):
    m=re.match(PRE if kind=='pre' else OPV,text)
    if not m: return '',text
    return m.group(1),text[len(m.group(1)):]

FN=re.compile(r'\{(\d+)\}')

# ---------------- FODT ----------------
def odt_inline(text,F):
    out=[];pos=0
    for m in FN.finditer(text):
        out.append(X(text[pos:m.start()]))
        n=m.group(1)
        out.append(f'<text:note text:id="ftn{n}" text:note-class="footnote"><text:note-citation>{n}</text:note-citation><text:note-body><text:p text:style-name="Footnote">{X(F[n])}</text:p></text:note-body></text:note>')
        pos=m.end()
    out.append(X(text[pos:]))
    return ''.join(out)

def fodt(stem,H,P,F,footer_code):
    A=[]
    def p(style,inner): A.append(f'<text:p text:style-name="{style}">{inner}</text:p>')
    p('Top',f'United Nations<text:tab/>{X(H["symbol"])}')
    org=H['org']
    p('Org',f'{X(org)}<text:tab/><text:span text:style-name="Small">Distr.: {X(H["distr"])}</text:span>')
    p('RightSmall',f'<text:tab/>{X(H["date"])}')
    p('RightSmall','')
    p('RightSmall','<text:tab/>Original: English')
    A.append('<text:p text:style-name="Rule"/>')
    if 'body_sub' in H: p('Bold',X(H['body_sub']))
    p('Bold',X(H['session']))
    if 'dates' in H: p('Plain',X(H['dates']))
    if 'agenda' in H: p('Plain',X(H['agenda']))
    if 'agenda_title' in H: p('BoldNarrow',X(H['agenda_title']))
    p('Plain','')
    if 'sponsors' in H:
        s=X(H['sponsors'])
        if '*' in F:
            s=s.replace('*',f'<text:note text:id="ftnstar" text:note-class="footnote"><text:note-citation text:label="*">*</text:note-citation><text:note-body><text:p text:style-name="Footnote">{X(F["*"])}</text:p></text:note-body></text:note>',1)
        p('Heading',s)
    if 'adoption' in H: p('Heading',X(H['adoption']))
    if 'committee' in H: p('Committee',X(H['committee']))
    p('Title',X(H['title']))
    for it in P:
        if it[0]=='intro': p('Body',f'<text:span text:style-name="It">{X(it[1])}</text:span>'); continue
        if it[0]=='pre':
            a,b=split_italic('pre',it[1]); p('Body',f'<text:span text:style-name="It">{X(a)}</text:span>{odt_inline(b,F)}'); continue
        if it[0]=='op':
            a,b=split_italic('op',it[2]); p('Op',f'{it[1]}.<text:tab/><text:span text:style-name="It">{X(a)}</text:span>{odt_inline(b,F)}'); continue
        if it[0]=='sub':
            p('Op',f'({it[1]})<text:tab/>{odt_inline(it[2],F)}'); continue
        if it[0]=='quote': p('Quote',odt_inline(it[1],F))
    body=''.join(A)
    return f'''<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="Times New Roman" svg:font-family="'Times New Roman'" style:font-family-generic="roman"/><style:font-face style:name="Arial" svg:font-family="Arial" style:font-family-generic="swiss"/></office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph"><style:paragraph-properties fo:hyphenation-ladder-count="no-limit"/><style:text-properties style:font-name="Times New Roman" fo:font-size="10pt" fo:language="en" fo:country="GB" fo:hyphenate="false"/></style:default-style>
<style:style style:name="Standard" style:family="paragraph"/>
<style:style style:name="Top" style:family="paragraph"><style:paragraph-properties><style:tab-stops><style:tab-stop style:position="17cm" style:type="right"/></style:tab-stops></style:paragraph-properties><style:text-properties style:font-name="Arial" fo:font-size="11pt"/></style:style>
<style:style style:name="Org" style:family="paragraph"><style:paragraph-properties fo:margin-top="0.1cm"><style:tab-stops><style:tab-stop style:position="13cm" style:type="left"/></style:tab-stops></style:paragraph-properties><style:text-properties style:font-name="Arial" fo:font-size="17pt" fo:font-weight="bold"/></style:style>
<style:style style:name="RightSmall" style:family="paragraph"><style:paragraph-properties><style:tab-stops><style:tab-stop style:position="13cm" style:type="left"/></style:tab-stops></style:paragraph-properties><style:text-properties fo:font-size="10pt"/></style:style>
<style:style style:name="Rule" style:family="paragraph"><style:paragraph-properties fo:border-bottom="1.5pt solid #000000" fo:margin-bottom="0.4cm"/></style:style>
<style:style style:name="Bold" style:family="paragraph"><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="Plain" style:family="paragraph"/>
<style:style style:name="BoldNarrow" style:family="paragraph"><style:paragraph-properties fo:margin-right="9cm"/><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="Heading" style:family="paragraph"><style:paragraph-properties fo:margin-left="1.25cm" fo:margin-top="0.3cm" fo:margin-bottom="0.2cm"/><style:text-properties fo:font-size="14pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Committee" style:family="paragraph"><style:paragraph-properties fo:margin-left="1.25cm" fo:margin-bottom="0.2cm"/><style:text-properties fo:font-style="italic"/></style:style>
<style:style style:name="Title" style:family="paragraph"><style:paragraph-properties fo:margin-left="1.25cm" fo:margin-top="0.2cm" fo:margin-bottom="0.4cm"/><style:text-properties fo:font-size="12pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Body" style:family="paragraph"><style:paragraph-properties fo:margin-left="1.25cm" fo:text-indent="1cm" fo:margin-bottom="0.2cm" fo:text-align="justify"/></style:style>
<style:style style:name="Op" style:family="paragraph"><style:paragraph-properties fo:margin-left="1.25cm" fo:text-indent="1cm" fo:margin-bottom="0.2cm" fo:text-align="justify"><style:tab-stops><style:tab-stop style:position="1.6cm"/></style:tab-stops></style:paragraph-properties></style:style>
<style:style style:name="Quote" style:family="paragraph"><style:paragraph-properties fo:margin-left="2.25cm" fo:margin-right="1cm" fo:text-indent="1cm" fo:margin-bottom="0.2cm" fo:text-align="justify"/></style:style>
<style:style style:name="Footnote" style:family="paragraph"><style:paragraph-properties fo:margin-left="1.25cm"/><style:text-properties fo:font-size="8.5pt"/></style:style>
<style:style style:name="HF" style:family="paragraph"><style:text-properties fo:font-size="8.5pt" fo:font-weight="bold"/></style:style>
<style:style style:name="It" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>
<style:style style:name="Small" style:family="text"><style:text-properties style:font-name="Times New Roman" fo:font-size="10pt" fo:font-weight="normal"/></style:style>
</office:styles>
<office:automatic-styles><style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="1.6cm" fo:margin-bottom="1.6cm" fo:margin-left="2cm" fo:margin-right="2cm"/><style:footer-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-top="0.4cm"/></style:footer-style></style:page-layout></office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1"><style:footer><text:p text:style-name="HF">{X(footer_code)}</text:p></style:footer></style:master-page></office:master-styles>
<office:body><office:text>{body}</office:text></office:body></office:document>'''

# --------------- HTML -----------------
def h_inline(text,F):
    return FN.sub(lambda m:f'<sup><a href="#fn{m.group(1)}" id="r{m.group(1)}">{m.group(1)}</a></sup>',html.escape(text,quote=False))
def to_html(stem,H,P,F):
    o=['<!DOCTYPE html>','<html lang="en"><head><meta charset="utf-8">',f'<title>{html.escape(H["symbol"])}</title>',
       '<style>body{font-family:"Times New Roman",serif;max-width:46em;margin:2em auto}.hdr{display:flex;justify-content:space-between;border-bottom:2px solid #000}.op{text-indent:0;margin-left:2.5em}.pre{text-indent:2em}.q{margin-left:4em}.fn{font-size:smaller;border-top:1px solid #999}</style></head><body>',
       f'<div class="hdr"><div><p>United Nations</p><h1>{html.escape(H["org"])}</h1></div><div><p><strong>{html.escape(H["symbol"])}</strong></p><p>Distr.: {H["distr"]}<br>{H["date"]}<br><br>Original: English</p></div></div>']
    o.append(f'<p><strong>{html.escape(H["session"])}</strong><br>'+ '<br>'.join(html.escape(H[k]) for k in ('dates','agenda') if k in H)+'</p>')
    if 'agenda_title' in H: o.append(f'<p><strong>{html.escape(H["agenda_title"])}</strong></p>')
    if 'adoption' in H: o.append(f'<h2>{html.escape(H["adoption"])}</h2>')
    if 'committee' in H: o.append(f'<p><em>{html.escape(H["committee"])}</em></p>')
    o.append(f'<h3>{html.escape(H["title"])}</h3>')
    for it in P:
        if it[0]=='intro': o.append(f'<p class="pre"><em>{html.escape(it[1])}</em></p>')
        elif it[0]=='pre':
            a,b=split_italic('pre',it[1]); o.append(f'<p class="pre"><em>{html.escape(a)}</em>{h_inline(b,F)}</p>')
        elif it[0]=='op':
            a,b=split_italic('op',it[2]); o.append(f'<p class="op">{it[1]}.&nbsp;&nbsp;<em>{html.escape(a)}</em>{h_inline(b,F)}</p>')
        elif it[0]=='sub': o.append(f'<p class="op">&nbsp;&nbsp;&nbsp;&nbsp;({it[1]})&nbsp;{h_inline(it[2],F)}</p>')
        else: o.append(f'<blockquote class="q"><p>{h_inline(it[1],F)}</p></blockquote>')
    o.append('<div class="fn"><ol>'+''.join(f'<li id="fn{k}">{html.escape(v)}</li>' for k,v in F.items() if k!='*')+'</ol></div>')
    o.append('</body></html>')
    return '\n'.join(o)

# --------------- Markdown --------------
def to_md(stem,H,P,F):
    sup=lambda t:FN.sub(lambda m:f'<sup>{m.group(1)}</sup>',t)
    o=[f'United Nations | {H["symbol"]}','',f'# {H["org"]}','',f'Distr.: {H["distr"]}  ',H['date'],'','Original: English','','---','',f'## **{H["session"]}**','']
    if 'dates' in H: o+= [H['dates'],'']
    if 'adoption' in H: o+= [f'## **{H["adoption"]}**','']
    o+= [f'### **{H["title"]}**','']
    for it in P:
        if it[0]=='intro': o+= [f'*{it[1]}*','']
        elif it[0]=='pre':
            a,b=split_italic('pre',it[1]); o+= [f'*{a}*{sup(b)}','']
        elif it[0]=='op':
            a,b=split_italic('op',it[2]); o+= [f'{it[1]}. *{a}*{sup(b)}','']
        elif it[0]=='sub': o+= [f'   ({it[1]}) {sup(it[2])}','']
        else: o+= [f'> {sup(it[1])}','']
    o+=['---','']+[f'<sup>{k}</sup> {v}' + '\n' for k,v in F.items()]
    return '\n'.join(o)

# --------------- plain text ------------
def to_txt(stem,H,P,F):
    import textwrap
    w=lambda s,ind='      ',first='      ':textwrap.fill(s,80,initial_indent=first,subsequent_indent=ind)
    sup=lambda t:FN.sub(lambda m:m.group(1),t)
    o=[f'United Nations{H["symbol"]:>66}', f'{H["org"]:<50}Distr.: {H["distr"]}', f'{"":<50}{H["date"]}','',f'{"":<50}Original: English','',H['session']]
    for k in ('dates','agenda','agenda_title'):
        if k in H: o.append(H[k])
    o.append('')
    if 'adoption' in H: o+= [w(H['adoption']),'']
    o+= [w(H['title']),'']
    for it in P:
        if it[0] in ('intro','pre'): o+= [w(sup(it[1]),first='          '),'']
        elif it[0]=='op': o+= [w(f'{it[1]}.  {sup(it[2])}',first='          '),'']
        elif it[0]=='sub': o+= [w(f'({it[1]})  {sup(it[2])}',first='          '),'']
        else: o+= [w(sup(it[1]),ind='          ',first='              '),'']
    o+= ['_______________']+[f'  {k} {v}' for k,v in F.items()]
    return '\n'.join(o)+'\n'

if __name__=='__main__':
    plan=json.load(open('tools/plan.json'))
    for stem,fmt in plan.items():
        H,P,F=parse(stem)
        code=f'GE.{H["date"][-2:]}-{abs(hash(stem))%90000+10000:05d}(E)' if H['org'] in ('Human Rights Council',) else f'{H["date"][-2:]}-{abs(hash(stem))%90000+10000:05d} (E)'
        if fmt in ('pdf','docx','pdftxt'):
            open(f'build/{stem}.fodt','w',encoding='utf-8').write(fodt(stem,H,P,F,code))
        elif fmt=='html': open(f'texts/{stem}.html','w',encoding='utf-8').write(to_html(stem,H,P,F))
        elif fmt=='md': open(f'texts/{stem}.md','w',encoding='utf-8').write(to_md(stem,H,P,F))
        elif fmt=='txt': open(f'texts/{stem}.txt','w',encoding='utf-8').write(to_txt(stem,H,P,F))
