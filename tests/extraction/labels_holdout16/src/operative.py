# Step 1 of the order of work: the operative content of the twelve invented
# resolutions, drafted by hand before any label was written.
# Each operative paragraph is (number, text) or (number, chapeau, [(letter, text), ...]).
# "[[fn:...]]" marks a footnote (rendered as a digit marker / <sup> link in step 3).

OPS = {}

OPS["A_HRC_RES_70_14"] = [
    ("1", "Welcomes the report of the Special Rapporteur on the human rights of persons affected by glacial retreat submitted to the Human Rights Council at its sixty-seventh session,[[fn:A/HRC/67/41.]] and takes note of the recommendations contained therein;"),
    ("2", "Decides to extend the mandate of the Special Rapporteur on the human rights of persons affected by glacial retreat for a period of three years, on the same terms as provided for by the Human Rights Council in its resolution 61/9 of 2 April 2026;"),
    ("3", "Requests the Special Rapporteur:", [
        ("a", "To continue to monitor the situation of persons affected by glacial retreat, including the loss of water sources, grazing land and cultural heritage, and to identify gaps in protection;"),
        ("b", "To conduct country visits, upon the invitation of States, and to engage in constructive dialogue with States and other stakeholders;"),
        ("c", "To submit an annual report to the Human Rights Council, starting at its seventy-third session, and to the General Assembly, starting at its eighty-fifth session;"),
    ]),
    ("4", "Also requests the Special Rapporteur, in cooperation with the Office of the United Nations High Commissioner for Human Rights and in consultation with States, national human rights institutions and civil society, to prepare a thematic study on the protection of displaced pastoral communities and to present it to the Council prior to its seventy-fourth session;"),
    ("5", "Decides to convene, at its seventy-second session, a half-day panel discussion on the rights of children and young people affected by glacial retreat, and requests the Office of the High Commissioner to liaise with States, relevant United Nations bodies and agencies, the special procedures and civil society with a view to ensuring their participation in the panel discussion, and to prepare a summary report on the panel discussion and to submit it to the Council ahead of its seventy-fourth session;"),
    ("6", "Requests the United Nations High Commissioner for Human Rights to organize, within existing resources, a two-day expert workshop on early warning, planned relocation and the right to participation in advance of the 73rd session of the Council, and to present a summary of the discussions held at the workshop to the Council at that session;"),
    ("7", "Encourages States to submit information on the measures taken to protect persons affected by glacial retreat to the Special Rapporteur before the seventy-third session of the Council;"),
    ("8", "Requests the Secretary-General and the High Commissioner to provide the Special Rapporteur with all the human, technical and financial assistance necessary for the effective fulfilment of the mandate;"),
    ("9", "Requests the Office of the High Commissioner to compile existing good practices on the participation of affected communities in decisions on planned relocation and to make the compilation available on its website by 31 December 2030;"),
    ("10", "Calls upon all States to cooperate fully with the Special Rapporteur, to respond favourably to requests for country visits and to provide all the information requested;"),
    ("11", "Decides to continue its consideration of this question at its seventy-third session, under the same agenda item."),
]

OPS["A_HRC_RES_71_8"] = [
    ("1", "Expresses deep concern at continuing reports of arbitrary detention, enforced disappearance and restrictions on the freedoms of expression and of peaceful assembly in Veltrana, in particular in the northern provinces;"),
    ("2", "Welcomes the engagement of the Government of Veltrana with the Independent Expert on the situation of human rights in Veltrana, and takes note of the report presented by the Independent Expert to the Council at its seventieth session;[[fn:A/HRC/70/77.]]"),
    ("3", "Calls upon the Government of Veltrana to release all persons arbitrarily detained, to investigate all allegations of enforced disappearance and to bring national legislation into conformity with its international human rights obligations;"),
    ("4", "Urges the Government of Veltrana to cooperate fully with the Independent Expert, including by granting unhindered access to all parts of the country;"),
    ("5", "Decides to extend, for a period of one year, the mandate of the Independent Expert on the situation of human rights in Veltrana;"),
    ("6", "Requests the Independent Expert to present an oral update and a comprehensive report to the Human Rights Council at its seventy-second and seventy-third sessions, respectively, and to submit a report to the General Assembly at its eighty-fourth session;"),
    ("7", "Requests the United Nations High Commissioner for Human Rights to present a written update on technical cooperation between the Office of the High Commissioner and Veltrana to the Council at its next session, to be followed by an interactive dialogue;"),
    ("8", "Requests the Office of the High Commissioner to continue to provide technical assistance and capacity-building to the Government of Veltrana, in consultation with and with the consent of the Government;"),
    ("9", "Also requests the Office of the High Commissioner, in cooperation with the Independent Expert, to hold consultations with civil society organizations, associations of victims and human rights defenders from Veltrana before the session after next of the Human Rights Council, and to reflect their views in the comprehensive report of the Independent Expert;"),
    ("10", "Invites civil society organizations and regional organizations to share relevant information with the Independent Expert;"),
    ("11", "Requests the Secretary-General and the High Commissioner to provide the Independent Expert with all the assistance and resources necessary for the fulfilment of the mandate;"),
    ("12", "Decides to remain seized of the matter."),
]

