# Step 3: render drafts/ into texts/ in several formats. Reads only drafts/.
import re, os, sys, html, textwrap, subprocess, shutil, json
from xml.sax.saxutils import escape as xesc

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..'))

# ---------------------------------------------------------------- parsing
def parse(stem):
    t = open(os.path.join(ROOT, 'drafts', stem + '.txt'), encoding='utf-8').read()
    head, body, tail = t.split('===\n')
    H = {}
    for line in head.strip().split('\n'):
        k, v = line.split(': ', 1)
        H.setdefault(k, []).append(v)
    H = {k: (v if len(v) > 1 else v[0]) for k, v in H.items()}
    blocks = [b.strip() for b in body.strip().split('\n\n')]
    items = []  # (kind, num, text) kind in intro|pre|op|sub
    for b in blocks:
        m = re.match(r'^(\d+)\.\s+(.*)$', b, re.S)
        n = re.match(r'^\(([a-z])\)\s+(.*)$', b, re.S)
        if m: items.append(('op', m.group(1), m.group(2)))
        elif n: items.append(('sub', n.group(1), n.group(2)))
        elif b.startswith('The ') and b.endswith(','): items.append(('intro', None, b))
        else: items.append(('pre', None, b))
    closing, fns, footer = [], {}, None
    for line in tail.strip().split('\n'):
        if line.startswith('CLOSING: '): closing.append(line[9:])
        elif line.startswith('FN '):
            k, v = line[3:].split(': ', 1); fns[k] = v
        elif line.startswith('FOOTER: '): footer = line[8:]
    return dict(H=H, items=items, closing=closing, fns=fns, footer=footer)

PRE_LEAD = re.compile(r'^(Taking note(?: with appreciation)?|Deeply concerned|Noting with concern|Having considered|Guided by|'
                      r'Reaffirming(?: also| further)?|Recalling(?: also| further)?|[A-Z][a-z]+(?: (?:also|further))?)\b')
OP_LEAD = re.compile(r'^((?:Also|Further) [a-z]+|Takes note|Decides (?:also|further)|[A-Z][a-z]+(?: (?:also|further))?)\b')

def split_lead(kind, text):
    rx = PRE_LEAD if kind == 'pre' else OP_LEAD
    m = rx.match(text)
    return (m.group(1), text[m.end():]) if m else ('', text)

FNRX = re.compile(r'\[\^(\d+)\]')

def title_parts(H):
    t = H['TITLE']
    if '\t' in t:
        num, name = t.split('\t', 1)
        return num, name
    return None, t

# ---------------------------------------------------------------- plain text (corpus-like)
def render_plain(d):
    H = d['H']; out = []
    out.append(H['BODY']); out.append(H['SESSION'])
    if 'DATES' in H: out.append(H['DATES'])
    out.append(H['AGENDA']); out.append(H['AGENDA_TITLE'])
    out.append(H['ADOPTION'])
    if 'COMMITTEE' in H: out.append(H['COMMITTEE'])
    out.append(H['TITLE'])
    for kind, num, text in d['items']:
        text = FNRX.sub('', text)
        if kind == 'op': out.append(f'{num}. {text}')
        elif kind == 'sub': out.append(f'({num}) {text}')
        else: out.append(text)
    out += d['closing']
    return '\n\n'.join(out) + '\n'

