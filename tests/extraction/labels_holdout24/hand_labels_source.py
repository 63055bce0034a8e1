import json
L={}; M={}
def r(p,a,k,b,s,rel,note,j=False): return dict(paragraph=p,actor=a,kind=k,due_body=b,due_session=s,due_relation=rel,note=note,judgement_call=j)
def n(p,w,why): return dict(paragraph=p,words=w,reason=why)

s='A_HRC_RES_107_4'
L[s]=[r("4","OHCHR","compilation","HRC",109,"before","prepare a compilation of good practices in extending water and sanitation services to informal settlements without forced evictions, and to make it available on its website before the one hundred and ninth session of the Human Rights Council"),
 r("5","Human Rights Council","panel","HRC",109,"at","Decides to convene, at its one hundred and ninth session, a half-day panel discussion"),
 r("6","High Commissioner","report","HRC",111,"at","Requests the High Commissioner to prepare a summary report on the panel discussion and to submit it to the Human Rights Council at its one hundred and eleventh session"),
 r("7","Special Rapporteur on the human rights to safe drinking water and sanitation","report","HRC",112,"by","to be presented to the Council no later than at its one hundred and twelfth session"),
 r("9","High Commissioner","oral update","HRC",108,"at","Requests the High Commissioner to provide an oral update to the Human Rights Council at its one hundred and eighth session")]
M[s]=dict(symbol="A/HRC/RES/107/4",body="HRC",session=107,adopted="2041-07-09",title="The human rights to safe drinking water and sanitation in informal urban settlements",
 not_scored=[n("preamble","submitted to the Council at its one hundred and sixth session","past report taken note of"),
  n("preamble","to present a report on the regulation of informal water vendors to the Council at its present session","recalled past request, already fulfilled"),
  n("8","to the Office of the High Commissioner by 31 January 2042","States/stakeholders; calendar date, no session (a deliverable under the gold convention but not due at an HRC/GA session)"),
  n("10","to provide all the human, technical and financial assistance necessary","pure support request"),
  n("11","Decides to continue its consideration of this question at its one hundred and eleventh session","consideration clause, not a deliverable")],
 note="Para 7 'no later than at its' -> by. Para 9 oral update is due at 108, earlier than the compilation it reports on (109). Rendered as a forwarded e-mail with '> ' quoting and mail-client wrapping.")

s='A_HRC_RES_108_12'
L[s]=[r("3 (d)","Independent Expert on the enjoyment of all human rights by older persons","report","GA",97,"at","To present an annual report to the General Assembly, starting at its ninety-seventh session",True),
 r("4","Independent Expert on the enjoyment of all human rights by older persons","consultation","HRC",110,"before","to convene, prior to the one hundred and tenth session of the Council, a two-day expert consultation"),
 r("4","Independent Expert on the enjoyment of all human rights by older persons","report","HRC",110,"at","to present the outcome of the consultation in her report to the Human Rights Council at its one hundred and tenth session"),
 r("5","Advisory Committee","study","HRC",112,"at","to prepare a study on the impact of digitalization of public services on the human rights of older persons, and to present it to the Council at its one-hundred-and-twelfth session"),
 r("6","High Commissioner","oral update","HRC",109,"at","Requests the High Commissioner to present an oral update on the activities of the Office in support of the rights of older persons to the Council at its one hundred and ninth session")]
M[s]=dict(symbol="A/HRC/RES/108/12",body="HRC",session=108,adopted="2041-10-10",title="Independent Expert on the enjoyment of all human rights by older persons",
 not_scored=[n("preamble","her report to the Council at its one hundred and eighth session","past report"),
  n("2","Decides to extend the mandate","establishing/extending a mandate"),
  n("3 (c)","To submit annual reports on the implementation of the mandate to the Human Rights Council, in accordance with its programme of work","deliverable with no session (annual, programme of work); would be listed with null due fields"),
  n("8","to provide the Independent Expert with all the human, technical and financial resources necessary","pure support request"),
  n("9","Decides to continue consideration of this issue in accordance with its programme of work","consideration, no session")],
 note="3 (d) 'annual report ... starting at its ninety-seventh session' is recurring (annual) from GA 97; judgement call because a reader might also record it without a fixed session or as several rows. Para 4 gives two products (consultation before 110, report at 110; the report at 110 is arguably the same report as 3 (c)). Para 5 uses the hyphenated ordinal 'one-hundred-and-twelfth'.")