OPS["A_HRC_DEC_72_103"] = [
    ("1", "Decides to convene two one-day intersessional meetings on the human rights dimensions of sovereign debt and debt restructuring, the first before its seventy-third session and the second prior to its seventy-fifth session;"),
    ("2", "Also decides that the intersessional meetings shall be chaired by the President of the Human Rights Council, shall be open to the participation of States, United Nations agencies, international financial institutions, national human rights institutions and civil society, and shall be fully accessible to persons with disabilities;"),
    ("3", "Requests the Office of the United Nations High Commissioner for Human Rights to prepare a summary report on each of the intersessional meetings and to submit the reports to the Council at its seventy-fourth and 76th sessions, respectively;"),
    ("4", "Requests the Advisory Committee to prepare a study on the human rights impact of debt-service obligations on the financing of social protection, and to present it to the Council not later than its seventy-fifth session;"),
    ("5", "Invites States, international financial institutions, academic institutions and civil society to contribute to the study of the Advisory Committee;"),
    ("6", "Requests the United Nations High Commissioner for Human Rights to present an oral update on the preparations for the intersessional meetings to the Council during its seventy-third session;"),
    ("7", "Requests the Secretary-General and the High Commissioner to provide all the assistance necessary for the organization of the intersessional meetings, including webcasting and accessibility services;"),
    ("8", "Decides to continue its consideration of this matter at its seventy-fifth session."),
]

OPS["A_HRC_RES_72_21"] = [
    ("1", "Welcomes the work of the Working Group on the rights of seasonal and platform workers, and takes note with appreciation of the report presented by the Working Group to the Human Rights Council at its seventy-first session;[[fn:A/HRC/71/52.]]"),
    ("2", "Decides to renew the mandate of the Working Group on the rights of seasonal and platform workers for a period of three years;"),
    ("3", "Requests the Working Group:", [
        ("a", "To present an annual report to the Human Rights Council at its seventy-fourth session and thereafter annually, and to the General Assembly at its eighty-fifth session and thereafter annually;"),
        ("b", "To convene an annual consultation with workers\u2019 and employers\u2019 organizations, States and other stakeholders, the first to be held no later than the seventy-fourth session of the Council;"),
        ("c", "To continue to monitor the situation of seasonal and platform workers and to identify good practices in the prevention of abuse;"),
        ("d", "To work in close coordination with the International Labour Organization and other relevant United Nations agencies, funds and programmes;"),
    ]),
    ("4", "Requests the Working Group and the Special Rapporteur on contemporary forms of slavery, including its causes and consequences, to prepare a joint study on recruitment fees and debt bondage in seasonal agriculture, and to present it to the Human Rights Council at its 75th session;"),
    ("5", "Decides to hold, on a biennial basis beginning at its seventy-fourth session, a half-day panel discussion on the rights of platform workers, and requests the Office of the United Nations High Commissioner for Human Rights to prepare a summary report on each panel discussion for submission to the Council at the following session;"),
    ("6", "Requests the Secretary-General, in consultation with the International Labour Organization, to prepare a report on the social protection of seasonal and platform workers and to present it to the Human Rights Council at its seventy-fifth session and to the General Assembly at its eighty-sixth session;"),
    ("7", "Encourages States, employers\u2019 organizations and digital labour platforms to engage constructively with the Working Group and to give due consideration to its recommendations;"),
    ("8", "Requests the Office of the High Commissioner to continue to provide technical assistance to States, upon their request, in developing national legislation and policies;"),
    ("9", "Requests the Secretary-General and the High Commissioner to provide the Working Group with all the resources necessary for the effective fulfilment of its mandate;"),
    ("10", "Decides to continue its consideration of the question at its seventy-fifth session."),
]

