# Step 4: every label note and not_scored words must be a substring of the text
# extracted from the rendered file, after whitespace normalisation.
import json, os, re, subprocess, zipfile, html, sys
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..'))

def norm(s): return re.sub(r'\s+', ' ', s).strip()

def extract(path):
    p = os.path.join(ROOT, path)
    if p.endswith('.pdf'):
        return subprocess.run(['pdftotext', p, '-'], capture_output=True, text=True).stdout
    if p.endswith('.docx'):
        x = zipfile.ZipFile(p).read('word/document.xml').decode('utf-8')
        x = re.sub(r'</w:p>', '\n', x)
        x = re.sub(r'<w:tab/>', '\t', x)
        x = re.sub(r'<[^>]+>', '', x)
        return html.unescape(x)
    if p.endswith('.html'):
        x = open(p, encoding='utf-8').read()
        x = re.sub(r'(?is)<(script|style|head)\b.*?</\1>', ' ', x)
        x = re.sub(r'(?i)</?(p|div|li|ol|ul|h\d|br|tr|td|th|table|nav|footer|main|hr)\b[^>]*>', ' ', x)
        x = re.sub(r'<[^>]+>', '', x)
        return html.unescape(x)
    return open(p, encoding='utf-8').read()

if __name__ == '__main__':
    files = json.load(open(os.path.join(ROOT, 'files.json')))
    bad = 0; tot = 0
    for stem, rel in sorted(files.items()):
        txt = norm(extract(rel))
        rows = json.load(open(os.path.join(ROOT, 'labels', stem + '.json')))
        meta = json.load(open(os.path.join(ROOT, 'meta', stem + '.json')))
        for r in rows:
            tot += 1
            if norm(r['note']) not in txt: bad += 1; print('MISSING note', stem, r['paragraph'], '|', r['note'][:90])
        for n in meta['not_scored']:
            tot += 1
            if norm(n['words']) not in txt: bad += 1; print('MISSING words', stem, n['paragraph'], '|', n['words'][:90])
    print(f'checked {tot} strings, {bad} missing')
