# Hand-written labels (step 2). Written from drafts/ before any rendering.
# Each row: paragraph, actor, kind, due_body, due_session, due_relation, note, judgement_call
import json, os
OUT = os.path.join(os.path.dirname(__file__), '..')
def R(p, actor, kind, body, sess, rel, note, jc=False, why=None):
    d = {"paragraph": p, "actor": actor, "kind": kind, "due_body": body, "due_session": sess,
         "due_relation": rel, "note": note, "judgement_call": jc}
    if why: JC.append((p, actor, body, sess, why))
    d["_why"] = why
    return d
def N(p, words, reason): return {"paragraph": p, "words": words, "reason": reason}

SR_ADM = "Special Rapporteur on the promotion and protection of human rights in the context of automated decision-making and the digitalization of public services"
IE_OP = "Independent Expert on the enjoyment of all human rights by older persons"
DOCS = {}
JC = []

DOCS["A_HRC_RES_94_11"] = dict(
 meta=dict(symbol="A/HRC/RES/94/11", body="HRC", session=94, adopted="2037-03-30",
  title="Human rights of persons displaced across borders in the context of disasters and the adverse effects of climate change",
  note="Plain text, one block per paragraph. Paragraph 8 names the product (a comprehensive report) long after the verb ('to prepare, in close consultation with ..., and to present to ... at its ninety-ninth session, a comprehensive report'). Paragraph 9: three workshops, one per region, count as one seminar product. Paragraph 5 is a request to States with a calendar date (not a numbered session)."),
 rows=[
  R("6","Human Rights Council","panel","HRC",96,"at","at its ninety-sixth session, a half-day panel discussion on the human rights of persons displaced across borders in the context of slow-onset events"),
  R("7","OHCHR","report","HRC",98,"at","a summary report on the panel discussion for submission to the Human Rights Council at its ninety-eighth session"),
  R("8","High Commissioner","report","HRC",99,"at","to the Human Rights Council at its ninety-ninth session, a comprehensive report on legal pathways and good practices for the admission and stay of persons displaced across borders in the context of disasters"),
  R("9","OHCHR","seminar","HRC",98,"before","three one-day regional workshops, one in each of the regions of Africa, Asia and the Pacific, and Latin America and the Caribbean, on the protection of persons displaced across borders in the context of disasters, to be held before the ninety-eighth session of the Council"),
 ],
 not_scored=[
  N("3","to adopt or strengthen, as appropriate, humanitarian admission, temporary protection and stay arrangements","call upon States; no UN product"),
  N("4","to exchange good practices in this regard","Encourages States; not a request"),
  N("5","information on the laws, policies and practices adopted to protect the human rights of persons displaced across borders in the context of disasters","request to States with a calendar deadline (31 January 2038), not due at a numbered HRC/GA session; not a scored row"),
  N("7","to liaise with States, relevant United Nations agencies, funds and programmes, special procedures, national human rights institutions and civil society with a view to ensuring their participation in the panel discussion","support/liaison task, not a product"),
  N("10","all the resources necessary for the effective fulfilment of the tasks mandated in the present resolution","pure support request"),
  N("11","to continue to give attention, within their respective mandates","invitation without a product or deadline"),
 ])

