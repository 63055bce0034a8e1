# Labels typed by hand from reading drafts/; this script only serialises them.
import json, os
os.chdir('/work/blind30')
def r(p,a,k,b,s,rel,note,jc=False): return dict(paragraph=p,actor=a,kind=k,due_body=b,due_session=s,due_relation=rel,note=note,judgement_call=jc)
def ns(p,w,why): return dict(paragraph=p,words=w,reason=why)
SR1="Special Rapporteur on the human rights of persons displaced in the context of sea-level rise"
WG2="Working Group on human rights and emerging technologies"
IE3="Independent Expert on the enjoyment of human rights by seafarers and fishers"
IE5="Independent Expert on technical assistance and capacity-building for Sarendia"
COI="commission of inquiry on the Republic of Kelvara"
L={}; M={}
L['A_HRC_RES_145_4']=[
 r("4",SR1,"report","HRC",148,"at","Requests the Special Rapporteur to report annually to the Human Rights Council and to the General Assembly",True),
 r("4",SR1,"report","GA",109,"at","Requests the Special Rapporteur to report annually to the Human Rights Council and to the General Assembly",True),
 r("5",SR1,"report","HRC",148,"at","to include in his or her next annual report to the Council an analysis of the legal status",True),
 r("8","Human Rights Council","panel","HRC",147,"at","Decides to convene, at its one hundred and forty-seventh session, a panel discussion"),
 r("8","OHCHR","report","HRC",148,"at","requests the Office of the High Commissioner to prepare a summary report on the panel discussion and to submit it to the Council at its one hundred and forty-eighth session"),
 r("9","OHCHR","consultation","HRC",146,"before","to organize, before the one hundred and forty-sixth session of the Council, a one-day consultation"),
]
M['A_HRC_RES_145_4']=dict(symbol="A/HRC/RES/145/4",body="HRC",session=145,adopted="2054-04-02",title="Human rights of persons displaced in the context of sea-level rise",
 not_scored=[ns("preamble","in which it requested the Special Rapporteur to submit a study on planned relocation to the Council at its one hundred and forty-fifth session","not a deliverable: earlier request quoted in the preamble (already delivered)"),
  ns("preamble","in which the Assembly requested the Secretary-General to report to it at its one hundred and ninth session","not a deliverable of this text: request of a General Assembly resolution quoted in the preamble"),
  ns("2","Takes note with appreciation of the report of the Special Rapporteur on planned relocation","not a deliverable: takes note of an existing report"),
  ns("6","to provide the Special Rapporteur with all the assistance","not a deliverable: support request"),
  ns("7","Looks forward to the presentation by the Special Rapporteur of a thematic study","not a deliverable: 'looks forward to' is not a request (a reader might argue otherwise; deliberately excluded)")],
 note="Mandate extended for three years from April 2054. Para 4 'report annually' names no session: judged first HRC report at 148 (the mandate's reports are presented at the spring session, cf. the preamble: report presented at the current session 145) and first GA report at 109 (first GA session after adoption). Only the first occurrence of each annual report is labelled; later years (HRC 151/154, GA 110/111) are not listed. Para 5 'next annual report' resolved to the same HRC 148 report; kind could also be read as 'study' (an analysis).")
L['A_HRC_RES_146_11']=[
 r("1","High Commissioner","report","HRC",148,"at","to the Human Rights Council at its one hundred and forty-eighth session, to be followed by an interactive dialogue",True),
 r("2","Human Rights Council","panel","HRC",147,"at","Decides to postpone to its one hundred and forty-seventh session the high-level panel discussion",True),
 r("2","OHCHR","report","HRC",149,"at","as requested in paragraph 12 of that resolution, to the Council at its one hundred and forty-ninth session"),
 r("3","Advisory Committee","study","HRC",150,"at","the Advisory Committee shall present the study requested in paragraph 5 of resolution 143/8 to the Council at its one hundred and fiftieth session"),
 r("6",WG2,"oral update","HRC",147,"at","to present an oral update to the Council at its one hundred and forty-seventh session"),
 r("6",WG2,"report","HRC",149,"at","a comprehensive report at its one hundred and forty-ninth session"),
 r("6",WG2,"report","GA",109,"at","to continue to report annually to the General Assembly",True),
]
M['A_HRC_RES_146_11']=dict(symbol="A/HRC/RES/146/11",body="HRC",session=146,adopted="2054-07-07",title="Neurotechnology and the right to privacy",
 not_scored=[ns("preamble","in which it requested the High Commissioner to submit a report on the impact of neurotechnology on the right to privacy to the Council at its one hundred and forty-sixth session","not a deliverable: superseded earlier request quoted in preamble (replaced by para 1)"),
  ns("3","instead of its one hundred and forty-seventh session","old date of the rescheduled study; not a separate deliverable"),
  ns("4","Decides to discontinue the annual compilation of national practices on neural data","cancelled: earlier request discontinued, nothing due"),
  ns("7","to provide the Working Group with all the assistance and resources necessary","not a deliverable: support request")],
 note="Amending text. Para 1 replaces para 7 of 140/5 with a quoted paragraph numbered 7; labelled under paragraph '1' of this text (judgement call: a reader could cite '7'). Para 2 re-times a panel requested in 141/9 (listed as the Council's panel now due at 147; judgement call whether a re-timed earlier request counts). Para 6 'continue to report annually to the General Assembly': judged GA 109 (first GA session after adoption in July 2054), first occurrence only.")
