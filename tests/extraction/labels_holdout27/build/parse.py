import re
def parse(path):
    d={'meta':{},'pre':[],'ops':[],'close':[],'fn':{},'notes':[]}
    for line in open(path,encoding='utf-8').read().splitlines():
        if not line.strip(): continue
        if line.startswith('@fn '):
            n,t=line[4:].split(' ',1); d['fn'][n]=t
        elif line.startswith('@close '): d['close'].append(line[7:])
        elif line.startswith('@note '): d['notes'].append(line[6:])
        elif line.startswith('@'):
            k,v=line[1:].split(' ',1); d['meta'][k]=v
        elif line.startswith('P '): d['pre'].append(line[2:])
        elif re.match(r'^\d+\. ',line):
            n,t=line.split(' ',1); d['ops'].append({'n':n.rstrip('.'),'t':t,'subs':[]})
        elif re.match(r'^\([a-z]+\) ',line):
            l,t=line.split(' ',1); d['ops'][-1]['subs'].append({'l':l,'t':t})
        else: raise ValueError(line)
    return d
PRE_PHRASES=sorted(["Guided by","Reaffirming","Reaffirming also","Recalling","Recalling also","Recalling further","Deeply concerned","Gravely concerned","Concerned","Concerned also","Recognizing","Recognizing also","Stressing","Acknowledging","Taking note","Taking note with appreciation","Taking note of","Welcoming","Noting","Determined","Emphasizing"],key=len,reverse=True)
def split_pre(t):
    for p in PRE_PHRASES:
        if t.startswith(p+' ') or t.startswith(p+','):
            if p=="Taking note of": p="Taking note"
            return p,t[len(p):]
    w=t.split(' ',1); return w[0],' '+w[1]
OP2={'Also','Further','Calls','Takes','Strongly','Decides','Expresses'}
def split_op(t):
    w=t.split(' ')
    if w[0] in ('Calls',) and w[1]=='upon': return 'Calls upon',t[len('Calls upon'):]
    if w[0]=='Also' and w[1]=='calls' and w[2]=='upon': return 'Also calls upon',t[len('Also calls upon'):]
    if w[0] in ('Also','Further'): return ' '.join(w[:2]),t[len(' '.join(w[:2])):]
    if w[0]=='Expresses' and w[1]=='deep': return 'Expresses deep concern',t[len('Expresses deep concern'):]
    if w[0]=='Takes' and w[1]=='note': return 'Takes note',t[len('Takes note'):]
    return w[0],t[len(w[0]):]
FN=re.compile(r'\[\[(\d+)\]\]')