# ---------------------------------------------------------------- PDF-like text dump
def render_dump(d, job, barcode, date_issued, width=86, lines_per_page=54, breaks_shift=None):
    H = d['H']; sym = H['SYMBOL']
    fnote_text = d['fns']
    # logical lines with footnote refs
    logical = []  # list of (line, [fn numbers])
    def add_par(text, indent=' ' * 10, first=None, hang=''):
        refs = FNRX.findall(text)
        text = FNRX.sub(lambda m: m.group(1), text)  # superscript flattened to digit after word
        w = textwrap.wrap(text, width=width - len(indent), initial_indent=first if first is not None else '',
                          subsequent_indent=hang, break_on_hyphens=False, break_long_words=False)
        for i, l in enumerate(w):
            ls = [r for r in refs if re.search(r'[,;.)]' + r + r'(\s|$)', l) or l.rstrip().endswith(r)]
            logical.append((indent + l, ls))
        logical.append(('', []))
    num, name = title_parts(H)
    top = [
        f'{"United Nations":<58}{sym:>28}',
        f'{"General Assembly":<58}{"Distr.: General":>28}',
        f'{"":<58}{date_issued:>28}',
        '', f'{"":<58}{"Original: English":>28}', '', '',
        H['BODY'], H['SESSION'], H['DATES'], H['AGENDA'],
    ]
    for l in textwrap.wrap(H['AGENDA_TITLE'], 52): top.append(l)
    top += ['', '', '          ' + H['ADOPTION'], '']
    for l in top: logical.append((l, []))
    add_par(name, indent='', first=f'    {num}    ', hang=' ' * 14)
    for kind, n, text in d['items']:
        if kind == 'intro': add_par(text, indent=' ' * 14)
        elif kind == 'pre': add_par(text, indent=' ' * 10, first='    ')
        elif kind == 'op': add_par(text, indent=' ' * 10, first=f'    {n}.   ')
        elif kind == 'sub': add_par(text, indent=' ' * 10, first=f'    ({n})  ')
    for c in d['closing']: logical.append((' ' * 50 + c, []))
    # paginate
    pages, cur, curfn = [], [], []
    body_cap = lines_per_page
    i = 0
    shift = breaks_shift or {}
    while i < len(logical):
        cap = body_cap - (6 if not pages else 4) - sum(2 + len(textwrap.wrap(fnote_text[f], 80)) for f in curfn)
        cap += shift.get(len(pages), 0)
        line, refs = logical[i]
        need = sum(2 + len(textwrap.wrap(fnote_text[f], 80)) for f in refs)
        if len(cur) + 1 + need > cap and cur:
            pages.append((cur, curfn)); cur, curfn = [], []
            continue
        cur.append(line); curfn += refs; i += 1
    pages.append((cur, curfn))
    out = []
    total = len(pages)
    for p, (lines, fns) in enumerate(pages, 1):
        pg = []
        if p > 1:
            hdr = f'{sym}' if p % 2 == 0 else f'{"":<72}{sym}'
            pg += [hdr, '', '']
        pg += lines
        if fns:
            pg += ['', '          __________________']
            for f in fns:
                w = textwrap.wrap(fnote_text[f], 76)
                pg.append(f'          {f}   {w[0]}')
                for x in w[1:]: pg.append('              ' + x)
        pg += ['', '']
        if p == 1:
            pg += [job, '', barcode]
        else:
            pg += [f'{p}/{total}' if p % 2 == 0 else f'{"":<80}{p}/{total}']
        out.append('\n'.join(pg))
    return '\n\f'.join(out) + '\n\f'

# ---------------------------------------------------------------- Markdown export (railcar-like)
def render_md(d, date_issued, break_after_pre=None, break_cut_words=None):
    H = d['H']; num, name = title_parts(H)
    L = ['', '', '', '', f'# {H["BODY"]}', '', 'Distr.: General  ', date_issued, '', '---', '',
         f'## **{H["SESSION"]}**', '', H['AGENDA'], '', f'**{H["AGENDA_TITLE"]}**', '',
         f'## **{H["ADOPTION"]}**', '']
    if 'COMMITTEE' in H:
        L += ['[*' + H['COMMITTEE'].strip('[]') + '*]', '']
    L += [f'### **{num} {name}**', '']
    pending = []
    def fmt(text):
        return FNRX.sub(lambda m: f'<sup>{m.group(1)}</sup>', text)
    def flush_fns():
        out = []
        for f in pending: out += [f'<sup>{f}</sup> {d["fns"][f]}', '']
        pending.clear(); return out
    pre_i = 0
    for kind, n, text in d['items']:
        refs = FNRX.findall(text)
        if kind == 'intro': L += [f'*{text}*', '']
        elif kind == 'pre':
            lead, rest = split_lead('pre', text)
            pre_i += 1
            if pre_i == break_after_pre and break_cut_words:
                a, b = rest.split(break_cut_words, 1)
                pending += refs
                L += [f'*{lead}*{fmt(a)}{break_cut_words.rstrip()}', '', '---', ''] + flush_fns() + ['', '', fmt(b.lstrip()), '']
                continue
            L += [f'*{lead}*{fmt(rest)}', '']
        elif kind == 'op':
            lead, rest = split_lead('op', text)
            L += [f'{n}. *{lead}*{fmt(rest)}', '']
        elif kind == 'sub':
            L += [f'({n}) {fmt(text)}', '']
        pending += refs
        if kind == 'op' and pending:
            L += ['---', ''] + flush_fns()
    L += [f'*{c}*' if c.endswith('meeting') else c for c in d['closing']] + ['']
    if pending: L += ['---', ''] + flush_fns()
    return '\n'.join(L)