s='A_HRC_RES_109_3'
L[s]=[r("5","OHCHR","seminar","HRC",111,"before","to organize, before the one hundred and eleventh session of the Human Rights Council, two regional expert workshops"),
 r("6","High Commissioner","report","HRC",112,"at","Requests the High Commissioner to prepare a report on the outcome of the workshops"),
 r("7","Working Group on the issue of human rights and transnational corporations and other business enterprises","report","GA",97,"at","in its report to the General Assembly at its ninety-seventh session",True),
 r("9","Secretary-General","report","GA",98,"at","Requests the Secretary-General to submit to the General Assembly at its ninety-eighth session a report")]
M[s]=dict(symbol="A/HRC/RES/109/3",body="HRC",session=109,adopted="2042-04-02",title="Human rights and automated decision-making in social protection systems",
 not_scored=[n("8","Invites the Committee on Economic, Social and Cultural Rights to consider the preparation of a general comment","invitation to a treaty body to consider; no session"),
  n("10","to provide technical assistance, upon request","support request"),
  n("annex","Summary of requests contained in resolution 109/3","annex only restates paragraphs 5, 6, 7 and 9; not new deliverables (do not double count)"),
  n("2","Calls upon States to ensure human review","States, no deadline")],
 note="Para 6 deadline is 'at its one hundred and twelfth session' with a footnote reference between 'twelfth' and 'session' (footnote 2 says the session is expected in February-March 2043). Para 7: the Working Group is asked to address a topic in its (existing) GA report; judgement call whether that is a separate deliverable. Para 5 asks for two workshops (count 2), one row. Annex restates requests, counted once.")

s='A_HRC_RES_110_7'
L[s]=[r("5","Advisory Committee","study","HRC",114,"before","to conduct a study on access to justice for seafarers and fishers who are victims of human rights abuses at sea, and to submit it to the Council before its one hundred and fourteenth session",True),
 r("6","OHCHR","consultation","HRC",112,"before","a one-day intersessional consultation open to States, seafarers’ and fishers’ organizations and other relevant stakeholders before the opening of the one hundred and twelfth session of the Council"),
 r("7","High Commissioner","report","HRC",113,"at","Requests the High Commissioner to prepare a summary report on the consultation for submission to the Human Rights Council at its one hundred and thirteenth session"),
 r("10","Secretary-General","report","GA",98,"at","to the General Assembly at the main part of its ninety-eighth session and annually thereafter"),
 r("11","Human Rights Council","panel","HRC",112,"at","Decides to hold, at its one hundred and twelfth session, a high-level panel discussion")]
M[s]=dict(symbol="A/HRC/RES/110/7",body="HRC",session=110,adopted="2042-07-08",title="Human rights of seafarers and fishers",
 not_scored=[n("preamble","presented to the Council at its one hundred and eighth session","past report"),
  n("8","to pay particular attention to the situation of fishers in the discharge of the mandate","no product requested"),
  n("9","Invites the human rights treaty bodies","invitation, no product or session"),
  n("12","Decides to continue its consideration of the matter at its one hundred and thirteenth session","consideration clause")],
 note="Para 5 'submit it to the Council before its one hundred and fourteenth session': judgement call between 'before' and 'at' (study to be considered at 114). Para 10 recurring annual from GA 98 (main part); one row for the first due session.")

s='A_HRC_RES_111_15'
L[s]=[r("3","High Commissioner","oral update","HRC",112,"at","Requests the High Commissioner to present an oral update on the situation of human rights in Veloria to the Human Rights Council at its one hundred and twelfth session"),
 r("4","High Commissioner","report","HRC",114,"at","to the Council at its one hundred and fourteenth session, to be followed by an interactive dialogue"),
 r("6","Human Rights Council","meeting","HRC",113,"at","Decides to hold, at its one hundred and thirteenth session, an enhanced interactive dialogue",True),
 r("7","Secretary-General","report","GA",98,"at","Requests the Secretary-General to report to the General Assembly at its ninety-eighth session")]
M[s]=dict(symbol="A/HRC/RES/111/15",body="HRC",session=111,adopted="2042-10-09",title="Technical assistance and capacity-building for the Republic of Veloria in the field of human rights",
 not_scored=[n("preamble","oral update of the High Commissioner presented at the one hundred and tenth session","past"),
  n("5","to continue to provide technical assistance and capacity-building","support request"),
  n("8","Requests the Government of Veloria to submit information","State; calendar date 31 May 2043, no session"),
  n("9","to share the findings of the report referred to in paragraph 4 above with the United Nations country team","transmission")],
 note="Veloria is invented. Para 6 enhanced interactive dialogue held by the Council: judgement call whether it is a deliverable (kind meeting). Para 4 comprehensive written report distinct from para 3 oral update.")

