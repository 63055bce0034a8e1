# Hand-written labels (typed by the reader); this script only serialises them and checks quotes.
import json, re, os
os.chdir('/work/blind23')
def L(par, actor, kind, body, sess, rel, note, jc=False):
    return dict(paragraph=par, actor=actor, kind=kind, due_body=body, due_session=sess,
                due_relation=rel, note=note, judgement_call=jc)
def N(par, words, reason):
    return dict(paragraph=par, words=words, reason=reason)
HC='High Commissioner'; OH='OHCHR'; SG='Secretary-General'
D={}
D['A_HRC_RES_104_7']=dict(
 meta=dict(symbol='A/HRC/RES/104/7', body='HRC', session=104, adopted='2040-07-08',
  title='Human rights and automated decision-making in social protection systems',
  note='Many sub-paragraph requests and cross-references. The deadline of the report in 7(a) is not in 7(a) itself but in paragraph 15 ("the report requested in paragraph 7 (a) above shall be presented ... at its one hundred and seventh session"); paragraph 11 asks for an oral update on that same report at 105 and paragraph 14 asks for it to be transmitted to GA 97 (a transmission, not scored). Paragraph 10 has lettered sub-paragraphs and the deadline comes after them. The preamble recalls a past request (101/18, report at 103) that must not be extracted.'),
 labels=[
  L('7(a)',HC,'report','HRC',107,'at','shall be presented to the Council at its one hundred and seventh session',True),
  L('7(b)',HC,'seminar','HRC',106,'before','To convene, before the one hundred and sixth session of the Council, a two-day expert workshop'),
  L('7(c)',HC,'report','HRC',107,'at','To prepare a summary report on the workshop referred to in subparagraph (b) above and to present it to the Council at its one hundred and seventh session'),
  L('8','Human Rights Council','panel','HRC',106,'at','Decides to hold, at its one hundred and sixth session, an interactive panel discussion'),
  L('9',OH,'report','HRC',108,'at','Requests the Office of the High Commissioner to prepare a summary report on the panel discussion referred to in paragraph 8 above and to submit it to the Council at its one hundred and eighth session'),
  L('10','Advisory Committee','study','HRC',109,'at','to present the study to the Council at its one hundred and ninth session'),
  L('11',HC,'oral update','HRC',105,'at','Requests the High Commissioner to present an oral update on the progress made in the preparation of the report requested in paragraph 7 (a) above to the Council at its one hundred and fifth session'),
 ],
 ns=[
  N('preamble','the Council requested the High Commissioner to present a report on the matter at its one hundred and third session','past request recalled in the preamble'),
  N('3','to report on the outcome of such assessments to their national parliaments by 30 June each year','request to States, to national parliaments; calendar date, no HRC/GA session'),
  N('7(d)','To develop, drawing on the report requested in subparagraph (a) above, practical guidance tools for States','deliverable (guidelines) without any session'),
  N('7(e)','To provide technical assistance to States, upon their request','pure support request'),
  N('8','requests the Office of the High Commissioner to liaise with States and all relevant stakeholders','support for the panel, not a product'),
  N('10','also requests the Advisory Committee to seek the views and inputs of States','input-gathering for the study, no separate product or session'),
  N('12','to include their findings in their regular reports to the Council','no session; regular reports of existing mandates'),
  N('13','Invites the Committee on Economic, Social and Cultural Rights to consider the possibility of elaborating a general comment','invitation to a treaty body, no session'),
  N('14','Requests the High Commissioner to transmit the report requested in paragraph 7 (a) above to the General Assembly for its consideration at its ninety-seventh session','transmission of the same report (gold README: transmissions not listed); GA 97'),
  N('16','to provide all the human, technical and financial assistance necessary','pure support request'),
  N('17','Decides to continue its consideration of the issue at its one hundred and seventh session','consideration, not a deliverable'),
 ])
