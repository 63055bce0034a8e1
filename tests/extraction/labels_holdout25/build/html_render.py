# Render drafts to HTML (A_RES_99_77: annex as an HTML table; E_CN.6_2044_L.5: line-numbered draft text)
import re, render, textwrap
from html import escape
def inl(t):
    t=escape(t, quote=False)
    t=re.sub(r'\[\^(\d+)\]', r'<sup><a href="#fn\1" id="fr\1">\1</a></sup>', t)
    t=re.sub(r'\*([^*]+)\*', r'<i>\1</i>', t)
    return t
def strip(t):
    return re.sub(r'\[\^\d+\]','',t).replace('*','')

def table_doc(stem):
    hl, blocks, fns = render.parse(stem)
    sym=hl[0].split('|')[1].strip(); l2=[x.strip() for x in hl[1].split('|')]
    o=['<!DOCTYPE html>','<html lang="en"><head><meta charset="utf-8"><title>'+escape(sym)+'</title>',
       '<style>body{font-family:"Times New Roman",serif;max-width:46em;margin:2em auto}p.pre,p.op{text-align:justify;margin-left:4em}p.pre{text-indent:2em}'
       '.mast{display:flex;justify-content:space-between;border-bottom:2px solid #000}.sym{font-size:1.4em;font-weight:bold}'
       'table{border-collapse:collapse;margin-left:2em;font-size:.9em}th,td{border-top:1px solid #000;border-bottom:1px solid #000;padding:.3em;vertical-align:top;text-align:left}th{font-style:italic;font-weight:normal}'
       '.fn{font-size:.85em}.meet{text-align:right}</style></head><body>']
    o.append(f'<div class="mast"><div><b>{escape(hl[0].split("|")[0].strip())}</b><br><b>{escape(l2[0])}</b></div><div class="sym">{escape(sym)}</div><div>'+'<br>'.join(escape(x) for x in l2[1:])+'</div></div>')
    o.append('<div class="sess">'+'<br>'.join(inl(x) for x in hl[2:-3])+'</div>')
    for x in hl[-3:-1]: o.append(f'<h3 style="margin-left:3em">{inl(x)}</h3>')
    m=re.match(r'^(\S+)\s+(.*)$', hl[-1]); o.append(f'<h2>{escape(m.group(1))}&#9;{inl(m.group(2))}</h2>')
    for b in blocks:
        if b[0].startswith('|'):
            rows=[[c.strip() for c in r.strip().strip('|').split('|')] for r in b]
            o.append('<table>\n<thead><tr>'+''.join(f'<th>{inl(c)}</th>' for c in rows[0])+'</tr></thead>\n<tbody>')
            for r in rows[1:]: o.append('<tr>'+''.join(f'<td>{inl(c)}</td>' for c in r)+'</tr>')
            o.append('</tbody></table>'); continue
        if b[0]=='Annex':
            o.append('<h2 style="margin-left:2em">Annex</h2>'+''.join(f'<h3 style="margin-left:2em">{inl(x)}</h3>' for x in b[1:])); continue
        if re.match(r'^\d+(st|nd|rd|th) (plenary )?meeting$', b[0]):
            o.append('<p class="meet">'+'<br>'.join(inl(x) for x in b)+'</p>'); continue
        m=re.match(r'^(\d+)\. (.*)$', b[0])
        if m:
            o.append(f'<p class="op">&#8195;{m.group(1)}.&#8195;{inl(m.group(2))}</p>'); continue
        for x in b: o.append(f'<p class="pre">{inl(x)}</p>')
    if fns:
        o.append('<hr style="width:20%;margin-left:0"><div class="fn">'+''.join(f'<p id="fn{k}"><sup>{k}</sup> {inl(v)}</p>' for k,v in fns.items())+'</div>')
    o.append('</body></html>')
    return '\n'.join(o)

