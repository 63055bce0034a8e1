# Parse a plain draft into a simple document model for rendering.
import re

CHAPEAU = re.compile(r'^The (Human Rights Council|General Assembly|Economic and Social Council|Commission on the Status of Women|Human Rights Council Advisory Committee),$')
OP = re.compile(r'^(\d+)\. (.*)$', re.S)
SUB = re.compile(r'^\(([a-z]+)\) (.*)$', re.S)
ROMAN = {'i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix', 'x'}
FN = re.compile(r'([a-z,;.:])(\d)(?=\s|$)')
STOP = {'the', 'that', 'to', 'of', 'all', 'its', 'her', 'his', 'their', 'States', 'Member', 'Governments',
        'business', 'and', 'in', 'a', 'an', 'at', 'on', 'by', 'General', 'Human', 'human', 'with', 'any',
        'United', 'regional', 'international', 'Economic', 'Council', 'Human', 'resolution', 'resolutions',
        'Office', 'High', 'Secretary-General', 'Special', 'Chairs', 'President', 'Independent', 'commission',
        'purposes', 'Charter', 'Universal', 'Declaration', 'Beijing', 'Madrid', 'number'}
PRE_CONT = {'also', 'further', 'concerned', 'note', 'with', 'appreciation', 'deep', 'concern', 'considered',
            'alarmed', 'mind'}


def lead_italic(text, operative):
    """Split text into (italic lead, rest) following UN style."""
    words = text.split(' ')
    n = 1
    if operative:
        while n < len(words) and n < 4 and words[n][:1].islower() and words[n] not in STOP \
                and not words[n].endswith(','):
            n += 1
    else:
        while n < len(words) and words[n].rstrip(',') in PRE_CONT:
            n += 1
    return ' '.join(words[:n]), (' ' + ' '.join(words[n:])) if n < len(words) else ''


def split_fn(text):
    """Return list of ('t', str) / ('fn', num) segments."""
    out = []
    pos = 0
    for m in FN.finditer(text):
        out.append(('t', text[pos:m.start()] + m.group(1)))
        out.append(('fn', m.group(2)))
        pos = m.end()
    out.append(('t', text[pos:]))
    return [x for x in out if x != ('t', '')]


def parse(path):
    raw = open(path, encoding='utf-8').read()
    if '__________' in raw:
        body, fns = raw.split('__________', 1)
    else:
        body, fns = raw, ''
    footnotes = {}
    for line in fns.strip().splitlines():
        m = re.match(r'^(\d+) (.*)$', line.strip())
        if m:
            footnotes[m.group(1)] = m.group(2)
    blocks = [b for b in re.split(r'\n\s*\n', body.strip()) if b.strip()]
    lines0 = blocks[0].splitlines()
    mast = [l for l in lines0 if l.startswith(' ') or re.search(r'\S\s{3,}\S', l)]
    rest0 = [l.strip() for l in lines0 if l not in mast]
    left = [re.split(r'\s{3,}', l.strip())[0] for l in mast if not l.startswith(' ')]
    rights = []
    for l in mast:
        parts = re.split(r'\s{3,}', l.strip())
        rights.append(parts[-1])
    masthead = dict(org=left[0], organ=left[1], symbol=rights[0], right=rights[1:])
    items = []
    state = 'head'
    if rest0:
        items.append(('head', rest0))
    for b in blocks[1:]:
        t = ' '.join(l.strip() for l in b.splitlines())
        if state == 'head':
            if CHAPEAU.match(t):
                items.append(('chapeau', t))
                state = 'pre'
                continue
            items.append(('head', [l.strip() for l in b.splitlines()]))
            continue
        m = OP.match(t)
        if m:
            items.append(('op', m.group(1), t[len(m.group(1)) + 2:]))
            state = 'op'
            continue
        m = SUB.match(t)
        if m and state == 'op':
            lvl = 2 if m.group(1) in ROMAN and items and items[-1][0] in ('sub', 'roman') and \
                not (m.group(1) == 'i' and items[-1][0] == 'sub' and items[-1][1] == 'h') else 1
            items.append(('roman' if lvl == 2 else 'sub', m.group(1), m.group(2)))
            continue
        if state == 'pre':
            items.append(('pre', t))
            continue
        # after operative: continuation or closing
        if re.match(r'^\d+(st|nd|rd|th) (plenary )?meeting', t) or t.startswith('['):
            items.append(('close', [l.strip() for l in b.splitlines()]))
            state = 'close'
        elif state == 'close':
            items.append(('close', [l.strip() for l in b.splitlines()]))
        else:
            items.append(('cont', t))
    return dict(masthead=masthead, items=items, footnotes=footnotes)


if __name__ == '__main__':
    import sys, json
    d = parse(sys.argv[1])
    print(json.dumps(d['masthead']))
    for it in d['items']:
        print(it[0], str(it[1:])[:100])
    print(d['footnotes'])
