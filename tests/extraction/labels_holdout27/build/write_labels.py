# Hand-written labels (typed by the reader after reading each draft); this script only serialises and checks substrings.
import json,re,os
os.chdir('/work/blind27')
def R(p,a,k,b,s,rel,note,jc=False): return dict(paragraph=p,actor=a,kind=k,due_body=b,due_session=s,due_relation=rel,note=note,judgement_call=jc)
def N(p,w,r): return dict(paragraph=p,words=w,reason=r)
HC="High Commissioner"; SG="Secretary-General"; HRC="Human Rights Council"
D={}
D['A_HRC_RES_125_7']=dict(meta=dict(symbol="A/HRC/RES/125/7",body="HRC",session=125,adopted="2047-07-09",title="Special Rapporteur on the rights of persons living in informal settlements"),
 rows=[R("2(d)","Special Rapporteur on the rights of persons living in informal settlements","report","HRC",127,"at","To submit a report annually to the Human Rights Council, starting at its one hundred and twenty-seventh session"),
       R("2(d)","Special Rapporteur on the rights of persons living in informal settlements","report","GA",102,"at","and to the General Assembly, starting at its one hundred and second session"),
       R("2(e)","Special Rapporteur on the rights of persons living in informal settlements","study","HRC",130,"at","To present to the Council at its one hundred and thirtieth session a thematic study on forced evictions"),
       R("5",HC,"consultation","HRC",129,"before","Requests the High Commissioner to convene, before the one hundred and twenty-ninth session of the Council, a one-day intersessional expert consultation"),
       R("5",HC,"report","HRC",130,"at","to prepare a summary report thereon for submission to the Council at its one hundred and thirtieth session")],
 ns=[N("1","takes note with appreciation of the report submitted by the Special Rapporteur to the Human Rights Council at its one hundred and twenty-fourth session","past report, already presented"),
     N("4","Requests States to submit to the Office of the United Nations High Commissioner for Human Rights, by 31 January 2048, information","request to States with a calendar date, not a Council or Assembly session (a gold-style reader would list it with due_date 2048-01-31)"),
     N("6","Invites the United Nations Human Settlements Programme to share with the Special Rapporteur relevant data","invitation to another entity to supply inputs; no product of its own"),
     N("7","to provide the Special Rapporteur with all the human, technical and financial resources necessary","pure support request"),
     N("8","Decides to continue its consideration of this question under the same agenda item","consideration, no session named")],
 note="Mandate renewal: recurring annual reports to two bodies in one sub-paragraph, each with its own starting session (HRC 127, GA 102); recorded once each at the first session. 2(e) study is a separate product at HRC 130. Paragraph 5 gives a consultation (before 129) and a summary report (at 130).")
D['A_HRC_RES_126_15']=dict(meta=dict(symbol="A/HRC/RES/126/15",body="HRC",session=126,adopted="2047-10-08",title="Rights of the child: realizing the rights of the child in the digital environment"),
 rows=[R("17",HRC,"meeting","HRC",130,"at","Decides to devote its next annual full-day meeting on the rights of the child, to be held at its one hundred and thirtieth session"),
       R("18",HC,"report","HRC",130,"at","to present it to the Council at its one hundred and thirtieth session, in order to inform the annual full-day meeting"),
       R("19","OHCHR","report","HRC",131,"at","Also requests the Office of the High Commissioner to prepare a summary report on the annual full-day meeting and to submit it to the Council at its one hundred and thirty-first session"),
       R("29","Special Rapporteur on the sale, sexual exploitation and sexual abuse of children","study","HRC",130,"by","to submit, by the one hundred and thirtieth session of the Council, a thematic study on synthetic child sexual abuse material"),
       R("31",SG,"report","HRC",129,"at","Requests the Secretary-General to submit to the Council at its one hundred and twenty-ninth session a report on the status of ratification"),
       R("36","Advisory Committee","oral update","HRC",128,"at","to present an oral progress update to the Council at its one hundred and twenty-eighth session"),
       R("36","Advisory Committee","study","HRC",131,"at","and the final study at its one hundred and thirty-first session"),
       R("41",HC,"consultation","HRC",129,"before","Requests the High Commissioner to organize, before the one hundred and twenty-ninth session of the Council, two regional consultations with children")],
 ns=[N("2","Welcomes the report of the High Commissioner presented to the Council at its one hundred and twenty-fourth session","past report"),
     N("9","Requests the Office of the United Nations High Commissioner for Human Rights to prepare a compilation of good practices","deliverable with no session (compilation posted on website)"),
     N("27","to continue to submit annual reports to the Human Rights Council on the activities undertaken","recurring report with no session named"),
     N("37","Requests the Advisory Committee, in preparing the study, to seek the views and inputs of States","working method for the study in paragraph 36, not a separate product"),
     N("39","Invites the Committee on the Rights of the Child to consider holding a day of general discussion","treaty body's own session (152nd), not HRC/GA; invitation"),
     N("42","to provide all the assistance and resources necessary","pure support request"),
     N("43","Requests the Secretary-General to transmit the present resolution to the General Assembly","transmission"),
     N("44","Decides to continue its consideration of the question of the rights of the child","consideration, no session named")],
 note="Omnibus text with 44 operative paragraphs; requests scattered at 17, 18, 19, 29, 31, 36, 41. Paragraph 36 holds two products (oral progress update at 128, final study at 131). Paragraph 29 uses 'by' (no later than). Paragraph 41: count = 2 regional consultations, one row.")
