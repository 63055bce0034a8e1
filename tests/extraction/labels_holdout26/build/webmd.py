import sys, re, html, textwrap
sys.path.insert(0,'/work/blind26r/build')
from common import parse, tokens
E=lambda s: html.escape(s, quote=False)
T='/work/blind26r/texts/'
# ---------- UN-website-like HTML ----------
def un_html(stem,out):
    h,body,tail,fns=parse(f'/work/blind26r/drafts/{stem}.txt'); n=[0]; used=[]
    def r(p):
        o=''
        for k,t in tokens(p):
            if k=='n': o+=E(t)
            elif k=='i': o+=f'<em>{E(t)}</em>'
            else: n[0]+=1; used.append(fns[t]); o+=f'<sup class="fn"><a href="#fn{n[0]}" id="fnref{n[0]}">{n[0]}</a></sup>'
        return o
    paras=[]
    for p in body:
        m=re.match(r'^(\([a-z]+\)) (.*)',p)
        if m: paras.append(f'      <p class="decision-para"><span class="para-no">{m.group(1)}</span> {r(m.group(2))}</p>')
        else: paras.append(f'      <p>{r(p)}</p>')
    fl='\n'.join(f'        <li id="fn{i}"><a href="#fnref{i}">↑</a> {E(t)}</li>' for i,t in enumerate(used,1))
    doc=f'''<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{E(h["SYMBOL"])} | Official Documents | United Nations</title>
  <link rel="stylesheet" href="/assets/css/uniform.min.css">
  <meta name="dc.identifier" content="{E(h["SYMBOL"])}">
</head>
<body class="page-document">
  <a class="skip-link" href="#main">Skip to main content</a>
  <header class="site-header">
    <div class="brand"><img src="/assets/img/un-logo.svg" alt="United Nations"> <span>United Nations</span> <span class="sub">Human Rights Council</span></div>
    <nav class="main-nav"><ul><li><a href="/en/hrbodies/hrc">Home</a></li><li><a href="/en/hrbodies/hrc/sessions">Sessions</a></li><li><a href="/en/hrbodies/hrc/documents">Documents</a></li><li><a href="/en/hrbodies/hrc/resolutions">Resolutions and decisions</a></li><li><a href="/en/search">Search</a></li></ul></nav>
    <div class="lang"><a href="#" lang="ar">العربية</a> | <a href="#" lang="zh">中文</a> | <strong>English</strong> | <a href="#" lang="fr">Français</a> | <a href="#" lang="ru">Русский</a> | <a href="#" lang="es">Español</a></div>
  </header>
  <nav class="breadcrumb" aria-label="breadcrumb"><a href="/en">Home</a> › <a href="/en/hrbodies/hrc">Human Rights Council</a> › <a href="/en/hrbodies/hrc/regular-sessions/session121">121st session</a> › Resolutions, decisions and President's statements</nav>
  <main id="main">
    <aside class="doc-meta">
      <dl>
        <dt>Symbol</dt><dd>{E(h["SYMBOL"])}</dd>
        <dt>Document type</dt><dd>Decision</dd>
        <dt>Session</dt><dd>{E(h["SESSION"])} ({E(h["SESSDATES"])})</dd>
        <dt>Distribution</dt><dd>{E(h["DISTR"])}, {E(h["DATE"])}</dd>
        <dt>Download</dt><dd><a href="#">PDF</a> · <a href="#">Word</a></dd>
      </dl>
      <p class="related-title">See also</p>
      <ul class="related"><li><a href="#">Report of the Independent Expert on human rights and international solidarity</a></li><li><a href="#">Programme of work, 122nd session</a></li></ul>
    </aside>
    <article class="un-document">
      <div class="doc-header"><p class="agenda">{E(h["AGENDA"])}</p><p class="agenda-title">{E(h["AGENDATITLE"])}</p></div>
      <h2 class="adopted">{E(h["ADOPTED"])}</h2>
      <h1 class="doc-title">{E(h["TITLE"])}</h1>
      <p class="chapeau"><em>{E(h["CHAPEAU"])}</em></p>
{chr(10).join(paras)}
      <p class="closing"><em>{E(tail[0])}</em><br><em>{E(tail[1])}</em></p>
      <section class="footnotes"><hr>
      <ol>
{fl}
      </ol></section>
    </article>
  </main>
  <footer class="site-footer"><ul><li><a href="#">Contact</a></li><li><a href="#">Copyright</a></li><li><a href="#">Fraud alert</a></li><li><a href="#">Privacy notice</a></li><li><a href="#">Terms of use</a></li></ul><p>© United Nations</p></footer>
</body>
</html>
'''
    open(out,'w',encoding='utf-8').write(doc)