DOCS["A_HRC_RES_95_8"] = dict(
 meta=dict(symbol="A/HRC/RES/95/8", body="HRC", session=95, adopted="2037-07-07",
  title="Special Rapporteur on the promotion and protection of human rights in the context of automated decision-making and the digitalization of public services",
  note="PDF-style text dump (job number GE.37-..., running header with the symbol, page numbers, footnotes at page foot). Mandate renewal: products sit in sub-paragraphs 2(b), 2(c), 2(e). 2(e) is a recurring annual report with first due sessions HRC 97 and GA 93. Paragraph 5 holds two Advisory Committee products with different relations (by 99, at 97)."),
 rows=[
  R("2(b)",SR_ADM,"study","HRC",98,"at","a thematic study on the human rights impact of automated eligibility assessments in social protection systems, and to present it to the Human Rights Council at its ninety-eighth session"),
  R("2(c)",SR_ADM,"consultation","HRC",97,"before","before the ninety-seventh session of the Council, two intersessional expert consultations, one in Geneva and one in New York"),
  R("2(e)",SR_ADM,"report","HRC",97,"at","an annual report to the Human Rights Council, starting at its ninety-seventh session",True,
    "recurring annual report; scored at its first due session ('starting at'), recurring=annual"),
  R("2(e)",SR_ADM,"report","GA",93,"at","an annual report to the Human Rights Council, starting at its ninety-seventh session, and to the General Assembly, starting at its ninety-third session",True,
    "recurring annual report; scored at its first due session ('starting at'), recurring=annual"),
  R("4","High Commissioner","oral update","HRC",96,"at","an oral update on the activities of the Office in the field of human rights and the digitalization of public services to the Human Rights Council at its ninety-sixth session"),
  R("5","Advisory Committee","study","HRC",99,"by","a study on the implications of automated decision-making for the right to an effective remedy and to present it to the Council no later than at its ninety-ninth session"),
  R("5","Advisory Committee","report","HRC",97,"at","a progress report on the study to the Council at its ninety-seventh session"),
 ],
 not_scored=[
  N("1","to extend the mandate of the Special Rapporteur on the promotion and protection of human rights in the context of automated decision-making and the digitalization of public services for a period of three years","renewal of a standing mandate, not a product"),
  N("2(a)","To gather, request, receive and exchange information from all relevant sources","ongoing mandate activity, no product"),
  N("2(d)","To make recommendations on concrete measures to prevent, identify and redress human rights violations","ongoing mandate activity, no product or deadline"),
  N("3","to cooperate fully with the Special Rapporteur in the discharge of the mandate","request to States"),
  N("6","all the human, technical and financial assistance necessary for the effective fulfilment of the mandate","pure support request"),
 ])

DOCS["A_HRC_RES_96_15"] = dict(
 meta=dict(symbol="A/HRC/RES/96/15", body="HRC", session=96, adopted="2037-10-13",
  title="The right to development",
  note="HTML page. Many actors: Working Group on the Right to Development (session + report), Expert Mechanism on the Right to Development (two studies), Secretary-General jointly with the High Commissioner (annual report to HRC, interim report to GA), President of the HRC (intersessional meeting) and the Office (summary), Special Rapporteur on the right to development (HRC and GA)."),
 rows=[
  R("4","Working Group on the Right to Development","meeting","HRC",97,"before","to hold its thirty-eighth session for five working days before the ninety-seventh session of the Council"),
  R("4","Working Group on the Right to Development","report","HRC",98,"at","its report thereon to the Human Rights Council at its ninety-eighth session"),
  R("5","Expert Mechanism on the Right to Development","study","HRC",98,"at","two thematic studies, one on the right to development and the financing of climate adaptation and the other on the right to development and sovereign debt restructuring, and to present them to the Human Rights Council at its ninety-eighth session",True,
    "two studies on different topics recorded as one study row (count 2), following the 'series of seminars = one entry' convention; a reader could list two rows"),
  R("6","Secretary-General","report","HRC",99,"at","their annual report on the right to development to the Human Rights Council at its ninety-ninth session",True,
    "joint actor 'the Secretary-General and the United Nations High Commissioner for Human Rights'; first-named actor recorded, High Commissioner as partner"),
  R("6","Secretary-General","report","GA",93,"at","an interim report to the General Assembly at its ninety-third session",True,
    "joint actor (Secretary-General and High Commissioner); first-named actor recorded"),
  R("7","President of the Human Rights Council","meeting","HRC",97,"before","a one-day high-level intersessional meeting on the contribution of the right to development to the financing of sustainable development beyond 2030, to be held before the ninety-seventh session of the Council"),
  R("7","OHCHR","report","HRC",98,"at","a summary of the discussions and to present it to the Council at its ninety-eighth session"),
  R("8","Special Rapporteur on the right to development","report","HRC",99,"at","a report to the Human Rights Council at its ninety-ninth session"),
  R("8","Special Rapporteur on the right to development","report","GA",93,"at","a report to the General Assembly at its ninety-third session"),
 ],
 not_scored=[
  N("2","to take steps, individually and through international assistance and cooperation","call upon States"),
  N("3","to mainstream the right to development in their policies and operational activities","urges States and others; no product"),
  N("9","to continue to provide the Working Group, the Expert Mechanism and the Special Rapporteur with all the assistance necessary","pure support request"),
  N("10","under the same agenda item, in accordance with its programme of work","continued consideration, no numbered session and not a product"),
 ])