D['A_HRC_127_L.12']=dict(meta=dict(symbol="A/HRC/127/L.12",body="HRC",session=127,adopted=None,title="Civil registration, legal identity and the enjoyment of human rights"),
 rows=[R("5","Advisory Committee","report","HRC",129,"at","to present an interim report to the Council at its one hundred and twenty-ninth session"),
       R("5","Advisory Committee","report","HRC",131,"at","and a final report at its one hundred and thirty-first session"),
       R("8",HC,"oral update","HRC",128,"at","Requests the High Commissioner to present an oral update to the Council at its one hundred and twenty-eighth session"),
       R("9",HRC,"panel","HRC",130,"at","Decides to convene, at its one hundred and thirtieth session, a panel discussion on legal identity for all"),
       R("10","OHCHR","report","HRC",132,"by","to submit it to the Council no later than its one hundred and thirty-second session")],
 ns=[N("6","Also requests the Advisory Committee, in preparing the study, to seek the views and inputs of States","working method, not a separate product"),
     N("7","Requests the Office of the High Commissioner to organize, in 2048, two regional consultations on inclusive civil registration","deliverable with a calendar year only, no session (a gold-style reader lists it with null due fields)"),
     N("11","Encourages the human rights treaty bodies to continue to address birth registration","encourages; treaty bodies"),
     N("12","Invites States to share information on good practices","States")],
 note="Draft L document (Distr.: Limited), not adopted: adopted is null. Sponsors line with asterisks for non-members. Paragraph 5: interim report at 129 and final report at 131 (two rows). Paragraph 10 uses 'no later than' = by.")
D['A_HRC_RES_127_3']=dict(meta=dict(symbol="A/HRC/RES/127/3",body="HRC",session=127,adopted="2048-03-31",title="Human rights of persons displaced in the context of sea-level rise"),
 rows=[R("5",HC,"oral update","HRC",128,"at","Requests the High Commissioner to present an oral update to the Council at its one hundred and twenty-eighth session"),
       R("5",HC,"report","HRC",129,"at","followed by a comprehensive report at its one hundred and twenty-ninth session"),
       R("5",HRC,"meeting","HRC",129,"at","to be followed by an interactive dialogue",True),
       R("6","OHCHR","other","HRC",132,"at","operational guidelines on human rights in planned relocation, and to present them to the Council at its one hundred and thirty-second session"),
       R("8",SG,"report","GA",103,"at","Requests the Secretary-General to report on the implementation of the present resolution to the General Assembly at its one hundred and third session"),
       R("8",SG,"report","HRC",131,"at","and to the Council at its one hundred and thirty-first session")],
 ns=[N("preamble","Taking note with appreciation of the report of the United Nations High Commissioner for Human Rights submitted to the Council at its one hundred and twenty-sixth session","past report"),
     N("7","in their next reports to the General Assembly","invitation to special rapporteurs; 'next reports' with no session number"),
     N("9","to provide all the resources necessary","pure support request")],
 note="Oral update (128) then comprehensive report (129) followed by an interactive dialogue: the dialogue is recorded as a Council meeting at 129 and marked as a judgement call (some readers treat it as part of the consideration of the report, not a separate deliverable). Paragraph 8: one clause, two bodies (GA 103, HRC 131) = two rows. Guidelines = kind other.")
