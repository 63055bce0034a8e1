import sys,re,html
sys.path.insert(0,'/work/blind27/build')
from parse import parse,split_pre,split_op,FN
E=lambda s: html.escape(s,quote=False)
T='/work/blind27/texts/'
# 1. UN-website-like HTML
d=parse('../drafts/A_HRC_RES_128_9.txt'); m=d['meta']
def sup(t): return FN.sub(lambda x:f'<sup><a href="#fn{x.group(1)}" id="ref{x.group(1)}">{x.group(1)}</a></sup>',E(t))
h=[f'''<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{E(m["symbol"])} - {E(m["title"])} | United Nations Digital Library</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{{font-family:Roboto,Arial,sans-serif;margin:0;color:#222}}header{{background:#009edb;color:#fff;padding:8px 24px}}nav.crumbs{{font-size:12px;padding:6px 24px;background:#f2f2f2}}main{{max-width:820px;margin:0 auto;padding:12px 24px}}.docsym{{float:right;font-weight:bold}}.pre em,.op em{{font-style:italic}}p.op{{margin-left:2em}}p.sub{{margin-left:4em}}footer{{font-size:11px;color:#666;border-top:1px solid #ccc;padding:12px 24px}}.fn{{font-size:12px}}</style></head>
<body>
<header><a href="/" style="color:#fff;text-decoration:none"><strong>United Nations</strong> | Human Rights Council</a>
<span style="float:right">English | Français | Español | Русский | 中文 | العربية</span></header>
<nav class="crumbs"><a href="/">Home</a> &rsaquo; <a href="/hrbodies/hrc">Human Rights Council</a> &rsaquo; <a href="/hrbodies/hrc/regular-sessions/session128">128th session</a> &rsaquo; Resolutions</nav>
<main>
<div class="meta"><span class="docsym">{E(m["symbol"])}</span><p>Distr.: {E(m["distr"])}<br>{E(m["date"])}</p></div>
<p><strong>Human Rights Council</strong><br><strong>{E(m["session"])}</strong><br>{E(m["dates"])}<br>{E(m["agenda"])}<br><strong>{E(m["agendatitle"])}</strong></p>
<h2>{E(m["adopted"])}</h2>
<h1>{E(m["title"])}</h1>
<p><em>{E(m["opening"])}</em></p>''']
for p in d['pre']:
    a,r=split_pre(p); h.append(f'<p class="pre"><em>{E(a)}</em>{sup(r)}</p>')
for o in d['ops']:
    a,r=split_op(o['t']); h.append(f'<p class="op">{o["n"]}.&nbsp;&nbsp;<em>{E(a)}</em>{sup(r)}</p>')
    for s in o['subs']: h.append(f'<p class="sub">{s["l"]}&nbsp;&nbsp;{sup(s["t"])}</p>')
h.append('<p class="close">'+'<br>'.join(E(c) for c in d['close'])+'</p>')
h.append('<hr><div class="fn">'+''.join(f'<p id="fn{n}"><sup>{n}</sup> {E(t)} <a href="#ref{n}">&#8617;</a></p>' for n,t in d['fn'].items())+'</div>')
h.append(f'''<p><a href="https://documents.un.org/doc/undoc/gen/g48/108/44/pdf/g4810844.pdf">Download PDF</a> | <a href="#">Other languages</a></p></main>
<footer>&copy; United Nations 2048 | <a href="/terms">Terms of use</a> | <a href="/privacy">Privacy notice</a> | <a href="/fraud">Fraud alert</a></footer></body></html>''')
open(T+'A_HRC_RES_128_9.html','w',encoding='utf-8').write('\n'.join(h))