DOCS["A_HRC_RES_97_23"] = dict(
 meta=dict(symbol="A/HRC/RES/97/23", body="HRC", session=97, adopted="2038-03-29",
  title="World Programme for Human Rights Education: towards the eighth phase",
  note="PDF (LibreOffice) with header/footer and footnotes; one paragraph runs across a page break. Plan of action = kind other. Paragraph 6 holds a panel (Council) and a summary report (Office, 'prior to' = before). Paragraph 7: treaty body Chairs asked to include views in their annual report to the GA."),
 rows=[
  R("4","OHCHR","other","HRC",99,"at","a plan of action for the eighth phase of the World Programme and to submit it to the Human Rights Council for consideration at its ninety-ninth session"),
  R("5","High Commissioner","consultation","HRC",99,"before","a series of regional consultations on the draft plan of action, in a hybrid format and accessible to persons with disabilities, before the ninety-ninth session of the Council"),
  R("6","Human Rights Council","panel","HRC",98,"at","at its ninety-eighth session, a half-day panel discussion on the contribution of human rights education"),
  R("6","OHCHR","report","HRC",99,"before","a summary report on the panel discussion and to submit it to the Council prior to its ninety-ninth session"),
  R("7","Chairs of the human rights treaty bodies","report","GA",93,"at","in the report on their annual meeting to the General Assembly at its ninety-third session",True,
    "the product is the inclusion of the Chairs' views in their existing annual meeting report to the GA; could be read as no new product"),
 ],
 not_scored=[
  N("2","to submit their national evaluation reports to the Office of the High Commissioner by 31 December 2038","Encourages States (not a request, and States are not a UN actor); calendar date only"),
  N("3","shall focus on human rights education for youth in the context of environmental sustainability","decision on the phase focus, not a product"),
  N("8","to bring the present resolution to the attention of all Member States","transmission"),
 ])

DOCS["A_HRC_98_L_14"] = dict(
 meta=dict(symbol="A/HRC/98/L.14", body="HRC", session=98, adopted=None,
  title="Promotion and protection of the human rights of older persons",
  note="Unadopted draft (Distr.: Limited, sponsors list, no resolution number, no adoption line). Paragraph 3: Independent Expert reports to the HRC per programme of work (no numbered session, not scored) and to GA 94 (scored). Paragraph 6: seminar convened by the Council, chaired by the President, plus Office summary report. Paragraph 7: compilation 'no later than' = by."),
 rows=[
  R("3",IE_OP,"report","GA",94,"at","a report on the implementation of the mandate to the Human Rights Council in accordance with its annual programme of work, and to the General Assembly at its ninety-fourth session"),
  R("4","High Commissioner","oral update","HRC",99,"at","an oral update on the activities of the Office with regard to the human rights of older persons to the Human Rights Council at its ninety-ninth session"),
  R("5","Secretary-General","report","GA",94,"at","a report on the human rights of older persons in long-term care settings, including good practices in community-based care and support, and to submit it to the General Assembly at its ninety-fourth session"),
  R("6","Human Rights Council","seminar","HRC",99,"before","before its ninety-ninth session, a one-day intersessional seminar on the protection of older persons in humanitarian emergencies",True,
    "the Council decides to convene the seminar 'to be chaired by the President of the Human Rights Council'; actor could be read as the President"),
  R("6","OHCHR","report","HRC",99,"at","a summary report on the seminar for presentation to the Council at its ninety-ninth session"),
  R("7","OHCHR","compilation","HRC",99,"by","to make the compilation available on its website no later than the ninety-ninth session of the Council"),
 ],
 not_scored=[
  N("1","to ensure their full and equal enjoyment without discrimination on the basis of age","call upon States"),
  N("2","to extend the mandate of the Independent Expert on the enjoyment of all human rights by older persons for a period of three years","renewal of a standing mandate"),
  N("3","to the Human Rights Council in accordance with its annual programme of work","HRC report without a numbered session (programme of work); a deliverable but not a scored row"),
  N("8","to collect and publish data disaggregated by age, sex and disability","Encourages States"),
  N("9","all the human, technical and financial resources necessary for the effective fulfilment of the mandate","pure support request"),
 ])