D['A_HRC_RES_128_9']=dict(meta=dict(symbol="A/HRC/RES/128/9",body="HRC",session=128,adopted="2048-07-07",title="Working Group on the human rights of workers in the informal economy"),
 rows=[R("4",HRC,"panel","HRC",130,"at","Decides to convene a biennial high-level panel discussion on the human rights of workers in the informal economy, starting at its one hundred and thirtieth session"),
       R("5","OHCHR","report","HRC",131,"at","to prepare a summary report on each panel discussion and to submit it to the Council at the following session",True),
       R("6",HC,"report","HRC",132,"at","Requests the High Commissioner to submit a report every third year on the realization of the right to social security of workers in the informal economy, the next report to be presented to the Council at its one hundred and thirty-second session")],
 ns=[N("preamble","Welcoming the report of the Working Group submitted to the Council at its present session","past report (present session)"),
     N("3(d)","To report annually to the Human Rights Council and to the General Assembly in accordance with their respective programmes of work","recurring reports with no session named (readers could infer HRC 130 / GA 103; not scored)"),
     N("7","Invites the Committee on Economic, Social and Cultural Rights to consider the situation of workers in the informal economy during its eighty-fifth session","treaty body's own session, not HRC/GA"),
     N("10","to provide the Working Group with all the assistance necessary","pure support request"),
     N("11","Decides to continue its consideration of this issue under the same agenda item","consideration, no session")],
 note="Biennial panel starting at 130 = one row at 130. Paragraph 5 names no session number ('at the following session'): the first summary report follows the 130 panel, so 131; judgement call. Paragraph 6 'every third year', next at 132. Working Group annual reports (3(d)) have no session and are not scored.")
IE="Independent Expert on human rights and water scarcity"
n1="requests the Independent Expert to report to the Council at its one hundred and thirty-first, one hundred and thirty-fourth and one hundred and thirty-seventh sessions"
D['A_HRC_RES_129_21']=dict(meta=dict(symbol="A/HRC/RES/129/21",body="HRC",session=129,adopted="2048-10-12",title="Independent Expert on human rights and water scarcity"),
 rows=[R("1",IE,"report","HRC",131,"at",n1),R("1",IE,"report","HRC",134,"at",n1),R("1",IE,"report","HRC",137,"at",n1),
       R("1",IE,"report","GA",104,"at","and to the General Assembly in alternate years, beginning at its one hundred and fourth session"),
       R("3",HC,"seminar","HRC",132,"before","organize a series of three expert seminars on human rights-based approaches to water allocation in situations of scarcity, before the one hundred and thirty-second session of the Council"),
       R("3",HC,"report","HRC",133,"at","to present a summary report thereon to the Council at its one hundred and thirty-third session"),
       R("4",HC,"report","HRC",130,"at","Requests the High Commissioner to submit an annual report to the Council, starting at its one hundred and thirtieth session")],
 ns=[N("preamble","Taking note of the final report of the previous mandate holder, presented to the Council at its one hundred and twenty-eighth session","past report"),
     N("5","Invites the Committee on Economic, Social and Cultural Rights to take into account the findings","treaty body; no product"),
     N("6","Encourages States to include information on measures taken to address water scarcity in their national reports","States; encourages"),
     N("8","to provide the Independent Expert with all the human and financial resources necessary","pure support request"),
     N("9","Decides to continue its consideration of this question under the same agenda item","consideration")],
 note="Paragraph 1 names three HRC sessions explicitly (131, 134, 137) = three rows, plus GA reports in alternate years from 104 = one row. Paragraph 3: series of three seminars (count 3, one row, before 132) and a summary report at 133. Paragraph 4 annual HC report, one row at 130.")
D['A_RES_102_145']=dict(meta=dict(symbol="A/RES/102/145",body="GA",session=102,adopted="2047-12-16",title="Safety of journalists and media workers in situations of emergency"),
 rows=[R("6",SG,"report","GA",104,"at","Requests the Secretary-General to submit to the General Assembly at its one hundred and fourth session a report on the implementation of the present resolution"),
       R("7",HC,"oral update","HRC",128,"at","to present an oral update to the Human Rights Council at its one hundred and twenty-eighth session"),
       R("7",HC,"report","HRC",131,"at","and a comprehensive report at its one hundred and thirty-first session"),
       R("9","General Assembly","meeting","GA",103,"at","Decides to convene, during its one hundred and third session, a one-day high-level plenary meeting")],
 ns=[N("preamble","Taking note of the report of the Secretary-General submitted to the General Assembly at its one hundred and first session","past report"),
     N("8","in the next report to the General Assembly","invitation; 'next report' with no session number"),
     N("10","Invites the Director-General of the United Nations Educational, Scientific and Cultural Organization to share information","input to the SG report, no product"),
     N("11","Decides to continue its consideration of the question at its one hundred and fourth session","consideration, not a deliverable")],
 note="GA resolution asking for products at the HRC (paragraph 7: oral update at HRC 128 and comprehensive report at HRC 131) and at the GA (6: report at GA 104 under a named item; 9: high-level meeting 'during' GA 103 = at).")