OPS["A_HRC_RES_73_5"] = [
    ("1", "Welcomes the annual report of the Expert Mechanism on the Rights of Mountain Peoples, presented to the Human Rights Council at its seventy-second session;[[fn:A/HRC/72/63.]]"),
    ("2", "Requests the Expert Mechanism to prepare a study on customary land tenure and the collective rights of mountain peoples, in the light of the principles set out in the Declaration on the Rights of Mountain Peoples,[[fn:General Assembly resolution 81/207, annex.]] to be presented to the Council at its 75th session;"),
    ("3", "Decides that the Expert Mechanism shall continue to hold its annual session in Geneva, and requests it to present a report on the work of its annual session to the Council in time for the seventy-fourth session;"),
    ("4", "Requests the United Nations High Commissioner for Human Rights and the Special Rapporteur on the human rights of persons affected by glacial retreat to prepare jointly a compilation of national practices on the management of high-altitude water sources and to present it to the Council no later than its seventy-sixth session;"),
    ("5", "Requests the Office of the High Commissioner to organize a two-day intersessional expert seminar on the participation of mountain peoples in decision-making, with the participation of representatives of mountain peoples, States and relevant United Nations agencies, to be held prior to the seventy-fourth session of the Council, and to prepare a summary report thereon for submission to the Council at its seventy-fifth session;"),
    ("6", "Also requests the Office of the High Commissioner to convene regional consultations with organizations of mountain peoples within twelve months of the adoption of the present resolution;"),
    ("7", "Requests the Special Rapporteur on the human rights of persons affected by glacial retreat to brief the Committee on Economic, Social and Cultural Rights at its eighty-eighth session on the findings of the compilation;"),
    ("8", "Encourages States and civil society to participate actively in the regional consultations and in the expert seminar;"),
    ("9", "Requests the Secretary-General to bring the present resolution to the attention of all Member States and of the organs, bodies and agencies of the United Nations system;"),
    ("10", "Decides to continue its consideration of this question at its seventy-sixth session."),
]

OPS["A_HRC_RES_74_17"] = [
    ("1", "Recognizes that automated decision-making systems used in public services can contribute to the realization of economic, social and cultural rights, and expresses concern that such systems may also reproduce and amplify discrimination, in particular against persons in vulnerable situations;"),
    ("2", "Calls upon States to ensure that automated decision-making systems used in the delivery of public services are subject to human rights due diligence, transparency and effective human oversight;"),
    ("3", "Takes note of the report of the Office of the United Nations High Commissioner for Human Rights on automated decision-making in public services, presented to the Council at its seventy-third session;[[fn:A/HRC/73/29.]]"),
    ("4", "Requests the Office of the High Commissioner to convene a one-day intersessional consultation with States, United Nations entities, technical experts, national human rights institutions and civil society ahead of the seventy-fifth session of the Council, and to present a summary report on the consultation to the Council at its seventy-sixth session and to the General Assembly at its eighty-sixth session;"),
    ("5", "Requests the Advisory Committee to prepare a study on human oversight of automated decision-making in social protection systems, and to submit it to the Human Rights Council before the 77th session;"),
    ("6", "Requests the Secretary-General to submit to the Council, every second year beginning at its seventy-sixth session, a report on new and emerging human rights challenges relating to automated decision-making in public services;"),
    ("7", "Requests the United Nations High Commissioner for Human Rights to present an oral update on the implementation of the present resolution to the Council during its next regular session;"),
    ("8", "Also requests the Office of the High Commissioner to develop practical guidance for public authorities on human rights impact assessments of automated decision-making systems by the end of 2030;"),
    ("9", "Encourages business enterprises and civil society to contribute to the development of the guidance;"),
    ("10", "Requests the Office of the High Commissioner to continue to provide advisory services and technical assistance to States, upon their request;"),
    ("11", "Decides to remain seized of the matter."),
]

