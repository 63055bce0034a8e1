# Render a plain draft (drafts/<STEM>.txt) to a flat ODT (.fodt) with real page furniture.
# Layout knobs: font size, paragraph spacing, page top margin.  Never touches the words.
import re, sys, json, html
from xml.sax.saxutils import escape

ROMAN = {'i','ii','iii','iv','v','vi','vii','viii','ix','x'}

def parse(stem):
    raw = open(f'/work/blind25/drafts/{stem}.txt', encoding='utf-8').read()
    head, body = raw.split('\n===\n', 1)
    hl = head.split('\n')
    fns = {}
    blocks = []
    cur = []
    for line in body.split('\n'):
        m = re.match(r'\[\^(\d+)\]: (.*)$', line)
        if m:
            fns[m.group(1)] = m.group(2); continue
        if line.strip() == '':
            if cur: blocks.append(cur); cur = []
        else:
            cur.append(line)
    if cur: blocks.append(cur)
    return hl, blocks, fns

def sublevel(line):
    m = re.match(r'\(([a-z]+)\) ', line)
    if not m: return 0
    return 2 if m.group(1) in ROMAN else 1

class Ctx:
    def __init__(s, fns, lig=False):
        s.fns = fns; s.lig = lig

def inline(text, ctx, base=''):
    """markup -> ODF inline xml. * italic, ** bold-underline (insertion), ~~ strike, [^n] footnote"""
    out = []
    it = bo = st = False
    for tok in re.split(r'(\*\*|~~|\*|\[\^\d+\])', text):
        if tok == '**': bo = not bo; continue
        if tok == '~~': st = not st; continue
        if tok == '*': it = not it; continue
        m = re.match(r'\[\^(\d+)\]', tok)
        if m:
            n = m.group(1)
            out.append(f'<text:note text:id="ftn{n}" text:note-class="footnote"><text:note-citation>{n}</text:note-citation>'
                       f'<text:note-body><text:p text:style-name="Footnote">{esc(ctx.fns[n], ctx)}</text:p></text:note-body></text:note>')
            continue
        if not tok: continue
        name = 'T' + ('i' if it else '') + ('b' if bo else '') + ('s' if st else '') + base
        if name == 'T':
            out.append(esc(tok, ctx))
        else:
            out.append(f'<text:span text:style-name="{name}">{esc(tok, ctx)}</text:span>')
    return ''.join(out)

def esc(t, ctx):
    t = escape(t)
    if ctx.lig:
        t = t.replace('fi', '\ufb01').replace('fl', '\ufb02')
    return t

def text_styles():
    s = []
    import itertools
    for it, bo, st in itertools.product([0, 1], repeat=3):
        if not (it or bo or st): continue
        name = 'T' + ('i' if it else '') + ('b' if bo else '') + ('s' if st else '')
        p = []
        if it: p.append('fo:font-style="italic"')
        if bo: p.append('fo:font-weight="bold" style:text-underline-style="solid" style:text-underline-width="auto" style:text-underline-color="font-color"')
        if st: p.append('style:text-line-through-style="solid" style:text-line-through-type="single"')
        s.append(f'<style:style style:name="{name}" style:family="text"><style:text-properties {" ".join(p)}/></style:style>')
    return '\n'.join(s)