# ---------------------------------------------------------------- HTML (UN web page)
def render_html(d, date_issued, sup_ordinals=False, lang_links=True):
    H = d['H']; num, name = title_parts(H); sym = H['SYMBOL']
    def fmt(text):
        t = html.escape(text, quote=False)
        t = FNRX.sub(lambda m: f'<sup class="fn"><a href="#fn{m.group(1)}" id="ref{m.group(1)}">{m.group(1)}</a></sup>', t)
        if sup_ordinals:
            t = re.sub(r'\b(\d+)(st|nd|rd|th)\b', r'\1<sup>\2</sup>', t)
        return t
    body = []
    body.append(f'<p class="body-name">{fmt(H["BODY"])}</p>')
    body.append(f'<p class="session">{fmt(H["SESSION"])}' + (f'<br>{fmt(H["DATES"])}' if 'DATES' in H else '') + '</p>')
    body.append(f'<p class="agenda">{fmt(H["AGENDA"])}<br><strong>{fmt(H["AGENDA_TITLE"])}</strong></p>')
    body.append(f'<h2 class="adopted">{fmt(H["ADOPTION"])}</h2>')
    if 'COMMITTEE' in H: body.append(f'<p class="committee"><em>{fmt(H["COMMITTEE"])}</em></p>')
    body.append(f'<h1 class="res-title"><span class="res-num">{fmt(num)}</span> {fmt(name)}</h1>')
    in_sub = False; last_op = ''
    for kind, n, text in d['items']:
        if kind == 'op': last_op = n
        if kind != 'sub' and in_sub:
            body.append('</ol>'); in_sub = False
        if kind == 'intro': body.append(f'<p class="intro"><em>{fmt(text)}</em></p>')
        elif kind == 'pre':
            lead, rest = split_lead('pre', text)
            body.append(f'<p class="pp"><em>{fmt(lead)}</em>{fmt(rest)}</p>')
        elif kind == 'op':
            lead, rest = split_lead('op', text)
            body.append(f'<p class="op" id="para{n}"><span class="opnum">{n}.</span>\n<em>{fmt(lead)}</em>{fmt(rest)}</p>')
        elif kind == 'sub':
            if not in_sub: body.append('<ol class="subparas" type="a">'); in_sub = True
            body.append(f'  <li class="sub" id="para{last_op}{n}"><span class="sublabel">({n})</span> {fmt(text)}</li>')
    if in_sub: body.append('</ol>')
    body.append('<div class="closing">' + '<br>\n'.join(fmt(c) for c in d['closing']) + '</div>')
    if d['fns']:
        body.append('<hr class="fn-rule">\n<ol class="footnotes">')
        for k, v in d['fns'].items():
            body.append(f'  <li id="fn{k}" value="{k}">{fmt(v)} <a href="#ref{k}" class="back">&#8617;</a></li>')
        body.append('</ol>')
    langs = ''.join(f'<li><a href="/doc/{sym.replace("/", "_")}/{l}">{l}</a></li>' for l in ['ar', 'zh', 'en', 'fr', 'ru', 'es'])
    page = f'''<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(sym)} - {html.escape(name)} - United Nations Official Documents</title>
<meta name="dc.identifier" content="{html.escape(sym)}">
<meta name="dc.date.issued" content="{html.escape(date_issued)}">
<link rel="stylesheet" href="/static/css/ods.min.css">
<style>
 body {{ font-family: "Times New Roman", serif; max-width: 48em; margin: auto; }}
 .pp, .op {{ text-indent: 2em; text-align: justify; }}
 .opnum {{ display: inline-block; min-width: 2em; }}
 sup.fn {{ font-size: 70%; }}
 nav, footer {{ font-family: Arial, sans-serif; font-size: 85%; }}
</style>
</head>
<body>
<nav class="ods-top">
 <a class="logo" href="/">United Nations</a> | <a href="/search">Official Document System</a>
 <ul class="lang">{langs}</ul>
</nav>
<div class="breadcrumb"><a href="/">Home</a> &rsaquo; <a href="/search?symbol={html.escape(sym)}">Documents</a> &rsaquo; {html.escape(sym)}</div>
<table class="docmeta">
 <tr><th>Symbol</th><td>{html.escape(sym)}</td></tr>
 <tr><th>Distribution</th><td>General</td></tr>
 <tr><th>Date</th><td>{html.escape(date_issued)}</td></tr>
 <tr><th>Language</th><td>English</td></tr>
</table>
<main class="document">
{chr(10).join(body)}
</main>
<footer>
 <p>Copyright &copy; United Nations | <a href="/terms">Terms of use</a> | <a href="/privacy">Privacy notice</a> | <a href="/fraud">Fraud alert</a></p>
 <p class="print"><a href="/doc/{sym.replace("/", "_")}/en.pdf">Download PDF</a></p>
</footer>
</body>
</html>
'''
    return page

