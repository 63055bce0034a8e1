import re, html
def parse(path):
    raw=open(path,encoding='utf-8').read()
    head={}; body=[]; tail=[]; fns={}
    lines=raw.split('\n'); i=0; mode='head'
    for ln in lines:
        if mode=='head':
            if ln.startswith('%'):
                k,_,v=ln[1:].partition(' '); head.setdefault(k,v) if k!='SESSDATES2' else head.__setitem__(k,v)
                continue
            mode='body'
        if mode=='body':
            if ln.strip()=='%END': mode='tail'; continue
            if ln.strip(): body.append(ln.strip())
        elif mode=='tail':
            m=re.match(r'\[\^([^\]]+)\]: (.*)',ln)
            if m: fns[m.group(1)]=m.group(2)
            elif ln.strip(): tail.append(ln.strip())
    return head,body,tail,fns
def kind(p):
    if re.match(r'^\d+\. ',p): return 'op'
    if re.match(r'^\((?:[ivx]+)\) ',p) and not re.match(r'^\((?:i)\) To hold',p): return 'subsub' if re.match(r'^\((?:ii|iii|iv|v|vi|vii)\) ',p) else 'sub'
    if re.match(r'^\([a-z]\) ',p): return 'sub'
    if p.startswith('*'): return 'pre'
    return 'other'
# tokenization: returns list of (type, text) with type in 'n','i','fn'
def tokens(p):
    out=[]; pos=0
    for m in re.finditer(r'\*([^*]+)\*|\[\^([^\]]+)\]',p):
        if m.start()>pos: out.append(('n',p[pos:m.start()]))
        if m.group(1) is not None: out.append(('i',m.group(1)))
        else: out.append(('fn',m.group(2)))
        pos=m.end()
    if pos<len(p): out.append(('n',p[pos:]))
    return out
def plain(p):
    return ''.join(t for k,t in tokens(p) if k!='fn')
