# Render the frozen drafts into final formats (txt, docx, pdf via LibreOffice, html).
import os, re, sys, html, textwrap, zipfile, subprocess, shutil, json
sys.path.insert(0, os.path.dirname(__file__))
from parse import parse, lead_italic, split_fn

ROOT = '/work/blind23'
DR = ROOT + '/drafts'
OUT = ROOT + '/texts'
os.makedirs(OUT, exist_ok=True)


def plain(segs):
    return ''.join(x[1] for x in segs)


# ---------------------------------------------------------------- TXT (plain)
def txt_plain(stem):
    d = parse(f'{DR}/{stem}.txt')
    m = d['masthead']
    out = [m['symbol'], '', *m['right'], '']
    for it in d['items']:
        k = it[0]
        if k in ('head', 'close'):
            out += it[1] + ['']
        elif k in ('chapeau', 'pre', 'cont'):
            out += textwrap.wrap(it[1], 92, break_on_hyphens=False) + ['']
        elif k == 'op':
            out += textwrap.wrap(f'{it[1]}. {it[2]}', 92, break_on_hyphens=False) + ['']
        elif k in ('sub', 'roman'):
            ind = '    ' if k == 'sub' else '        '
            out += textwrap.wrap(f'({it[1]}) {it[2]}', 88, initial_indent=ind, subsequent_indent=ind,
                                 break_on_hyphens=False) + ['']
    if d['footnotes']:
        out += ['Notes', ''] + [f'[{k}] {v}' for k, v in d['footnotes'].items()]
    return '\n'.join(out) + '\n'


# ---------------------------------------------------------------- TXT (pdftotext-like dump)
def txt_pdfdump(stem, job='39-22817', short_title=''):
    d = parse(f'{DR}/{stem}.txt')
    m = d['masthead']
    W = 86
    # build logical lines with kinds; footnote text attached to the page where its marker falls
    lines = []  # (text, fnnums)
    for it in d['items']:
        k = it[0]
        if k in ('head', 'close'):
            for l in it[1]:
                lines.append(('  ' + l, []))
            lines.append(('', []))
        else:
            if k == 'op':
                txt = f'{it[1]}.      ' + it[2]
                ind0, ind = '             ', '             '
                txt = f'      {it[1]}.      {it[2]}'
                ind0 = ''
            elif k in ('sub', 'roman'):
                txt = ('                  ' if k == 'sub' else '                        ') + f'({it[1]})     {it[2]}'
                ind0 = ''
            else:
                txt = '             ' + it[1]
                ind0 = ''
            fnums = re.findall(r'[a-z,;.:](\d)(?=\s|$)', txt)
            # footnote markers become bare digits as pdftotext prints superscripts
            wrapped = textwrap.wrap(txt, W, subsequent_indent='  ', break_on_hyphens=False,
                                    drop_whitespace=False) if False else _wrap_keep_indent(txt, W)
            for i, wl in enumerate(wrapped):
                lines.append((wl, fnums if i == len(wrapped) - 1 else []))
            lines.append(('', []))
    # paginate ~48 lines per page, break only at blank lines
    pages, cur, curfn = [], [], []
    for ln, fn in lines:
        cur.append(ln)
        curfn += fn
        if len(cur) >= 44 and ln == '':
            pages.append((cur, curfn))
            cur, curfn = [], []
    if cur:
        pages.append((cur, curfn))
    n = len(pages)
    out = []
    for i, (pl, fns) in enumerate(pages, 1):
        if i == 1:
            out += [f'{"United Nations":<60}{m["symbol"]:>26}',
                    f'{"General Assembly":<60}{m["right"][0]:>26}',
                    f'{"":<60}{m["right"][1]:>26}', '', '']
        elif i % 2 == 0:
            out += [f'{m["symbol"]:<40}{short_title:>46}', '']
        else:
            out += [f'{short_title:<46}{m["symbol"]:>40}', '']
        out += pl
        if fns:
            out += ['', '__________________']
            for f in fns:
                out.append(f'    {f}   {d["footnotes"][f]}')
        out += ['']
        if i == 1:
            digits = job.replace('-', '')
            out += [f'{job} (E)    090140', f'*{digits}*', '\f']
        elif i % 2 == 0:
            out += [f'{i}/{n}{"":<60}{job}', '\f']
        else:
            out += [f'{job}{"":<60}{i}/{n}', '\f']
    return '\n'.join(out)