# ---------------------------------------------------------------- FODT (-> docx / pdf)
NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
      'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
      'xmlns:loext="urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0"')

def render_fodt(d, job, date_issued, running_title=None, auto_numbering=False, font_size='10pt',
                extra_space_before=None, distr='Distr.: General', star_note=None):
    """extra_space_before: {op_number: 'Xcm'} to move page breaks (rendering fix)."""
    H = d['H']; num, name = title_parts(H); sym = H['SYMBOL']
    extra_space_before = extra_space_before or {}
    fnc = [0]
    def inl(text):
        parts = FNRX.split(text)
        out = ''
        for i, p in enumerate(parts):
            if i % 2 == 0: out += xesc(p)
            else:
                k = p
                out += (f'<text:note text:id="ftn{k}" text:note-class="footnote"><text:note-citation>{k}</text:note-citation>'
                        f'<text:note-body><text:p text:style-name="Footnote">{xesc(d["fns"][k])}</text:p></text:note-body></text:note>')
        return out
    P = []
    # front matter table
    P.append(f'''<table:table table:name="Front" table:style-name="TFront">
<table:table-column table:style-name="TFrontA"/><table:table-column table:style-name="TFrontB"/><table:table-column table:style-name="TFrontC"/>
<table:table-row><table:table-cell table:style-name="TCell"><text:p text:style-name="UN">United Nations</text:p></table:table-cell>
<table:table-cell table:style-name="TCell"><text:p text:style-name="Organ">{xesc("General Assembly" if sym.startswith("A/") else "Economic and Social Council")}</text:p></table:table-cell>
<table:table-cell table:style-name="TCell"><text:p text:style-name="SymR">{xesc(sym)}</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell table:style-name="TCell"><text:p text:style-name="Standard"/></table:table-cell><table:table-cell table:style-name="TCell"><text:p text:style-name="Standard"/></table:table-cell>
<table:table-cell table:style-name="TCell"><text:p text:style-name="Distr">{xesc(distr)}</text:p><text:p text:style-name="Distr">{xesc(date_issued)}</text:p>{'<text:p text:style-name="Distr">' + xesc(H["ORIGINAL"]) + '</text:p>' if "ORIGINAL" in H else ''}</table:table-cell></table:table-row>
</table:table>''')
    P.append(f'<text:p text:style-name="FM">{xesc(H["BODY"]) if not sym.startswith("A/RES") else ""}</text:p>' if not sym.startswith('A/RES') else '')
    P.append(f'<text:p text:style-name="FMb">{xesc(H["SESSION"])}</text:p>')
    if 'DATES' in H: P.append(f'<text:p text:style-name="FM">{xesc(H["DATES"])}</text:p>')
    P.append(f'<text:p text:style-name="FM">{xesc(H["AGENDA"])}</text:p>')
    P.append(f'<text:p text:style-name="FMb">{xesc(H["AGENDA_TITLE"])}</text:p>')
    if 'SPONSORS' in H:
        sp = xesc(H['SPONSORS'])
        if star_note:
            # first asterisk carries the real footnote, the others are plain
            first = sp.index('*')
            sp = (sp[:first] + f'<text:note text:id="ftnstar" text:note-class="footnote"><text:note-citation text:label="*">*</text:note-citation>'
                  f'<text:note-body><text:p text:style-name="Footnote">{xesc(star_note)}</text:p></text:note-body></text:note>' + sp[first + 1:])
        P.append(f'<text:p text:style-name="Sponsors">{sp}</text:p>')
    else:
        P.append(f'<text:p text:style-name="Adopt">{xesc(H["ADOPTION"])}</text:p>')
        if 'COMMITTEE' in H: P.append(f'<text:p text:style-name="Committee">{xesc(H["COMMITTEE"])}</text:p>')
    P.append(f'<text:p text:style-name="Title">{(xesc(num) + "<text:tab/>") if num else ""}{xesc(name)}</text:p>')
    in_list = False
    def close_list():
        return '</text:list-item></text:list>' if in_list else ''
    for kind, n, text in d['items']:
        if kind == 'intro':
            P.append(f'<text:p text:style-name="Intro"><text:span text:style-name="Ti">{inl(text)}</text:span></text:p>')
        elif kind == 'pre':
            lead, rest = split_lead('pre', text)
            P.append(f'<text:p text:style-name="Pre"><text:span text:style-name="Ti">{xesc(lead)}</text:span>{inl(rest)}</text:p>')
        elif kind == 'op':
            lead, rest = split_lead('op', text)
            st = 'Op' + (('S' + n) if n in extra_space_before else '')
            if auto_numbering:
                if not in_list:
                    P.append('<text:list text:style-name="OpNum">'); in_list = True
                else:
                    P.append('</text:list-item>')
                P.append(f'<text:list-item><text:p text:style-name="{st}L"><text:span text:style-name="Ti">{xesc(lead)}</text:span>{inl(rest)}</text:p>')
            else:
                P.append(f'<text:p text:style-name="{st}">{n}.<text:tab/><text:span text:style-name="Ti">{xesc(lead)}</text:span>{inl(rest)}</text:p>')
        elif kind == 'sub':
            if auto_numbering:
                # sub-paragraphs keep typed labels (as many real Word files do)
                P.append(f'<text:p text:style-name="SubL">({n})<text:tab/>{inl(text)}</text:p>')
            else:
                P.append(f'<text:p text:style-name="Sub">({n})<text:tab/>{inl(text)}</text:p>')
    if in_list: P.append('</text:list-item></text:list>')
    for i, c in enumerate(d['closing']):
        P.append(f'<text:p text:style-name="{"Close1" if i == 0 else "Close"}">{xesc(c)}</text:p>')
    if 'SPONSORS' not in H:
        P.append('<text:p text:style-name="Rule">__________________</text:p>')
    rt = xesc(running_title or name)
    hdr_r = f'{rt}<text:tab/>{xesc(sym)}' if running_title != sym else xesc(sym)
    hdr_l = f'{xesc(sym)}<text:tab/>{rt}' if running_title != sym else xesc(sym)
    space_styles = ''.join(
        f'<style:style style:name="OpS{k}" style:family="paragraph" style:parent-style-name="Op"><style:paragraph-properties fo:margin-top="{v}"/></style:style>'
        f'<style:style style:name="OpS{k}L" style:family="paragraph" style:parent-style-name="OpL"><style:paragraph-properties fo:margin-top="{v}"/></style:style>'
        for k, v in extra_space_before.items())
    doc = f'''<?xml version="1.0" encoding="UTF-8"?>
<office:document {NS} office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls>
 <style:font-face style:name="Times New Roman" svg:font-family="'Times New Roman'" style:font-family-generic="roman"/>
</office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph">
  <style:paragraph-properties fo:orphans="2" fo:widows="2" fo:hyphenation-ladder-count="no-limit"/>
  <style:text-properties style:font-name="Times New Roman" fo:font-size="{font_size}" fo:language="en" fo:country="GB" fo:hyphenate="false"/>
 </style:default-style>
 <style:style style:name="Standard" style:family="paragraph" style:class="text"/>
 <style:style style:name="UN" style:family="paragraph" style:parent-style-name="Standard"><style:text-properties fo:font-size="12pt" style:font-name="Times New Roman"/></style:style>
 <style:style style:name="Organ" style:family="paragraph" style:parent-style-name="Standard"><style:text-properties fo:font-size="16pt" fo:font-weight="bold"/></style:style>
 <style:style style:name="SymR" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="end"/><style:text-properties fo:font-size="14pt"/></style:style>
 <style:style style:name="Distr" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="start" fo:margin-left="0.5cm"/></style:style>
 <style:style style:name="FM" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:margin-right="8cm"/></style:style>
 <style:style style:name="FMb" style:family="paragraph" style:parent-style-name="FM"><style:text-properties fo:font-weight="bold"/></style:style>
 <style:style style:name="Sponsors" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:margin-left="1.25cm" fo:margin-top="0.5cm" fo:margin-bottom="0.3cm"/></style:style>
 <style:style style:name="Adopt" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:margin-left="1.25cm" fo:margin-top="0.8cm"/><style:text-properties fo:font-size="14pt" fo:font-weight="bold"/></style:style>
 <style:style style:name="Committee" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:margin-left="1.25cm"/></style:style>
 <style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:margin-left="1.25cm" fo:text-indent="-1.25cm" fo:margin-top="0.4cm" fo:margin-bottom="0.4cm"><style:tab-stops><style:tab-stop style:position="0cm"/></style:tab-stops></style:paragraph-properties><style:text-properties fo:font-size="14pt" fo:font-weight="bold"/></style:style>
 <style:style style:name="Intro" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:margin-left="1.25cm" fo:text-indent="1cm" fo:margin-bottom="0.12cm"/></style:style>
 <style:style style:name="Pre" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:margin-left="1.25cm" fo:text-indent="1cm" fo:margin-bottom="0.12cm" fo:text-align="justify" fo:line-height="115%"/></style:style>
 <style:style style:name="Op" style:family="paragraph" style:parent-style-name="Pre"><style:paragraph-properties><style:tab-stops><style:tab-stop style:position="1.0cm"/></style:tab-stops></style:paragraph-properties></style:style>
 <style:style style:name="OpL" style:family="paragraph" style:parent-style-name="Pre" style:list-style-name="OpNum"/>
 <style:style style:name="Sub" style:family="paragraph" style:parent-style-name="Pre"><style:paragraph-properties fo:margin-left="1.25cm" fo:text-indent="1cm"><style:tab-stops><style:tab-stop style:position="1.9cm"/></style:tab-stops></style:paragraph-properties></style:style>
 <style:style style:name="SubL" style:family="paragraph" style:parent-style-name="Sub"/>
 <style:style style:name="Close1" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:margin-left="9cm" fo:margin-top="0.5cm"/></style:style>
 <style:style style:name="Close" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:margin-left="9cm"/></style:style>
 <style:style style:name="Rule" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="center" fo:margin-top="0.4cm"/></style:style>
 <style:style style:name="Footnote" style:family="paragraph" style:parent-style-name="Standard" style:class="extra"><style:paragraph-properties fo:margin-left="1.25cm"/><style:text-properties fo:font-size="8.5pt"/></style:style>
 <style:style style:name="Header" style:family="paragraph" style:parent-style-name="Standard" style:class="extra"><style:text-properties fo:font-size="9pt" fo:font-weight="bold"/></style:style>
 <style:style style:name="HeaderR" style:family="paragraph" style:parent-style-name="Header"><style:paragraph-properties fo:text-align="end"/></style:style>
 <style:style style:name="Footer" style:family="paragraph" style:parent-style-name="Standard" style:class="extra"><style:text-properties fo:font-size="9pt"/></style:style>
 <style:style style:name="FooterR" style:family="paragraph" style:parent-style-name="Footer"><style:paragraph-properties fo:text-align="end"/></style:style>
 <style:style style:name="Ti" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>
 <text:notes-configuration text:note-class="footnote" style:num-format="1" text:start-value="0" text:footnotes-position="page" text:start-numbering-at="document"/>
 <text:list-style style:name="OpNum">
  <text:list-level-style-number text:level="1" style:num-suffix="." style:num-format="1">
   <style:list-level-properties text:list-level-position-and-space-mode="label-alignment">
    <style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="2.25cm" fo:text-indent="1cm" fo:margin-left="1.25cm"/>
   </style:list-level-properties>
  </text:list-level-style-number>
 </text:list-style>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="pm1">
  <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="1.2cm" fo:margin-bottom="1.2cm" fo:margin-left="2.4cm" fo:margin-right="2.4cm">
   <style:footnote-sep style:width="0.018cm" style:distance-before-sep="0.1cm" style:distance-after-sep="0.1cm" style:line-style="solid" style:adjustment="left" style:rel-width="25%" style:color="#000000"/>
  </style:page-layout-properties>
  <style:header-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-bottom="0.5cm"/></style:header-style>
  <style:footer-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-top="0.5cm"/></style:footer-style>
 </style:page-layout>
 <style:style style:name="TFront" style:family="table"><style:table-properties style:width="16.2cm" table:align="left"/></style:style>
 <style:style style:name="TFrontA" style:family="table-column"><style:table-column-properties style:column-width="3.2cm"/></style:style>
 <style:style style:name="TFrontB" style:family="table-column"><style:table-column-properties style:column-width="7.5cm"/></style:style>
 <style:style style:name="TFrontC" style:family="table-column"><style:table-column-properties style:column-width="5.5cm"/></style:style>
 <style:style style:name="TCell" style:family="table-cell"><style:table-cell-properties fo:padding="0.05cm" fo:border="none"/></style:style>
 {space_styles}
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="pm1">
  <style:header><text:p text:style-name="HeaderR">{hdr_r}</text:p></style:header>
  <style:header-left><text:p text:style-name="Header">{hdr_l}</text:p></style:header-left>
  <style:footer><text:p text:style-name="FooterR"><text:page-number text:select-page="current">2</text:page-number>/<text:page-count>3</text:page-count></text:p></style:footer>
  <style:footer-left><text:p text:style-name="Footer"><text:page-number text:select-page="current">2</text:page-number>/<text:page-count>3</text:page-count></text:p></style:footer-left>
 </style:master-page>
 <style:master-page style:name="First_20_Page" style:display-name="First Page" style:page-layout-name="pm1" style:next-style-name="Standard">
  <style:footer><text:p text:style-name="Footer">{xesc(job)}</text:p><text:p text:style-name="Footer">*{xesc(re.sub(r"[^0-9]", "", job))}*</text:p></style:footer>
 </style:master-page>
</office:master-styles>
<office:body><office:text>
<text:p text:style-name="FirstP"/>
{chr(10).join(x for x in P if x)}
</office:text></office:body></office:document>
'''
    # first paragraph uses the first-page master
    doc = doc.replace('<office:automatic-styles>', '<office:automatic-styles>\n <style:style style:name="FirstP" style:family="paragraph" style:parent-style-name="Standard" style:master-page-name="First_20_Page"><style:text-properties fo:font-size="2pt"/></style:style>', 1)
    return doc

def soffice(src, fmt, outdir):
    r = subprocess.run(['soffice', '--headless', '--norestore', '-env:UserInstallation=file:///tmp/b22_lo_profile',
                        '--convert-to', fmt, '--outdir', outdir, src], capture_output=True, text=True, timeout=300)
    if r.returncode != 0: print(r.stdout, r.stderr)