DOCS["A_RES_92_171"] = dict(
 meta=dict(symbol="A/RES/92/171", body="GA", session=92, adopted="2037-12-17",
  title="Rights of the child",
  note="Word .docx with automatic paragraph numbering (numbers are not in the text runs), real footnotes, header and footer. Third Committee omnibus: Secretary-General, two Special Representatives, a Special Rapporteur and the Chair of the Committee on the Rights of the Child. Paragraph 5 pairs bodies and sessions with 'respectively'."),
 rows=[
  R("4","Secretary-General","report","GA",93,"at","to the General Assembly at its ninety-third session a comprehensive report on the rights of the child, with a focus on children in street situations"),
  R("5","Special Representative of the Secretary-General on Violence against Children","report","GA",93,"at","annual reports on the activities undertaken in the fulfilment of the mandate to the General Assembly and the Human Rights Council, starting at the ninety-third and ninety-seventh sessions, respectively",True,
    "recurring annual reports; bodies and sessions paired by 'respectively' (GA 93, HRC 97); scored at the first due session"),
  R("5","Special Representative of the Secretary-General on Violence against Children","report","HRC",97,"at","annual reports on the activities undertaken in the fulfilment of the mandate to the General Assembly and the Human Rights Council, starting at the ninety-third and ninety-seventh sessions, respectively",True,
    "recurring annual reports; bodies and sessions paired by 'respectively' (GA 93, HRC 97); scored at the first due session"),
  R("6","Special Representative of the Secretary-General for Children and Armed Conflict","report","GA",93,"at","reports to the General Assembly at its ninety-third session on the activities undertaken in fulfilment of their respective mandates"),
  R("6","Special Rapporteur on the sale, sexual exploitation and sexual abuse of children","report","GA",93,"at","reports to the General Assembly at its ninety-third session on the activities undertaken in fulfilment of their respective mandates"),
  R("7","Chair of the Committee on the Rights of the Child","oral update","GA",93,"at","an oral report on the work of the Committee to the General Assembly at its ninety-third session"),
 ],
 not_scored=[
  N("2","to become parties to the Convention on the Rights of the Child and the Optional Protocols thereto","call upon States"),
  N("3","to take all measures necessary to protect children in street situations","urges States"),
  N("8","the support and resources necessary to enable it to discharge its mandate effectively","pure support request"),
  N("9","to continue its consideration of the question at its ninety-third session","continued consideration, not a product"),
 ])

DOCS["A_RES_92_183"] = dict(
 meta=dict(symbol="A/RES/92/183", body="GA", session=92, adopted="2037-12-17",
  title="The right to privacy in the digital age",
  note="PDF (LibreOffice). Sub-paragraph 3(e) is a call upon States with a session deadline: not scored. Paragraph 5: one report to two bodies = two rows; the verb is far from the product. Paragraph 8 'Invites' a Special Rapporteur to report: scored as a judgement call."),
 rows=[
  R("5","High Commissioner","report","HRC",98,"at","a report on the human rights implications of the use of neurotechnologies and neural data in the workplace, and to present it to the Human Rights Council at its ninety-eighth session"),
  R("5","High Commissioner","report","GA",93,"at","a report on the human rights implications of the use of neurotechnologies and neural data in the workplace, and to present it to the Human Rights Council at its ninety-eighth session, followed by an interactive dialogue, and to the General Assembly at its ninety-third session"),
  R("6","OHCHR","consultation","HRC",97,"by","a series of regional consultations with relevant stakeholders, in a hybrid format, no later than the ninety-seventh session of the Human Rights Council"),
  R("8","Special Rapporteur on the right to privacy","report","GA",93,"at","an interim report to the General Assembly at its ninety-third session",True,
    "the verb is 'Invites' (addressed to an HRC mandate-holder), not 'Requests'; scored because it names a product and a session"),
 ],
 not_scored=[
  N("3(e)","To submit information on relevant legislation and practice to the Office of the United Nations High Commissioner for Human Rights in advance of the ninety-seventh session of the Human Rights Council","call upon States; States are not a UN actor even with a session deadline"),
  N("4","to respect human rights in the design, development and deployment of neurotechnologies","Encourages business enterprises"),
  N("7","the resources necessary for the preparation of the report and the holding of the consultations","pure support request"),
  N("9","to continue its consideration of the question at its ninety-third session","continued consideration, not a product"),
 ])

