import json
L={}; M={}
def d(par,actor,kind,body,sess,rel,note,jc=False):
    return dict(paragraph=par,actor=actor,kind=kind,due_body=body,due_session=sess,due_relation=rel,note=note,judgement_call=jc)
def ns(par,words,reason): return dict(paragraph=par,words=words,reason=reason)
# ---- part one: real amendments
L['A_80_L.35']=[]
M['A_80_L.35']=dict(symbol="A/80/L.35",body="GA",session=80,adopted=None,
 title="Strengthening of international cooperation and coordination of efforts to study, mitigate and minimize the consequences of the Chornobyl disaster (Belarus: amendment to draft resolution A/80/L.27)",
 not_scored=[ns("4","Delete operative paragraphs 5, 6, 10 and 13","Amendment instruction: deletes paragraphs of A/80/L.27, whose text is not reproduced here; the amendment itself asks nobody for anything."),
             ns("5","In operative paragraph 14, replace","Amendment changes the wording of an agenda-item title in paragraph 14 of A/80/L.27; no deliverable in this document.")],
 note="Plenary amendment (Distr.: Limited, 8 December 2025), not an adopted text. Numbered items 1-5 are amendment instructions, not operative paragraphs. No deliverables.")
L['A_C.3_80_L.56']=[]
M['A_C.3_80_L.56']=dict(symbol="A/C.3/80/L.56",body="GA",session=80,adopted=None,
 title="Combating glorification of Nazism, neo-Nazism and other practices that contribute to fuelling contemporary forms of racism, racial discrimination, xenophobia and related intolerance (amendment to draft resolution A/C.3/80/L.2)",
 not_scored=[ns("(new paragraph after 3)","Notes with alarm","The inserted operative paragraph notes and underlines; it requests nothing.")],
 note="Third Committee amendment (7 November 2025), not an adopted text; the inserted paragraph is unnumbered. No deliverables.")
L['A_C.3_80_L.61']=[]
M['A_C.3_80_L.61']=dict(symbol="A/C.3/80/L.61",body="GA",session=80,adopted=None,
 title="Rights of the child (amendment to revised draft resolution A/C.3/80/L.20/Rev.1)",
 not_scored=[ns("1","taking note of the","Preambular wording change ('taking note of the statement of the Committee on the Rights of the Child'); not a request and not a report being taken note of by symbol."),
             ns("2","Delete the fifteenth preambular paragraph","Amendment instruction on a preambular paragraph.")],
 note="Third Committee amendment (14 November 2025), not an adopted text. Items 1-2 amend preambular paragraphs only. No deliverables.")
L['A_C.3_80_L.65']=[]
M['A_C.3_80_L.65']=dict(symbol="A/C.3/80/L.65",body="GA",session=80,adopted=None,
 title="Report of the Human Rights Council (amendment to draft resolution A/C.3/80/L.24)",
 not_scored=[ns("(single unnumbered instruction)","Delete the third preambular paragraph and operative paragraph 2","Amendment deleting text of A/C.3/80/L.24 that is not reproduced here; asks for nothing.")],
 note="Third Committee amendment (14 November 2025), not an adopted text; one unnumbered instruction. No deliverables.")
# ---- part two
L['E_RES_2055_14']=[
 d("5","High Commissioner","oral update","HRC",150,"at","Invites the United Nations High Commissioner for Human Rights to provide an oral update to the Human Rights Council at its next regular session",True),
 d("6","OHCHR","consultation","HRC",151,"before","to organize, before the one hundred and fifty-first session of the Human Rights Council, a one-day intersessional consultation"),
 d("7","Secretary-General","report","GA",111,"at","Requests the Secretary-General to submit to the General Assembly at its one hundred and eleventh session a report on the implementation of the present resolution"),
]
M['E_RES_2055_14']=dict(symbol="E/RES/2055/14",body="ECOSOC",session="2055",adopted="2055-07-22",title="Human rights of older persons in ageing societies",
 not_scored=[ns("3","to convene an expert group meeting on the rights of older persons in long-term care before 31 March 2056","Deadline is a calendar date, not an HRC/GA session."),
  ns("3","to make a summary of its discussions available to the Council","Summary for ECOSOC with no session stated (tied to the meeting before 31 March 2056)."),
  ns("4","within ninety days of the adoption of the present resolution, a compilation","Deadline is a period (ninety days), not an HRC/GA session."),
  ns("8","to report to the Council at its 2056 session","Due at ECOSOC's own session, not scored."),
  ns("9","Decides to consider the question at its 2057 session","Consideration by ECOSOC, not a deliverable.")],
 note="ECOSOC sessions are named by year, so 'session' is the year string. Para 5 'at its next regular session' is resolved against the calendar: adopted 22 July 2055, after HRC 149 closed (9 July 2055), so the next regular session is HRC 150 (September 2055): judgement call. Preambular 'ninety-third session' is the Commission for Social Development's, not a deliverable.")