# ---------- Word "Save as web page" ----------
def word_html(stem,out):
    h,body,tail,fns=parse(f'/work/blind26r/drafts/{stem}.txt'); n=[0]; used=[]
    def ent(s):
        return E(s).replace('\u00a0','&nbsp;')
    def r(p):
        o=''
        for k,t in tokens(p):
            if k=='n': o+=ent(t)
            elif k=='i': o+=f'<i>{ent(t)}</i>'
            else:
                n[0]+=1; used.append(fns[t]); i=n[0]
                o+=(f'<a href="#_ftn{i}" name="_ftnref{i}" title=""><span class=MsoFootnoteReference><span\nclass=MsoFootnoteReference><span style=\'font-size:10.0pt;font-family:"Times New Roman",serif\'>[{i}]</span></span></span></a>')
        return o
    def wrap(s):  # Word wraps source lines at ~76 chars, breaking at spaces
        return '\n'.join(textwrap.wrap(s,76,break_long_words=False,break_on_hyphens=False))
    P=[]
    P.append(f"<table class=MsoNormalTable border=0 cellspacing=0 cellpadding=0 width=643\n style='width:482.0pt;border-collapse:collapse'>\n <tr>\n  <td width=420 valign=bottom style='width:315.0pt;padding:0cm 5.4pt 0cm 5.4pt'>\n  <p class=MsoNormal><span lang=EN-GB>United Nations</span></p>\n  </td>\n  <td width=223 valign=bottom style='width:167.0pt;padding:0cm 5.4pt 0cm 5.4pt'>\n  <p class=MsoNormal align=right style='text-align:right'><span lang=EN-GB\n  style='font-size:16.0pt'>{ent(h['SYMBOL'])}</span></p>\n  </td>\n </tr>\n <tr>\n  <td style='border-top:solid windowtext 1.5pt;padding:0cm 5.4pt 0cm 5.4pt'>\n  <p class=MsoNormal><b><span lang=EN-GB style='font-size:20.0pt'>General\n  Assembly</span></b></p>\n  </td>\n  <td style='border-top:solid windowtext 1.5pt;padding:0cm 5.4pt 0cm 5.4pt'>\n  <p class=MsoNormal><span lang=EN-GB>Distr.: {ent(h['DISTR'])}</span></p>\n  <p class=MsoNormal><span lang=EN-GB>{ent(h['DATE'])}</span></p>\n  </td>\n </tr>\n</table>")
    P.append(f"<p class=MsoNormal><b><span lang=EN-GB>{ent(h['SESSION'])}</span></b></p>")
    P.append(f"<p class=MsoNormal><span lang=EN-GB>{ent(h['AGENDA'])}</span></p>")
    P.append(f"<p class=MsoNormal><b><span lang=EN-GB>{ent(h['AGENDATITLE'])}</span></b></p>")
    P.append(f"<p class=HCh><span lang=EN-GB>{wrap(ent(h['ADOPTED']))}</span></p>")
    P.append(f"<p class=SingleTxt><i><span lang=EN-GB>{ent(h['REPORTOF'])}</span></i></p>")
    P.append(f"<p class=H1><span lang=EN-GB>{wrap(ent(h['TITLE']))}</span></p>")
    P.append(f"<p class=SingleTxt><i><span lang=EN-GB>{ent(h['CHAPEAU'])}</span></i></p>")
    for p in body:
        m=re.match(r'^(\d+\.) (.*)',p)
        if m: P.append(f"<p class=SingleTxt><span lang=EN-GB>{m.group(1)}<span style='mso-tab-count:1'>&nbsp;&nbsp;&nbsp;&nbsp; </span>{wrap(r(m.group(2)))}</span></p>")
        else: P.append(f"<p class=SingleTxt><span lang=EN-GB>{wrap(r(p))}</span></p>")
    for t in tail: P.append(f"<p class=MsoNormal align=right style='text-align:right'><i><span lang=EN-GB>{ent(t)}</span></i></p>")
    fn=''.join(f"\n<div id=ftn{i}>\n\n<p class=MsoFootnoteText><a href=\"#_ftnref{i}\" name=\"_ftn{i}\" title=\"\"><span\nclass=MsoFootnoteReference><span lang=EN-GB><span class=MsoFootnoteReference><span\nlang=EN-GB style='font-size:8.0pt;font-family:\"Times New Roman\",serif'>[{i}]</span></span></span></span></a><span\nlang=EN-GB> {ent(t)}</span></p>\n\n</div>" for i,t in enumerate(used,1))
    doc=f'''<html>

<head>
<meta http-equiv=Content-Type content="text/html; charset=windows-1252">
<meta name=Generator content="Microsoft Word 15 (filtered)">
<title>{ent(h['SYMBOL'])}</title>
<style>
<!--
 /* Font Definitions */
 @font-face
	{{font-family:"Cambria Math";
	panose-1:2 4 5 3 5 4 6 3 2 4;}}
 /* Style Definitions */
 p.MsoNormal, li.MsoNormal, div.MsoNormal
	{{margin:0cm;
	font-size:10.0pt;
	font-family:"Times New Roman",serif;}}
p.MsoFootnoteText, li.MsoFootnoteText, div.MsoFootnoteText
	{{margin-top:0cm;
	margin-right:0cm;
	margin-bottom:0cm;
	margin-left:63.35pt;
	text-indent:-10.0pt;
	font-size:8.0pt;
	font-family:"Times New Roman",serif;}}
span.MsoFootnoteReference
	{{vertical-align:super;}}
p.SingleTxt, li.SingleTxt, div.SingleTxt
	{{mso-style-name:"_ Single Txt";
	margin-top:0cm;
	margin-right:63.35pt;
	margin-bottom:6.0pt;
	margin-left:63.35pt;
	text-align:justify;
	text-indent:28.35pt;
	line-height:12.0pt;
	font-size:10.0pt;
	font-family:"Times New Roman",serif;}}
p.HCh, li.HCh, div.HCh
	{{mso-style-name:"_ H _Ch";
	margin-left:63.35pt;
	font-size:14.0pt;
	font-weight:bold;}}
p.H1, li.H1, div.H1
	{{mso-style-name:"_ H_1";
	margin-left:63.35pt;
	font-size:12.0pt;
	font-weight:bold;}}
 /* Page Definitions */
 @page WordSection1
	{{size:595.3pt 841.9pt;
	margin:85.05pt 62.35pt 85.05pt 62.35pt;}}
div.WordSection1
	{{page:WordSection1;}}
-->
</style>

</head>

<body lang=EN-US link=blue vlink="#954F72" style='word-wrap:break-word'>

<div class=WordSection1>

{chr(10)+chr(10).join(P)}

</div>

<div><br clear=all>

<hr align=left size=1 width="33%">
{fn}

</div>

</body>

</html>
'''
    open(out,'w',encoding='cp1252',errors='xmlcharrefreplace').write(doc)