D['A_HRC_RES_S-41_1']=dict(
 meta=dict(symbol='A/HRC/RES/S-41/1', body='HRC', session='S-41', adopted='2040-05-15',
  title='The human rights situation in the eastern provinces of the Republic of Kestrava',
  note='Special session resolution (fictional State). Ordinals are written hyphenated ("one-hundred-and-fifth"). Paragraph 4 asks for two products (oral update at 105, comprehensive report at 107). The commission of inquiry itself (para 3) is a body being established, not a deliverable. Paragraph 7 folds OHCHR monitoring into the oral update of paragraph 6 and is not a separate deliverable.'),
 labels=[
  L('4','Commission of inquiry','oral update','HRC',105,'at','Requests the commission of inquiry to present an oral update to the Human Rights Council at its one-hundred-and-fifth session'),
  L('4','Commission of inquiry','report','HRC',107,'at','a comprehensive report at its one-hundred-and-seventh session'),
  L('5','Commission of inquiry','report','GA',96,'at','Also requests the commission of inquiry to present its report to the General Assembly at its ninety-sixth session',True),
  L('6',HC,'oral update','HRC',104,'at','Requests the United Nations High Commissioner for Human Rights to present an oral update on the situation of human rights in the eastern provinces to the Council at its one-hundred-and-fourth session'),
 ],
 ns=[
  N('3','Decides to urgently establish an independent international commission of inquiry','establishes a body; its products are scored in paras 4-5'),
  N('7','to report thereon in the context of the oral update referred to in paragraph 6 above','folded into the oral update of para 6, not a separate product'),
  N('8','to provide the commission of inquiry with all the administrative, technical and logistical assistance','pure support request'),
  N('9','Requests the Secretary-General to make the reports of the commission of inquiry available to the Security Council','transmission; Security Council, no session'),
 ])
D['A_HRC_DEC_104_112']=dict(
 meta=dict(symbol='A/HRC/DEC/104/112', body='HRC', session=104, adopted='2040-07-10',
  title='Rescheduling of mandated activities in the light of the liquidity situation of the Organization',
  note='A decision that reschedules earlier mandates. The preamble recalls the old deadlines (seminar before 104, report at 105; Working Group report at 104) which are superseded and must not be extracted. Paragraph 2 re-dates a report whose actor (OHCHR) is only named in the preamble. Paragraph 3 says "at its next session": adopted at 104, so 105.'),
 labels=[
  L('1',OH,'seminar','HRC',106,'before','requests the Office of the High Commissioner to convene the seminar before the one hundred and sixth session of the Council'),
  L('2',OH,'report','HRC',107,'at','the summary report on the seminar shall be presented to the Council at its one hundred and seventh session instead of its one hundred and fifth session',True),
  L('3',HC,'oral update','HRC',105,'at','Requests the High Commissioner to present to the Council, at its next session, an oral update',True),
  L('5','Working Group of Experts on People of African Descent','report','HRC',105,'at','Requests the Working Group of Experts on People of African Descent to present its annual report, which was scheduled for the one hundred and fourth session, to the Council at its one hundred and fifth session',True),
 ],
 ns=[
  N('preamble','to convene a one-day intersessional seminar on the contribution of human rights to the prevention of famine before the one hundred and fourth session of the Council','past request, superseded by para 1'),
  N('preamble','to prepare a summary report on the seminar for presentation to the Council at its one hundred and fifth session','past request, superseded by para 2'),
  N('preamble','to present its annual report to the Council at its one hundred and fourth session','past request, superseded by para 5'),
  N('4','Decides to defer to its one hundred and fifth session the consideration of the report of the Independent Expert on human rights and international solidarity','deferral of consideration of an existing report, no new product requested'),
 ])