L['A_HRC_145_L.19']=[
 r("2",IE3,"oral update","HRC",146,"at","to present an oral update to the Council at its one hundred and forty-sixth and one hundred and forty-seventh sessions"),
 r("2",IE3,"oral update","HRC",147,"at","to present an oral update to the Council at its one hundred and forty-sixth and one hundred and forty-seventh sessions"),
 r("2",IE3,"report","HRC",148,"at","a comprehensive report at its one hundred and forty-eighth session"),
 r("3",IE3,"report","GA",110,"at","to submit a report to the General Assembly at its one hundred and tenth session"),
 r("4","High Commissioner","consultation","HRC",147,"before","to convene, before the one hundred and forty-seventh session of the Council, two regional consultations"),
 r("4","High Commissioner","report","HRC",148,"at","to present a summary of the consultations to the Council at its one hundred and forty-eighth session"),
]
M['A_HRC_145_L.19']=dict(symbol="A/HRC/145/L.19",body="HRC",session=145,adopted=None,title="Independent Expert on the enjoyment of human rights by seafarers and fishers",
 not_scored=[ns("preamble","in which it requested the Independent Expert to present a report to the Council at its one hundred and forty-fifth session","not a deliverable: earlier request quoted in preamble"),
  ns("5","to provide the Independent Expert with all the assistance necessary","not a deliverable: support request"),
  ns("7","Decides to continue its consideration of this question at its one hundred and forty-eighth session","consideration, not a deliverable")],
 note="L. draft (Distr.: Limited, 28 March 2054), not adopted, so adopted is null. Two regional consultations in para 4 give one row (one product, count 2). Mandate extended for two years.")
L['A_HRC_DEC_144_102']=[
 r("1","Human Rights Council","panel","HRC",146,"at","Decides to postpone the panel discussion requested in resolution 141/3 to its one hundred and forty-sixth session"),
 r("2","OHCHR","report","HRC",147,"at","as requested in resolution 141/3, to the Council at its one hundred and forty-seventh session"),
 r("3","Secretary-General","report","HRC",145,"at","shall be presented to the Council at its one hundred and forty-fifth session instead of at its one hundred and forty-fourth session"),
 r("4","High Commissioner","report","HRC",145,"at","to present instead a written summary of the submissions received from States and other stakeholders to the Council at its one hundred and forty-fifth session",True),
 r("5","Advisory Committee","study","HRC",146,"by","to the Council no later than at its one hundred and forty-sixth session"),
]
M['A_HRC_DEC_144_102']=dict(symbol="A/HRC/DEC/144/102",body="HRC",session=144,adopted="2053-10-09",title="Rescheduling of mandated activities owing to the liquidity situation of the United Nations",
 not_scored=[ns("preamble","in which it decided to hold a panel discussion on the rights of older persons in humanitarian emergencies at its one hundred and forty-fourth session","not a deliverable: original date of the postponed panel, quoted in preamble"),
  ns("preamble","in which it requested the Secretary-General to submit a report on the digital divide affecting older persons to the Council at its one hundred and forty-fourth session","not a deliverable: original date of the rescheduled report"),
  ns("4","Decides to cancel the intersessional seminar on older persons and social protection","cancelled: nothing due")],
 note="Decision with numbered paragraphs; every row re-times or restates a request made in an earlier resolution (141/3, 142/9, 140/12, 142/4). Para 4 'written summary of the submissions' labelled kind report (could be read as compilation).")