# hand-picked hyphenation points used when a word falls at the end of a numbered line
HY={'session':'ses-sion','Secretary-General':'Secretary-|General','Commission':'Com-mission','consultations':'consul-tations',
    'implementation':'imple-mentation','International':'Inter-national','Governments':'Govern-ments','hundredth':'hun-dredth',
    'ninety-ninth':'ninety-|ninth','participation':'partici-pation','responsibilities':'respon-sibilities','disproportionate':'dispro-portionate',
    'programmatic':'pro-grammatic','Empowerment':'Empower-ment','valuation':'valu-ation','improvement':'improve-ment','collaboration':'col-laboration'}
def wrap_hy(text, width):
    """greedy wrap; a word that does not fit is split at a hand-picked hyphenation point when one fits"""
    words=text.split(' '); lines=[]; cur=''
    for w in words:
        cand=(cur+' '+w) if cur else w
        if len(cand)<=width: cur=cand; continue
        core=re.match(r'^([\w\-]+)(.*)$', w)
        done=False
        if core and core.group(1) in HY:
            a,b=(HY[core.group(1)].split('|') if '|' in HY[core.group(1)] else HY[core.group(1)].split('-',1))
            if '|' not in HY[core.group(1)]: a=a+'-'
            if len((cur+' '+a) if cur else a)<=width:
                lines.append((cur+' '+a) if cur else a); cur=b+core.group(2); done=True
        if not done:
            lines.append(cur); cur=w
    if cur: lines.append(cur)
    return lines

def numbered_doc(stem, width=74):
    hl, blocks, fns = render.parse(stem)
    sym=hl[0].split('|')[1].strip(); l2=[x.strip() for x in hl[1].split('|')]
    o=['<!DOCTYPE html>','<html lang="en"><head><meta charset="utf-8"><title>'+escape(sym)+'</title>',
       '<style>body{font-family:"Times New Roman",serif;max-width:50em;margin:2em auto}.l{white-space:pre;font-family:"Courier New",monospace;font-size:.95em}'
       '.ln{display:inline-block;width:3em;color:#666;text-align:right;margin-right:1.5em;font-size:.75em}.mast{display:flex;justify-content:space-between;border-bottom:2px solid #000}</style></head><body>']
    o.append(f'<div class="mast"><div><b>{escape(hl[0].split("|")[0].strip())}</b><br><b>{escape(l2[0])}</b></div><div><b>{escape(sym)}</b></div><div>'+'<br>'.join(escape(x) for x in l2[1:])+'</div></div>')
    o.append('<p>'+'<br>'.join(escape(x) for x in hl[2:-2])+'</p>')
    o.append(f'<p><b>{escape(hl[-2])}</b></p><h2>{escape(hl[-1])}</h2>')
    n=[0]
    ITAL=[]
    def emit(lines, indent):
        pend=list(ITAL)
        for i,l in enumerate(lines):
            n[0]+=1
            pad=' '*(indent if i==0 else 0)
            e=escape(l, quote=False)
            for ph in list(pend):
                if ph in e:
                    e=e.replace(ph, f'<i>{ph}</i>', 1); pend.remove(ph)
            o.append(f'<div class="l"><span class="ln">{n[0]}</span>{pad}{e}</div>')
    o.append('<div class="text">')
    for b in blocks:
        ITAL[:]=re.findall(r'\*([^*]+)\*', ' '.join(b))
        txt=strip(' '.join(b))
        m=re.match(r'^(\d+)\. (.*)$', txt)
        if m:
            lines=wrap_hy(f'{m.group(1)}.  {m.group(2)}', width-4); emit(lines,4)
        elif txt.startswith('The ') and txt.endswith(','):
            emit([txt],4)
        else:
            lines=wrap_hy(txt, width-4); emit(lines,4)
    o.append('</div></body></html>')
    # italics for preambular verbs: re-apply on the first words of preambular lines
    return '\n'.join(o)
if __name__=='__main__':
    open('/work/blind25/build/A_RES_99_77.html','w').write(table_doc('A_RES_99_77'))
    open('/work/blind25/build/E_CN.6_2044_L.5.html','w').write(numbered_doc('E_CN.6_2044_L.5', width=66))