D['A_HRC_RES_103_22']=dict(
 meta=dict(symbol='A/HRC/RES/103/22', body='HRC', session=103, adopted='2040-04-03',
  title='Special Rapporteur on the human rights of persons affected by sea-level rise',
  note='Mandate renewal. 5(c) annual reports have no session number (not scored). Paragraph 6 asks for one report to GA 96 and HRC 108 (two entries, as in the gold convention). Paragraph 7 asks to include information in the High Commissioner\'s annual report (judgement: is that a deliverable?). Paragraph 10 is a joint study of two special rapporteurs (actor = the mandate renewed here).'),
 labels=[
  L('5(d)','Special Rapporteur on the human rights of persons affected by sea-level rise','report','HRC',106,'at','to report on their outcome to the Council at its one hundred and sixth session'),
  L('6',SG,'report','GA',96,'at','Requests the Secretary-General to submit to the General Assembly at its ninety-sixth session'),
  L('6',SG,'report','HRC',108,'at','to the Human Rights Council at its one hundred and eighth session a report on the implications of sea-level rise'),
  L('7',HC,'report','HRC',105,'at','to include in her annual report to the Council at its one hundred and fifth session information on the activities of the Office',True),
  L('8',OH,'meeting','HRC',107,'before','to organize, in advance of the one hundred and seventh session of the Council, a one-day intersessional meeting'),
  L('8',OH,'report','HRC',108,'at','to prepare a summary report thereon for submission to the Council at its one hundred and eighth session'),
  L('10','Special Rapporteur on the human rights of persons affected by sea-level rise','study','HRC',109,'at','to prepare a study on planned relocation and to present it to the Council at its one hundred and ninth session',True),
 ],
 ns=[
  N('5','Decides to extend the mandate of the Special Rapporteur','mandate renewal (standing mechanism), not a product'),
  N('5(c)','To submit an annual report to the Human Rights Council and to the General Assembly, in accordance with their respective programmes of work','deliverable without a session number'),
  N('5(d)','To convene, in cooperation with the Office of the High Commissioner, regional consultations with affected communities','consultations without a stated session (arguably before 106, not written)'),
  N('9','Invites the human rights treaty bodies to continue to take into account','invitation, no product'),
  N('11','to provide the Special Rapporteur with all the human, technical and financial assistance necessary','pure support request'),
  N('12','Decides to continue its consideration of this issue in accordance with its programme of work','consideration, no session'),
 ])
D['A_C.3_95_L.31']=dict(
 meta=dict(symbol='A/C.3/95/L.31', body='GA', session=95, adopted=None,
  title='Human rights of older persons in the digital age',
  note='Third Committee draft with sponsors. Paragraph 9 uses "no later than the end of the main part of its ninety-sixth session" (by). Paragraph 10 has no session of its own: it is tied to the high-level meeting of paragraph 9 (judgement). Paragraph 5 gives States a calendar date (not scored). Preamble recalls a past request to the Independent Expert (GA 94).'),
 labels=[
  L('7',SG,'report','GA',97,'at','Requests the Secretary-General to submit to the General Assembly at its ninety-seventh session a report on the implementation of the present resolution'),
  L('8','Independent Expert on the enjoyment of all human rights by older persons','report','GA',96,'at','Requests the Independent Expert on the enjoyment of all human rights by older persons to submit an interim report to the General Assembly at its ninety-sixth session'),
  L('9','General Assembly','meeting','GA',96,'by','Decides to convene, no later than the end of the main part of its ninety-sixth session, a one-day high-level plenary meeting'),
  L('10','President of the General Assembly','meeting','GA',96,'by','Requests the President of the General Assembly to organize, before the high-level plenary meeting referred to in paragraph 9 above, an informal interactive hearing',True),
  L('11',SG,'compilation','GA',96,'before','to prepare a compilation of national good practices in digital inclusion of older persons, to be circulated before the opening of its ninety-sixth session'),
 ],
 ns=[
  N('preamble','requested the Independent Expert on the enjoyment of all human rights by older persons to report to it at its ninety-fourth session','past request recalled in the preamble'),
  N('5','Invites States to submit information to the Secretary-General on measures taken to implement the present resolution by 31 March 2041','States; calendar date, not an HRC/GA session'),
  N('8','invites the Independent Expert to engage in an interactive dialogue with Member States','part of presenting the interim report, not a separate product'),
  N('12','to provide the Independent Expert with all the assistance necessary','pure support request'),
  N('13','Decides to continue its consideration of the question at its ninety-seventh session','consideration'),
 ])