L['E_RES_2056_9']=[
 d("4","High Commissioner","study","HRC",155,"at","to prepare a study on the human rights impact of compulsory drug treatment and to present it to the Human Rights Council at its one hundred and fifty-fifth session",True),
 d("5","Secretary-General","report","GA",112,"at","Requests the Secretary-General to submit to the General Assembly at its one hundred and twelfth session a report on the implementation of the present resolution",True),
]
M['E_RES_2056_9']=dict(symbol="E/RES/2056/9",body="ECOSOC",session="2056",adopted="2056-06-08",title="Human rights-based approaches to drug prevention and treatment",
 not_scored=[ns("1","a background note for the thematic discussion to be held at the one hundredth session of the Commission","Due at the CND's own session, not scored."),
  ns("2","to report to the Commission on Narcotic Drugs at its one hundred and first session","Due at the CND's own session, not scored."),
  ns("3","Recommends to the General Assembly the adoption of the following draft resolution","Recommendation to the GA; the draft's own requests are labelled (paras 4 and 5 of the draft) as judgement calls."),
  ns("4 (draft)","Decides to include in the provisional agenda of its one hundred and twelfth session","Agenda inclusion in the draft, not a deliverable.")],
 note="Council paragraph 3 recommends a draft General Assembly resolution; its requests (draft paras 4 and 5, numbered as printed inside the quoted draft, which is why the paragraph numbers run past the Council's own 1-3) would bind only if the Assembly adopts it (expected at GA 111). They are labelled with the printed draft paragraph numbers and judgement_call true: a careful reader may say they are not yet mandates. The not_scored entry '4 (draft)' is draft paragraph 6.")
# fix paragraph label of last not_scored
M['E_RES_2056_9']['not_scored'][3]['paragraph']="6 (draft)"
M['E_RES_2056_9']['note']=M['E_RES_2056_9']['note'].replace(" The not_scored entry '4 (draft)' is draft paragraph 6.","")
L['E_CN.6_RES_100_2']=[
 d("4","Secretary-General","report","GA",111,"at","to submit to the General Assembly at its one hundred and eleventh session a report on the protection of women and girls in situations of forced displacement"),
 d("5","High Commissioner","oral update","HRC",153,"at","Invites the United Nations High Commissioner for Human Rights to brief the Human Rights Council at its one hundred and fifty-third session"),
]
M['E_CN.6_RES_100_2']=dict(symbol="E/CN.6/RES/100/2",body="CSW",session=100,adopted="2056-03-24",title="Women and girls in situations of forced displacement",
 not_scored=[ns("3","Requests the Secretary-General to submit to the Commission at its one hundred and first session a report","Due at the CSW's own session, not scored."),
  ns("6","to convene an expert group meeting on data on displaced women and girls by 30 June 2056","Calendar date deadline; actor UN-Women."),
  ns("7","Decides to continue its consideration of the question at its one hundred and second session","CSW consideration, not a deliverable."),
  ns("preamble","the agreed conclusions adopted by the Commission at its seventieth session","Past CSW session (2026) in a preambular paragraph; neither a deliverable nor an HRC/GA session.")],
 note="'brief' is labelled as an oral update. Footnote markers follow words directly in the text (e.g. 'session,3').")
L['E_CN.15_RES_65_3']=[
 d("3","Secretary-General","report","GA",111,"at","Requests the Secretary-General to submit to the General Assembly at its one hundred and eleventh session"),
 d("4","OHCHR","study","HRC",154,"by","to submit it to the Human Rights Council no later than at its one hundred and fifty-fourth session"),
]
M['E_CN.15_RES_65_3']=dict(symbol="E/CN.15/RES/65/3",body="CCPCJ",session=65,adopted="2056-05-19",title="Protecting the human rights of persons in pretrial detention",
 not_scored=[ns("2","by 30 June 2057, a compilation of good practices","Calendar date deadline (UNODC)."),
  ns("5","before the sixty-sixth session of the Commission","Expert group meeting due before the CCPCJ's own session; 'sixty-sixth' must not be read as HRC 66."),
  ns("6","to report to the Commission at its sixty-sixth session","Due at the CCPCJ's own session; not HRC 66."),
  ns("7","Invites Member States and other donors to provide extrabudgetary resources","Resource appeal, not a deliverable.")],
 note="Para 4 is an invitation to the Office (OHCHR) for a joint study with UNODC; 'no later than at its' gives relation 'by'. Session number collision trap: the Commission's 66th session vs HRC 66.")
L['WHA109_11']=[
 d("2","High Commissioner","report","HRC",155,"at","to prepare a joint report on the right to health of refugees and migrants and to present it to the Human Rights Council at its one hundred and fifty-fifth session"),
]
M['WHA109_11']=dict(symbol="WHA109.11",body="WHA",session=109,adopted="2056-05-26",title="Promoting the health of refugees and migrants: a human rights-based approach",
 not_scored=[ns("3(2)","before the Hundred and tenth World Health Assembly","Global consultation due before the WHA's own session (WHA110, 2057); '110' is not GA 110."),
  ns("3(3)","to contribute to the report of the Secretary-General to the General Assembly at its one hundred and eleventh session","A contribution to a Secretary-General report mandated elsewhere; the WHA does not mandate the GA report itself, so not listed as a deliverable (debatable)."),
  ns("3(4)","to report on progress in the implementation of this resolution to the Hundred and tenth World Health Assembly in 2057","Due at the WHA's own session; collision trap with GA 110."),
  ns("3(1)","to continue to provide technical support to Member States, upon request","Support request, not a deliverable.")],
 note="WHA style: verbs in capitals, sub-paragraphs numbered (1), (2), written '3(2)'. Para 2 actor is the High Commissioner (invited), with the Director-General as partner.")
