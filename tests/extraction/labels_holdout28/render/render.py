# Renders drafts/<STEM>.txt to the final formats (rendering only; labels are frozen).
import re, sys, os, html, subprocess, json
from xml.sax.saxutils import escape as xe
ROOT='/work/blind28'
ITAL2={'also','further','with','that','in','the','deeply','note'}
def parse(stem):
    t=open(f'{ROOT}/drafts/{stem}.txt').read()
    head,rest=t.split('\n---\n',1); body,tail=rest.split('\n===\n',1)
    mast=[];sess=[]
    for l in head.split('\n'):
        if ' | ' in l or l.startswith(' | '):
            a,b=l.split(' | ',1); mast.append((a.strip(),b.strip()))
        else: sess.append(l)
    closing=[];fns={};star=None
    for l in tail.strip('\n').split('\n'):
        m=re.match(r'\[\^(\d+)\]: (.*)',l)
        if m: fns[m.group(1)]=m.group(2)
        elif l.startswith('* '): star=l
        elif l.strip(): closing.append(l)
    lines=[l for l in body.strip('\n').split('\n') if l.strip()]
    i=[k for k,l in enumerate(lines) if re.match(r'The .*,$',l)][0]
    pre=lines[:i-1]; title=lines[i-1]; organ=lines[i]; paras=lines[i+1:]
    return dict(mast=mast,sess=sess,pre=pre,title=title,organ=organ,paras=paras,closing=closing,fns=fns,star=star)
def split_lead(p):
    m=re.match(r'(\d+)\. (.*)',p)
    if m: return 'op',m.group(1),m.group(2)
    return 'pre',None,p
def lead_words(text):
    w=text.split(' ')
    n=1
    if len(w)>1 and w[1] in ('also','further','with','again'): n=2
    if w[0]=='Taking' : n=4 if w[2]=='with' else 3
    if w[0] in('Deeply','Gravely','Bearing') : n=2
    if w[0]=='Bearing': n=3
    if w[0]=='Guided': n=1
    return ' '.join(w[:n]), (' '+' '.join(w[n:])) if len(w)>n else ''
import zlib
def jobno(stem,d):
    yr=d['mast'][1][1][-2:] if d['mast'][1][1][-4:].isdigit() else d['mast'][2][1][-2:]
    n=zlib.crc32(stem.encode())%90000+10000
    return (f"GE.{yr}-{n:05d}(E)" if ('HRC' in stem) else f"{yr}-{n:05d} (E)")
# ---------- FODT ----------
def fodt_inline(text,fns):
    out='';pos=0
    for m in re.finditer(r'\[\^(\d+)\]',text):
        out+=xe(text[pos:m.start()]); n=m.group(1)
        out+=(f'<text:note text:id="ftn{n}" text:note-class="footnote"><text:note-citation>{n}</text:note-citation>'
              f'<text:note-body><text:p text:style-name="FN">{xe(fns[n])}</text:p></text:note-body></text:note>')
        pos=m.end()
    return out+xe(text[pos:])