D['A_RES_102_233']=dict(meta=dict(symbol="A/RES/102/233",body="GA",session=102,adopted="2048-03-14",title="Quadrennial comprehensive review of human rights mainstreaming in the operational activities of the United Nations system"),
 rows=[R("3",SG,"report","GA",s,"at","to the General Assembly, through the Economic and Social Council, at its one hundred and third, one hundred and fourth and one hundred and fifth sessions") for s in (103,104,105)]+
      [R("4",SG,"report","GA",106,"at","to submit the next quadrennial comprehensive report on human rights mainstreaming in the operational activities of the United Nations system to the General Assembly at its one hundred and sixth session"),
       R("6","General Assembly","meeting","GA",104,"at","Decides to convene a one-day high-level meeting on human rights and sustainable development cooperation during its one hundred and fourth session")],
 ns=[N("preamble","Taking note with appreciation of the quadrennial comprehensive report of the Secretary-General submitted to the General Assembly at its one hundred and first session","past report"),
     N("5","Requests the Secretary-General to present an oral briefing to the Economic and Social Council at its operational activities for development segment in 2049","due at ECOSOC, not HRC/GA"),
     N("7","Requests the President of the General Assembly to organize, no later than June 2049, an informal interactive multi-stakeholder hearing","calendar month, no session (a gold-style reader lists it, meeting, without session)"),
     N("8","to consider the present resolution at their annual sessions of 2048","executive boards' own sessions"),
     N("9","Invites the Joint Inspection Unit to consider undertaking a review","invitation; JIU programme of work, no session"),
     N("12","Decides to undertake the next quadrennial comprehensive review at its one hundred and sixth session","consideration/review by the Assembly itself, not a product")],
 note="Annual progress reports with each session named (103, 104, 105) = three rows; 'through the Economic and Social Council' does not change the due body (GA). Quadrennial comprehensive report at 106. Plenary resolution adopted at the resumed 102nd session, without reference to a Main Committee.")
D['A_RES_103_88']=dict(meta=dict(symbol="A/RES/103/88",body="GA",session=103,adopted="2048-12-09",title="Strengthening and enhancing the effective functioning of the human rights treaty body system"),
 rows=[R("3",SG,"report","GA",105,"at","the next report to be submitted at its one hundred and fifth session"),
       R("4","Chairs of the human rights treaty bodies","oral update","GA",104,"at","Invites the Chairs of the human rights treaty bodies to address and engage in an interactive dialogue with the General Assembly at its one hundred and fourth session",True),
       R("7",HC,"report","HRC",131,"at","Requests the United Nations High Commissioner for Human Rights to report to the Human Rights Council at its one hundred and thirty-first session")],
 ns=[N("preamble","Welcoming the biennial report of the Secretary-General on the status of the human rights treaty body system submitted to the General Assembly at its one hundred and first session","past report"),
     N("5","Requests the Secretary-General to convene, in 2049, the annual meeting of the Chairs","meeting with calendar year only, no session (gold-style reader lists it without session)"),
     N("6","Requests States parties to submit their overdue reports under the predictable review calendar by 1 March 2049","States, calendar date, not a session"),
     N("8","to continue to submit their annual reports to the General Assembly in accordance with their respective treaties","recurring treaty body reports, no session named"),
     N("10","to allocate adequate resources to the treaty bodies","pure support request"),
     N("11","Decides to consider the state of the human rights treaty body system","consideration at 106, not a product")],
 note="Biennial SG report, 'the next report' at 105 = one row. Paragraph 4 is an invitation (not a request) to treaty body Chairs to address the Assembly at 104: scored as an oral presentation but flagged as a judgement call.")
D['A_C.3_103_L.27']=dict(meta=dict(symbol="A/C.3/103/L.27",body="GA",session=103,adopted=None,title="Rights of persons living with rare diseases and their families"),
 rows=[R("4",SG,"report","GA",104,"at","Requests the Secretary-General to report to the General Assembly at its one hundred and fourth session on the implementation of the present resolution, and thereafter annually"),
       R("5",HC,"oral update","HRC",130,"at","to present an oral update to the Human Rights Council at its one hundred and thirtieth session"),
       R("6",SG,"study","GA",105,"at","to prepare a study on access to orphan medicines in developing countries, to be submitted to the General Assembly at its one hundred and fifth session")],
 ns=[N("preamble","Taking note of the report of the Secretary-General on the implementation of its resolution 101/160","past report"),
     N("7","Decides to convene a commemorative meeting of the General Assembly in 2049","meeting with calendar year only, no session named"),
     N("8","Invites the Commission for Social Development to consider the inclusion of persons living with rare diseases at its eighty-eighth session","other body's session"),
     N("9","Decides to include in the provisional agenda of its one hundred and fourth session","agenda inclusion, not a deliverable")],
 note="Third Committee draft (Distr.: Limited), adopted null. 'and thereafter annually' = one row at 104. A GA text asking the High Commissioner for an oral update at the HRC (130).")