# 2. Word "Save as web page" export
d=parse('../drafts/A_RES_102_233.txt'); m=d['meta']
def wsup(t): return FN.sub(lambda x:f'<a style=\'mso-footnote-id:ftn{x.group(1)}\' href="#_ftn{x.group(1)}" name="_ftnref{x.group(1)}" title=""><span class=MsoFootnoteReference><span style=\'mso-special-character:footnote\'><![if !supportFootnotes]><span class=MsoFootnoteReference><span style=\'font-size:10.0pt;line-height:115%;font-family:"Times New Roman",serif\'>[{x.group(1)}]</span></span><![endif]></span></span></a>',E(t))
w=[f'''<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns:m="http://schemas.microsoft.com/office/2004/12/omml"
xmlns="http://www.w3.org/TR/REC-html40">

<head>
<meta http-equiv=Content-Type content="text/html; charset=windows-1252">
<meta name=ProgId content=Word.Document>
<meta name=Generator content="Microsoft Word 15">
<meta name=Originator content="Microsoft Word 15">
<link rel=File-List href="N4807215_files/filelist.xml">
<title>{E(m["symbol"])}</title>
<!--[if gte mso 9]><xml>
 <o:DocumentProperties>
  <o:Author>DGACM</o:Author>
  <o:Template>Normal</o:Template>
  <o:LastAuthor>Editing Section</o:LastAuthor>
  <o:Revision>3</o:Revision>
  <o:Created>2048-03-19T14:02:00Z</o:Created>
  <o:Pages>3</o:Pages>
 </o:DocumentProperties>
</xml><![endif]-->
<style>
<!--
 /* Font Definitions */
 @font-face {{font-family:"Times New Roman"; panose-1:2 2 6 3 5 4 5 2 3 4;}}
 /* Style Definitions */
 p.MsoNormal, li.MsoNormal, div.MsoNormal
	{{mso-style-unhide:no; mso-style-qformat:yes; margin:0cm; font-size:10.0pt; font-family:"Times New Roman",serif; mso-fareast-language:EN-US;}}
p.MsoFootnoteText, li.MsoFootnoteText, div.MsoFootnoteText
	{{mso-style-link:"Footnote Text Char"; margin:0cm; font-size:8.0pt; font-family:"Times New Roman",serif;}}
span.MsoFootnoteReference {{vertical-align:super;}}
p.SingleTxtG, li.SingleTxtG, div.SingleTxtG
	{{mso-style-name:"_ Single Txt_G"; margin-top:0cm; margin-right:1.0cm; margin-bottom:6.0pt; margin-left:2.0cm; text-align:justify; line-height:12.0pt; font-size:10.0pt; font-family:"Times New Roman",serif;}}
p.H1G, li.H1G, div.H1G
	{{mso-style-name:"_ H_1_G"; margin-top:12.0pt; margin-right:1.0cm; margin-bottom:12.0pt; margin-left:2.0cm; text-indent:-1.0cm; font-size:12.0pt; font-weight:bold;}}
@page WordSection1
	{{size:612.0pt 792.0pt; margin:72.0pt 72.0pt 72.0pt 72.0pt; mso-header-margin:36.0pt; mso-footer-margin:36.0pt; mso-even-footer:url("N4807215_files/header.htm") ef1; mso-first-footer:url("N4807215_files/header.htm") ff1; mso-paper-source:0;}}
div.WordSection1 {{page:WordSection1;}}
-->
</style>
<!--[if gte mso 10]>
<style>
 /* Style Definitions */
 table.MsoNormalTable {{mso-style-name:"Table Normal"; mso-tstyle-rowband-size:0;}}
</style>
<![endif]-->
</head>

<body lang=EN-GB style='tab-interval:36.0pt;word-wrap:break-word'>

<div class=WordSection1>

<table class=MsoNormalTable border=0 cellspacing=0 cellpadding=0 width=643
 style='width:482.0pt;border-collapse:collapse;mso-yfti-tbllook:1184'>
 <tr style='mso-yfti-irow:0;mso-yfti-firstrow:yes'>
  <td width=340 valign=bottom style='width:255.0pt;padding:0cm 5.4pt 0cm 5.4pt'>
  <p class=MsoNormal><span style='font-size:12.0pt'>United Nations<o:p></o:p></span></p>
  </td>
  <td width=303 valign=bottom style='width:227.0pt;padding:0cm 5.4pt 0cm 5.4pt'>
  <p class=MsoNormal align=right style='text-align:right'><span style='font-size:20.0pt'>{E(m["symbol"])}<o:p></o:p></span></p>
  </td>
 </tr>
 <tr style='mso-yfti-irow:1;mso-yfti-lastrow:yes'>
  <td valign=top style='border-top:solid windowtext 1.5pt;padding:0cm 5.4pt 0cm 5.4pt'>
  <p class=MsoNormal><b><span style='font-size:20.0pt'>General Assembly<o:p></o:p></span></b></p>
  </td>
  <td valign=top style='border-top:solid windowtext 1.5pt;padding:0cm 5.4pt 0cm 5.4pt'>
  <p class=MsoNormal style='margin-left:70.9pt'>Distr.: {E(m["distr"])}<o:p></o:p></p>
  <p class=MsoNormal style='margin-left:70.9pt'>{E(m["date"])}<o:p></o:p></p>
  </td>
 </tr>
</table>

<p class=MsoNormal><o:p>&nbsp;</o:p></p>

<p class=MsoNormal><b>{E(m["session"])}<o:p></o:p></b></p>

<p class=MsoNormal>{E(m["agenda"])}<o:p></o:p></p>

<p class=MsoNormal><b>{E(m["agendatitle"])}<o:p></o:p></b></p>

<p class=H1G><span style='mso-tab-count:1'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span>{E(m["adopted"])}<o:p></o:p></p>

<p class=SingleTxtG><i>{E(m["onreport"])}<o:p></o:p></i></p>

<p class=H1G>{E(m["title"].split(". ",1)[0])}.<span style='mso-tab-count:1'>&nbsp;&nbsp;&nbsp; </span>{E(m["title"].split(". ",1)[1])}<o:p></o:p></p>

<p class=SingleTxtG style='text-indent:36.0pt'><i>{E(m["opening"])}<o:p></o:p></i></p>
''']
for p in d['pre']:
    a,r=split_pre(p); w.append(f"<p class=SingleTxtG style='text-indent:36.0pt'><i>{E(a)}</i>{wsup(r)}<o:p></o:p></p>\n")
