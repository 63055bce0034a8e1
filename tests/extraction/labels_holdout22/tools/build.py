# Step 3 driver: render every draft into texts/ and write files.json.
import os, sys, json, shutil, tempfile
sys.path.insert(0, os.path.dirname(__file__))
from render import *

T = os.path.join(ROOT, 'texts'); os.makedirs(T, exist_ok=True)
FILES = {}
# rendering adjustments made during step 4 (logged in README); keyed by stem
ADJ = json.load(open(os.path.join(ROOT, 'tools', 'render_adjustments.json'))) if os.path.exists(os.path.join(ROOT, 'tools', 'render_adjustments.json')) else {}

def put(stem, rel, content, mode='w'):
    p = os.path.join(ROOT, rel)
    with open(p, mode, encoding='utf-8' if mode == 'w' else None) as f: f.write(content)
    FILES[stem] = rel

def lo(stem, rel, fodt, fmt):
    tmp = tempfile.mkdtemp(prefix='b22_')
    base = os.path.splitext(os.path.basename(rel))[0]
    src = os.path.join(tmp, base + '.fodt')
    open(src, 'w', encoding='utf-8').write(fodt)
    soffice(src, fmt, tmp)
    ext = 'pdf' if fmt == 'pdf' else 'docx'
    shutil.move(os.path.join(tmp, base + '.' + ext), os.path.join(ROOT, rel))
    shutil.rmtree(tmp)
    FILES[stem] = rel

only = sys.argv[1:]
def want(s): return not only or s in only

# --- .txt: plain
s = 'A_HRC_RES_94_11'
if want(s): put(s, 'texts/hrc94-res11-displacement-disasters.txt', render_plain(parse(s)))
# --- .txt: PDF text dump with page furniture
s = 'A_HRC_RES_95_8'
if want(s):
    a = ADJ.get(s, {})
    put(s, 'texts/G3711842.txt', render_dump(parse(s), 'GE.37-11842(E)', '*3711842*', '14 July 2037',
        breaks_shift={int(k): v for k, v in a.get('breaks_shift', {}).items()}))
# --- .txt: Markdown export
s = 'A_RES_93_156'
if want(s):
    a = ADJ.get(s, {})
    put(s, 'texts/a_res_93_156_export.txt', render_md(parse(s), '21 December 2038',
        break_after_pre=a.get('break_after_pre', 2), break_cut_words=a.get('break_cut_words', 'the World Conference '))
        .replace('appropriate measures, including legislative measures,',
                 'appropriate measures,\n\n---\n\nA/RES/93/156 Rights of Indigenous Peoples\n\n38-23817 **3/5**\n\nincluding legislative measures,'))
# --- .docx with Word automatic numbering
s = 'A_RES_92_171'
if want(s): lo(s, 'texts/N3742187.docx', render_fodt(parse(s), '37-42187 (E)', '22 December 2037', running_title='Rights of the child',
               auto_numbering=True, **ADJ.get(s, {})), 'docx:MS Word 2007 XML')
s = 'A_HRC_98_L_14'
if want(s): lo(s, 'texts/A_HRC_98_L.14_older_persons_draft.docx', render_fodt(parse(s), 'GE.38-10233(E)', '1 July 2038',
               running_title='A/HRC/98/L.14', distr='Distr.: Limited', star_note='State not a member of the Human Rights Council.', **ADJ.get(s, {})), 'docx:MS Word 2007 XML')
s = 'A_RES_92_268'
if want(s): lo(s, 'texts/ares92-268_revised-estimates-HRC.docx', render_fodt(parse(s), '38-00214 (E)', '5 January 2038',
               running_title='Revised estimates resulting from resolutions and decisions adopted by the Human Rights Council', **ADJ.get(s, {})), 'docx:MS Word 2007 XML')
# --- PDF
s = 'A_HRC_RES_97_23'
if want(s): lo(s, 'texts/G3804712.pdf', render_fodt(parse(s), 'GE.38-04712(E)', '5 April 2038',
               running_title='World Programme for Human Rights Education', **ADJ.get(s, {})), 'pdf')
s = 'A_RES_92_183'
if want(s): lo(s, 'texts/A_RES_92_183-EN.pdf', render_fodt(parse(s), '37-43306 (E)', '23 December 2037',
               running_title='The right to privacy in the digital age', **ADJ.get(s, {})), 'pdf')
s = 'E_RES_2038_21'
if want(s): lo(s, 'texts/E_RES_2038_21_en.pdf', render_fodt(parse(s), '38-12870 (E)', '29 July 2038',
               running_title='Mainstreaming disability in the development agenda beyond 2030', **ADJ.get(s, {})), 'pdf')
# --- HTML
s = 'A_HRC_RES_96_15'
if want(s): put(s, 'texts/hrc96_right-to-development.html', render_html(parse(s), '20 October 2037'))
s = 'A_RES_92_281'
if want(s): put(s, 'texts/ares92281.html', render_html(parse(s), '15 June 2038', sup_ordinals=True))
s = 'A_RES_93_35'
if want(s): put(s, 'texts/undocs_A_RES_93_35.html', render_html(parse(s), '8 December 2038'))

fj = os.path.join(ROOT, 'files.json')
cur = json.load(open(fj)) if os.path.exists(fj) else {}
cur.update(FILES)
json.dump(dict(sorted(cur.items())), open(fj, 'w'), indent=1); open(fj, 'a').write('\n')
print(json.dumps(FILES, indent=1))
