import re, sys, html, textwrap, json, os
B='/work/blind29'
def parse(stem):
    t=open(f'{B}/drafts/{stem}.txt',encoding='utf-8').read()
    head,rest=t.split('\n----\n',1)
    fn=[]
    if '\n----footnotes\n' in rest:
        body,f=rest.split('\n----footnotes\n',1)
        for l in f.strip().split('\n'):
            k,v=l.split(' ',1); fn.append((k,v))
    else: body=rest
    mast=[l for l in head.split('\n')]
    paras=[p.strip('\n') for p in re.split(r'\n\s*\n',body.strip()) ]
    return mast,paras,dict(fn)
FNRE=re.compile(r'\^([^^]+)\^')
def split_first(p):
    # returns (number, rest)
    m=re.match(r'^(\d+(?: bis| ter)?\.|\([a-z]+\)|\([ivx]+\))\s+(.*)$',p,re.S)
    if m: return m.group(1),m.group(2)
    return None,p
VERBS_ITAL=('also','further','with','in','note','deep','appreciation')
def ital_split(s):
    w=s.split(' ')
    n=1
    while n<len(w) and w[n] in ('also','further'): n+=1
    return ' '.join(w[:n]),' '+' '.join(w[n:]) if len(w)>n else ''
def kind(p, seen_opener):
    if p.startswith('## '): return 'h'
    if p.startswith('|'): return 'row'
    num,rest=split_first(p)
    if num and num[0]=='(' : return 'sub'
    if num: return 'op'
    if re.match(r'^\d+(st|nd|rd|th) (plenary )?meeting',p) or re.match(r'^\d+ \w+ 20\d\d$',p) or p.startswith('[Adopted') : return 'meet'
    if p.startswith('The ') and p.endswith(',') and len(p)<60: return 'opener'
    if p.startswith('At its ') or p.startswith('We, '): return 'plain'
    if p.startswith('and '): return 'plain'
    return 'pre'

def esc(s): return html.escape(s,quote=False)
def fodt_inline(s, fns):
    out=''; pos=0
    for m in FNRE.finditer(s):
        out+=esc(s[pos:m.start()])
        k=m.group(1)
        out+=(f'<text:note text:id="ftn{k}" text:note-class="footnote"><text:note-citation>{esc(k)}</text:note-citation>'
              f'<text:note-body><text:p text:style-name="Fn">{esc(fns.get(k,""))}</text:p></text:note-body></text:note>')
        pos=m.end()
    return out+esc(s[pos:])
def masthead_split(mast):
    top=mast[:3]; i=3; distr=[]
    while i<len(mast) and (mast[i].startswith('Distr') or re.match(r'^\d{1,2} \w+ 20\d\d$',mast[i]) or mast[i].startswith('Original')):
        distr.append(mast[i]); i+=1
    return top,distr,mast[i:]