D['A_95_L.44']=dict(
 meta=dict(symbol='A/95/L.44', body='GA', session=95, adopted=None,
  title='Scope, modalities, format and organization of the high-level meeting on human mobility in the context of climate change',
  note='Plenary modalities draft. The high-level meeting has a calendar date and a session (96). The multi-stakeholder hearing has only a month ("no later than June 2041"): not scored. The panels of para 2 are segments of the meeting. Paragraph 6 invites the President of the Human Rights Council to brief the meeting (judgement: an invitation; session inferred from para 1).'),
 labels=[
  L('1','General Assembly','meeting','GA',96,'at','during the high-level week of the ninety-sixth session of the General Assembly'),
  L('5',SG,'report','GA',96,'before','to submit to the General Assembly, before the opening of its ninety-sixth session, a report containing recommendations on protection gaps'),
  L('6','President of the Human Rights Council','oral update','GA',96,'at','Invites the President of the Human Rights Council to brief the high-level meeting on the relevant work of the Council',True),
  L('7',SG,'report','GA',97,'at','Requests the Secretary-General to submit to the General Assembly at its ninety-seventh session a report on the follow-up to the high-level meeting'),
 ],
 ns=[
  N('2','two multi-stakeholder panels','segments of the high-level meeting of para 1, not separate products'),
  N('3','to organize, no later than June 2041, an informal interactive multi-stakeholder hearing','deadline is a calendar month, not a session'),
  N('4','to conduct open, transparent and inclusive intergovernmental consultations on a concise and action-oriented political declaration','negotiation process, no session stated; the declaration is the Assembly\'s own outcome'),
  N('8','to provide the support necessary for the organization of the high-level meeting','pure support request'),
  N('9','Decides to include in the provisional agenda of its ninety-sixth session','agenda inclusion, not a deliverable'),
 ])
D['A_RES_94_178']=dict(
 meta=dict(symbol='A/RES/94/178', body='GA', session=94, adopted='2039-12-17',
  title='Protection of human rights defenders working on environmental matters',
  note='Adopted GA resolution. Paragraph 6 is recurring ("and biennially thereafter"): first due GA 96. Paragraph 7 asks two special rapporteurs for one joint report to GA 95 and HRC 106 (two entries; actor = the first named). Paragraph 8 and 9 use "at the main part of its ninety-fifth session".'),
 labels=[
  L('6',SG,'report','GA',96,'at','Requests the Secretary-General to submit to the General Assembly at its ninety-sixth session, and biennially thereafter, a report on the implementation of the present resolution'),
  L('7','Special Rapporteur on the situation of human rights defenders','report','GA',95,'at','to the General Assembly at its ninety-fifth session',True),
  L('7','Special Rapporteur on the situation of human rights defenders','report','HRC',106,'at','and to the Human Rights Council at its one hundred and sixth session',True),
  L('8',OH,'compilation','GA',95,'at','to make it available to the General Assembly at the main part of its ninety-fifth session'),
  L('9','General Assembly','panel','GA',95,'at','Decides to hold, at the main part of its ninety-fifth session, within the framework of the Third Committee, an interactive panel discussion'),
 ],
 ns=[
  N('5','Invites States to submit to the Office of the United Nations High Commissioner for Human Rights, by 1 March annually, information','States (an invitation); calendar date, not a session'),
  N('10','to provide all the assistance necessary to the Special Rapporteurs','pure support request'),
  N('11','Decides to continue its consideration of the question at its ninety-sixth session','consideration'),
 ])