def build(stem, job, fs=10.0, sp=4.0, top=1.5, linenum=False, lig=False, autonum=False,
          title_for_head=None, col_widths=None, ga_style=False, extra_before=None, first_page=True, bot=1.2):
    hl, blocks, fns = parse(stem)
    COLS = []
    ctx = Ctx(fns, lig)
    ctx_plain = Ctx(fns, False)
    sym = hl[0].split('|')[1].strip()
    org = hl[0].split('|')[0].strip()
    l2 = [x.strip() for x in hl[1].split('|')]
    body_xml = []
    P = body_xml.append
    # masthead
    P(f'<text:p text:style-name="{"MastFirst" if first_page else "Mast1"}"><text:span text:style-name="Tmast">{esc(org, ctx_plain)}</text:span><text:tab/><text:span text:style-name="Tsym">{esc(sym, ctx_plain)}</text:span></text:p>')
    P(f'<text:p text:style-name="Mast"><text:span text:style-name="Tmast">{esc(l2[0], ctx_plain)}</text:span><text:tab/>{esc(l2[1], ctx_plain)}</text:p>')
    for x in l2[2:]:
        P(f'<text:p text:style-name="MastR">{esc(x, ctx_plain)}</text:p>')
    P('<text:p text:style-name="Rule"/>')
    rest = hl[2:]
    title = rest[-1]
    for x in rest[:-1]:
        if x.startswith('Resolution adopted') or x.startswith('Decision adopted') or x.startswith('[') or x.endswith('draft resolution') or 'on the basis of informal consultations' in x:
            P(f'<text:p text:style-name="Adopted">{inline(x, ctx)}</text:p>')
        else:
            P(f'<text:p text:style-name="SessBlock">{inline(x, ctx)}</text:p>')
    m = re.match(r'^(\S+\.)\s+(.*)$', title)
    if m and re.match(r'^[\d./]+\.?$|^\d+/\.\.\.$', m.group(1)):
        P(f'<text:p text:style-name="Title">{esc(m.group(1), ctx)}<text:tab/>{inline(m.group(2), ctx)}</text:p>')
    else:
        P(f'<text:p text:style-name="Title">{inline(title, ctx)}</text:p>')
    in_annex = False
    first_op = True
    list_open = False
    for b in blocks:
        t0 = b[0]
        if t0.startswith('|'):
            rows = [[c.strip() for c in r.strip().strip('|').split('|')] for r in b]
            tx, cs = table_xml(rows, ctx, col_widths)
            P(tx); COLS.append(cs)
            continue
        if t0 == 'Annex':
            in_annex = True
            P('<text:p text:style-name="AnnexH">Annex</text:p>')
            for x in b[1:]:
                P(f'<text:p text:style-name="AnnexT">{inline(x, ctx)}</text:p>')
            continue
        if re.match(r'^\d+(st|nd|rd|th) (plenary )?meeting$', t0):
            if list_open: P('</text:list>'); list_open = False
            for x in b:
                P(f'<text:p text:style-name="Meeting">{inline(x, ctx)}</text:p>')
            continue
        mnum = re.match(r'^(~~|\*\*)?(\d+)\. (.*)$', t0)
        if mnum:
            pre, num, txt = mnum.groups()
            style = 'Op'
            if first_op and extra_before is not None:
                style = 'OpFirst'
            first_op = False
            if autonum:
                if not list_open:
                    P('<text:list text:style-name="Opnum">'); list_open = True
                P('<text:list-item>')
                P(f'<text:p text:style-name="OpL">{inline(txt, ctx)}</text:p>')
                subs = b[1:]
                P(autolist(subs, ctx))
                P('</text:list-item>')
                continue
            # keep the markup state of the number: a struck or inserted number keeps its look
            P(f'<text:p text:style-name="{style}">{inline((pre or "") + num + "." + (pre or ""), ctx)}<text:tab/>{inline((pre or "") + txt, ctx)}</text:p>')
            for x in b[1:]:
                P(sub_xml(x, ctx))
            continue
        if t0.startswith('The ') and t0.endswith(','):
            P(f'<text:p text:style-name="Organ">{inline(t0, ctx)}</text:p>')
            continue
        # preambular / chapeau paragraph
        for x in b:
            P(f'<text:p text:style-name="Pre">{inline(x, ctx)}</text:p>')
    if list_open: P('</text:list>')
    return fodt(sym, job, '\n'.join(body_xml), fs, sp, top, linenum, title_for_head, ga_style, extra_before, bot).replace('COLSTYLES', ''.join(COLS))

def sub_xml(x, ctx):
    if x.startswith('+ '):
        return f'<text:p text:style-name="Close">{inline(x[2:], ctx)}</text:p>'
    lv = sublevel(x)
    m = re.match(r'^(\([a-z]+\)) (.*)$', x)
    st = 'Sub1' if lv == 1 else 'Sub2'
    return f'<text:p text:style-name="{st}">{m.group(1)}<text:tab/>{inline(m.group(2), ctx)}</text:p>'

def autolist(subs, ctx):
    """nested automatic list for (a)/(i) items; '+ ' closing part goes after the nested list inside the parent item"""
    out = []
    closing = [s for s in subs if s.startswith('+ ')]
    items = [s for s in subs if not s.startswith('+ ')]
    if items:
        out.append('<text:list>')
        open1 = False; open2 = False
        for s in items:
            lv = sublevel(s)
            txt = re.sub(r'^\([a-z]+\) ', '', s)
            if lv == 1:
                if open2: out.append('</text:list></text:list-item>'); open2 = False; open1 = False
                elif open1: out.append('</text:list-item>'); open1 = False
                out.append(f'<text:list-item><text:p text:style-name="SubL1">{inline(txt, ctx)}</text:p>'); open1 = True
            else:
                if not open2:
                    out.append('<text:list>'); open2 = True
                out.append(f'<text:list-item><text:p text:style-name="SubL2">{inline(txt, ctx)}</text:p></text:list-item>')
        if open2: out.append('</text:list>')
        if open1 or open2: out.append('</text:list-item>')
        out.append('</text:list>')
    for c in closing:
        out.append(f'<text:p text:style-name="CloseL">{inline(c[2:], ctx)}</text:p>')
    return ''.join(out)