def _wrap_keep_indent(txt, W):
    lead = len(txt) - len(txt.lstrip(' '))
    body = txt.lstrip(' ')
    w = textwrap.wrap(body, W - lead, break_on_hyphens=False)
    return [' ' * lead + w[0]] + ['  ' + x for x in w[1:]]


# ---------------------------------------------------------------- Markdown export (.txt)
def md(stem):
    d = parse(f'{DR}/{stem}.txt')
    m = d['masthead']

    def fnmd(t):
        return re.sub(r'([a-z,;.:])(\d)(?=\s|$)', r'\1<sup>\2</sup>', t)
    out = ['', '', f'# {m["organ"]}', '', f'{m["symbol"]}  ', *[x + '  ' for x in m['right']], '', '---', '']
    heads = [it for it in d['items'] if it[0] == 'head']
    for it in d['items']:
        k = it[0]
        if k == 'head':
            ls = it[1]
            if len(ls) > 1:
                out += [f'## **{ls[0]}**', ''] + [f'{x}  ' for x in ls[1:]] + ['']
            elif it is heads[-1]:
                out += [f'### **{ls[0]}**', '']
            else:
                out += [f'**{ls[0]}**', '']
        elif k == 'chapeau':
            out += [f'*{it[1]}*', '']
        elif k == 'pre':
            a, b = lead_italic(it[1], False)
            out += [f'*{a}*{fnmd(b)}', '']
        elif k == 'op':
            a, b = lead_italic(it[2], True)
            out += [f'{it[1]}. *{a}*{fnmd(b)}', '']
        elif k == 'sub':
            out += [f'    ({it[1]}) {fnmd(it[2])}', '']
        elif k == 'roman':
            out += [f'        ({it[1]}) {fnmd(it[2])}', '']
        elif k == 'cont':
            out += [fnmd(it[1]), '']
        elif k == 'close':
            out += [f'{x}  ' for x in it[1]] + ['']
    if d['footnotes']:
        out += ['---', ''] + [f'<sup>{k}</sup> {v}\n' for k, v in d['footnotes'].items()]
    return '\n'.join(out) + '\n'


