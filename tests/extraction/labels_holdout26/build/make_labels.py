import json, re, os
os.chdir('/work/blind26r')
def L(p,a,k,b,s,r,n,j=False): return dict(paragraph=p,actor=a,kind=k,due_body=b,due_session=s,due_relation=r,note=n,judgement_call=j)
def N(p,w,r): return dict(paragraph=p,words=w,reason=r)
HC="High Commissioner"; O="OHCHR"; SG="Secretary-General"; HRC="Human Rights Council"
D={}
D['A_HRC_RES_119_12']=dict(body="HRC",session=119,adopted="2045-07-11",
 title="Human rights and automated decision-making in the delivery of public services",
 labels=[
 L("5",HC,"consultation","HRC",121,"before","to convene two intersessional expert consultations before the one hundred and twenty-first session of the Council"),
 L("6",HC,"report","HRC",122,"at","the report requested in paragraph 6 above shall be presented to the Council at its one hundred and twenty-second session",True),
 L("8",HRC,"panel","HRC",123,"at","at its one hundred and twenty-third session, the Council shall hold a half-day panel discussion"),
 L("8",O,"report","HRC",125,"at","to submit a summary report thereon to the Council at its one hundred and twenty-fifth session")],
 not_scored=[
 N("preamble","to submit a report on automated eligibility assessment in social protection systems to the Council at its one hundred and eighteenth session","recalled request of resolution 116/8 (past sessions 118/119)"),
 N("preamble","to prepare a study on the human rights implications of predictive risk-scoring by public authorities and to present it to the Council at its one hundred and twentieth session","recalled request of resolution 113/21, not a new request"),
 N("2","oral update presented by the Office of the High Commissioner at the present session","past deliverable taken note of"),
 N("3","looks forward to the presentation of the study at the one hundred and twentieth session of the Council","recalled request of 113/21; mandated elsewhere (arguable)"),
 N("4","invites States to share their experiences with the Office of the High Commissioner by 31 March 2046","States; calendar date, no session"),
 N("9","to provide all the resources and assistance necessary","support request"),
 N("10","should the Special Rapporteur deem it appropriate","invitation, conditional, no session"),
 N("12","if the Council so decides at its one hundred and twenty-first session","contingent on a future Council decision"),
 N("13","to continue its consideration of this question at its one hundred and twenty-second session","consideration, not a deliverable")],
 note="Report requested in para 6 gets its session in para 7 (labelled under para 6). Two consultations = one consultation entry (count 2).")
IE_O="Independent Expert on the enjoyment of all human rights by older persons"
D['A_HRC_RES_120_4']=dict(body="HRC",session=120,adopted="2045-10-09",
 title="The human rights of older persons in situations of displacement",
 labels=[
 L("4(a)",IE_O,"report","HRC",123,"at","To submit an annual report to the Human Rights Council, starting at its one hundred and twenty-third session"),
 L("4(a)",IE_O,"report","GA",101,"at","to present an annual report to the General Assembly, starting at its one hundred and first session"),
 L("5",O,"compilation","HRC",122,"before","to make it available on its website prior to the one hundred and twenty-second session of the Council"),
 L("9",HRC,"panel","HRC",121,"at","a half-day panel discussion on the rights of older persons in displacement at its one hundred and twenty-first and one hundred and twenty-fourth sessions"),
 L("9",HRC,"panel","HRC",124,"at","a half-day panel discussion on the rights of older persons in displacement at its one hundred and twenty-first and one hundred and twenty-fourth sessions"),
 L("9",O,"report","HRC",122,"at","to prepare a summary report on each panel discussion, for submission to the Council at its subsequent session",True),
 L("9",O,"report","HRC",125,"at","to prepare a summary report on each panel discussion, for submission to the Council at its subsequent session",True)],
 not_scored=[
 N("preamble","requested the Secretary-General to submit to it at its one hundred and first session a report on the protection of older persons in humanitarian settings","recalled GA request (resolution 98/132), not made here"),
 N("2","the report of the Independent Expert submitted to the Council at its one hundred and eighteenth session","past report"),
 N("3","to extend the mandate","mandate extension"),
 N("4(c)","within the first year of the renewed mandate, a thematic study","study with no session (deliverable without deadline)"),
 N("4(e)","to report orally to the Council on its outcome","oral report with no session"),
 N("6","should the General Assembly decide to establish a conference of States parties","contingent on a GA decision; no session"),
 N("7","at its ninety-eighth session","treaty body (CESCR) own session"),
 N("8","by 31 January 2046","States; calendar date, no session"),
 N("11","to continue its consideration of this question at its one hundred and twenty-third session","consideration")],
 note="Panels at 121 and 124 give two rows; summary reports 'at its subsequent session' resolved to 122 and 125 (judgement).")