D['E_RES_2048_14']=dict(meta=dict(symbol="E/RES/2048/14",body="ECOSOC",session=2048,adopted="2048-07-22",title="Promoting the social inclusion of older persons in ageing societies"),
 rows=[R("5",SG,"report","GA",104,"at","a report on ageing societies and intergenerational solidarity for submission to the General Assembly at its one hundred and fourth session")],
 ns=[N("preamble","submitted to the Commission for Social Development at its eighty-sixth session","past report"),
     N("3","Requests the Secretary-General to submit a report on the social inclusion of older persons to the Commission for Social Development at its eighty-eighth session","due at a functional commission, not HRC/GA"),
     N("4","Also requests the Secretary-General to submit to the Economic and Social Council at its 2049 session a report","due at ECOSOC, not HRC/GA"),
     N("6","Recommends that the General Assembly convene a high-level meeting on the rights of older persons at its one hundred and fifth session","recommendation to the Assembly, not a decision; nothing is yet mandated (judgement: a reader could list it as a GA 105 meeting)"),
     N("7","Invites the Human Rights Council to consider the findings of the report referred to in paragraph 5 above at its one hundred and thirtieth session","invitation to another body to consider, no product"),
     N("8","Requests the regional commissions to hold two regional consultations on long-term care in 2049","calendar year only, no session"),
     N("10","Decides that the Commission for Social Development shall consider the question of ageing societies as a priority theme at its eighty-ninth session","other body's programme")],
 note="ECOSOC text full of other bodies' sessions (CSocD 88 and 89, ECOSOC 2049); only paragraph 5 (GA 104) is scored. Paragraph 6 'Recommends that the General Assembly convene' is a trap with a GA session number.")
D['S_RES_3190_2048']=dict(meta=dict(symbol="S/RES/3190 (2048)",body="SC",session=None,adopted="2048-05-14",title="Resolution 3190 (2048) [protection of civilians: critical civilian infrastructure]"),
 rows=[R("5",SG,"report","GA",103,"at","in his report to the General Assembly at its one hundred and third session on the strengthening of the coordination of emergency humanitarian assistance",True)],
 ns=[N("2","Requests the Secretary-General to report to the Council every 120 days","Security Council reporting cycle, no session"),
     N("3","to brief the Council, within 60 days of the adoption of the present resolution","Security Council briefing, relative date"),
     N("4","to include in his annual report on the protection of civilians in armed conflict a section","no session named"),
     N("6","Invites the United Nations High Commissioner for Human Rights to brief the Council","Security Council, no date"),
     N("7","Encourages the Human Rights Council to consider, at its one hundred and twenty-ninth session","encourages another body to consider; not a product")],
 note="Own choice: a Security Council resolution (no session number; SC resolutions carry a year). Most requests are to the SC itself; the only HRC/GA-dated item is paragraph 5, a request to include information in an existing GA report at 103 (judgement call: it is content for another report, not a new product).")
os.makedirs('labels',exist_ok=True); os.makedirs('meta',exist_ok=True)
bad=0
for stem,d in D.items():
    txt=re.sub(r'\[\[\d+\]\]','',open(f'drafts/{stem}.txt').read()); txt=re.sub(r'\s+',' ',txt)
    for r in d['rows']:
        assert r['due_relation'] in('at','before','by') and r['due_body'] in('HRC','GA')
        if r['note'] not in txt: print('MISSING',stem,r['note']); bad+=1
    for n in d['ns']:
        if n['words'] not in txt: print('MISSING ns',stem,n['words']); bad+=1
    json.dump(d['rows'],open(f'labels/{stem}.json','w'),indent=1,ensure_ascii=False)
    m=dict(d['meta']); m['not_scored']=d['ns']; m['note']=d['note']
    json.dump(m,open(f'meta/{stem}.json','w'),indent=1,ensure_ascii=False)
print('bad',bad, 'rows',sum(len(d['rows']) for d in D.values()))