# ---------------------------------------------------------------- HTML
def html_doc(stem, style):
    d = parse(f'{DR}/{stem}.txt')
    m = d['masthead']
    E = html.escape

    def fnh(t):
        t = E(t, quote=False)
        return re.sub(r'([a-z,;.:])(\d)(?=\s|$)', r'\1<sup><a href="#fn\2" id="r\2">\2</a></sup>', t)

    def ordsup(t):
        # furniture only: "One hundred and fourth session" etc. are left as words in the body
        return E(t, quote=False)
    css = ('body{font-family:"Times New Roman",serif;max-width:46em;margin:2em auto;line-height:1.35}'
           '.pre em,.op em{font-style:italic}.sym{float:right;font-weight:bold}'
           '.fn{font-size:85%;border-top:1px solid #000;width:12em;padding-top:.3em}'
           'ol.subs{list-style-type:none}ol.roman{list-style-type:none}')
    out = ['<!DOCTYPE html>', '<html lang="en"><head><meta charset="utf-8">',
           f'<title>{E(m["symbol"])}</title><style>{css}</style></head><body>']
    if style == 'sup':
        # masthead with ordinal superscripts in the furniture
        out.append(f'<div class="mast"><span class="sym">{E(m["symbol"])}</span>'
                   f'<p>{E(m["org"])}<br>{E(m["organ"])}</p><p>{"<br>".join(E(x) for x in m["right"])}</p></div>')
        out.append('<p class="furn">Human Rights Council Advisory Committee &middot; 63<sup>rd</sup> session &middot; '
                   '17<sup>th</sup>&ndash;21<sup>st</sup> February 2040 &middot; 5<sup>th</sup> meeting</p>'
                   if stem == 'A_HRC_AC_REC_63_2' else '')
    else:
        out.append(f'<table class="mast" width="100%"><tr><td>{E(m["org"])}<br>{E(m["organ"])}</td>'
                   f'<td align="right"><b>{E(m["symbol"])}</b><br>{"<br>".join(E(x) for x in m["right"])}</td></tr></table><hr>')
    in_list = False
    in_sub = False
    for it in d['items']:
        k = it[0]
        if style == 'nested' and k in ('op', 'sub', 'roman', 'cont'):
            if k == 'op':
                if in_sub2[0]: out.append('</ol></li>'); in_sub2[0] = False
                if in_sub: out.append('</ol>'); in_sub = False
                if in_list: out.append('</li>')
                else: out.append('<ol class="ops">'); in_list = True
                a, b = lead_italic(it[2], True)
                out.append(f'<li value="{it[1]}"><p><em>{E(a)}</em>{fnh(b)}</p>')
            elif k == 'sub':
                if in_sub2[0]: out.append('</ol></li>'); in_sub2[0] = False
                elif in_sub: out.append('</li>')
                if not in_sub: out.append('<ol class="subs" type="a">'); in_sub = True
                out.append(f'<li><p>({it[1]}) {fnh(it[2])}</p>')
            elif k == 'roman':
                if not in_sub2[0]: out.append('<ol class="roman" type="i">'); in_sub2[0] = True
                out.append(f'<li><p>({it[1]}) {fnh(it[2])}</p></li>')
            else:
                if in_sub2[0]: out.append('</ol></li>'); in_sub2[0] = False
                if in_sub: out.append('</li></ol>'); in_sub = False
                out.append(f'<p>{fnh(it[1])}</p>')
            continue
        if style == 'nested' and in_list:
            if in_sub2[0]: out.append('</ol></li>'); in_sub2[0] = False
            if in_sub: out.append('</li></ol>'); in_sub = False
            out.append('</li></ol>'); in_list = False
        if k == 'head':
            ls = it[1]
            if style == 'plainhtml':
                out.append('<p>' + '<br>'.join(E(x) for x in ls) + '</p>')
            else:
                out.append('<h3>' + '<br>'.join(E(x) for x in ls) + '</h3>')
        elif k == 'chapeau':
            out.append(f'<p class="pre"><em>{E(it[1])}</em></p>')
        elif k == 'pre':
            a, b = lead_italic(it[1], False)
            out.append(f'<p class="pre"><em>{E(a)}</em>{fnh(b)}</p>')
        elif k == 'op':
            a, b = lead_italic(it[2], True)
            out.append(f'<p class="op">{it[1]}.&nbsp;&nbsp;<em>{E(a)}</em>{fnh(b)}</p>')
        elif k in ('sub', 'roman'):
            pad = '2em' if k == 'sub' else '4em'
            out.append(f'<p style="margin-left:{pad}">({it[1]})&nbsp;{fnh(it[2])}</p>')
        elif k == 'cont':
            out.append(f'<p>{fnh(it[1])}</p>')
        elif k == 'close':
            out.append('<p>' + '<br>'.join(E(x) for x in it[1]) + '</p>')
    if d['footnotes']:
        out.append('<div class="fn">')
        for k2, v in d['footnotes'].items():
            out.append(f'<p id="fn{k2}"><sup>{k2}</sup> {E(v)}</p>')
        out.append('</div>')
    out.append('</body></html>')
    return '\n'.join(x for x in out if x) + '\n'


in_sub2 = [False]


def _next_is_roman(d, it):
    items = d['items']
    i = items.index(it)
    return i + 1 < len(items) and items[i + 1][0] == 'roman'


# ---------------------------------------------------------------- DOCX (hand-built OOXML)
W_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')


def X(t):
    return html.escape(t, quote=False)


def run(t, italic=False, bold=False, sup=False, size=None):
    rp = ''
    if italic: rp += '<w:i/>'
    if bold: rp += '<w:b/>'
    if sup: rp += '<w:vertAlign w:val="superscript"/>'
    if size: rp += f'<w:sz w:val="{size}"/>'
    rp = f'<w:rPr>{rp}</w:rPr>' if rp else ''
    return f'<w:r>{rp}<w:t xml:space="preserve">{X(t)}</w:t></w:r>'


def para(runs, ind=0, hang=0, first=0, jc=None, num=None, keep=False, space=120, style=None):
    pp = ''
    if style: pp += f'<w:pStyle w:val="{style}"/>'
    if keep: pp += '<w:keepLines/>'
    if num: pp += f'<w:numPr><w:ilvl w:val="{num[0]}"/><w:numId w:val="{num[1]}"/></w:numPr>'
    pp += f'<w:spacing w:after="{space}"/>'
    if ind or hang or first:
        pp += f'<w:ind w:left="{ind}"' + (f' w:hanging="{hang}"' if hang else '') + (f' w:firstLine="{first}"' if first else '') + '/>'
    if jc: pp += f'<w:jc w:val="{jc}"/>'
    return f'<w:p><w:pPr>{pp}</w:pPr>{"".join(runs)}</w:p>'