D['A_HRC_DEC_121_103']=dict(body="HRC",session=121,adopted="2046-04-02",
 title="Rescheduling of reporting on human rights and international solidarity",
 labels=[
 L("(c)","Independent Expert on human rights and international solidarity","report","HRC",122,"at","To defer the presentation of the report referred to in paragraph (a) above to its one hundred and twenty-second session",True),
 L("(e)",O,"meeting","HRC",122,"before","subject to the availability of extrabudgetary resources, to organize a one-day intersessional meeting on the draft guidelines before the one hundred and twenty-second session",True),
 L("(g)",HRC,"panel","HRC",122,"at","at its one hundred and twenty-second session, the Council shall hold the panel discussion on international solidarity"),
 L("(h)",O,"report","HRC",123,"before","to submit a summary report of the intersessional meeting referred to in paragraph (e) above in time for the one hundred and twenty-third session",True)],
 not_scored=[
 N("(a)","to submit a report on solidarity in the response to large-scale displacement to the Council at its one hundred and twenty-first session","recalled request (resolution 117/6); superseded by (c)"),
 N("(d)","To postpone the consideration of the draft guidelines on international solidarity","postponed consideration, not a deliverable"),
 N("(f)","to provide the Independent Expert with the support necessary","support request"),
 N("(i)","shall continue to be presented to the Assembly and not to the Council","GA-mandated report (resolution 99/167), no session stated")],
 note="Decision with lettered paragraphs. (c) re-sets the deadline of an earlier-mandated report (scored, judgement). (e) is resource-conditional (scored, judgement). 'in time for' read as before (judgement).")
JSR="Special Rapporteur on the human rights of internally displaced persons and Special Rapporteur on the promotion and protection of human rights in the context of climate change (jointly)"
D['A_HRC_121_L_17']=dict(body="HRC",session=121,adopted=None,
 title="Human rights of persons displaced across borders in the context of sudden-onset disasters",
 labels=[
 L("5(b)",JSR,"report","HRC",124,"at","To prepare a joint thematic report on the protection of persons displaced across borders in the context of sudden-onset disasters, and to present it to the Council at its one hundred and twenty-fourth session"),
 L("5(c)",JSR,"consultation","HRC",124,"before","To hold at least three regional consultations with affected communities, States and other stakeholders, in advance of the presentation of the report referred to in subparagraph (b) above",True),
 L("6",HC,"oral update","HRC",122,"at","at its one hundred and twenty-second and one hundred and twenty-third sessions, an oral update"),
 L("6",HC,"oral update","HRC",123,"at","at its one hundred and twenty-second and one hundred and twenty-third sessions, an oral update")],
 not_scored=[
 N("preamble","requested the Secretary-General to submit a report to the General Assembly at its one hundred and first session","recalled request of resolution 115/20"),
 N("3","invites them to share those standards with the Office of the High Commissioner","regional organizations"),
 N("5(a)","To map existing regional and national arrangements","activity, no product or session"),
 N("5(d)","in their respective annual reports to the General Assembly","no session"),
 N("7","to transmit the present resolution to the General Assembly","transmission; report mandated by 115/20"),
 N("8","to transmit the joint thematic report","transmission"),
 N("9","at its annual session in 2047","Peacebuilding Commission, other body, year only"),
 N("10","should the Council decide at its one hundred and twenty-second session to establish an intergovernmental working group","contingent; due at a working group session"),
 N("11","to continue its consideration of the question at its one hundred and twenty-fourth session","consideration")],
 note="Draft (L. document), adopted null. 'at least three regional consultations' = one consultation entry; deadline derived from 5(b) (judgement).")