DOCS["A_RES_92_281"] = dict(
 meta=dict(symbol="A/RES/92/281", body="GA", session=92, adopted="2038-06-09",
  title="High-level plenary meeting to commemorate the 40th anniversary of the Declaration on Human Rights Defenders",
  note="HTML web page with ordinals in figures and superscript suffixes (93<sup>rd</sup>, 99<sup>th</sup>); the extracted text reads '93rd'. Plenary resolution: GA meeting with a printed date, PGA hearing 'before the 93rd session', SG report, invitation to the HRC to hold a panel, OHCHR compilation."),
 rows=[
  R("1","General Assembly","meeting","GA",93,"at","a one-day high-level plenary meeting of the General Assembly on 10 December 2038, during its 93rd session"),
  R("3","President of the General Assembly","meeting","GA",93,"before","an informal interactive multi-stakeholder hearing with human rights defenders, non-governmental organizations, national human rights institutions and the private sector, to be held in New York before the 93rd session of the General Assembly",True,
    "a multi-stakeholder hearing: kind meeting, could be read as consultation"),
  R("4","Secretary-General","report","GA",93,"at","to the General Assembly at its 93rd session, in advance of the high-level plenary meeting, a report on the implementation of the Declaration"),
  R("5","Human Rights Council","panel","HRC",99,"at","at its 99th session, a high-level panel discussion on the 40th anniversary of the Declaration",True,
    "the Assembly 'Invites' the Council (its subsidiary organ) rather than requesting; scored"),
  R("6","OHCHR","compilation","HRC",99,"at","a compilation of good practices in the protection of human rights defenders at the national level, and to present it to the Human Rights Council at its 99th session"),
 ],
 not_scored=[
  N("2","the President of the General Assembly shall prepare a summary of the meeting","product without a deadline at a numbered session"),
  N("7","to be represented at the high-level plenary meeting at the highest possible level","Encourages Member States"),
  N("8","the support necessary for the preparation and holding of the high-level plenary meeting and the multi-stakeholder hearing","pure support request"),
 ])