OPS["A_HRC_RES_75_30"] = [
    ("1", "Welcomes the commitment expressed by the Government of Kaldoria to strengthen the rule of law and the independence of the judiciary, and the steps taken to establish a national human rights commission;"),
    ("2", "Takes note of the report of the United Nations High Commissioner for Human Rights on the situation of human rights in Kaldoria, presented to the Human Rights Council at its seventy-fourth session;[[fn:A/HRC/74/58.]]"),
    ("3", "Calls upon the Government of Kaldoria to implement the recommendations contained in the report and to adopt legislation guaranteeing the security of tenure of judges;"),
    ("4", "Encourages the Government of Kaldoria to continue its cooperation with the Office of the High Commissioner and with the special procedures of the Human Rights Council;"),
    ("5", "Requests the High Commissioner to present an oral update on the situation of human rights in Kaldoria to the Human Rights Council at its seventy-sixth session and a comprehensive written report on the implementation of technical assistance at its seventy-eighth session;"),
    ("6", "Decides to hold an enhanced interactive dialogue on the report of the High Commissioner at its seventy-eighth session, with the participation of the Government of Kaldoria, the Special Rapporteur on the independence of judges and lawyers and civil society;"),
    ("7", "Requests the Secretary-General to transmit the report of the High Commissioner to the General Assembly at its eighty-sixth session;"),
    ("8", "Requests the Special Rapporteur on the independence of judges and lawyers to include information on the situation of the judiciary in Kaldoria in the report to be presented to the Council at its seventy-seventh session;"),
    ("9", "Requests the Office of the High Commissioner, in cooperation with the Government of Kaldoria, to organize a national workshop on transitional justice and the rights of victims by 30 June 2031;"),
    ("10", "Also requests the Office of the High Commissioner to continue to provide technical assistance and capacity-building to Kaldoria, including to the national human rights commission and the judiciary;"),
    ("11", "Requests the Secretary-General and the High Commissioner to provide the resources necessary for the implementation of the present resolution;"),
    ("12", "Decides to continue its consideration of this question at its seventy-eighth session under agenda item 10."),
]

OPS["A_RES_84_120"] = [
    ("1", "Reaffirms that the right to adequate housing, as a component of the right to an adequate standard of living, applies to all persons, including persons living in informal settlements;"),
    ("2", "Expresses concern that more than one billion persons live in informal settlements without security of tenure or adequate access to water, sanitation and public services;"),
    ("3", "Calls upon States to take all measures necessary to prevent forced evictions and to ensure that any relocation is carried out in accordance with international human rights law;"),
    ("4", "Takes note with appreciation of the report of the Independent Expert on the rights of persons living in informal settlements;[[fn:A/84/212.]]"),
    ("5", "Requests the Secretary-General to submit to the General Assembly at its eighty-fifth session a report on the implementation of the present resolution, including on the challenges faced in the upgrading of informal settlements;"),
    ("6", "Requests the Independent Expert on the rights of persons living in informal settlements to submit reports to the Human Rights Council and to the General Assembly at their seventy-fourth and eighty-fifth sessions, respectively;"),
    ("7", "Requests the Secretary-General, in cooperation with the United Nations Human Settlements Programme, to convene an expert group meeting on the upgrading of informal settlements in 2030, and to present its conclusions to the Commission for Social Development at its sixty-ninth session;"),
    ("8", "Decides to convene, during its eighty-sixth session, a one-day high-level plenary meeting on the rights of persons living in informal settlements;"),
    ("9", "Requests the President of the General Assembly to hold informal consultations with Member States on the modalities of the high-level meeting, and to conclude them no later than 31 March 2031;"),
    ("10", "Encourages Member States, local authorities and civil society to participate actively in the preparations for the high-level meeting;"),
    ("11", "Requests the Secretary-General to transmit the present resolution to all Governments and to the relevant organizations of the United Nations system;"),
    ("12", "Decides to continue its consideration of the question at its eighty-fifth session under the item entitled \u201cPromotion and protection of human rights\u201d."),
]