AC="Advisory Committee"
D['A_HRC_RES_122_9']=dict(body="HRC",session=122,adopted="2046-07-08",
 title="The human rights to safe drinking water and sanitation",
 labels=[
 L("4",AC,"oral update","HRC",124,"at","to present an oral progress update to the Council at its one hundred and twenty-fourth session"),
 L("4",AC,"study","HRC",125,"at","to present the final study to the Council at its one hundred and twenty-fifth session"),
 L("5",HRC,"panel","HRC",126,"at","to hold, biennially, starting at its one hundred and twenty-sixth session, a panel discussion"),
 L("6",O,"report","HRC",127,"by","a summary report on the first panel discussion shall be prepared by the Office of the High Commissioner and submitted to the Council no later than its one hundred and twenty-seventh session"),
 L("7",SG,"report","GA",102,"at","to submit to the General Assembly at its one hundred and second session a report on the realization of the human rights to safe drinking water and sanitation in situations of drought"),
 L("10",O,"compilation","HRC",125,"at","to submit the updated compilation to the Council at its one hundred and twenty-fifth session")],
 not_scored=[
 N("preamble","for the one hundred and twenty-third session of the Council","recalled request of resolution 117/2"),
 N("1","presented to the Council at its one hundred and twenty-second session","past report taken note of"),
 N("2","to extend the mandate","mandate extension"),
 N("3","to report annually to the Human Rights Council and to the General Assembly in accordance with their respective programmes of work","recurring reports with no session"),
 N("8","at its one hundred and fiftieth session","treaty body (CRC) own session"),
 N("9","invites the Special Rapporteur to participate in its preparatory process","participation; other conference"),
 N("12","to continue its consideration of this question at its one hundred and twenty-fifth session","consideration")],
 note="Panel is biennial starting 126 (one row). Summary report in passive voice with 'no later than'.")
D['A_RES_100_187']=dict(body="GA",session=100,adopted="2045-12-18",
 title="Human rights in the administration of justice: digital evidence and the right to a fair trial",
 labels=[
 L("4",SG,"report","GA",102,"at","to submit to the General Assembly at its one hundred and second session a report on the implementation of the present resolution"),
 L("5",SG,"report","HRC",124,"at","to submit a report on good practices in the disclosure of digital evidence to the Human Rights Council at its one hundred and twenty-fourth session"),
 L("6",SG,"report","GA",101,"by","no later than the opening of its one hundred and first session, a progress report",True)],
 not_scored=[
 N("preamble","requested the Secretary-General to submit to it at its one hundredth session a report on the use of digital evidence in criminal proceedings","recalled, fulfilled request (98/153)"),
 N("1","report of the Secretary-General on the use of digital evidence in criminal proceedings","past report taken note of"),
 N("3","States to ensure that defendants have effective access","States"),
 N("7","to consider the question of digital evidence and the right to a fair trial within its programme of work","invitation to HRC to consider; no product, no session"),
 N("8","at its fifty-fifth session","CCPCJ, other body"),
 N("9","to convene an expert consultation within two years of the adoption of the present resolution","consultation without session"),
 N("10","to convene, in 2047, a one-day high-level meeting","meeting with year only (could fall in GA 101 or 102)"),
 N("11","to include in the provisional agenda of its one hundred and second session","agenda inclusion / consideration")],
 note="Para 6: 'no later than the opening of' read as by (could be 'before').")