L['A_HRC_RES_147_2']=[
 r("2",IE5,"report","HRC",148,"at","upon the presentation of his or her final report to the Council at its one hundred and forty-eighth session",True),
 r("3",IE5,"report","GA",110,"at","to present the final report to the General Assembly at its one hundred and tenth session"),
 r("4","OHCHR","report","HRC",150,"at","to report thereon to the Council on a biennial basis, beginning at its one hundred and fiftieth session"),
 r("5","High Commissioner","oral update","HRC",149,"at","followed by an interactive dialogue, at its one hundred and forty-ninth session"),
 r("5","High Commissioner","report","HRC",151,"at","a comprehensive report at its one hundred and fifty-first session"),
 r("6","Human Rights Council","panel","HRC",151,"at","Decides to hold, every four years, beginning at its one hundred and fifty-first session, a high-level panel discussion"),
]
M['A_HRC_RES_147_2']=dict(symbol="A/HRC/RES/147/2",body="HRC",session=147,adopted="2054-10-13",title="Completion of the mandate of the Independent Expert on technical assistance and capacity-building for Sarendia",
 not_scored=[ns("preamble","in which it requested the Independent Expert to present a report to the Council at its one hundred and forty-seventh session","not a deliverable: earlier request quoted in preamble (the report noted in the next preambular paragraph)"),
  ns("7","in accordance with its annual programme of work","deliverable with no determinable session (Secretary-General report on the Voluntary Fund)"),
  ns("8","to provide the High Commissioner with all the resources necessary","not a deliverable: support request")],
 note="Ends a mandate. Para 2 states the final report only as the condition for termination, not as a request: listed (judgement call). Recurring rows (biennial from 150, every four years from 151) list the first occurrence only.")
L['A_HRC_RES_S-44_1']=[
 r("3",COI,"oral update","HRC",145,"at","to present an oral update to the Council at its one hundred and forty-fifth session"),
 r("3",COI,"report","HRC",146,"at","a comprehensive report at its one hundred and forty-sixth session"),
 r("4",COI,"report","GA",109,"at","to present its report to the General Assembly at its one hundred and ninth session"),
 r("6","High Commissioner","oral update","HRC",145,"at","to the Council at its next regular session",True),
]
M['A_HRC_RES_S-44_1']=dict(symbol="A/HRC/RES/S-44/1",body="HRC",session="S-44",adopted="2053-12-05",title="The human rights situation in the Republic of Kelvara",
 not_scored=[ns("preamble","in which it requested the High Commissioner to present a report on the situation of human rights in the Republic of Kelvara to the Council at its one hundred and forty-fourth session","not a deliverable: earlier request quoted in preamble"),
  ns("5","within sixty days of the adoption of the present resolution","deliverable due only at a relative date (written update), no session"),
  ns("7","to provide the commission of inquiry with all the administrative, technical and logistical assistance","not a deliverable: support request")],
 note="Adopted at the forty-fourth special session (4-5 December 2053, invented), held between regular sessions 144 and 145. 'Next regular session' in para 6 resolved to 145 (judgement call). Commission of inquiry established for one year.")
L['A_RES_108_172']=[
 r("3","Secretary-General","report","GA",109,"at","to submit to the General Assembly at its one hundred and ninth session a report on the implementation of the present resolution"),
 r("4","Special Rapporteur on human rights and extreme heat","report","GA",109,"at","to submit an interim report to the General Assembly at its one hundred and ninth session"),
 r("6","General Assembly","meeting","GA",110,"at","Decides to convene, during its one hundred and tenth session, a one-day high-level plenary meeting"),
 r("7","Secretary-General","report","GA",111,"at","to report on a biennial basis to the General Assembly, beginning at its one hundred and eleventh session"),
]
M['A_RES_108_172']=dict(symbol="A/RES/108/172",body="GA",session=108,adopted="2053-12-18",title="Human rights and extreme heat",
 not_scored=[ns("preamble","in which it requested the Secretary-General to submit a report on the implementation of that resolution to the General Assembly at its one hundred and eighth session","not a deliverable: earlier request quoted in preamble"),
  ns("1","Takes note with appreciation of the report of the Secretary-General","not a deliverable"),
  ns("4","to continue to report annually to the Human Rights Council in accordance with its programme of work","deliverable with no determinable HRC session"),
  ns("5","to present it to the Commission on Population and Development at its eighty-eighth session","deliverable due at another body (CPD), not HRC/GA"),
  ns("6","no later than three months before the high-level meeting, an informal interactive multi-stakeholder hearing","deliverable due relative to an event, no session (President of the General Assembly)"),
  ns("8","Decides to continue its consideration of the question at its one hundred and ninth session","consideration, not a deliverable")],
 note="Third Committee report A/108/480/Add.2 (invented). Biennial SG report labelled at first occurrence (111).")