OPS["A_C.3_84_L.21"] = [
    ("1", "Strongly condemns trafficking in persons in the maritime fishing sector, including for the purpose of forced labour on board fishing vessels;"),
    ("2", "Urges States that have not yet done so to consider ratifying or acceding to the relevant international instruments on trafficking in persons and on work in fishing;"),
    ("3", "Calls upon flag, port and coastal States to strengthen labour inspection on board fishing vessels and to cooperate in the identification and referral of victims;"),
    ("4", "Encourages the private sector, including seafood buyers and retailers, to exercise human rights due diligence throughout their supply chains;"),
    ("5", "Invites civil society organizations and trade unions to continue to support survivors of trafficking in the fishing sector;"),
    ("6", "Takes note of the report of the Secretary-General on trafficking in persons in the maritime fishing sector;[[fn:A/84/301.]]"),
    ("7", "Welcomes the work of the Special Rapporteur on trafficking in persons, especially women and children, on the situation of migrant fishers;"),
    ("8", "Requests the Special Rapporteur on trafficking in persons, especially women and children, to prepare a report on trafficking in persons in the maritime fishing sector and to present the report to the General Assembly at its eighty-fifth session and to the Human Rights Council at its seventy-fourth session;"),
    ("9", "Requests the Secretary-General to report to the General Assembly at its eighty-sixth session on the implementation of the present resolution, including information provided by Member States;"),
    ("10", "Requests the United Nations Office on Drugs and Crime, in consultation with the International Maritime Organization and the International Labour Organization, to prepare a compilation of good practices in the identification of victims at sea and to make it available before the fortieth session of the Commission on Crime Prevention and Criminal Justice;"),
    ("11", "Requests the Secretary-General to organize, within existing resources, an expert seminar on the identification and protection of victims of trafficking at sea, in advance of the eighty-fifth session of the General Assembly;"),
    ("12", "Decides to continue its consideration of the question at its next session under the item entitled \u201cCrime prevention and criminal justice\u201d."),
]

OPS["A_C.3_84_L.34"] = [
    ("1", "Expresses grave concern at continuing reports of arbitrary arrests, restrictions on the use of minority languages and the destruction of cultural sites in the Autonomous Region of Sarnesia;"),
    ("2", "Calls upon the Government of Tavoria to end all discriminatory practices against the population of Sarnesia and to respect the autonomy statute of the region;"),
    ("3", "Urges the Government of Tavoria to grant unhindered access to Sarnesia to the Office of the United Nations High Commissioner for Human Rights and to the special procedures of the Human Rights Council;"),
    ("4", "Welcomes the report of the Secretary-General on the situation of human rights in the Autonomous Region of Sarnesia;[[fn:A/84/390.]]"),
    ("5", "Calls upon all parties to refrain from violence and to engage in an inclusive dialogue;"),
    ("6", "Encourages the Government of Tavoria to engage constructively with the human rights treaty bodies and with the universal periodic review;"),
    ("7", "Requests the Office of the High Commissioner to continue to monitor the situation of human rights in Sarnesia and to provide technical assistance to the Government of Tavoria, upon its request;"),
    ("8", "Requests the Secretary-General, in consultation with the Special Envoy of the Secretary-General for Sarnesia, to convene a meeting of stakeholders on confidence-building measures prior to the 85th session of the General Assembly;"),
    ("9", "Requests the Secretary-General to submit to the General Assembly at its eighty-fifth session a report on the situation of human rights in Sarnesia, including recommendations, and to submit an interim report to the Human Rights Council at its seventy-fourth session;"),
    ("10", "Requests the United Nations High Commissioner for Human Rights to brief the Third Committee on the situation of human rights in Sarnesia during the eighty-fifth session of the General Assembly;"),
    ("11", "Requests the Secretary-General to prepare, within existing resources, a compilation of the recommendations made by United Nations human rights mechanisms to the Government of Tavoria concerning Sarnesia, no later than 31 March 2030;"),
    ("12", "Decides to continue its examination of the situation of human rights in Sarnesia at its eighty-fifth session under the item entitled \u201cPromotion and protection of human rights\u201d."),
]