def fodt(stem, job):
    mast,paras,fns=parse(stem)
    top,distr,rest=masthead_split(mast)
    sym=top[1]
    P=[]
    P.append(f'<text:p text:style-name="Un">{esc(top[0])}<text:tab/>{esc(sym)}</text:p>')
    P.append(f'<text:p text:style-name="Body1">{esc(top[2])}</text:p>')
    for d in distr: P.append(f'<text:p text:style-name="Distr">{esc(d)}</text:p>')
    P.append('<text:p text:style-name="Std"/>')
    for j,l in enumerate(rest):
        st='MastB' if (j==len(rest)-1 or 'adopted by' in l or 'draft resolution' in l) else 'Mast'
        if j==len(rest)-1: st='Title'
        P.append(f'<text:p text:style-name="{st}">{esc(l)}</text:p>')
    inpre=True
    for p in paras:
        k=kind(p,True)
        if k=='h': P.append(f'<text:p text:style-name="H">{fodt_inline(p[3:],fns)}</text:p>'); continue
        if k=='row':
            cells=p.strip('|').split('|')
            P.append(('ROW',cells)); continue
        if k=='opener': P.append(f'<text:p text:style-name="Opener"><text:span text:style-name="I">{esc(p)}</text:span></text:p>'); continue
        if k=='meet': P.append(f'<text:p text:style-name="Meet">{"<text:line-break/>".join(esc(x) for x in p.split(chr(10)))}</text:p>'); continue
        if k=='plain': P.append(f'<text:p text:style-name="Pre">{fodt_inline(p,fns)}</text:p>'); continue
        num,r=split_first(p)
        if k=='pre':
            a,b=ital_split(p)
            P.append(f'<text:p text:style-name="Pre"><text:span text:style-name="I">{fodt_inline(a,fns)}</text:span>{fodt_inline(b,fns)}</text:p>'); continue
        if k=='op':
            a,b=ital_split(r)
            if r.startswith('[') : a,b='',r
            P.append(f'<text:p text:style-name="Op">{esc(num)}<text:tab/><text:span text:style-name="I">{fodt_inline(a,fns)}</text:span>{fodt_inline(b,fns)}</text:p>'); continue
        if k=='sub':
            st='Sub2' if re.match(r'^\([ivx]+\)$',num) and num not in ('(i)',) or num in('(i)','(ii)','(iii)') and False else 'Sub'
            if num in ('(i)','(ii)','(iii)','(iv)'): st='Sub2'
            P.append(f'<text:p text:style-name="{st}">{esc(num)}<text:tab/>{fodt_inline(r,fns)}</text:p>'); continue
    # group rows into table
    out=[]; rows=[]
    def flush():
        if not rows: return
        ncol=len(rows[0])
        t=f'<table:table table:name="T1" table:style-name="Tbl"><table:table-column table:number-columns-repeated="{ncol}"/>'
        for ri,cells in enumerate(rows):
            t+='<table:table-row>'
            for c in cells:
                t+=f'<table:table-cell office:value-type="string" table:style-name="Cell"><text:p text:style-name="{"CellH" if ri==0 else "CellP"}">{esc(c)}</text:p></table:table-cell>'
            t+='</table:table-row>'
        out.append(t+'</table:table>'); rows.clear()
    for x in P:
        if isinstance(x,tuple): rows.append(x[1])
        else: flush(); out.append(x)
    flush()
    header=f'<style:header><text:p text:style-name="Hdr">{esc(sym)}</text:p></style:header>'
    footer=f'<style:footer><text:p text:style-name="Ftr">{esc(job)}<text:tab/><text:page-number text:select-page="current">1</text:page-number></text:p></style:footer>'
    return FODT.replace('@BODY@','\n'.join(out)).replace('@HEADER@',header).replace('@FOOTER@',footer)

