# Check that every label note and not_scored words string appears in the rendered text.
import json, re, subprocess, zipfile, html, sys
ROOT = '/work/blind23'
files = json.load(open(f'{ROOT}/files.json'))

def text_of(path):
    p = f'{ROOT}/{path}'
    if p.endswith('.pdf'):
        return subprocess.run(['pdftotext', p, '-'], capture_output=True, text=True).stdout
    if p.endswith('.docx'):
        z = zipfile.ZipFile(p)
        out = []
        for part in ('word/document.xml', 'word/footnotes.xml'):
            if part in z.namelist():
                x = z.read(part).decode()
                for para in re.findall(r'<w:p[ >].*?</w:p>', x):
                    out.append(''.join(html.unescape(t) for t in re.findall(r'<w:t[^>]*>(.*?)</w:t>', para)))
        return '\n'.join(out)
    s = open(p, encoding='utf-8').read()
    if p.endswith('.html'):
        s = html.unescape(re.sub(r'<[^>]+>', ' ', s.replace('&nbsp;', ' ')))
        s = re.sub(r'\s+([,;.:])', r'\1', s)  # tag-boundary spaces before punctuation
    elif '<sup>' in s or '*' in s:  # markdown export
        s = re.sub(r'<sup>\d+</sup>', '', s).replace('*', '')
    return s

def norm(s):
    s = s.replace('\u00a0', ' ')
    s = re.sub(r'-\n\s*', '-', s)
    return re.sub(r'\s+', ' ', s)

bad = 0
for stem, path in files.items():
    t = norm(text_of(path))
    labels = json.load(open(f'{ROOT}/labels/{stem}.json'))
    meta = json.load(open(f'{ROOT}/meta/{stem}.json'))
    n = 0
    for x in labels:
        n += 1
        if norm(x['note']) not in t:
            bad += 1; print('MISSING note', stem, x['paragraph'], x['note'])
    for x in meta['not_scored']:
        n += 1
        if norm(x['words']) not in t:
            bad += 1; print('MISSING words', stem, x['paragraph'], x['words'])
    print(f'{stem:22s} {path:36s} strings checked {n}')
print('missing', bad)
sys.exit(1 if bad else 0)