L['A_C.3_109_L.27']=[
 r("2","Independent Expert on the human rights of persons living in informal settlements","report","GA",110,"at","to submit an interim report to the General Assembly at its one hundred and tenth session"),
 r("3","Secretary-General","report","GA",111,"at","to the General Assembly at its one hundred and eleventh session, instead of at its one hundred and tenth session"),
 r("4","Secretary-General","meeting","GA",110,"before","to convene, before the one hundred and tenth session of the General Assembly, an expert group meeting"),
 r("5","OHCHR","compilation","HRC",150,"at","to submit it to the Human Rights Council at its one hundred and fiftieth session"),
]
M['A_C.3_109_L.27']=dict(symbol="A/C.3/109/L.27",body="GA",session=109,adopted=None,title="Human rights of persons living in informal settlements",
 not_scored=[ns("preamble","in which the Council requested the Independent Expert on the human rights of persons living in informal settlements to report to it at its one hundred and forty-ninth session","not a deliverable of this text: HRC request quoted in preamble"),
  ns("6","Invites the Chair of the Committee on Economic, Social and Cultural Rights to address the General Assembly","invitation, not a request (deliberately not scored; a reader might list it as an oral briefing at GA 110)"),
  ns("7","Decides to include in the provisional agenda of its one hundred and tenth session","agenda decision, not a deliverable")],
 note="Third Committee L. draft (Distr.: Limited, 23 October 2054), not adopted. Para 3 re-times the report requested in 107/150 from GA 110 to GA 111.")
L['A_RES_109_35']=[
 r("2","Secretary-General","report","GA",112,"at","every four years, beginning at its one hundred and twelfth session, a report on the implementation",True),
 r("3","Ad Hoc Working Group on the International Decade of Coastal Communities","report","GA",110,"at","requests the Working Group to submit its final report to the General Assembly at its one hundred and tenth session"),
 r("4","General Assembly","meeting","GA",111,"at","Decides to postpone the midterm review conference of the Decade requested in paragraph 15 of resolution 106/221 to its one hundred and eleventh session"),
 r("5","General Assembly","meeting","GA",115,"at","Decides to convene, during its one hundred and fifteenth session, a one-day high-level plenary meeting"),
 r("7","Secretary-General","report","HRC",150,"at","in his report to the Human Rights Council at its one hundred and fiftieth session",True),
]
M['A_RES_109_35']=dict(symbol="A/RES/109/35",body="GA",session=109,adopted="2054-12-09",title="International Decade of Coastal Communities, 2051–2060",
 not_scored=[ns("preamble","in which it requested the Secretary-General to submit a report on the implementation of the Decade to the General Assembly at its one hundred and ninth session","not a deliverable: superseded request quoted in preamble"),
  ns("1","Takes note with appreciation of the report of the Secretary-General on the midterm review of the Decade","not a deliverable"),
  ns("6","no later than 31 March 2059","consultations due only at a calendar date, no session"),
  ns("8","to provide the Ad Hoc Working Group with all the assistance necessary","not a deliverable: support request")],
 note="Amends 106/221: para 2 replaces its para 11 with a quoted paragraph numbered 11 (labelled under '2', judgement call; first occurrence of the four-yearly report only). Para 3 ends the Ad Hoc Working Group after its final report. Para 7 asks for information inside another report to the HRC (judgement call whether that is a separate deliverable).")