for o in d['ops']:
    a,r=split_op(o['t'])
    w.append(f"<p class=SingleTxtG style='text-indent:36.0pt'>{o['n']}.<span style='mso-tab-count:1'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span><i>{E(a)}</i>{wsup(r)}<o:p></o:p></p>\n")
w.append(f"<p class=SingleTxtG><o:p>&nbsp;</o:p></p>\n<p class=SingleTxtG style='margin-left:240.0pt'>{E(d['close'][0])}<o:p></o:p></p>\n<p class=SingleTxtG style='margin-left:240.0pt'>{E(d['close'][1])}<o:p></o:p></p>\n")
w.append("</div>\n\n<div style='mso-element:footnote-list'><![if !supportFootnotes]><br clear=all>\n\n<hr align=left size=1 width=\"33%\">\n\n<![endif]>\n")
for n,t in d['fn'].items():
    w.append(f"<div style='mso-element:footnote' id=ftn{n}>\n\n<p class=MsoFootnoteText><a style='mso-footnote-id:ftn{n}' href=\"#_ftnref{n}\" name=\"_ftn{n}\" title=\"\"><span class=MsoFootnoteReference><span style='mso-special-character:footnote'><![if !supportFootnotes]><span class=MsoFootnoteReference><span style='font-size:8.0pt;font-family:\"Times New Roman\",serif'>[{n}]</span></span><![endif]></span></span></a><span style='mso-tab-count:1'>&nbsp;&nbsp;&nbsp; </span>{E(t)}<o:p></o:p></p>\n\n</div>\n")
w.append("\n</div>\n\n</body>\n\n</html>\n")
open(T+'A_RES_102_233.htm','w',encoding='cp1252',errors='xmlcharrefreplace').write(''.join(w).replace('\n','\r\n'))

# 3. Markdown
d=parse('../drafts/A_HRC_RES_129_21.txt'); m=d['meta']
def msup(t): return FN.sub(lambda x:f'<sup>{x.group(1)}</sup>',t)
md=[f"United Nations | {m['symbol']}\n\n# General Assembly\n\nDistr.: {m['distr']}  \n{m['date']}\n\n---\n\n## **Human Rights Council**\n\n**{m['session']}**\n\n{m['dates']}\n\nAgenda item 3\n\n**{m['agendatitle']}**\n\n## **{m['adopted']}**\n\n### **{m['title']}**\n\n*{m['opening']}*\n"]
pre_out=[]
for i,p in enumerate(d['pre']):
    a,r=split_pre(p); md.append(f"*{a}*{msup(r)}\n")
    if i==2: # page break + footnote block mid-text, as in a PDF export
        md.append("---\n\n"+"\n\n".join(f"<sup>{n}</sup> {t}" for n,t in d['fn'].items())+"\n\n---\n\n*A/HRC/RES/129/21*\n")
for o in d['ops']:
    a,r=split_op(o['t']); md.append(f"{o['n']}. *{a}*{msup(r)}\n")
    for s in o['subs']: md.append(f"{s['l']} {msup(s['t'])}\n")
md.append("\n".join(f"*{c}*" if i<2 else c for i,c in enumerate(d['close']))+"\n")
open(T+'A_HRC_RES_129_21.md','w',encoding='utf-8').write('\n'.join(md))

# 4. Plain text (SC)
d=parse('../drafts/S_RES_3190_2048.txt'); m=d['meta']
def plain(t): return FN.sub('',t)
L=[f"United Nations\t{m['symbol']}",f"Security Council\tDistr.: {m['distr']}",f"\t{m['date']}","",m['adopted'].replace(' Adopted','\n\nAdopted'),"",m['opening'],""]
for p in d['pre']: L+= [plain(p),""]
for o in d['ops']:
    L+=[f"{o['n']}.\t{plain(o['t'])}",""]
    for s in o['subs']: L+=[f"\t{s['l']}\t{plain(s['t'])}",""]
open(T+'S_RES_3190_2048.txt','w',encoding='utf-8').write('\n'.join(L))