s='A_RES_96_211'
L[s]=[r("5","Secretary-General","report","GA",97,"at","Requests the Secretary-General to submit to the General Assembly at its ninety-seventh session a report on the implementation of the present resolution"),
 r("6","Special Representative of the Secretary-General on Violence against Children","report","HRC",110,"at","to include in her annual report to the Human Rights Council at its one hundred and tenth session a section on immersive digital environments",True),
 r("7","General Assembly","meeting","GA",98,"at","Decides to convene a one-day high-level meeting on the rights of the child in the digital environment during its ninety-eighth session"),
 r("8","President of the General Assembly","consultation","GA",98,"before","to organize, prior to the high-level meeting, an informal interactive multi-stakeholder hearing",True)]
M[s]=dict(symbol="A/RES/96/211",body="GA",session=96,adopted="2041-12-17",title="Protection of children in digital environments",
 not_scored=[n("preamble","report of the Secretary-General submitted at its ninety-fifth session","past report"),
  n("9","to provide the support necessary for the organization of the high-level meeting","support request"),
  n("10","Decides to include in the provisional agenda of its ninety-seventh session","agenda inclusion, not a deliverable")],
 note="Para 7 'during its ninety-eighth session' -> at. Para 8 hearing is 'prior to the high-level meeting', which itself is during GA 98: the hearing may well fall inside GA 98 too, so 'before GA 98' is a judgement call (an alternative is at GA 98, or no session). Para 6 asks for a section of an annual HRC report (judgement call). Rendered as plain text with Unicode superscript footnote marks.")

s='A_RES_97_58'
L[s]=[r("4","Secretary-General","oral update","GA",98,"before","to brief Member States, in an informal meeting to be held before the opening of the ninety-eighth session of the General Assembly",True),
 r("6","Secretary-General","report","GA",99,"at","Requests the Secretary-General to submit to the General Assembly at its ninety-ninth session a report on the implementation of the present resolution")]
M[s]=dict(symbol="A/RES/97/58",body="GA",session=97,adopted="2042-12-07",title="Cooperation between the United Nations and the Association of Littoral States of the Indian Ocean",
 not_scored=[n("3","requests the Secretary-General to convene the next general meeting in 2044","meeting with a calendar year only, no session (deliverable with null due)"),
  n("7","Decides to include in the provisional agenda of its ninety-ninth session","agenda inclusion")],
 note="Association is invented. Para 4 briefing in an informal meeting: kind oral update (could be 'meeting'); judgement call.")

s='A_C.3_96_L.31_Rev.1'
L[s]=[r("4","High Commissioner","report","HRC",110,"at","Requests the United Nations High Commissioner for Human Rights to present to the Human Rights Council at its one hundred and tenth session a report"),
 r("5","Secretary-General","meeting","GA",98,"before","to convene, prior to the ninety-eighth session of the General Assembly, an expert group meeting"),
 r("9","Secretary-General","report","GA",98,"at","Requests the Secretary-General to submit a report on the implementation of the present resolution to the General Assembly",True)]
M[s]=dict(symbol="A/C.3/96/L.31/Rev.1",body="GA",session=96,adopted=None,title="Missing migrants and the right to know",
 not_scored=[n("6","Invites the Committee on Enforced Disappearances and the Working Group on Enforced or Involuntary Disappearances","invitation, no product"),
  n("7","Invites States to share information","States, no deadline"),
  n("10","Decides to continue its consideration of the question at its ninety-eighth session","consideration clause")],
 note="Draft (Rev.1), not adopted: adopted null. Para 9 as printed says 'at its ninety-seventh session' but the oral revision noted at the top replaces 'ninety-seventh session' with 'ninety-eighth session'; labelled 98 (as orally revised), alternative 97, judgement call. A reader that ignores the oral-revision note gets 97.")

s='A_RES_96_140'
L[s]=[r("4","President of the General Assembly","meeting","GA",97,"at","Invites the President of the General Assembly to convene, during the ninety-seventh session, a one-day interactive dialogue",True),
 r("7","Secretary-General","report","GA",98,"at","Requests the Secretary-General to submit to the General Assembly at its ninety-eighth session")]