FODT='''<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="Times New Roman" svg:font-family="'Times New Roman'" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"/></office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph"><style:paragraph-properties fo:hyphenation-ladder-count="no-limit"/><style:text-properties style:font-name="Times New Roman" fo:font-size="10pt" fo:hyphenate="false" fo:language="en" fo:country="GB"/></style:default-style>
<style:style style:name="Std" style:family="paragraph"/>
<style:style style:name="Un" style:family="paragraph"><style:paragraph-properties><style:tab-stops><style:tab-stop style:position="16cm" style:type="right"/></style:tab-stops></style:paragraph-properties><style:text-properties fo:font-size="11pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Body1" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.2cm"/><style:text-properties fo:font-size="16pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Distr" style:family="paragraph"><style:paragraph-properties fo:margin-left="11cm"/></style:style>
<style:style style:name="Mast" style:family="paragraph"><style:paragraph-properties fo:margin-right="8cm"/></style:style>
<style:style style:name="MastB" style:family="paragraph"><style:paragraph-properties fo:margin-left="1.2cm" fo:margin-top="0.3cm"/><style:text-properties fo:font-size="12pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Title" style:family="paragraph"><style:paragraph-properties fo:margin-left="1.2cm" fo:margin-top="0.3cm" fo:margin-bottom="0.3cm"/><style:text-properties fo:font-size="14pt" fo:font-weight="bold"/></style:style>
<style:style style:name="H" style:family="paragraph"><style:paragraph-properties fo:margin-left="1.2cm" fo:margin-top="0.3cm" fo:margin-bottom="0.2cm" fo:keep-with-next="always"/><style:text-properties fo:font-weight="bold" fo:font-size="11pt"/></style:style>
<style:style style:name="Opener" style:family="paragraph"><style:paragraph-properties fo:margin-left="1.2cm" fo:text-indent="1cm" fo:margin-bottom="0.2cm"/></style:style>
<style:style style:name="Pre" style:family="paragraph"><style:paragraph-properties fo:margin-left="1.2cm" fo:text-indent="1cm" fo:margin-bottom="0.2cm" fo:text-align="justify" fo:keep-together="always" fo:orphans="2" fo:widows="2"/></style:style>
<style:style style:name="Op" style:family="paragraph"><style:paragraph-properties fo:margin-left="1.2cm" fo:text-indent="1cm" fo:margin-bottom="0.2cm" fo:text-align="justify" fo:keep-together="always"><style:tab-stops><style:tab-stop style:position="1.5cm"/></style:tab-stops></style:paragraph-properties></style:style>
<style:style style:name="Sub" style:family="paragraph"><style:paragraph-properties fo:margin-left="1.2cm" fo:text-indent="1.5cm" fo:margin-bottom="0.2cm" fo:text-align="justify" fo:keep-together="always"><style:tab-stops><style:tab-stop style:position="2.5cm"/></style:tab-stops></style:paragraph-properties></style:style>
<style:style style:name="Sub2" style:family="paragraph"><style:paragraph-properties fo:margin-left="2.2cm" fo:text-indent="1.5cm" fo:margin-bottom="0.2cm" fo:text-align="justify" fo:keep-together="always"><style:tab-stops><style:tab-stop style:position="2.5cm"/></style:tab-stops></style:paragraph-properties></style:style>
<style:style style:name="Meet" style:family="paragraph"><style:paragraph-properties fo:margin-left="7cm" fo:text-align="center"/></style:style>
<style:style style:name="Fn" style:family="paragraph"><style:text-properties fo:font-size="8.5pt"/></style:style>
<style:style style:name="Hdr" style:family="paragraph"><style:paragraph-properties fo:border-bottom="0.5pt solid #000000"/><style:text-properties fo:font-weight="bold" fo:font-size="9pt"/></style:style>
<style:style style:name="Ftr" style:family="paragraph"><style:paragraph-properties><style:tab-stops><style:tab-stop style:position="16cm" style:type="right"/></style:tab-stops></style:paragraph-properties><style:text-properties fo:font-size="8pt"/></style:style>
<style:style style:name="CellH" style:family="paragraph"><style:text-properties fo:font-style="italic" fo:font-size="9pt"/></style:style>
<style:style style:name="CellP" style:family="paragraph"><style:text-properties fo:font-size="9pt"/></style:style>
<text:notes-configuration text:note-class="footnote" style:num-format="1" text:start-value="0" text:footnotes-position="page" text:start-numbering-at="document"/>
</office:styles>
<office:automatic-styles>
<style:style style:name="I" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>
<style:style style:name="Tbl" style:family="table"><style:table-properties style:width="14.8cm" fo:margin-left="1.2cm" table:align="left"/></style:style>
<style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties fo:padding="0.08cm" fo:border-bottom="0.3pt solid #000000"/></style:style>
<style:page-layout style:name="PL"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2.5cm" fo:margin-right="2.5cm"/><style:header-style><style:header-footer-properties fo:margin-bottom="0.5cm"/></style:header-style><style:footer-style><style:header-footer-properties fo:margin-top="0.5cm"/></style:footer-style></style:page-layout>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="PL">@HEADER@@FOOTER@</style:master-page></office:master-styles>
<office:body><office:text>
@BODY@
</office:text></office:body></office:document>
'''

def h_inline(s):
    return FNRE.sub(lambda m: f'<sup><a href="#fn{m.group(1)}" id="r{m.group(1)}">{esc(m.group(1))}</a></sup>', esc(s).replace('^','^')) if False else FNRE.sub(lambda m: f'<sup><a href="#fn{m.group(1)}">{m.group(1)}</a></sup>', esc(s))