def table_xml(rows, ctx, col_widths):
    n = len(rows[0])
    total = 15.0
    ws = col_widths or [total / n] * n
    x = ['<table:table table:name="Annex" table:style-name="Tab">']
    for i, w in enumerate(ws):
        x.append(f'<table:table-column table:style-name="Col{i}"/>')
    def row(r, hdr):
        cells = []
        for c in r:
            cells.append(f'<table:table-cell table:style-name="Cell" office:value-type="string"><text:p text:style-name="{"TH" if hdr else "TD"}">{inline(c, ctx)}</text:p></table:table-cell>')
        return '<table:table-row table:style-name="Row">' + ''.join(cells) + '</table:table-row>'
    x.append('<table:table-header-rows>' + row(rows[0], True) + '</table:table-header-rows>')
    for r in rows[1:]:
        x.append(row(r, False))
    x.append('</table:table>')
    colstyles = ''.join(f'<style:style style:name="Col{i}" style:family="table-column"><style:table-column-properties style:column-width="{w}cm"/></style:style>' for i, w in enumerate(ws))
    return '\n'.join(x), colstyles

def fodt(sym, job, body, fs, sp, top, linenum, title_for_head, ga_style, extra_before, bot=1.2):
    sfs = fs * 0.85
    ln = ''
    if linenum:
        ln = ('<text:linenumbering-configuration text:number-lines="true" text:offset="0.45cm" style:num-format="1" '
              'text:number-position="left" text:increment="1" text:count-empty-lines="false" text:restart-on-page="false" text:style-name="LineNum"/>')
    else:
        ln = '<text:linenumbering-configuration text:number-lines="false" style:num-format="1" text:number-position="left" text:increment="5"/>'
    hd_r = f'<text:p text:style-name="HeaderR">{escape(title_for_head or "")}<text:tab/>{escape(sym)}</text:p>'
    hd_l = f'<text:p text:style-name="HeaderL">{escape(sym)}<text:tab/>{escape(title_for_head or "")}</text:p>'
    if ga_style:
        ft_r = f'<text:p text:style-name="FooterR">{escape(job)}<text:tab/><text:page-number text:select-page="current">2</text:page-number>/<text:page-count>3</text:page-count></text:p>'
        ft_l = f'<text:p text:style-name="FooterL"><text:page-number text:select-page="current">2</text:page-number>/<text:page-count>3</text:page-count><text:tab/>{escape(job)}</text:p>'
        ft_1 = f'<text:p text:style-name="FooterL">{escape(job)}<text:tab/>*{escape(re.sub(r"[^0-9]", "", job))}*</text:p><text:p text:style-name="FooterR">Please recycle</text:p>'
    else:
        hd_r = f'<text:p text:style-name="HeaderR"><text:tab/>{escape(sym)}</text:p>'
        hd_l = f'<text:p text:style-name="HeaderL">{escape(sym)}</text:p>'
        ft_r = f'<text:p text:style-name="FooterR">{escape(job)}<text:tab/><text:page-number text:select-page="current">2</text:page-number></text:p>'
        ft_l = f'<text:p text:style-name="FooterL"><text:page-number text:select-page="current">2</text:page-number><text:tab/>{escape(job)}</text:p>'
        ft_1 = f'<text:p text:style-name="FooterL">{escape(job)}</text:p><text:p text:style-name="FooterR">Please recycle</text:p>'
    eb = extra_before if extra_before is not None else 0
    return f'''<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:loext="urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="Liberation Serif" svg:font-family="&apos;Liberation Serif&apos;" style:font-family-generic="roman" style:font-pitch="variable"/></office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph"><style:paragraph-properties fo:hyphenation-ladder-count="no-limit" style:writing-mode="lr-tb"/><style:text-properties style:font-name="Liberation Serif" fo:font-size="{fs}pt" fo:language="en" fo:country="US" fo:hyphenate="true" fo:hyphenation-remain-char-count="2" fo:hyphenation-push-char-count="2" loext:hyphenation-no-caps="false"/></style:default-style>
<style:style style:name="Standard" style:family="paragraph" style:class="text"><style:paragraph-properties text:number-lines="true"/></style:style>
<style:style style:name="Pre" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="justify" fo:margin-left="2.2cm" fo:margin-right="0cm" fo:text-indent="0.9cm" fo:margin-top="0cm" fo:margin-bottom="{sp}pt" fo:orphans="1" fo:widows="1"/><style:text-properties fo:hyphenate="true"/></style:style>
<style:style style:name="Organ" style:family="paragraph" style:parent-style-name="Pre"><style:paragraph-properties fo:text-indent="0.9cm"/></style:style>
<style:style style:name="Op" style:family="paragraph" style:parent-style-name="Pre"><style:paragraph-properties fo:text-align="justify" fo:margin-left="2.2cm" fo:margin-bottom="{sp}pt" fo:text-indent="0.9cm"><style:tab-stops><style:tab-stop style:position="1.6cm"/></style:tab-stops></style:paragraph-properties></style:style>
<style:style style:name="OpFirst" style:family="paragraph" style:parent-style-name="Op"><style:paragraph-properties/></style:style>
<style:style style:name="OpL" style:family="paragraph" style:parent-style-name="Pre"><style:paragraph-properties fo:text-indent="0cm"/></style:style>
<style:style style:name="SubL1" style:family="paragraph" style:parent-style-name="Pre"><style:paragraph-properties fo:text-indent="0cm"/></style:style>
<style:style style:name="SubL2" style:family="paragraph" style:parent-style-name="Pre"><style:paragraph-properties fo:text-indent="0cm"/></style:style>
<style:style style:name="CloseL" style:family="paragraph" style:parent-style-name="Pre"><style:paragraph-properties fo:margin-left="2.2cm" fo:text-indent="0cm"/></style:style>
<style:style style:name="Sub1" style:family="paragraph" style:parent-style-name="Pre"><style:paragraph-properties fo:text-align="justify" fo:margin-bottom="{sp}pt" fo:margin-left="2.2cm" fo:text-indent="0.9cm"><style:tab-stops><style:tab-stop style:position="1.7cm"/></style:tab-stops></style:paragraph-properties></style:style>
<style:style style:name="Sub2" style:family="paragraph" style:parent-style-name="Pre"><style:paragraph-properties fo:text-align="justify" fo:margin-bottom="{sp}pt" fo:margin-left="3.9cm" fo:text-indent="-0.8cm"><style:tab-stops><style:tab-stop style:position="0cm"/></style:tab-stops></style:paragraph-properties></style:style>
<style:style style:name="Close" style:family="paragraph" style:parent-style-name="Pre"><style:paragraph-properties fo:text-align="justify" fo:margin-bottom="{sp}pt" fo:margin-left="2.2cm" fo:text-indent="0cm"/></style:style>
<style:style style:name="Meeting" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="end" fo:margin-top="2pt"/></style:style>
<style:style style:name="SessBlock" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:margin-right="8cm" fo:text-align="start"/><style:text-properties fo:hyphenate="false"/></style:style>
<style:style style:name="Adopted" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:margin-left="2.2cm" fo:margin-top="8pt"/><style:text-properties fo:font-size="{fs+3}pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:margin-left="2.2cm" fo:text-indent="-2.2cm" fo:margin-top="10pt" fo:margin-bottom="{10+eb}pt" fo:keep-with-next="always"><style:tab-stops><style:tab-stop style:position="0cm"/></style:tab-stops></style:paragraph-properties><style:text-properties fo:font-size="{fs+3}pt" fo:font-weight="bold" fo:hyphenate="false"/></style:style>
<style:style style:name="AnnexH" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:keep-with-next="always" fo:margin-top="14pt" fo:margin-bottom="4pt" fo:margin-left="2.2cm"/><style:text-properties fo:font-size="{fs+3}pt" fo:font-weight="bold"/></style:style>
<style:style style:name="AnnexT" style:family="paragraph" style:parent-style-name="AnnexH"><style:paragraph-properties fo:margin-top="2pt" fo:margin-bottom="8pt"/></style:style>
<style:style style:name="TH" style:family="paragraph" style:parent-style-name="Standard"><style:text-properties fo:font-style="italic" fo:font-size="{sfs}pt"/></style:style>
<style:style style:name="TD" style:family="paragraph" style:parent-style-name="Standard"><style:text-properties fo:font-size="{sfs}pt"/></style:style>
<style:style style:name="Footnote" style:family="paragraph" style:parent-style-name="Standard" style:class="extra"><style:paragraph-properties fo:margin-left="2.2cm" text:number-lines="false"/><style:text-properties fo:font-size="{sfs}pt"/></style:style>
<style:style style:name="Header" style:family="paragraph" style:parent-style-name="Standard" style:class="extra"><style:paragraph-properties text:number-lines="false"><style:tab-stops><style:tab-stop style:position="16cm" style:type="right"/></style:tab-stops></style:paragraph-properties><style:text-properties fo:font-size="{sfs}pt" fo:font-weight="bold" fo:hyphenate="false"/></style:style>
<style:style style:name="HeaderR" style:family="paragraph" style:parent-style-name="Header"/>
<style:style style:name="HeaderL" style:family="paragraph" style:parent-style-name="Header"/>
<style:style style:name="Footer" style:family="paragraph" style:parent-style-name="Header"/>
<style:style style:name="FooterR" style:family="paragraph" style:parent-style-name="Header"/>
<style:style style:name="FooterL" style:family="paragraph" style:parent-style-name="Header"/>
<style:style style:name="Mast" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties text:number-lines="false"><style:tab-stops><style:tab-stop style:position="10.5cm"/></style:tab-stops></style:paragraph-properties></style:style>
<style:style style:name="Mast1" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties text:number-lines="false"><style:tab-stops><style:tab-stop style:position="16cm" style:type="right"/></style:tab-stops></style:paragraph-properties></style:style>
<style:style style:name="MastR" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:margin-left="10.5cm" text:number-lines="false"/></style:style>
<style:style style:name="Rule" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:margin-bottom="8pt" fo:border-bottom="1.5pt solid #000000" fo:padding="0cm" text:number-lines="false"/></style:style>
<style:style style:name="LineNum" style:family="text"><style:text-properties fo:font-size="7pt"/></style:style>
<style:style style:name="Tmast" style:family="text"><style:text-properties fo:font-size="{fs+4}pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Tsym" style:family="text"><style:text-properties fo:font-size="{fs+6}pt" fo:font-weight="bold"/></style:style>
<text:notes-configuration text:note-class="footnote" style:num-format="1" text:start-value="0" text:footnotes-position="page" text:start-numbering-at="document"/>
{ln}
<text:list-style style:name="Opnum">
<text:list-level-style-number text:level="1" style:num-suffix="." style:num-format="1"><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="3.1cm" fo:text-indent="-0.9cm" fo:margin-left="3.1cm"/></style:list-level-properties></text:list-level-style-number>
<text:list-level-style-number text:level="2" style:num-prefix="(" style:num-suffix=")" style:num-format="a"><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="4.1cm" fo:text-indent="-1cm" fo:margin-left="4.1cm"/></style:list-level-properties></text:list-level-style-number>
<text:list-level-style-number text:level="3" style:num-prefix="(" style:num-suffix=")" style:num-format="i"><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="5.1cm" fo:text-indent="-1cm" fo:margin-left="5.1cm"/></style:list-level-properties></text:list-level-style-number>
</text:list-style>
</office:styles>
<office:automatic-styles>
{text_styles()}
<style:style style:name="Tab" style:family="table"><style:table-properties style:width="15cm" fo:margin-left="1.0cm" table:align="left" style:may-break-between-rows="true"/></style:style>
COLSTYLES
<style:style style:name="Row" style:family="table-row"><style:table-row-properties fo:keep-together="auto"/></style:style>
<style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties fo:padding="0.08cm" fo:border-top="0.5pt solid #000000" fo:border-bottom="0.5pt solid #000000" fo:border-left="none" fo:border-right="none"/></style:style>
<style:style style:name="MastFirst" style:family="paragraph" style:parent-style-name="Mast1" style:master-page-name="FirstPage"/>
<style:page-layout style:name="pm1" style:page-usage="mirrored"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="{top}cm" fo:margin-bottom="{bot}cm" fo:margin-left="2.5cm" fo:margin-right="2.5cm"><style:footnote-sep style:width="0.018cm" style:distance-before-sep="0.1cm" style:distance-after-sep="0.1cm" style:line-style="solid" style:adjustment="left" style:rel-width="25%" style:color="#000000"/></style:page-layout-properties><style:header-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-bottom="0.4cm"/></style:header-style><style:footer-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-top="0.4cm"/></style:footer-style></style:page-layout>
</office:automatic-styles>
<office:master-styles>
<style:master-page style:name="Standard" style:page-layout-name="pm1"><style:header>{hd_r}</style:header><style:header-left>{hd_l}</style:header-left><style:footer>{ft_r}</style:footer><style:footer-left>{ft_l}</style:footer-left></style:master-page>
<style:master-page style:name="FirstPage" style:page-layout-name="pm1" style:next-style-name="Standard"><style:footer>{ft_1}</style:footer></style:master-page>
</office:master-styles>
<office:body><office:text>
BODY
</office:text></office:body></office:document>
'''.replace('BODY', body)