def fodt(stem,d):
    sym=d['mast'][0][1]
    P=[]
    # masthead table
    rows=''.join(f'<table:table-row><table:table-cell><text:p text:style-name="{"MastL" if k<2 else "Norm"}">{xe(a)}</text:p></table:table-cell><table:table-cell><text:p text:style-name="{"MastR" if k==0 else "Right"}">{xe(b)}</text:p></table:table-cell></table:table-row>' for k,(a,b) in enumerate(d['mast']))
    P.append(f'<table:table table:name="Mast" table:style-name="MT"><table:table-column table:number-columns-repeated="2"/>{rows}</table:table>')
    P.append('<text:p text:style-name="Rule"/>')
    for k,l in enumerate(d['sess']):
        st='Bold' if (k==0 or l.startswith('Agenda') is False and k==len(d['sess'])-1 and not l.startswith('Agenda')) else 'Norm'
        if k==0: st='SessB'
        P.append(f'<text:p text:style-name="{st}">{xe(l)}</text:p>')
    for l in d['pre']:
        st='Ital' if l.startswith('[') else ('Spons' if 'draft resolution' in l.lower() and not l.startswith('Resolution') else 'HeadB')
        P.append(f'<text:p text:style-name="{st}">{xe(l)}</text:p>')
    tt=xe(d["title"])
    if re.match(r"[0-9S]",d["title"]): tt=tt.replace(". ",".<text:tab/>",1)
    P.append('<text:p text:style-name="Title">'+tt+'</text:p>')
    P.append(f'<text:p text:style-name="Organ"><text:span text:style-name="I">{xe(d["organ"])}</text:span></text:p>')
    for p in d['paras']:
        kind,num,text=split_lead(p)
        if kind=='op':
            a,b=text.split(' ',1)
            P.append(f'<text:p text:style-name="Op">{num}.<text:tab/><text:span text:style-name="I">{xe(a)}</text:span> {fodt_inline(b,d["fns"])}</text:p>')
        else:
            a,b=lead_words(text)
            P.append(f'<text:p text:style-name="Pre"><text:span text:style-name="I">{xe(a)}</text:span>{fodt_inline(b,d["fns"])}</text:p>')
    for l in d['closing']:
        P.append(f'<text:p text:style-name="{"Ital" if l.startswith("[") else "Close"}">{xe(l)}</text:p>')
    if d['star']: P.append(f'<text:p text:style-name="FN">{xe(d["star"])}</text:p>')
    body='\n'.join(P)
    return f'''<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="Times New Roman" svg:font-family="'Times New Roman'" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"/></office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph"><style:paragraph-properties fo:hyphenation-ladder-count="no-limit"/><style:text-properties style:font-name="Times New Roman" fo:font-size="10pt" fo:language="en" fo:country="GB" fo:hyphenate="false"/></style:default-style>
<style:style style:name="Norm" style:family="paragraph"><style:paragraph-properties fo:margin-left="0cm"/></style:style>
<style:style style:name="Right" style:family="paragraph"><style:paragraph-properties fo:text-align="end"/></style:style>
<style:style style:name="MastL" style:family="paragraph"><style:text-properties fo:font-size="14pt" fo:font-weight="bold"/></style:style>
<style:style style:name="MastR" style:family="paragraph"><style:paragraph-properties fo:text-align="end"/><style:text-properties fo:font-size="14pt"/></style:style>
<style:style style:name="Rule" style:family="paragraph"><style:paragraph-properties fo:border-bottom="1.5pt solid #000000" fo:margin-bottom="0.3cm"/></style:style>
<style:style style:name="SessB" style:family="paragraph"><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="Bold" style:family="paragraph"><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="HeadB" style:family="paragraph"><style:paragraph-properties fo:margin-top="0.4cm" fo:margin-left="1.9cm"/><style:text-properties fo:font-size="12pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Spons" style:family="paragraph"><style:paragraph-properties fo:margin-top="0.4cm" fo:margin-left="1.9cm"/><style:text-properties fo:font-size="12pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Title" style:family="paragraph"><style:paragraph-properties fo:margin-top="0.3cm" fo:margin-bottom="0.3cm" fo:margin-left="1.9cm"><style:tab-stops><style:tab-stop style:position="1.3cm"/></style:tab-stops></style:paragraph-properties><style:text-properties fo:font-size="14pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Organ" style:family="paragraph"><style:paragraph-properties fo:margin-left="1.9cm" fo:text-indent="1cm" fo:margin-bottom="0.15cm"/></style:style>
<style:style style:name="Pre" style:family="paragraph"><style:paragraph-properties fo:margin-left="1.9cm" fo:text-indent="1cm" fo:margin-bottom="0.15cm" fo:text-align="justify"/></style:style>
<style:style style:name="Op" style:family="paragraph"><style:paragraph-properties fo:margin-left="1.9cm" fo:text-indent="1cm" fo:margin-bottom="0.15cm" fo:text-align="justify"><style:tab-stops><style:tab-stop style:position="1cm"/></style:tab-stops></style:paragraph-properties></style:style>
<style:style style:name="Close" style:family="paragraph"><style:paragraph-properties fo:text-align="end"/></style:style>
<style:style style:name="Ital" style:family="paragraph"><style:paragraph-properties fo:margin-left="1.9cm"/><style:text-properties fo:font-style="italic"/></style:style>
<style:style style:name="FN" style:family="paragraph"><style:paragraph-properties fo:margin-left="1.9cm"/><style:text-properties fo:font-size="8.5pt"/></style:style>
<style:style style:name="Hdr" style:family="paragraph"><style:paragraph-properties fo:border-bottom="0.5pt solid #000000"/><style:text-properties fo:font-size="8.5pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Ftr" style:family="paragraph"><style:text-properties fo:font-size="8.5pt"/></style:style>
</office:styles>
<office:automatic-styles>
<style:style style:name="I" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>
<style:style style:name="MT" style:family="table"><style:table-properties style:width="16.5cm" table:align="left"/></style:style>
<style:page-layout style:name="PL"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2.2cm" fo:margin-right="2.2cm"/><style:header-style><style:header-footer-properties fo:margin-bottom="0.4cm"/></style:header-style><style:footer-style><style:header-footer-properties fo:margin-top="0.4cm"/></style:footer-style></style:page-layout>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="PL">
<style:header><text:p text:style-name="Hdr">{xe(sym)}</text:p></style:header>
<style:header-first><text:p text:style-name="Ftr"/></style:header-first>
<style:footer><text:p text:style-name="Ftr"><text:page-number text:select-page="current"/>/<text:page-count/></text:p></style:footer>
<style:footer-first><text:p text:style-name="Ftr">{jobno(stem,d)}</text:p></style:footer-first>
</style:master-page></office:master-styles>
<office:body><office:text>
{body}
</office:text></office:body></office:document>'''
# ---------- HTML ----------
def html_inline(text,fns):
    return re.sub(r'\[\^(\d+)\]',lambda m:f'<sup><a href="#fn{m.group(1)}" id="r{m.group(1)}">{m.group(1)}</a></sup>',html.escape(text,quote=False))
