import tune, json, shutil, sys
SPECS={
 'A_HRC_RES_113_4': dict(grid=[dict(fs=a,sp=4,top=1.5,bot=round(b,2)) for a,rng in ((11.5,[4.2+0.1*i for i in range(10)]),(12,[1.0+0.12*i for i in range(25)]),(12.5,[1.0+0.12*i for i in range(25)])) for b in rng], job='GE.43-11873(E)', kw={}, targets=[("to present the report to the Human Rights Council at its one hundred and sixteenth session, to be followed by an interactive dialogue","at its one hundred and sixteenth session")]),
 'A_HRC_RES_114_21': dict(grid=[dict(fs=a,sp=4,top=1.5,bot=round(b,2), lig=True) for a,rng in ((12,[1.0+0.12*i for i in range(28)]),(11.5,[4.2+0.1*i for i in range(10)]),(12.5,[1.0+0.12*i for i in range(25)])) for b in rng], job='GE.43-18205(E)', kw=dict(lig=True), targets=[("most affected; and to present the study to the Council at its one hundred and seventeenth session","and to present the study to the Council at its one hundred and seventeenth session")]),
 'A_HRC_115_L.12': dict(grid=[dict(fs=a,sp=4,top=tp,bot=round(b,2), linenum=True) for a,tp,rng in ((10,1.5,[1.0+0.1*i for i in range(30)]),(10.5,1.2,[0.6+0.05*i for i in range(10)]),(9.5,1.5,[1.0+0.12*i for i in range(30)])) for b in rng], job='GE.44-04417(E)', kw=dict(linenum=True), targets=[("to submit a progress report to the Council at its one hundred and seventeenth session and to present the final study to the Council at its one hundred and nineteenth session","to the Council at its one hundred and seventeenth session and to present the final study to the Council at its one hundred and nineteenth")]),
 'A_HRC_116_L.7_Rev.1': dict(job='GE.44-10962(E)', kw=dict(linenum=True), targets=[("in preparedness and response, to the Human Rights Council at its one hundred and eighteenth one hundred and nineteenth session;","to the Human Rights Council at its one hundred and eighteenth one hundred and nineteenth session")]),
 'A_RES_98_143': dict(job='43-24611', kw=dict(ga_style=True, title_for_head='Human rights of persons affected by climate-related displacement', col_widths=[5.2,2.0,3.8,4.0]), targets=[("Paragraph 8 Special Rapporteur on the human rights of persons displaced in the context of slow-onset environmental change General Assembly, at its one hundredth session","Special Rapporteur on the human rights of persons displaced in the context of slow-onset environmental change General Assembly, at its one hundredth")]),
 'A_C.3_99_L.31': dict(grid=[dict(fs=a,sp=4,top=1.5,bot=round(b,2), linenum=True, ga_style=True) for a,rng in ((10,[3.0+0.08*i for i in range(25)]),(11,[1.0+0.08*i for i in range(30)]),(9.5,[1.0+0.1*i for i in range(30)])) for b in rng], job='44-19377', kw=dict(linenum=True, ga_style=True), targets=[("Requests the Secretary-General to submit to the General Assembly at its one hundred and first session a report on the implementation","General Assembly at its one hundred and first session")]),
 'E_RES_2044_9': dict(job='44-12208', kw=dict(ga_style=True, title_for_head='Inclusive social protection for workers in the informal economy'), targets=[("Also requests the Secretary-General to submit to the General Assembly at its ninety-ninth session, through the Economic and Social Council","General Assembly at its ninety-ninth session")]),
 'A_HRC_DEC_116_102': dict(job='GE.44-11730(E)', kw={}, grid=[dict(fs=a,sp=b,top=1.5,extra_before=e) for a in (12.5,13,12) for b in (6,7,5) for e in range(20,100,3)], targets=[("to include, in the report to be presented to the General Assembly at its one hundredth session, a section","the General Assembly at its one hundredth session")]),
}
MAIN=__name__=='__main__'
which=(sys.argv[1:] or list(SPECS)) if MAIN else []
out={}
for stem in which:
    sp=SPECS[stem]
    r=tune.tune(stem, sp['job'], sp['targets'], sp.get('grid') or [dict(fs=a,sp=b,top=1.5,bot=round(1.0+0.15*i,2)) for a in (11,11.5,10.5,12,10) for b in (4,) for i in range(0,22)], **sp['kw'])
    print(stem, r and (r[0], r[3]), flush=True)
    if r:
        shutil.copy(r[1], f'/work/blind25/build/{stem}.fodt'); shutil.copy(r[2], f'/work/blind25/build/{stem}.pdf')
        out[stem]=dict(layout=r[0], cuts=r[3])
if MAIN: json.dump(out, open('/work/blind25/build/tune_result_'+'_'.join(which)[:60]+'.json','w'), indent=1)