D['A_RES_95_236']=dict(
 meta=dict(symbol='A/RES/95/236', body='GA', session=95, adopted='2040-12-21',
  title='Strengthening and enhancing the effective functioning of the human rights treaty body system',
  note='Plenary resolution without reference to a Main Committee. Treaty bodies as actors: the Chairs are invited to present oral reports at GA 96 (judgement: "Invites"). "no later than the end of the main part of the ninety-sixth session of the General Assembly" (by) and "before the opening of its ninety-seventh session" (before). Annual meeting of Chairs in June 2041 has no session. Paragraph 9 (review "no later than at its hundredth session") is treated as the Assembly\'s own consideration and not scored - careful readers could disagree.'),
 labels=[
  L('3','Chairs of the human rights treaty bodies','oral update','GA',96,'at','Invites the Chairs of the human rights treaty bodies to present orally reports on the work of the treaty bodies and to engage in an interactive dialogue with the General Assembly at its ninety-sixth session',True),
  L('4',OH,'compilation','GA',96,'by','to make it available to Member States no later than the end of the main part of the ninety-sixth session of the General Assembly'),
  L('5',SG,'report','GA',97,'before','Requests the Secretary-General to submit to the General Assembly, before the opening of its ninety-seventh session, a comprehensive report on the state of the human rights treaty body system'),
  L('6','General Assembly','consultation','GA',97,'at','Decides to convene, at its ninety-seventh session, informal consultations of the plenary',True),
 ],
 ns=[
  N('preamble','it requested the Secretary-General to submit biennially a comprehensive report','past request recalled in the preamble'),
  N('7','Requests the human rights treaty bodies to include in their annual reports to the General Assembly information','no session number'),
  N('8','Requests the Secretary-General to convene the annual meeting of the Chairs of the human rights treaty bodies in June 2041','meeting with a calendar month, not an HRC/GA session'),
  N('8','to ensure that States parties are able to participate in an informal consultation on its margins','part of the Chairs meeting; no session'),
  N('9','Decides to undertake a comprehensive review of the effectiveness of the measures taken pursuant to the present resolution no later than at its hundredth session','the Assembly\'s own review/consideration (judgement: could be read as a GA 100 "by" item)'),
  N('10','to provide the treaty bodies with adequate meeting time and staff support','pure support request'),
 ])
D['E_CN.6_2040_L.4']=dict(
 meta=dict(symbol='E/CN.6/2040/L.4', body='CSW', session=84, adopted=None,
  title='Women and girls in situations of protracted displacement related to climate change',
  note='Commission on the Status of Women draft. Requests due at the Commission itself (85th, 86th sessions) and at the UN-Women Executive Board are not scored; requests due at GA 95, GA 96 and HRC 105 are. Paragraph 8 only recommends that ECOSOC make a request (not scored). Preamble recalls a GA request for GA 96.'),
 labels=[
  L('5',SG,'report','GA',95,'at','to include in his report to the General Assembly at its ninety-fifth session on the advancement of women information',True),
  L('6',SG,'report','GA',96,'at','Further requests the Secretary-General to submit to the General Assembly at its ninety-sixth session'),
  L('7','Special Rapporteur on violence against women and girls','report','HRC',105,'at','to present her findings on gender-based violence in displacement related to climate change to the Human Rights Council at its one hundred and fifth session',True),
 ],
 ns=[
  N('preamble','in which the Assembly requested the Secretary-General to submit a report to it at its ninety-sixth session','past request of another organ recalled in the preamble'),
  N('3','to convene an expert group meeting in advance of the eighty-fifth session of the Commission','due at the Commission on the Status of Women, not HRC/GA'),
  N('4','Requests the Secretary-General to submit to the Commission at its eighty-sixth session a report','due at the Commission on the Status of Women, not HRC/GA'),
  N('8','Recommends that the Economic and Social Council request the Secretary-General to submit to the General Assembly at its ninety-seventh session a report','a recommendation to ECOSOC, not a request made by this text'),
  N('9','to brief the Executive Board of UN-Women at its annual session of 2040','due at the UN-Women Executive Board'),
  N('10','Requests the Secretary-General to transmit the present resolution','transmission'),
 ])
D['E_RES_2040_19']=dict(
 meta=dict(symbol='E/RES/2040/19', body='ECOSOC', session=2040, adopted='2040-07-23',
  title='Preventing and countering trafficking in persons for the purpose of forced criminality',
  note='ECOSOC resolution on the recommendation of the Commission on Crime Prevention and Criminal Justice. Commission sessions (50th, 51st) are not scored. The study of para 4 goes to the Commission and is to be "made available" to HRC 107 (judgement: transmission or deliverable). Paragraph 5 is a side event "during" GA 96 (judgement).'),
 labels=[
  L('4','UNODC','study','HRC',107,'at','to make it available to the Human Rights Council at its one hundred and seventh session',True),
  L('5','UNODC','meeting','GA',96,'at','to organize, during the ninety-sixth session of the General Assembly, a high-level side event',True),
  L('6',SG,'report','GA',96,'at','Requests the Secretary-General to submit to the General Assembly at its ninety-sixth session'),
 ],
 ns=[
  N('3','to convene an open-ended intergovernmental expert group meeting on trafficking for the purpose of forced criminality prior to the fiftieth session of the Commission','due at the Commission on Crime Prevention and Criminal Justice'),
  N('4','to present the study to the Commission at its fifty-first session','due at the Commission on Crime Prevention and Criminal Justice'),
  N('7','to report to the Commission at its fifty-first session on the implementation of the present resolution','due at the Commission on Crime Prevention and Criminal Justice'),
  N('8','Invites Member States and other donors to provide extrabudgetary resources','States; support'),
 ])