def docx(stem, path, mode):
    """mode: dict(autonum=bool, footnotes=bool, header=bool, job=str, short=str, table_mast=bool)"""
    d = parse(f'{DR}/{stem}.txt')
    m = d['masthead']
    fn_used = []

    def body_runs(t, lead=None, operative=False):
        runs = []
        if lead is not None:
            a, b = lead_italic(t, operative)
            runs.append(run(a, italic=True))
            t = b
        for kind, v in split_fn(t):
            if kind == 't':
                runs.append(run(v))
            elif mode.get('footnotes'):
                fn_used.append(v)
                runs.append(f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="{v}"/></w:r>')
            else:
                runs.append(run(v, sup=True))
        return runs
    P = []
    # masthead
    if mode.get('table_mast'):
        right = ''.join('<w:p><w:pPr><w:jc w:val="right"/></w:pPr>' + run(x, bold=(i == 0)) + '</w:p>' for i, x in enumerate([m['symbol']] + m['right']))
        P.append('<w:tbl><w:tblPr><w:tblW w:w="9000" w:type="dxa"/><w:tblBorders><w:bottom w:val="single" w:sz="12" w:space="0" w:color="000000"/></w:tblBorders></w:tblPr>'
                 '<w:tblGrid><w:gridCol w:w="5000"/><w:gridCol w:w="4000"/></w:tblGrid><w:tr>'
                 f'<w:tc><w:tcPr><w:tcW w:w="5000" w:type="dxa"/></w:tcPr><w:p>{run(m["org"], size=20)}</w:p><w:p>{run(m["organ"], bold=True, size=36)}</w:p></w:tc>'
                 f'<w:tc><w:tcPr><w:tcW w:w="4000" w:type="dxa"/></w:tcPr>{right}</w:tc>'
                 '</w:tr></w:tbl>')
    elif not mode.get('header'):
        P.append(para([run(m['symbol'], bold=True)], jc='right'))
        for x in m['right']:
            P.append(para([run(x)], jc='right', space=0))
        P.append(para([run(m['organ'], bold=True, size=32)], space=240))
    else:
        # first-page masthead lives in the body (header handles the rule only)
        P.append(para([run(m['org'], size=18), run('\t'), run(m['symbol'], bold=True, size=28)], space=0))
        P.append(para([run(m['organ'], bold=True, size=40)], space=0))
        for x in m['right']:
            P.append(para([run(x, size=18)], ind=6500, space=0))
        P.append(para([], space=240))
    ops = 0
    for it in d['items']:
        k = it[0]
        if k == 'head':
            ls = it[1]
            for j, l in enumerate(ls):
                big = len(ls) == 1 and re.match(r'^[\dS][\d\-/]*\d?/?\d*\.', l)
                P.append(para([run(l, bold=(j == 0 or bool(big)), size=28 if big else None)], space=60 if j < len(ls) - 1 else 200))
        elif k == 'chapeau':
            P.append(para([run(it[1], italic=True)], ind=1134, first=567))
        elif k == 'pre':
            P.append(para(body_runs(it[1], lead=True), ind=1134, first=567, jc='both'))
        elif k == 'op':
            ops += 1
            if mode.get('autonum'):
                P.append(para(body_runs(it[2], lead=True, operative=True), num=(0, 1), keep=mode.get('keep'), jc='both'))
            else:
                P.append(para([run(f'{it[1]}.\t')] + body_runs(it[2], lead=True, operative=True), ind=1134, first=567, keep=mode.get('keep'), jc='both'))
        elif k == 'sub':
            if mode.get('autonum'):
                P.append(para(body_runs(it[2]), num=(1, 1), keep=mode.get('keep'), jc='both'))
            else:
                P.append(para([run(f'({it[1]})\t')] + body_runs(it[2]), ind=1134, first=1134, keep=mode.get('keep'), jc='both'))
        elif k == 'roman':
            if mode.get('autonum'):
                P.append(para(body_runs(it[2]), num=(2, 1), keep=mode.get('keep')))
            else:
                P.append(para([run(f'({it[1]})\t')] + body_runs(it[2]), ind=2268, first=567, keep=mode.get('keep')))
        elif k == 'cont':
            P.append(para(body_runs(it[1]), ind=1134, keep=mode.get('keep'), jc='both'))
        elif k == 'close':
            for l in it[1]:
                P.append(para([run(l)], ind=1134, space=0))
            P.append(para([], space=120))
    if not mode.get('footnotes') and d['footnotes']:
        P.append(para([run('__________')], ind=1134, space=60))
        for k2, v in d['footnotes'].items():
            P.append(para([run(k2, sup=True, size=17), run(' ' + v, size=17)], ind=1134, space=40))
    rels = ['<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>',
            '<Relationship Id="rIdSet" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>']
    ct = ['<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>',
          '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>',
          '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>']
    files = {}
    sect = ''
    if mode.get('autonum'):
        rels.append('<Relationship Id="rIdN" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>')
        ct.append('<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>')
        files['word/numbering.xml'] = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {W_NS}>'
            '<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="1701" w:hanging="567"/></w:pPr></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/><w:lvlJc w:val="left"/><w:lvlRestart w:val="1"/><w:pPr><w:ind w:left="2268" w:hanging="567"/></w:pPr></w:lvl>'
            '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="(%3)"/><w:lvlJc w:val="left"/><w:lvlRestart w:val="2"/><w:pPr><w:ind w:left="2835" w:hanging="567"/></w:pPr></w:lvl>'
            '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')
    if mode.get('footnotes'):
        rels.append('<Relationship Id="rIdF" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>')
        ct.append('<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>')
        fx = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {W_NS}>',
              '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>',
              '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>']
        for k2 in fn_used:
            fx.append(f'<w:footnote w:id="{k2}"><w:p><w:pPr><w:spacing w:after="0"/><w:ind w:left="1134" w:hanging="170"/></w:pPr><w:r><w:rPr><w:vertAlign w:val="superscript"/><w:sz w:val="16"/></w:rPr><w:footnoteRef/></w:r>'
                      f'{run(" " + d["footnotes"][k2], size=16)}</w:p></w:footnote>')
        fx.append('</w:footnotes>')
        files['word/footnotes.xml'] = ''.join(fx)
    settings = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:settings {W_NS}>'
    if mode.get('header'):
        settings += '<w:evenAndOddHeaders/>'
    if mode.get('footnotes'):
        settings += '<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'
    settings += '</w:settings>'
    files['word/settings.xml'] = settings
    if mode.get('header'):
        job = mode['job']
        short = mode['short']
        sym = m['symbol']

        def hf(kind, name, paras):
            root = 'hdr' if kind == 'header' else 'ftr'
            files[f'word/{name}.xml'] = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{root} {W_NS}>{paras}</w:{root}>'
            rels.append(f'<Relationship Id="rId{name}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" Target="{name}.xml"/>')
            ct.append(f'<Override PartName="/word/{name}.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}+xml"/>')
        PAGE = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
                '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>')
        NUMP = PAGE.replace(' PAGE ', ' NUMPAGES ')
        border = '<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="1" w:color="000000"/></w:pBdr>'
        tabs = '<w:tabs><w:tab w:val="right" w:pos="9000"/></w:tabs>'
        hf('header', 'header1', f'<w:p><w:pPr>{border}{tabs}</w:pPr>{run(sym, bold=True, size=17)}{run(chr(9) + short, size=17)}</w:p>')  # even
        hf('header', 'header2', f'<w:p><w:pPr>{border}{tabs}</w:pPr>{run(short, size=17)}{run(chr(9) + sym, bold=True, size=17)}</w:p>')  # odd
        hf('header', 'header3', f'<w:p><w:pPr>{border}</w:pPr>{run(" ", size=8)}</w:p>')  # first
        hf('footer', 'footer1', f'<w:p><w:pPr>{tabs}</w:pPr>{PAGE}{run("/")}{NUMP}{run(chr(9) + job, size=16)}</w:p>')
        hf('footer', 'footer2', f'<w:p><w:pPr>{tabs}</w:pPr>{run(job, size=16)}{run(chr(9))}{PAGE}{run("/")}{NUMP}</w:p>')
        hf('footer', 'footer3', f'<w:p>{run(job + " (E)    " + mode.get("jobdate", "040141"), size=16)}</w:p><w:p>{run("*" + job.replace("-", "") + "*", size=24)}</w:p>'
                                f'<w:p><w:pPr><w:jc w:val="right"/></w:pPr>{run("Please recycle", size=14, italic=True)}</w:p>')
        sect = ('<w:headerReference w:type="even" r:id="rIdheader1"/><w:headerReference w:type="default" r:id="rIdheader2"/>'
                '<w:headerReference w:type="first" r:id="rIdheader3"/><w:footerReference w:type="even" r:id="rIdfooter1"/>'
                '<w:footerReference w:type="default" r:id="rIdfooter2"/><w:footerReference w:type="first" r:id="rIdfooter3"/>')
    sect = (f'<w:sectPr>{sect}<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1418" w:right="1134" w:bottom="1418" w:left="1134" '
            f'w:header="850" w:footer="567" w:gutter="0"/>' + ('<w:titlePg/>' if mode.get('header') else '') + '</w:sectPr>')
    font = mode.get('font', 'Liberation Serif')
    files['word/styles.xml'] = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {W_NS}>'
        f'<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:cs="{font}"/><w:sz w:val="{mode.get("size", 20)}"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault>'
        '<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>'
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>')
    doc = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W_NS}><w:body>'
           + ''.join(P) + sect + '</w:body></w:document>')
    files['word/document.xml'] = doc
    files['word/_rels/document.xml.rels'] = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' + ''.join(rels) + '</Relationships>')
    files['_rels/.rels'] = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>')
    files['docProps/core.xml'] = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties '
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f'<dc:title>{X(m["symbol"])}</dc:title><dc:creator>blind23</dc:creator></cp:coreProperties>')
    ct.append('<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>')
    files['[Content_Types].xml'] = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>' + ''.join(ct) + '</Types>')
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml', files.pop('[Content_Types].xml'))
        for k2, v in files.items():
            z.writestr(k2, v)