def mkhtml(stem,d):
    sym=d['mast'][0][1]; o=[f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>{html.escape(sym)}</title>\n<style>body{{font-family:"Times New Roman",serif;max-width:44em;margin:2em auto}} .op,.pre{{text-indent:2em;text-align:justify}} .num{{display:inline-block;width:2em}} .fn{{font-size:85%}}</style>\n</head>\n<body>']
    o.append('<table class="masthead" width="100%">'+''.join(f'<tr><td>{html.escape(a)}</td><td align="right">{html.escape(b)}</td></tr>' for a,b in d['mast'])+'</table><hr>')
    for k,l in enumerate(d['sess']): o.append(f'<p>{"<b>"+html.escape(l)+"</b>" if k==0 else html.escape(l)}</p>')
    for l in d['pre']: o.append(f'<p>{"<i>"+html.escape(l)+"</i>" if l.startswith("[") else "<b>"+html.escape(l)+"</b>"}</p>')
    o.append(f'<h2>{html.escape(d["title"])}</h2>'); o.append(f'<p class="pre"><i>{html.escape(d["organ"])}</i></p>')
    for p in d['paras']:
        kind,num,text=split_lead(p)
        if kind=='op':
            a,b=text.split(' ',1); o.append(f'<p class="op"><span class="num">{num}.</span><i>{html.escape(a)}</i> {html_inline(b,d["fns"])}</p>')
        else:
            a,b=lead_words(text); o.append(f'<p class="pre"><i>{html.escape(a)}</i>{html_inline(b,d["fns"])}</p>')
    for l in d['closing']: o.append(f'<p align="right">{html.escape(l)}</p>')
    if d['fns'] or d['star']:
        o.append('<hr><div class="footnotes">')
        for n,t in d['fns'].items(): o.append(f'<p class="fn" id="fn{n}"><sup>{n}</sup> {html.escape(t)}</p>')
        if d['star']: o.append(f'<p class="fn">{html.escape(d["star"])}</p>')
        o.append('</div>')
    o.append('</body>\n</html>\n'); return '\n'.join(o)
# ---------- Markdown ----------
def mkmd(stem,d):
    o=[f'# {d["mast"][1][0]}','',f'{d["mast"][0][1]}  ']+[f'{b}  ' for a,b in d['mast'][1:] if b]+['','---','']
    o+= [f'## **{d["sess"][0]}**','']+[l+'  ' for l in d['sess'][1:]]+['']
    for l in d['pre']: o+=[f'## **{l}**' if not l.startswith('[') else f'*{l}*','']
    o+=[f'### **{d["title"]}**','',f'*{d["organ"]}*','']
    md=lambda t: re.sub(r'\[\^(\d+)\]',r'<sup>\1</sup>',t)
    for p in d['paras']:
        kind,num,text=split_lead(p)
        if kind=='op': a,b=text.split(' ',1); o+=[f'{num}\\. *{a}* {md(b)}','']
        else: a,b=lead_words(text); o+=[f'*{a}*{md(b)}','']
    o+=[l+'  ' for l in d['closing']]+['']
    if d['fns']: o+=['---','']+[f'<sup>{n}</sup> {t}\n' for n,t in d['fns'].items()]
    return '\n'.join(o)
# ---------- plain text ----------
def mktxt(stem,d):
    o=[]
    for a,b in d['mast']: o.append(f'{a:<40}{b:>40}'.rstrip())
    o.append('')
    o+=d['sess']+['']
    for l in d['pre']: o+=[l,'']
    o+=['\t'+d['title'],'','\t'+d['organ'],'']
    fn=lambda t: re.sub(r'\[\^(\d+)\]',r' \1',t)
    for p in d['paras']:
        kind,num,text=split_lead(p)
        o+=[('\t'+num+'.\t'+fn(text)) if kind=='op' else '\t'+fn(text),'']
    o+=d['closing']+['']
    if d['fns']: o+=['__________________']+[f'\t{n}\t{t}' for n,t in d['fns'].items()]
    if d['star']: o+=[d['star']]
    return '\n'.join(o)+'\n'
if __name__=='__main__':
    stem,fmt=sys.argv[1],sys.argv[2]; d=parse(stem)
    if fmt=='fodt': open(f'{ROOT}/render/{stem}.fodt','w').write(fodt(stem,d))
    elif fmt=='html': open(f'{ROOT}/texts/{stem}.html','w').write(mkhtml(stem,d))
    elif fmt=='md': open(f'{ROOT}/texts/{stem}.md','w').write(mkmd(stem,d))
    elif fmt=='txt': open(f'{ROOT}/texts/{stem}.txt','w').write(mktxt(stem,d))