D['A_RES_94_162']=dict(
 meta=dict(symbol='A/RES/94/162', body='GA', session=94, adopted='2039-12-17',
  title='Report of the Human Rights Council',
  note='Adopted without a vote; takes note of reports only. No deliverable is requested: every session reference is a past request or a statement of fact. The label list is deliberately empty.'),
 labels=[],
 ns=[
  N('preamble','it requested the Secretary-General to submit to it at its ninety-fourth session a report','past request recalled in the preamble'),
  N('1','Takes note of the report of the Human Rights Council','takes note only'),
  N('2','Takes note also of the report of the Secretary-General','takes note only'),
  N('3','in which the Council requested the Special Rapporteur to present a report to the General Assembly at its ninety-fourth session','past request of the Council quoted inside a takes-note paragraph'),
  N('4','Notes that the Human Rights Council will submit its next annual report to the General Assembly at its ninety-fifth session','statement of a standing obligation, not a request'),
 ])
D['A_HRC_AC_REC_63_2']=dict(
 meta=dict(symbol='A/HRC/AC/REC/63/2', body='HRC Advisory Committee', session=63, adopted='2040-02-21',
  title='Study on the human rights implications of neurotechnology in the workplace',
  note='Advisory Committee recommendation (less common form). "its next session" refers to the Committee in paras 2 and 4 (not scored) but to the Council in para 6 (adopted 21 Feb 2040, the Council\'s next session is 103, opening 27 Feb 2040). Para 3: "the session following the sixty-fourth session of the Committee" - the 64th Committee session is in August 2040 (calendar.csv), so the next Council session is 105, which matches the Council\'s original request recalled in the preamble. Para 5 only recommends that the Council make a request.'),
 labels=[
  L('3','Advisory Committee','study','HRC',105,'at','to the Human Rights Council at the session following the sixty-fourth session of the Committee',True),
  L('6','Chair of the Advisory Committee','oral update','HRC',103,'at','Requests its Chair to present to the Council at its next session an oral update',True),
 ],
 ns=[
  N('preamble','to present it to the Council at its one hundred and fifth session','the Council\'s past request, recalled (same study as para 3)'),
  N('1','Decides to establish a drafting group','establishes a working body'),
  N('2','to submit a preliminary draft of the study to the Advisory Committee at its next session','due at the Advisory Committee itself'),
  N('4','to compile the responses for consideration by the Committee at its next session','due at the Advisory Committee itself'),
  N('5','Recommends that the Council request the High Commissioner to convene an expert seminar on neurotechnology and labour rights before its one hundred and sixth session','a recommendation to the Council, not a request'),
 ])
norm=lambda s: re.sub(r'\s+',' ',s)
bad=0
for stem,d in D.items():
    txt=norm(open(f'drafts/{stem}.txt').read())
    for x in d['labels']:
        if norm(x['note']) not in txt: print('MISSING',stem,x['paragraph'],x['note']); bad+=1
    for x in d['ns']:
        if norm(x['words']) not in txt: print('MISSING ns',stem,x['paragraph'],x['words']); bad+=1
    json.dump(d['labels'],open(f'labels/{stem}.json','w'),indent=1,ensure_ascii=False)
    m=dict(d['meta']); m['not_scored']=d['ns']
    json.dump(m,open(f'meta/{stem}.json','w'),indent=1,ensure_ascii=False)
print('bad',bad, 'docs',len(D), 'rows',sum(len(d['labels']) for d in D.values()))