L['CRPD_CSP_2056_DEC_3']=[
 d("2","Secretary-General","report","GA",112,"at","Requests the Secretary-General to submit to the General Assembly at its one hundred and twelfth session a report"),
 d("3","OHCHR","oral update","HRC",154,"at","to present an oral update to the Human Rights Council at its one hundred and fifty-fourth session"),
]
M['CRPD_CSP_2056_DEC_3']=dict(symbol="CRPD/CSP/2056/DEC/3",body="Conference of States Parties to the CRPD",session=49,adopted="2056-06-14",title="Inclusion of persons with disabilities in humanitarian action",
 not_scored=[ns("1","for the fiftieth session of the Conference, a compilation","Due at the Conference's own session."),
  ns("4(a)","A virtual consultation with organizations of persons with disabilities","Date deadline: 'before 31 January 2057'."),
  ns("4(b)","An informal round table on disability-inclusive early warning systems","Date deadline: 'before 31 January 2057'."),
  ns("5","the fiftieth session of the Conference shall be held in New York from 8 to 10 June 2057","The Conference's own meeting, on dates."),
  ns("6","Decides also to consider the question at its fiftieth session","Consideration by the Conference.")],
 note="Decision numbered 49/3 of the forty-ninth session. Secretariat of the Conference (DESA/OHCHR) is the actor for paras 1 and 4.")
L['S_RES_4371_2056']=[]
M['S_RES_4371_2056']=dict(symbol="S/RES/4371 (2056)",body="SC",session=None,adopted="2056-08-30",title="Protection of civilians in armed conflict: humanitarian and medical personnel",
 not_scored=[ns("3","to report to the Council within 60 days of the adoption of this resolution","Security Council report due within a period."),
  ns("4","due by 31 May 2057, a section on accountability","Part of the Secretary-General's annual report to the Security Council, due on a date."),
  ns("5","to brief the Council, no later than 15 November 2056","Briefing to the Security Council on a date."),
  ns("6","Encourages the High Commissioner to share relevant findings with the Human Rights Council at its one hundred and fifty-fourth session","'Encourages' clause: not a request, so not a deliverable although it names HRC 154."),
  ns("7","Takes note of the intention of the Secretary-General to present to the General Assembly at its one hundred and eleventh session proposals","Takes note of an intention; nothing is requested, so not a deliverable although it names GA 111."),
  ns("8","Decides to remain actively seized of the matter","Not a deliverable.")],
 note="The Security Council has no numbered sessions (session null). The text carries no title line; the title here is descriptive. No scored deliverables: traps are paras 6 and 7, which name HRC 154 and GA 111 without requesting anything.")
L['E_ESCAP_RES_112_4']=[
 d("2(b)","Executive Secretary of ESCAP","consultation","HRC",153,"before","To convene, in cooperation with the Office of the United Nations High Commissioner for Human Rights, a regional consultation on the human rights of migrant workers before the one hundred and fifty-third session of the Human Rights Council"),
 d("3","High Commissioner","report","HRC",153,"at","Invites the United Nations High Commissioner for Human Rights to present a summary of the regional consultation to the Human Rights Council at its one hundred and fifty-third session"),
]
M['E_ESCAP_RES_112_4']=dict(symbol="E/ESCAP/RES/112/4",body="ESCAP",session=112,adopted="2056-05-12",title="Regional cooperation on the rights of migrant workers in Asia and the Pacific",
 not_scored=[ns("2(c)","To report to the Commission at its one hundred and fourteenth session","Due at ESCAP's own session; not GA 114."),
  ns("4","to transmit the present resolution to the Secretary-General for the information of the General Assembly at its one hundred and eleventh session","Transmission, not a deliverable."),
  ns("2(a)","To continue to support members and associate members","Support request.")],
 note="Regional commission text. The Commission's own session (112) coincides in number with GA 112 and the biennial report goes to its 114th session: neither is scored. 'summary' in para 3 is labelled as a report.")
for k in L:
    json.dump(L[k],open(f'labels/{k}.json','w'),indent=1,ensure_ascii=False)
    json.dump(M[k],open(f'meta/{k}.json','w'),indent=1,ensure_ascii=False)
# check evidence strings against drafts (whitespace-normalized)
import re
for k in L:
    t=re.sub(r'\s+',' ',open(f'drafts/{k}.txt').read())
    for x in L[k]:
        assert x['note'] in t,(k,x['note'])
    for x in M[k]['not_scored']:
        assert x['words'] in t,(k,x['words'])
print('ok', sum(len(v) for v in L.values()))