D['A_RES_100_268']=dict(body="GA",session=100,adopted="2045-12-23",
 title="Resource requirements of the human rights treaty body system",
 labels=[
 L("4",SG,"report","GA",100,"at","to report on the use of the meeting time approved in paragraph 3 above at the first part of its resumed one hundredth session"),
 L("5",SG,"report","GA",101,"at","for consideration by the General Assembly at the main part of its one hundred and first session"),
 L("6",SG,"report","GA",102,"at","to include in his next biennial report on the status of the human rights treaty body system, to be submitted at its one hundred and second session",True)],
 not_scored=[
 N("preamble","to submit to it, at its one hundredth session, a report on the meeting time required by the treaty bodies","recalled request of 98/247 (fulfilled)"),
 N("7","in the context of the proposed programme budget for 2047","budget document, no session"),
 N("8","by 1 March 2046","treaty body chairs to SG; date, no session"),
 N("9","to consider the question of the resource requirements of the human rights treaty body system at its one hundred and first session","consideration")],
 note="Fifth Committee. Para 4 is due within the current session (resumed part of GA 100). Para 6 asks for information inside a report mandated elsewhere (judgement).")
D['A_RES_101_145']=dict(body="GA",session=101,adopted="2046-12-17",
 title="Rights of the child: children living in informal urban settlements",
 labels=[
 L("6","Chair of the Committee on the Rights of the Child","oral update","GA",102,"at","to present an oral report on the work of the Committee to the General Assembly at its one hundred and second session",True),
 L("8",HC,"report","HRC",125,"at","to be presented to the Human Rights Council at its one hundred and twenty-fifth session"),
 L("9(b)",SG,"report","GA",102,"at","To request the Secretary-General to submit to it at that session a comprehensive report on the rights of the child"),
 L("9(c)","Special Representative of the Secretary-General on Violence against Children and Special Rapporteur on the sale, sexual exploitation and sexual abuse of children (jointly)","oral update","GA",102,"at","jointly, to present an oral briefing to the Assembly at its one hundred and second session")],
 not_scored=[
 N("preamble","to convene a high-level plenary meeting on the rights of the child at its one hundred and first session","recalled request (99/140), meeting already held"),
 N("2","to submit their periodic reports to the Committee on the Rights of the Child","States parties to a treaty body"),
 N("4","to continue to submit annual reports to the General Assembly and the Human Rights Council","recurring reports, no session"),
 N("5","to continue to submit reports to the Security Council and to the General Assembly","no session; Security Council"),
 N("7","to hold, in 2047, a day of general discussion","treaty body own meeting, year only"),
 N("9(a)","To continue its consideration of the question at its one hundred and second session","consideration")],
 note="9(b) deadline given by 'at that session' pointing to 9(a). Para 6 is an invitation to a treaty body chair (judgement).")
D['A_C_3_101_L_28']=dict(body="GA",session=101,adopted=None,
 title="Human rights and extreme poverty",
 labels=[
 L("4","Special Rapporteur on extreme poverty and human rights","report","GA",102,"at","to submit an interim report to the General Assembly at its one hundred and second session"),
 L("5",SG,"report","GA",103,"at","to the General Assembly biennially, starting at its one hundred and third session"),
 L("6","President of the General Assembly","meeting","GA",102,"by","to convene, by the end of the main part of its one hundred and second session, a one-day high-level plenary meeting")],
 not_scored=[
 N("preamble","to present its outcome to the General Assembly at its one hundred and first session","recalled request (99/150)"),
 N("preamble","oral update on that consultation presented by the Office of the High Commissioner to the Human Rights Council at its one hundred and twenty-second session","past deliverable"),
 N("2","submitted to the General Assembly at its current session","past report taken note of"),
 N("3","to report on the measures taken in their national reports under the universal periodic review","States"),
 N("7","to devote its 2047 integration segment","ECOSOC, other body"),
 N("8","if so requested by the Special Rapporteur","conditional, no session"),
 N("9","to continue its consideration of the question at its one hundred and third session","consideration")],
 note="Third Committee L. draft (adopted null). SG report biennial from GA 103.")