OPS["A_C.3_84_L.47"] = [
    ("1", "Reaffirms the right of every child to be registered immediately after birth and to have a name and a nationality;"),
    ("2", "Expresses deep concern that many children born in transit, including during migration and displacement, remain unregistered and are at risk of statelessness;"),
    ("3", "Calls upon States to ensure universal, free and accessible birth registration, including late registration, for all children born on their territory, irrespective of the migration status of their parents;"),
    ("4", "Urges States to cooperate with one another in issuing documentation to children born in transit and in recognizing civil registration documents issued by other States;"),
    ("5", "Encourages regional organizations and civil society to support the registration of children born in transit;"),
    ("6", "Takes note of the report of the Secretary-General on the right to legal identity of children born in transit;[[fn:A/84/275.]]"),
    ("7", "Requests the United Nations Children\u2019s Fund to continue to support national civil registration systems, upon the request of States;"),
    ("8", "Requests the Secretary-General to submit to the General Assembly, on a biennial basis beginning at its eighty-sixth session, a report on the implementation of the present resolution;"),
    ("9", "Requests the Office of the United Nations High Commissioner for Human Rights and the United Nations Children\u2019s Fund to prepare a joint study on the risks of statelessness for children born in transit and to present it to the Human Rights Council and to the General Assembly at their seventy-fifth and eighty-sixth sessions, respectively;"),
    ("10", "Requests the United Nations Children\u2019s Fund to brief Member States on progress in the implementation of the present resolution by the eighty-fifth session of the General Assembly;"),
    ("11", "Invites the Human Rights Council to consider convening, at its seventy-fifth session, a panel discussion on the right to legal identity of children born in transit;"),
    ("12", "Requests the Secretary-General, in cooperation with the Office of the United Nations High Commissioner for Refugees, to convene regional consultations on the registration of children born in transit by the end of 2030;"),
    ("13", "Decides to continue its consideration of the question at its eighty-sixth session under the item entitled \u201cPromotion and protection of the rights of children\u201d."),
]

OPS["A_RES_85_163"] = [
    ("1", "Reaffirms that older persons are entitled to the full enjoyment of all human rights and fundamental freedoms, including in situations of emergency;"),
    ("2", "Expresses concern that older persons are disproportionately affected by heatwaves, floods and other climate-related emergencies, and that their needs are often overlooked in preparedness and response;"),
    ("3", "Calls upon States to include older persons and their representative organizations in disaster risk reduction, preparedness and recovery planning;"),
    ("4", "Encourages States, humanitarian actors and civil society to ensure that early warning systems are accessible to older persons, including older persons with disabilities;"),
    ("5", "Takes note of the report of the Secretary-General on the human rights of older persons;[[fn:A/85/188.]]"),
    ("6", "Welcomes the work of the Independent Expert on the enjoyment of all human rights by older persons on the impact of climate change on older persons;"),
    ("7", "Requests the Secretary-General to submit a comprehensive report on the human rights of older persons in climate-related emergencies, including good practices and recommendations, to the General Assembly no later than its eighty-seventh session;"),
    ("8", "Requests the Independent Expert on the enjoyment of all human rights by older persons to present an interim report to the General Assembly at its eighty-sixth session and a final report on the same subject to the Human Rights Council at the 79th session;"),
    ("9", "Requests the Open-ended Working Group on Ageing to hold a one-day thematic meeting on older persons in climate-related emergencies prior to its twenty-first working session;"),
    ("10", "Decides to convene, during its eighty-seventh session, a one-day high-level plenary meeting on ageing and climate resilience;"),
    ("11", "Requests the Office of the United Nations High Commissioner for Human Rights to provide technical assistance to States, upon their request, in integrating the rights of older persons into national adaptation plans;"),
    ("12", "Invites the Human Rights Council to request its Advisory Committee to prepare a study on intergenerational solidarity in climate-related emergencies;"),
    ("13", "Decides to continue its consideration of the question at its eighty-sixth session under the item entitled \u201cSocial development\u201d."),
]