DOCS["A_RES_93_156"] = dict(
 meta=dict(symbol="A/RES/93/156", body="GA", session=93, adopted="2038-12-16",
  title="Rights of Indigenous Peoples",
  note="Markdown export of a PDF (italic preambular and operative verbs, page rules, footnote blocks). Paragraph 3: PGA hearings ('during the ninety-fourth session' = at) and a summary; paragraph 6: 'at that session' refers back to the ninety-fourth; paragraph 7: HRC session 102 written 'one hundred and second'. Paragraph 5 is a request to States with a calendar date."),
 rows=[
  R("3","President of the General Assembly","meeting","GA",94,"at","during the ninety-fourth session, two one-day interactive hearings, one in New York and one in Geneva"),
  R("3","President of the General Assembly","report","GA",94,"at","a summary of the hearings and consultations for consideration by the General Assembly at its ninety-fourth session"),
  R("4","Secretary-General","report","GA",94,"at","to the General Assembly at its ninety-fourth session a report on the implementation of the system-wide action plan"),
  R("6","Special Rapporteur on the rights of Indigenous Peoples","report","GA",94,"at","a report to the General Assembly at its ninety-fourth session"),
  R("6","Chair of the Expert Mechanism on the Rights of Indigenous Peoples","oral update","GA",94,"at","an oral update to the Assembly at that session",True,
    "'invites' (not 'requests'), and the session is given only by 'at that session' (= ninety-fourth)"),
  R("7","Expert Mechanism on the Rights of Indigenous Peoples","study","HRC",102,"at","a study on the rights of Indigenous Peoples in the context of the extraction of critical minerals for the energy transition, and to present it to the Human Rights Council at its one hundred and second session"),
 ],
 not_scored=[
  N("2","to obtain the free, prior and informed consent of Indigenous Peoples","urges States"),
  N("3","informal consultations with Member States and representatives of Indigenous Peoples from the seven sociocultural regions","continuing consultations with no deadline of their own (their summary is scored)"),
  N("5","information on measures taken to implement the Declaration to the Secretary-General by 1 May 2039","request to States with a calendar date, not a numbered session"),
  N("8","to continue to coordinate their work, including through joint thematic activities","Encourages; no product"),
  N("9","in the provisional agenda of its ninety-fourth session","agenda inclusion, not a product"),
 ])

DOCS["A_RES_93_35"] = dict(
 meta=dict(symbol="A/RES/93/35", body="GA", session=93, adopted="2038-12-03",
  title="Strengthening the efficiency of the Human Rights Council and its relationship with the General Assembly",
  note="HTML web page (plenary). Paragraph 5: the product (an analysis) is named in the chapeau, with its deliveries in sub-paragraphs (a) briefing before GA 94 and (b) full analysis to HRC 100 ('hundredth'). Paragraph 6: 'no later than the end of the main part of the ninety-fourth session' = by."),
 rows=[
  R("3","President of the Human Rights Council","report","GA",94,"at","the annual report of the Council to the General Assembly at its ninety-fourth session",True,
    "the President presents the Council's own annual report; kind report (could be read as an oral presentation)"),
  R("4","Secretary-General","report","GA",94,"at","to the General Assembly at its ninety-fourth session a report on the resources allocated to the implementation of mandates"),
  R("5(a)","OHCHR","oral update","GA",94,"before","its main findings to Member States at an informal briefing in New York before the ninety-fourth session of the General Assembly"),
  R("5(b)","OHCHR","study","HRC",100,"at","the full analysis to the Human Rights Council at its hundredth session"),
  R("6","President of the General Assembly","meeting","GA",94,"by","a half-day informal joint meeting of the General Committee and the Bureau of the Human Rights Council on the rationalization of mandates, to be held no later than the end of the main part of the ninety-fourth session of the Assembly"),
 ],
 not_scored=[
  N("1","of the report of the Human Rights Council, including the addendum thereto","takes note"),
  N("3","to hold an interactive dialogue with Member States in the Third Committee","interactive dialogue accompanying the report, not a separate product"),
  N("7","to continue its efforts to improve its efficiency","Encourages"),
  N("8","the support necessary for the implementation of the present resolution within existing resources","pure support request"),
  N("9","in the provisional agenda of its ninety-fourth session the item entitled","agenda inclusion, not a product"),
 ])