L['A_RES_108_250']=[
 r("3","Secretary-General","report","GA",109,"at","to submit to the General Assembly at each of its sessions a report on the status of the human rights treaty body system",True),
 r("4","Chairs of the human rights treaty bodies","oral update","GA",109,"at","to present an oral report on the work of the treaty bodies to the General Assembly at its one hundred and ninth session"),
 r("5","human rights treaty bodies","study","GA",110,"by","to submit it to the General Assembly no later than at its one hundred and tenth session"),
]
M['A_RES_108_250']=dict(symbol="A/RES/108/250",body="GA",session=108,adopted="2054-06-26",title="Strengthening and enhancing the effective functioning of the human rights treaty body system",
 not_scored=[ns("preamble","in which it requested the Secretary-General to submit a report every two years to the General Assembly, beginning at its one hundred and sixth session","not a deliverable: earlier request quoted in preamble"),
  ns("1","Takes note with appreciation of the report of the Secretary-General","not a deliverable"),
  ns("6","in accordance with the annual programme of work of the Council","OHCHR report with no determinable session"),
  ns("7","to organize, in 2055, an informal meeting of States parties","meeting due only in a calendar year, no session")],
 note="Adopted late in GA 108 (26 June 2054). 'At each of its sessions' (para 3) judged to start at GA 109, the next session (first occurrence only).")
L['E_RES_2054_9']=[
 r("2","Secretary-General","report","GA",110,"at","a report to the General Assembly at its one hundred and tenth session"),
 r("3","OHCHR","study","HRC",149,"at","to present it to the Human Rights Council at its one hundred and forty-ninth session"),
]
M['E_RES_2054_9']=dict(symbol="E/RES/2054/9",body="ECOSOC",session=2054,adopted="2054-07-22",title="Human rights and disaster risk reduction",
 not_scored=[ns("preamble","in which it requested the Secretary-General to report to the Council at its 2054 session","not a deliverable: earlier request quoted in preamble"),
  ns("1","to report to the Council at its 2055 session","deliverable due at ECOSOC, not HRC/GA"),
  ns("4","to transmit the present resolution to the Human Rights Council at its one hundred and forty-seventh session","transmission, not a deliverable"),
  ns("5","Recommends that the General Assembly, at its one hundred and ninth session, request the Secretary-General to convene","recommendation to another body, not a request of this text"),
  ns("6","Decides to consider the question at its 2056 session","consideration, not a deliverable")],
 note="ECOSOC sessions are named by year: session given as 2054 (the 2054 session, 25 July 2053-23 July 2054, invented).")
L['E_CN.6_RES_98_2']=[
 r("2","Secretary-General","report","GA",109,"at","to submit to the General Assembly at its one hundred and ninth session a report on unpaid care work in ageing societies"),
 r("3","Working Group on discrimination against women and girls","report","HRC",146,"at","to include in its next report to the Human Rights Council a thematic analysis",True),
 r("4","UN-Women","compilation","HRC",148,"before","to make it available to the Human Rights Council before its one hundred and forty-eighth session"),
]
M['E_CN.6_RES_98_2']=dict(symbol="E/CN.6/RES/98/2",body="CSW",session=98,adopted="2054-03-20",title="Women, the girl child and unpaid care work in ageing societies",
 not_scored=[ns("preamble","in which it requested the Secretary-General to report to the Commission at its ninety-eighth session","not a deliverable: earlier request quoted in preamble"),
  ns("1","to report to the Commission at its ninety-ninth session","deliverable due at CSW, not HRC/GA"),
  ns("5","before the one hundredth session of the Commission","meeting due before a CSW session, not HRC/GA"),
  ns("6","every four years, beginning at its one hundred and first session","CSW review, not HRC/GA"),
  ns("7","in his report to the Economic and Social Council at its 2055 session","due at ECOSOC, not HRC/GA")],
 note="Functional commission text (Commission on the Status of Women, ninety-eighth session, 9-20 March 2054, invented). The symbol form E/CN.6/RES/98/2 is invented for the test; real CSW resolutions appear in the Commission's report. Para 3 'next report to the Human Rights Council' judged HRC 146 (the Working Group reports at the June session; a reader could say 149 if the 146 report was already closed).")
for k in L:
    json.dump(L[k],open(f'labels/{k}.json','w'),indent=1,ensure_ascii=False)
    json.dump(M[k],open(f'meta/{k}.json','w'),indent=1,ensure_ascii=False)
# verify evidence strings in drafts
bad=0
for k in L:
    t=open(f'drafts/{k}.txt').read()
    for x in L[k]:
        if x['note'] not in t: print('MISSING',k,x['note']); bad+=1
    for x in M[k]['not_scored']:
        if x['words'] not in t: print('MISSING ns',k,x['words']); bad+=1
print('rows',sum(len(v) for v in L.values()),'bad',bad)