D['E_RES_2046_14']=dict(body="ECOSOC",session=2046,adopted="2046-07-23",
 title="Treatment of persons in administrative immigration detention",
 labels=[
 L("5",SG,"report","HRC",125,"at","to the Human Rights Council at its one hundred and twenty-fifth session"),
 L("5",SG,"report","GA",102,"at","to the Human Rights Council at its one hundred and twenty-fifth session and to the General Assembly at its one hundred and second session")],
 not_scored=[
 N("preamble","to the Commission on Crime Prevention and Criminal Justice at its fifty-fifth session","recalled request, other body"),
 N("2","to report thereon to the Commission at its fifty-seventh session","CCPCJ session; resource-conditional"),
 N("3","to report to the Commission at its fifty-sixth session","CCPCJ session"),
 N("4","to the Economic and Social Council at its 2047 session","ECOSOC session"),
 N("6 (annex, para. 2)","to submit to the General Assembly at its one hundred and second session a report on the implementation of the present resolution","inside a draft recommended to the GA; not a request of this resolution until the GA adopts it"),
 N("6 (annex, para. 3)","to include in the provisional agenda of its one hundred and second session","draft; agenda inclusion"),
 N("7","to consider the question at its 2047 session","ECOSOC consideration")],
 note="One report to HRC and one to GA = two rows. The annexed draft GA resolution has its own paragraph numbers 1-3 (trap).")
D['E_CN_6_2046_L_7']=dict(body="CSW",session=90,adopted=None,
 title="Equal access of women and girls to digital financial services",
 labels=[
 L("5",SG,"report","GA",101,"at","to submit to the General Assembly at its one hundred and first session, through the Economic and Social Council, a report on the digital financial inclusion of women and girls"),
 L("6","Executive Director of UN-Women","oral update","HRC",123,"at","to brief the Human Rights Council at its one hundred and twenty-third session")],
 not_scored=[
 N("preamble","to report to the Commission at its ninetieth session","recalled, other body"),
 N("1","Governments to remove legal and regulatory barriers","States"),
 N("2","to make it available before the ninety-first session of the Commission","CSW session, other body"),
 N("3","to take into account the digital financial inclusion of women","treaty body"),
 N("4","in the report to the Human Rights Council at its one hundred and twenty-second session","Encourages clause (not listed)"),
 N("7","to report to the Commission at its ninety-second session","CSW session")],
 note="Functional commission draft (adopted null). The briefing in para 6 is typed oral update.")
D['S_RES_3261_2046']=dict(body="SC",session=None,adopted="2046-03-19",
 title="Protection of civilians in armed conflict: water, sanitation and health infrastructure",
 labels=[
 L("5",SG,"report","GA",101,"at","in his report on the safety and security of humanitarian personnel to be submitted to the General Assembly at its one hundred and first session",True)],
 not_scored=[
 N("preamble","taking note of the briefing provided on 14 January 2046","past briefing"),
 N("3","to brief the Council every 120 days","Security Council, no HRC/GA session"),
 N("4","no later than 30 September 2046","report to the Security Council, date"),
 N("6","to share relevant information with the Council","Encourages; Security Council"),
 N("7","to take the present resolution into account","invitation to HRC, no product")],
 note="Security Council resolution (own choice). Only para 5 is due at a GA session; it asks for information inside a report mandated elsewhere (judgement).")
def norm(s): return re.sub(r'\s+',' ',s.replace('*',''))
bad=0
for stem,d in D.items():
    txt=norm(open(f'drafts/{stem}.txt').read())
    sym=re.search(r'%SYMBOL (.*)',open(f'drafts/{stem}.txt').read()).group(1)
    for x in d['labels']:
        if norm(x['note']) not in txt: print('MISSING',stem,x['note']); bad+=1
    for x in d['not_scored']:
        if norm(x['words']) not in txt: print('MISSING NS',stem,x['words']); bad+=1
    json.dump(d['labels'],open(f'labels/{stem}.json','w'),indent=1,ensure_ascii=False)
    m=dict(symbol=sym,body=d['body'],session=d['session'],adopted=d['adopted'],title=d['title'],not_scored=d['not_scored'],note=d['note'])
    json.dump(m,open(f'meta/{stem}.json','w'),indent=1,ensure_ascii=False)
print('bad',bad, 'rows',sum(len(d['labels']) for d in D.values()))