M[s]=dict(symbol="A/RES/96/140",body="GA",session=96,adopted="2041-12-15",title="Agricultural technology for sustainable development",
 not_scored=[n("5","to the Committee on World Food Security at its seventy-first session","other body's session (FAO to CFS)"),
  n("6","in time for the high-level political forum on sustainable development convened under the auspices of the Economic and Social Council in July 2043","other body (ECOSOC HLPF), no GA/HRC session"),
  n("8","Decides to include in the provisional agenda of its ninety-eighth session","agenda inclusion")],
 note="Reissued for technical reasons (symbol printed A/RES/96/140* with the reissue footnote; symbol without asterisk). Para 4 'Invites' the President to convene: judgement call whether an invitation to a UN officer is a request (gold lists 'Encourages' as not a deliverable; 'Invites' to an organ is borderline).")

s='E_RES_2042_9'
L[s]=[r("3","Secretary-General","report","GA",98,"at","in his report to the General Assembly at its ninety-eighth session",True),
 r("5","OHCHR","compilation","HRC",112,"before","to make it available prior to the one hundred and twelfth session of the Human Rights Council")]
M[s]=dict(symbol="E/RES/2042/9",body="ECOSOC",session=2042,adopted="2042-07-23",title="Strengthening statistical capacity on disability across the United Nations system",
 not_scored=[n("2","to the Economic and Social Council at its 2043 session","other body (ECOSOC)"),
  n("4","Requests the Statistical Commission to review progress in disability statistics at its seventy-fifth session","other body's session"),
  n("6","Invites the Committee on the Rights of Persons with Disabilities","invitation to treaty body"),
  n("1","Calls upon Member States","States, no deadline")],
 note="ECOSOC text: only the GA and HRC deadlines are scored. Para 3 asks to include information in another report (judgement call).")

s='E_CN.6_2042_L.7'
L[s]=[r("3","Secretary-General","report","GA",97,"at","to be submitted to the General Assembly at its ninety-seventh session",True),
 r("4","UN-Women","other","HRC",110,"before","to prepare a joint background note in time for the annual full-day discussion on the human rights of women of the Human Rights Council at its one hundred and tenth session",True)]
M[s]=dict(symbol="E/CN.6/2042/L.7",body="CSW",session=86,adopted="2042-03-20",title="Rural women and girls and the digital divide",
 not_scored=[n("2","to report to the Commission at its eighty-eighth session","other body's session (CSW)"),
  n("5","Invites the International Telecommunication Union","invitation, no product"),
  n("6","Recommends that the Economic and Social Council consider the issue at its 2043 management segment","recommendation to another body")],
 note="Commission on the Status of Women, eighty-sixth session; the L document carries the adoption note (adopted as resolution 86/2 on 20 March 2042). Para 3 asks to include an analysis in an existing GA report (judgement). Para 4 joint note by UN-Women with OHCHR (partner) 'in time for' the HRC 110 discussion -> before (judgement: kind 'other').")

s='S_RES_3104_2041'
L[s]=[]
M[s]=dict(symbol="S/RES/3104 (2041)",body="SC",session=None,adopted="2041-11-20",title="Protection of civilians: attacks against water infrastructure",
 not_scored=[n("3","to report to the Security Council within 90 days","other body, relative time limit, no session"),
  n("4","to brief the Council on the implementation of the present resolution no later than 15 March 2042","other body; calendar date"),
  n("5","Encourages the Secretary-General to share relevant information with the Human Rights Council prior to its one hundred and ninth session","'Encourages' + transmission: not a deliverable even though it names an HRC session"),
  n("6","report on attacks on civilian water infrastructure in their regular reporting to the Council","peace operations to SC, no session")],
 note="Own-choice document: a Security Council resolution with no HRC/GA deliverable. Trap: para 5 names 'prior to its one hundred and ninth session' of the HRC but is an encouragement to share information. Expected scored rows: none.")
import os
for k in L:
    json.dump(L[k],open(f'labels/{k}.json','w'),ensure_ascii=False,indent=1)
    m=dict(M[k]); m['not_scored']=M[k]['not_scored']
    json.dump(m,open(f'meta/{k}.json','w'),ensure_ascii=False,indent=1)
# verify substrings in drafts
import re
bad=0
for k in L:
    t=open(f'drafts/{k}.txt').read(); t2=re.sub(r'\{\d+\}','',t)
    for x in L[k]:
        if x['note'] not in t2: print('MISS',k,x['paragraph'],x['note']); bad+=1
    for x in M[k]['not_scored']:
        if x['words'] not in t2: print('MISSns',k,x['paragraph'],x['words']); bad+=1
print('bad',bad, sum(len(v) for v in L.values()))