def to_pdf(docx_path, outdir):
    subprocess.run(['soffice', '--headless', '-env:UserInstallation=file:///tmp/blind23_lo', '--convert-to', 'pdf',
                    '--outdir', outdir, docx_path], check=True, capture_output=True)


PLAN = {
    'A_HRC_DEC_104_112': 'txt-plain',
    'A_RES_94_178': 'txt-pdfdump',
    'E_CN.6_2040_L.4': 'txt-markdown',
    'A_HRC_RES_103_22': 'docx-autonumbering',
    'A_C.3_95_L.31': 'docx-footnotes-table',
    'E_RES_2040_19': 'docx-plain',
    'A_RES_95_236': 'pdf-unlayout',
    'A_HRC_RES_S-41_1': 'pdf-simple',
    'A_95_L.44': 'pdf-autonumbering',
    'A_HRC_AC_REC_63_2': 'html-sup',
    'A_HRC_RES_104_7': 'html-nested',
    'A_RES_94_162': 'html-plain',
}

if __name__ == '__main__':
    files = {}
    tmp = '/tmp/blind23_docx'
    os.makedirs(tmp, exist_ok=True)
    for stem, how in PLAN.items():
        if how == 'txt-plain':
            p = f'texts/{stem}.txt'; open(f'{ROOT}/{p}', 'w').write(txt_plain(stem))
        elif how == 'txt-pdfdump':
            p = f'texts/{stem}.txt'
            open(f'{ROOT}/{p}', 'w').write(txt_pdfdump(stem, job='39-24118', short_title='Protection of human rights defenders working on environmental matters'))
        elif how == 'txt-markdown':
            p = f'texts/{stem}.txt'; open(f'{ROOT}/{p}', 'w').write(md(stem))
        elif how == 'docx-autonumbering':
            p = f'texts/{stem}.docx'; docx(stem, f'{ROOT}/{p}', dict(autonum=True))
        elif how == 'docx-footnotes-table':
            p = f'texts/{stem}.docx'; docx(stem, f'{ROOT}/{p}', dict(footnotes=True, table_mast=True))
        elif how == 'docx-plain':
            p = f'texts/{stem}.docx'; docx(stem, f'{ROOT}/{p}', dict(font='Liberation Sans', size=22))
        elif how.startswith('pdf'):
            mode = dict(keep=True)
            if how == 'pdf-unlayout':
                mode.update(header=True, footnotes=True, job='40-22961', jobdate='050141',
                            short='Strengthening and enhancing the effective functioning of the human rights treaty body system')
            elif how == 'pdf-autonumbering':
                mode.update(autonum=True, font='Liberation Sans')
            else:
                mode.update(footnotes=True, size=20, font='DejaVu Serif')  # size/font chosen so no hyphenated ordinal falls at a line end
            dp = f'{tmp}/{stem}.docx'
            docx(stem, dp, mode)
            to_pdf(dp, f'{ROOT}/texts')
            p = f'texts/{stem}.pdf'
        elif how.startswith('html'):
            p = f'texts/{stem}.html'
            open(f'{ROOT}/{p}', 'w').write(html_doc(stem, {'html-sup': 'sup', 'html-nested': 'nested', 'html-plain': 'plainhtml'}[how]))
        files[stem] = p
        print(stem, '->', p)
    json.dump(files, open(f'{ROOT}/files.json', 'w'), indent=1)