# ---------- MD seed-like (page breaks, <sup>) ----------
def md_seedlike(stem,out,break_after=4):
    h,body,tail,fns=parse(f'/work/blind26r/drafts/{stem}.txt'); n=[0]; pending=[]
    def r(p):
        o=''
        for k,t in tokens(p):
            if k=='n': o+=t
            elif k=='i': o+=f'*{t}*'
            else: n[0]+=1; pending.append((n[0],fns[t])); o+=f'<sup>{n[0]}</sup>'
        return o
    L=['','','','',f'# {h["BODYNAME"]}','',f'Distr.: {h["DISTR"]}  ',h['DATE'],'','---','',f'## **{h["SESSION"]}**','',h['AGENDA'],'',f'**{h["AGENDATITLE"]}**','',f'## **{h["ADOPTED"]}**','',f'[*{h["REPORTOF"][1:-1]}*]','',f'### **{h["TITLE"]}**','',f'*{h["CHAPEAU"]}*','']
    count=0
    for p in body:
        line=r(p)
        if p.startswith('*') and count==break_after:
            # page break falls inside this preambular paragraph
            words=line.split(' '); cut=len(words)*2//3
            L.append(' '.join(words[:cut])); L+=['','---','']
            for i,t in pending: L+= [f'<sup>{i}</sup> {t}','']
            pending.clear(); L+=['',f'{h["SYMBOL"]}','',' '.join(words[cut:]),'']
        else:
            L+=[line,'']
        count+=1
    L+=[f'*{t}*  ' for t in tail]+['']
    if pending:
        L+=['---','']
        for i,t in pending: L+=[f'<sup>{i}</sup> {t}','']
    open(out,'w',encoding='utf-8').write('\n'.join(L))
# ---------- MD pandoc style ([^n], ordered list) ----------
def md_pandoc(stem,out):
    h,body,tail,fns=parse(f'/work/blind26r/drafts/{stem}.txt')
    def r(p):
        return ''.join(t if k=='n' else (f'*{t}*' if k=='i' else f'[^{t}]') for k,t in tokens(p))
    L=[f'**United Nations** | **{h["SYMBOL"]}**','', f'**{h["BODYNAME"]}**', '', f'Distr.: {h["DISTR"]}\\', h['DATE'], '',
       f'{h["SESSION"]}\\', h['SESSDATES']+'\\', h['AGENDA']+'\\', h['AGENDATITLE'], '', f'#### {h["ADOPTED"]}', '', f'*{h["REPORTOF"]}*'.replace('[','\\[').replace(']','\\]'), '',
       f'### {h["TITLE"]}', '', f'*{h["CHAPEAU"]}*', '']
    inq=False
    for p in body:
        m=re.match(r'^(\d+)\. (.*)',p)
        if p.startswith('“'):
            L+=['> '+r(p).replace('“1. ','“1\\. ').replace('“2. ','“2\\. ').replace('“3. ','“3\\. '),'>'] ; inq=True; continue
        if inq: L.pop(); L.append(''); inq=False
        if m: L+=[f'{m.group(1)}.  {r(m.group(2))}','']
        else: L+=[r(p),'']
    L+=[t+'\\' for t in tail[:-1]]+[tail[-1],'']
    L+=[f'[^{k}]: {v}' for k,v in fns.items()]+['']
    open(out,'w',encoding='utf-8').write('\n'.join(L))
if __name__=='__main__':
    un_html('A_HRC_DEC_121_103',T+'A_HRC_DEC_121_103.html')
    word_html('A_RES_100_268',T+'A_RES_100_268.htm')
    md_seedlike('A_RES_101_145',T+'A_RES_101_145.md')
    md_pandoc('E_RES_2046_14',T+'E_RES_2046_14.md')