DOCS["E_RES_2038_21"] = dict(
 meta=dict(symbol="E/RES/2038/21", body="ECOSOC", session=2038, adopted="2038-07-21",
  title="Mainstreaming disability in the development agenda beyond 2030",
  note="PDF (LibreOffice). ECOSOC resolution with products due at the GA (94, through ECOSOC) and the HRC (100, 101) and others due at bodies outside scope (Commission for Social Development 77th session, Conference of States Parties 32nd session), which are not scored."),
 rows=[
  R("4","Secretary-General","report","GA",94,"at","to the General Assembly at its ninety-fourth session, through the Economic and Social Council, a report on progress made in mainstreaming disability"),
  R("5","Department of Economic and Social Affairs","study","HRC",101,"at","a joint study on disability-inclusive social protection in ageing societies, and to make it available to the Human Rights Council at its one hundred and first session"),
  R("6","OHCHR","consultation","HRC",100,"before","a series of regional consultations with organizations of persons with disabilities to inform the joint study, in advance of the hundredth session of the Human Rights Council"),
 ],
 not_scored=[
  N("1","to mainstream the rights of persons with disabilities in all policies and programmes for social development","call upon Member States"),
  N("3","to the Commission for Social Development at its seventy-seventh session a report on the implementation of the present resolution","due at the Commission for Social Development, not at an HRC or GA session"),
  N("5","to the Conference of States Parties to the Convention on the Rights of Persons with Disabilities at its thirty-second session","same study also due at the Conference of States Parties: outside HRC/GA, not scored"),
  N("7","to contribute to the joint study within the existing mandate","invitation to contribute, no separate product"),
  N("8","to consider the question of mainstreaming disability in the development agenda at its 2039 session","ECOSOC's own future consideration"),
 ])

DOCS["A_RES_92_268"] = dict(
 meta=dict(symbol="A/RES/92/268", body="GA", session=92, adopted="2037-12-23",
  title="Revised estimates resulting from resolutions and decisions adopted by the Human Rights Council at its ninety-fifth and ninety-sixth sessions",
  note="Word .docx, GA resolution on the report of the Fifth Committee. Paragraph 4 mentions HRC sessions 97-98 (the source of the estimates) but the due session is GA 93 (main part); paragraph 5 is due 'no later than the first part of its resumed ninety-second session' (GA 92, by); OIOS evaluation; Secretary-General briefing to HRC 97. The Advisory Committee on Administrative and Budgetary Questions is a channel, not the HRC Advisory Committee."),
 rows=[
  R("4","Secretary-General","report","GA",93,"at","revised estimates in respect of resolutions and decisions to be adopted by the Human Rights Council at its ninety-seventh and ninety-eighth sessions, for consideration by the General Assembly at the main part of its ninety-third session"),
  R("5","Secretary-General","report","GA",92,"by","no later than the first part of its resumed ninety-second session, a report on options for the predictable and sustainable funding of activities mandated by the Human Rights Council",True,
    "due within the current (ninety-second) session, at its resumed part; relation 'by'"),
  R("6","Office of Internal Oversight Services","report","GA",94,"at","an evaluation of the support provided by the Secretariat to the special procedures and investigative mechanisms of the Human Rights Council, and to report thereon to the General Assembly at its ninety-fourth session",True,
    "'conduct an evaluation ... and to report thereon': recorded as one report row; the evaluation could be read as a separate study"),
  R("8","Secretary-General","oral update","HRC",97,"at","the Human Rights Council, at its ninety-seventh session, on the programme budget implications"),
 ],
 not_scored=[
  N("2","the conclusions and recommendations contained in the report of the Advisory Committee on Administrative and Budgetary Questions","endorsement, not a product"),
  N("3","an additional appropriation in the amount of 14,382,600 United States dollars","appropriation, not a product"),
  N("7","to ensure the full and effective implementation of all mandated activities within the resources approved","implementation request, no product"),
 ])

if __name__ == "__main__":
    os.makedirs(os.path.join(OUT,'labels'), exist_ok=True); os.makedirs(os.path.join(OUT,'meta'), exist_ok=True)
    for stem, d in DOCS.items():
        with open(os.path.join(OUT,'labels',stem+'.json'),'w',encoding='utf-8') as f:
            json.dump([{k:v for k,v in r.items() if k!='_why'} for r in d['rows']], f, ensure_ascii=False, indent=1); f.write('\n')
        m = dict(d['meta']); m['not_scored'] = d['not_scored']
        m = {k: m[k] for k in ['symbol','body','session','adopted','title','not_scored','note']}
        with open(os.path.join(OUT,'meta',stem+'.json'),'w',encoding='utf-8') as f:
            json.dump(m, f, ensure_ascii=False, indent=1); f.write('\n')
    print(len(DOCS), sum(len(d['rows']) for d in DOCS.values()), sum(r['judgement_call'] for d in DOCS.values() for r in d['rows']))