def htmlr(stem, job):
    mast,paras,fns=parse(stem)
    top,distr,rest=masthead_split(mast)
    sym=top[1]
    o=['<!DOCTYPE html>','<html lang="en"><head><meta charset="utf-8">',f'<title>{esc(sym)}</title>',
       '<style>body{font-family:"Times New Roman",serif;max-width:46em;margin:2em auto}.hdr{border-bottom:1px solid #000;font-weight:bold;display:flex;justify-content:space-between}.distr{margin-left:60%}.op,.pre{text-indent:2em;text-align:justify}.sub{margin-left:3em}.sub2{margin-left:5em}.meet{text-align:center}.fn{font-size:85%;border-top:1px solid #000}.ftr{font-size:75%;color:#444}h2,h3{font-size:1em}</style>','</head><body>',
       f'<div class="hdr"><span>{esc(top[0])}</span><span>{esc(sym)}</span></div>',
       f'<h1 style="font-size:1.4em">{esc(top[2])}</h1>']
    o.append('<div class="distr">'+'<br>'.join(esc(d) for d in distr)+'</div>')
    for j,l in enumerate(rest):
        if j==len(rest)-1: o.append(f'<h2>{esc(l)}</h2>')
        elif 'adopted by' in l: o.append(f'<h3>{esc(l)}</h3>')
        else: o.append(f'<p class="mast">{esc(l)}</p>')
    rows=[]
    def flush():
        if rows:
            o.append('<table border="1" cellpadding="4" style="border-collapse:collapse">')
            for i,r in enumerate(rows):
                tg='th' if i==0 else 'td'
                o.append('<tr>'+''.join(f'<{tg}>{esc(c)}</{tg}>' for c in r)+'</tr>')
            o.append('</table>'); rows.clear()
    for p in paras:
        k=kind(p,True)
        if k=='row': rows.append(p.strip('|').split('|')); continue
        flush()
        if k=='h': o.append(f'<h3 style="text-align:center">{h_inline(p[3:])}</h3>')
        elif k=='opener': o.append(f'<p class="pre"><i>{esc(p)}</i></p>')
        elif k=='meet': o.append(f'<p class="meet">{"<br>".join(esc(x) for x in p.split(chr(10)))}</p>')
        elif k=='plain': o.append(f'<p class="pre">{h_inline(p)}</p>')
        elif k=='pre':
            a,b=ital_split(p); o.append(f'<p class="pre"><i>{h_inline(a)}</i>{h_inline(b)}</p>')
        elif k=='op':
            num,r=split_first(p); a,b=ital_split(r)
            o.append(f'<p class="op">{esc(num)} <i>{h_inline(a)}</i>{h_inline(b)}</p>')
        elif k=='sub':
            num,r=split_first(p); c='sub2' if num in ('(i)','(ii)','(iii)','(iv)') else 'sub'
            o.append(f'<p class="{c}">{esc(num)} {h_inline(r)}</p>')
    flush()
    if fns:
        o.append('<div class="fn">'+''.join(f'<p id="fn{k}"><sup>{esc(k)}</sup> {esc(v)}</p>' for k,v in fns.items())+'</div>')
    o.append(f'<p class="ftr">{esc(job)}</p></body></html>')
    return '\n'.join(o)

def mdr(stem, job):
    mast,paras,fns=parse(stem)
    top,distr,rest=masthead_split(mast)
    o=[f'{top[0]} | {top[1]}','',f'# {top[2]}','']+[d+'  ' for d in distr]+['','---','']
    for j,l in enumerate(rest):
        if j==len(rest)-1: o+=[f'### **{l}**','']
        elif 'adopted by' in l: o+=[f'## **{l}**','']
        elif 'session' in l.lower() and j<2: o+=[f'## **{l}**','']
        else: o+=[l,'']
    for p in paras:
        k=kind(p,True)
        p2=FNRE.sub(lambda m:f'<sup>{m.group(1)}</sup>',p)
        if k=='opener': o+=[f'*{p}*','']
        elif k=='pre':
            a,b=ital_split(p2); o+=[f'*{a}*{b}','']
        elif k=='meet': o+=['  \n'.join(p2.split('\n')),'']
        else: o+=[p2,'']
    o+=['---','',f'{job}','']
    return '\n'.join(o)

def txtr(stem, job, lines_per_page=52):
    mast,paras,fns=parse(stem)
    top,distr,rest=masthead_split(mast)
    sym=top[1]; W=78
    first=[f'{top[0]:<40}{sym:>38}', top[2]]+[' '*48+d for d in distr]+['']
    for l in rest: first+=textwrap.wrap(l,60,break_on_hyphens=False)+['']
    blocks=[]
    for p in paras:
        k=kind(p,True)
        p=FNRE.sub(lambda m:f' {m.group(1)}',p)
        if k=='sub':
            num,r=split_first(p); ind=' '*14 if num in ('(i)','(ii)') else ' '*10
            blocks.append(textwrap.wrap(num+'   '+r,W,initial_indent=ind,subsequent_indent='    ',break_on_hyphens=False))
        elif k=='meet': blocks.append([' '*44+p])
        elif k=='h': blocks.append(['    '+p[3:]])
        else: blocks.append(textwrap.wrap(p,W,initial_indent=' '*10,subsequent_indent='    ',break_on_hyphens=False))
    pages=[first]; cur=first
    for b in blocks:
        if len(cur)+len(b)+1>lines_per_page:
            cur=[]; pages.append(cur)
        cur+=b+['']
    out=[]; n=len(pages)
    for i,pg in enumerate(pages):
        if i>0: out.append(sym if i%2==1 else f'{sym:>78}'); out.append('')
        out+=pg
        if i==n-1 and fns:
            out.append('        __________________')
            for k,v in fns.items(): out+=textwrap.wrap(f'{k} {v}',70,initial_indent='        ',subsequent_indent='          ')
        out.append('')
        out.append(f'{job:<40}{str(i+1)+"/"+str(n):>38}' if i==0 else f'{str(i+1)+"/"+str(n):<40}{job.split("(")[0]:>38}')
        out.append('\f')
    return '\n'.join(out)
