# Step 3 of the order of work: render the texts (after the labels were written).
# Operative paragraphs come verbatim from operative.py (step 1); the front matter,
# preambles, closing lines and footnotes are added here.
import html
import json
import os
import re
import textwrap

from operative import OPS

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")

AGENDA3 = ("Promotion and protection of all human rights, civil, political, economic, "
           "social and cultural rights, including the right to development")
AGENDA10 = "Technical assistance and capacity-building"
AGENDA71B = ("Promotion and protection of human rights: human rights questions, including "
             "alternative approaches for improving the effective enjoyment of human rights "
             "and fundamental freedoms")
AGENDA71C = ("Promotion and protection of human rights: human rights situations and reports "
             "of special rapporteurs and representatives")

DOCS = {}

DOCS["A_HRC_RES_70_14"] = dict(
    fmt="txt", kind="hrc_res", symbol="A/HRC/RES/70/14", number="70/14",
    title="Human rights of persons affected by glacial retreat",
    session_words="Seventieth session", session_dates="26 February\u20135 April 2029",
    agenda="Agenda item 3", agenda_title=AGENDA3, distr="11 April 2029",
    adopted="4 April 2029", job="GE.29-05317", meeting="48th meeting",
    vote="[Adopted without a vote.]",
    preamble=[
        ("Guided by", " the purposes and principles of the Charter of the United Nations,"),
        ("Reaffirming", " the Universal Declaration of Human Rights[[fn:General Assembly resolution 217 A (III).]] and recalling the International Covenant on Economic, Social and Cultural Rights and other relevant international human rights instruments,"),
        ("Recalling", " its resolution 61/9 of 2 April 2026, by which it established the mandate of the Special Rapporteur on the human rights of persons affected by glacial retreat, and its resolution 66/4 of 8 October 2027, in which it requested the Special Rapporteur to report to the Council at its sixty-ninth session,"),
        ("Deeply concerned", " that the accelerating retreat of glaciers and the thawing of permafrost threaten the access of mountain and downstream communities to water, food, housing and livelihoods,"),
        ("Recognizing", " that Indigenous Peoples, pastoralists, women, children and older persons in affected areas are disproportionately affected, and that planned relocation must respect the right to participation,"),
        ("Noting", " the importance of the meaningful participation of affected communities in decisions concerning early warning and planned relocation,"),
    ],
)

DOCS["A_HRC_RES_71_8"] = dict(
    fmt="html", kind="hrc_res", symbol="A/HRC/RES/71/8", number="71/8",
    title="Situation of human rights in Veltrana",
    session_words="Seventy-first session", session_dates="18 June\u201311 July 2029",
    agenda="Agenda item 10", agenda_title=AGENDA10, distr="16 July 2029",
    adopted="10 July 2029", job="GE.29-11208", meeting="39th meeting",
    vote="[Adopted by a recorded vote of 26 to 8, with 13 abstentions.]", sep="tab",
    preamble=[
        ("Guided by", " the purposes and principles of the Charter of the United Nations, the Universal Declaration of Human Rights and the international human rights treaties,"),
        ("Reaffirming", " that all States have the responsibility to promote and protect human rights and fundamental freedoms,"),
        ("Recalling", " its resolutions on the situation of human rights in Veltrana, most recently resolution 68/22 of 5 July 2028,"),
        ("Recalling also", " the written update of the United Nations High Commissioner for Human Rights presented to the Council at its sixty-ninth session,[[fn:A/HRC/69/61.]]"),
        ("Welcoming", " the release of a number of detained journalists in January 2029, while remaining concerned at the continuing detention of human rights defenders,"),
        ("Stressing", " the importance of accountability for all violations and abuses of human rights,"),
    ],
)

DOCS["A_HRC_DEC_72_103"] = dict(
    fmt="txt", kind="hrc_dec", symbol="A/HRC/DEC/72/103", number="72/103",
    title="Intersessional meetings on the human rights dimensions of sovereign debt",
    session_words="Seventy-second session", session_dates="10 September\u201310 October 2029",
    agenda="Agenda item 3", agenda_title=AGENDA3, distr="15 October 2029",
    adopted="9 October 2029", job="GE.29-16452", meeting="45th meeting",
    vote="[Adopted without a vote.]",
    preamble=[
        ("Recalling", " its resolution 69/12 of 12 October 2028 on the human rights dimensions of sovereign debt, and General Assembly resolution 83/176 of 18 December 2028,"),
        ("Bearing in mind", " the report of the Independent Expert on the effects of foreign debt and other related international financial obligations of States on the full enjoyment of all human rights, particularly economic, social and cultural rights, submitted to the Council at its seventieth session,[[fn:A/HRC/70/33.]]"),
    ],
)

DOCS["A_HRC_RES_72_21"] = dict(
    fmt="html", kind="hrc_res", symbol="A/HRC/RES/72/21", number="72/21",
    title="Rights of seasonal and platform workers",
    session_words="Seventy-second session", session_dates="10 September\u201310 October 2029",
    agenda="Agenda item 3", agenda_title=AGENDA3, distr="17 October 2029",
    adopted="10 October 2029", job="GE.29-16611", meeting="46th meeting",
    vote="[Adopted by a recorded vote of 33 to 4, with 10 abstentions.]", sep="nbsp",
    preamble=[
        ("Recalling", " its resolution 63/14 of 8 October 2026, by which it established the Working Group on the rights of seasonal and platform workers,"),
        ("Reaffirming", " the International Labour Organization Declaration on Fundamental Principles and Rights at Work,[[fn:Adopted by the International Labour Conference at its eighty-sixth session, in 1998, and amended at its 110th session, in 2022.]]"),
        ("Concerned", " that seasonal and platform workers often lack access to social protection, collective bargaining and effective remedies,"),
        ("Recognizing", " the role of trade unions and workers\u2019 organizations in the protection of the rights of seasonal and platform workers,"),
        ("Noting with concern", " reports of recruitment fees and debt bondage affecting seasonal workers in agriculture,"),
    ],
)

DOCS["A_HRC_RES_73_5"] = dict(
    fmt="txt", kind="hrc_res", symbol="A/HRC/RES/73/5", number="73/5",
    title="Rights of mountain peoples",
    session_words="Seventy-third session", session_dates="25 February\u20134 April 2030",
    agenda="Agenda item 3", agenda_title=AGENDA3, distr="9 April 2030",
    adopted="3 April 2030", job="GE.30-04871", meeting="50th meeting",
    vote="[Adopted without a vote.]",
    preamble=[
        ("Recalling", " General Assembly resolution 81/207 of 17 December 2026, by which the Assembly adopted the Declaration on the Rights of Mountain Peoples,"),
        ("Recalling also", " its resolution 64/20 of 30 March 2027, by which it established the Expert Mechanism on the Rights of Mountain Peoples,"),
        ("Recognizing", " the specific relationship of mountain peoples with their lands, waters and natural resources, and the contribution of their knowledge to the sustainable management of mountain ecosystems,"),
        ("Concerned", " at the effects of glacial retreat on high-altitude water sources on which mountain peoples depend,"),
        ("Welcoming", " the cooperation between the Expert Mechanism and the Special Rapporteur on the human rights of persons affected by glacial retreat,"),
    ],
)

DOCS["A_HRC_RES_74_17"] = dict(
    fmt="html", kind="hrc_res", symbol="A/HRC/RES/74/17", number="74/17",
    title="Human rights implications of automated decision-making in public services",
    session_words="Seventy-fourth session", session_dates="17 June\u201310 July 2030",
    agenda="Agenda item 3", agenda_title=AGENDA3, distr="15 July 2030",
    adopted="9 July 2030", job="GE.30-10932", meeting="41st meeting",
    vote="[Adopted without a vote.]", sep="tab",
    preamble=[
        ("Reaffirming", " that the same rights that people have offline must also be protected online and in the design and use of digital technologies,"),
        ("Recalling", " its resolution 68/11 of 4 July 2028 on new and emerging digital technologies and human rights,"),
        ("Recognizing", " that public authorities increasingly rely on automated systems for decisions on eligibility for social protection, housing, health care and education,"),
        ("Concerned", " that errors and biases in such systems can lead to the arbitrary denial of benefits and services, often without effective access to remedy,[[fn:See A/HRC/73/29, paras. 21\u201334.]]"),
        ("Stressing", " the importance of transparency, explainability, human oversight and access to effective remedy,"),
    ],
)

DOCS["A_HRC_RES_75_30"] = dict(
    fmt="txt", kind="hrc_res", symbol="A/HRC/RES/75/30", number="75/30",
    title="Technical assistance and capacity-building for Kaldoria in the field of human rights",
    session_words="Seventy-fifth session", session_dates="9 September\u20139 October 2030",
    agenda="Agenda item 10", agenda_title=AGENDA10, distr="14 October 2030",
    adopted="8 October 2030", job="GE.30-15093", meeting="44th meeting",
    vote="[Adopted without a vote.]",
    preamble=[
        ("Guided by", " the purposes and principles of the Charter of the United Nations,"),
        ("Recalling", " its resolution 72/34 of 11 October 2029 on technical assistance and capacity-building for Kaldoria in the field of human rights,"),
        ("Welcoming", " the signature of the framework agreement between the Government of Kaldoria and the Office of the United Nations High Commissioner for Human Rights on 14 February 2030,"),
        ("Noting with concern", " the persisting challenges to the independence of the judiciary and to access to justice in Kaldoria,"),
        ("Recognizing", " the primary responsibility of the Government of Kaldoria for the promotion and protection of human rights,"),
    ],
)

DOCS["A_RES_84_120"] = dict(
    fmt="html", kind="ga_res", symbol="A/RES/84/120", number="84/120",
    title="Rights of persons living in informal settlements",
    session_words="Eighty-fourth session", agenda="Agenda item 71 (b)", agenda_title=AGENDA71B,
    distr="3 January 2030", adopted="17 December 2029",
    committee="[on the report of the Third Committee (A/84/468, para. 9)]",
    job="29-24310", meeting="55th plenary meeting", sep="nbsp",
    preamble=[
        ("Recalling", " the Universal Declaration of Human Rights, the International Covenant on Economic, Social and Cultural Rights[[fn:See resolution 2200 A (XXI), annex.]] and other relevant human rights instruments,"),
        ("Recalling also", " its resolution 82/173 of 17 December 2027 and Human Rights Council resolution 69/17 of 11 October 2028, by which the Council established the mandate of the Independent Expert on the rights of persons living in informal settlements,[[fn:See Official Records of the General Assembly, Eighty-third Session, Supplement No. 53A (A/83/53/Add.1), chap. II.]]"),
        ("Reaffirming", " the New Urban Agenda,[[fn:Resolution 71/256, annex.]]"),
        ("Deeply concerned", " that persons living in informal settlements face forced evictions, insecurity of tenure and exclusion from public services,"),
        ("Recognizing", " the role of local governments in the upgrading of informal settlements,"),
    ],
)

DOCS["A_C.3_84_L.21"] = dict(
    fmt="txt", kind="ga_draft", symbol="A/C.3/84/L.21",
    title="Trafficking in persons in the maritime fishing sector",
    session_words="Eighty-fourth session", agenda="Agenda item 107",
    agenda_title="Crime prevention and criminal justice", distr="30 October 2029",
    sponsors="Arvandia, Belmoria, Lusandria, Norvania and Zephyria: draft resolution",
    job="29-19876",
    preamble=[
        ("Reaffirming", " the Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children, supplementing the United Nations Convention against Transnational Organized Crime,[[fn:United Nations, Treaty Series, vol. 2237, No. 39574.]]"),
        ("Recalling", " its resolution 82/190 of 17 December 2027 and the United Nations Global Plan of Action to Combat Trafficking in Persons,[[fn:Resolution 64/293.]]"),
        ("Deeply concerned", " that migrant fishers are exposed to trafficking in persons, forced labour and abuse on board fishing vessels, often far from shore and for long periods,"),
        ("Recognizing", " the responsibility of flag States to exercise effective jurisdiction over vessels flying their flag,"),
        ("Noting", " the work of the International Labour Organization and the International Maritime Organization on decent work and safety in fishing,"),
    ],
)

DOCS["A_C.3_84_L.34"] = dict(
    fmt="html", kind="ga_draft", symbol="A/C.3/84/L.34",
    title="Situation of human rights in the Autonomous Region of Sarnesia, Tavoria",
    session_words="Eighty-fourth session", agenda="Agenda item 71 (c)", agenda_title=AGENDA71C,
    distr="4 November 2029",
    sponsors="Kaldoria, Marencia, Ostrovia and Quessland: draft resolution",
    job="29-20544", sep="tab",
    preamble=[
        ("Guided by", " the Charter of the United Nations and the Universal Declaration of Human Rights,"),
        ("Recalling", " its resolution 83/187 of 18 December 2028 on the situation of human rights in the Autonomous Region of Sarnesia,"),
        ("Recalling also", " the autonomy statute of Sarnesia, adopted by the Parliament of Tavoria in 1994,"),
        ("Deeply concerned", " at the continuing deterioration of the situation of human rights in the region,"),
        ("Welcoming", " the appointment of the Special Envoy of the Secretary-General for Sarnesia in March 2029,[[fn:See S/2029/214.]]"),
    ],
)

DOCS["A_C.3_84_L.47"] = dict(
    fmt="html", kind="ga_draft", symbol="A/C.3/84/L.47",
    title="Right to legal identity of children born in transit",
    session_words="Eighty-fourth session", agenda="Agenda item 66 (a)",
    agenda_title="Promotion and protection of the rights of children: promotion and protection of the rights of children",
    distr="8 November 2029",
    sponsors="Belmoria, Lusandria, Norvania, Sarnesia and Zephyria: draft resolution",
    job="29-20981", sep="nbsp",
    preamble=[
        ("Reaffirming", " the Convention on the Rights of the Child,[[fn:United Nations, Treaty Series, vol. 1577, No. 27531.]] in particular its article 7,"),
        ("Recalling", " target 16.9 of the Sustainable Development Goals, to provide legal identity for all, including birth registration, by 2030,"),
        ("Recalling also", " its resolution 82/201 of 18 December 2027,"),
        ("Concerned", " that the lack of birth registration exposes children to statelessness, exclusion from services and exploitation,"),
        ("Recognizing", " the role of the United Nations Children\u2019s Fund and the Office of the United Nations High Commissioner for Refugees in supporting civil registration,"),
    ],
)

DOCS["A_RES_85_163"] = dict(
    fmt="txt", kind="ga_res", symbol="A/RES/85/163", number="85/163",
    title="Human rights of older persons in climate-related emergencies",
    session_words="Eighty-fifth session", agenda="Agenda item 26", agenda_title="Social development",
    distr="4 January 2031", adopted="16 December 2030",
    committee="[on the report of the Third Committee (A/85/465, para. 14)]",
    job="30-24113", meeting="53rd plenary meeting",
    preamble=[
        ("Recalling", " the Madrid International Plan of Action on Ageing, 2002,[[fn:Report of the Second World Assembly on Ageing, Madrid, 8\u201312 April 2002 (United Nations publication, Sales No. E.02.IV.4), chap. I, resolution 1, annex II.]]"),
        ("Recalling also", " the Sendai Framework for Disaster Risk Reduction 2015\u20132030,[[fn:Resolution 69/283, annex II.]]"),
        ("Recalling further", " its resolution 84/151 of 17 December 2029 and Human Rights Council resolution 72/9 of 10 October 2029,"),
        ("Noting", " that the Open-ended Working Group on Ageing considered the issue of emergencies at its twentieth working session, held in April 2030,"),
        ("Deeply concerned", " at the high mortality of older persons during recent heatwaves and floods,"),
    ],
)

VERBS = sorted([
    "Strongly condemns", "Expresses grave concern", "Expresses deep concern", "Expresses concern",
    "Takes note with appreciation", "Takes note", "Welcomes", "Reaffirms", "Decides", "Also decides",
    "Requests", "Also requests", "Further requests", "Calls upon", "Urges", "Encourages", "Invites",
    "Recognizes",
], key=len, reverse=True)

FN_RE = re.compile(r"\[\[fn:(.*?)\]\]")


class Footnotes:
    def __init__(self):
        self.items = []

    def sub(self, text, mark):
        """Replace [[fn:..]] by mark(n) and record the footnote text."""
        def rep(m):
            self.items.append(m.group(1))
            return mark(len(self.items))
        return FN_RE.sub(rep, text)


def split_verb(text):
    for v in VERBS:
        if text.startswith(v + " ") or text.startswith(v + ":"):
            return v, text[len(v):]
    raise ValueError(text[:40])


def opener(d):
    return {"hrc_res": "The Human Rights Council,", "hrc_dec": "The Human Rights Council,"}.get(
        d["kind"], "The General Assembly,")


# ---------------------------------------------------------------- plain text
W = 82
IND = " " * 10


def wrap(text, first, rest):
    return textwrap.wrap(text, width=W, initial_indent=first, subsequent_indent=rest,
                         break_long_words=False)


def render_txt(stem, d):
    fns = Footnotes()
    blocks = []  # list of (lines, keep) ; a blank line between blocks

    def para(text, first, rest=IND):
        # private-use sentinels mark footnote numbers so each page can carry its footnotes
        t = fns.sub(text, lambda n: "\ue000%d\ue001" % n)
        blocks.append(wrap(t, first, rest))

    blocks.append([IND + opener(d)])
    for lead, rest in d["preamble"]:
        para(lead + rest, " " * 15)
    for op in OPS[stem]:
        num = op[0] + "."
        para(op[1], IND + num.ljust(5))
        if len(op) == 3:
            for letter, sub in op[2]:
                para(sub, " " * 15 + ("(%s)" % letter).ljust(5))
    if d["kind"] != "ga_draft":
        blocks.append([" " * 50 + d["meeting"], " " * 50 + d["adopted"]])
        if d.get("vote"):
            blocks.append(wrap(d["vote"], IND, IND))

    # header of page 1
    sym = d["symbol"]
    head = ["United Nations" + " " * (W - 14 - len(sym)) + sym]
    distr = "Distr.: Limited" if d["kind"] == "ga_draft" else "Distr.: General"
    head.append("General Assembly" + " " * (50 - 16) + distr)
    head.append(" " * 50 + d["distr"])
    head.append("")
    head.append(" " * 50 + "Original: English")
    head.append("")
    if d["kind"].startswith("hrc"):
        head += ["Human Rights Council", d["session_words"], d["session_dates"], d["agenda"]]
        head += textwrap.wrap(d["agenda_title"], 52)
        head += ["", ""]
        what = "Decision" if d["kind"] == "hrc_dec" else "Resolution"
        head.append(IND + "%s adopted by the Human Rights Council on %s" % (what, d["adopted"]))
        head += ["", ""]
        head += wrap(d["number"] + ".    " + d["title"], IND, IND + " " * 10)
    elif d["kind"] == "ga_res":
        head += [d["session_words"], d["agenda"]] + textwrap.wrap(d["agenda_title"], 52)
        head += ["", ""]
        head.append(IND + "Resolution adopted by the General Assembly on %s" % d["adopted"])
        head.append("")
        head.append(IND + d["committee"])
        head += ["", ""]
        head += wrap(d["number"] + ".   " + d["title"], IND, IND + " " * 10)
    else:
        head += [d["session_words"], "Third Committee", d["agenda"]]
        head += textwrap.wrap(d["agenda_title"], 52)
        head += ["", ""]
        head += wrap(d["sponsors"], IND, IND)
        head += ["", ""]
        head += wrap(d["title"], IND, IND)
    head.append("")

    # flatten body lines with their footnote numbers
    body = []
    for i, b in enumerate(blocks):
        if i:
            body.append("")
        body.extend(b)

    CAP = 50
    pages = []
    cur, curfn = list(head), []

    def fn_lines(nums):
        if not nums:
            return []
        out = ["", IND + "_" * 18]
        for n in nums:
            out += wrap(fns.items[n - 1], IND + ("%d" % n).ljust(4), IND + "    ")
        return out

    for line in body:
        nums = [int(x) for x in re.findall("\ue000(\\d+)\ue001", line)]
        clean = re.sub("\ue000(\\d+)\ue001", r"\1", line)
        if len(cur) + 1 + len(fn_lines(curfn + nums)) > CAP and cur:
            pages.append((cur, curfn))
            cur, curfn = [], []
        cur.append(clean)
        curfn += nums
    pages.append((cur, curfn))

    total = len(pages)
    job = d["job"]
    out = []
    for i, (lines, nums) in enumerate(pages, 1):
        if i > 1:
            out.append(sym if i % 2 == 0 else " " * (W - len(sym)) + sym)
            out.append("")
            while lines and lines[0] == "":
                lines = lines[1:]
        out.extend(lines)
        out.extend(fn_lines(nums))
        out.append("")
        if i == 1:
            out.append(job + ("(E)" if job.startswith("GE.") else " (E)"))
        else:
            pg = "%d/%d" % (i, total)
            if i % 2 == 0:
                out.append(pg + " " * (W - len(pg) - len(job)) + job)
            else:
                out.append(job + " " * (W - len(pg) - len(job)) + pg)
        if i < total:
            out.append("")  # pages are separated by a blank line (no form feed)
    return "\n".join(l.rstrip() for l in out) + "\n"


# ---------------------------------------------------------------- HTML
def render_html(stem, d):
    fns = Footnotes()
    sep = "\t" if d.get("sep") == "tab" else "&nbsp;"

    def esc(t):
        t = html.escape(t, quote=False)
        return fns.sub(t, lambda n: '<sup><a href="#fn%d" id="fnref%d">%d</a></sup>' % (n, n, n))

    sym = d["symbol"]
    o = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
         "<title>%s - %s</title>" % (html.escape(sym), html.escape(d["title"])), "</head>", "<body>",
         '<div class="doc-header">',
         '<p class="symbol">%s</p>' % sym,
         "<p>%s<br>%s</p>" % ("Distr.: Limited" if d["kind"] == "ga_draft" else "Distr.: General", d["distr"]),
         "<p>Original: English</p>", "</div>"]
    if d["kind"].startswith("hrc"):
        o.append("<p>Human Rights Council<br>%s<br>%s<br>%s<br>%s</p>" % (
            d["session_words"], d["session_dates"], d["agenda"], html.escape(d["agenda_title"])))
        what = "Decision" if d["kind"] == "hrc_dec" else "Resolution"
        o.append("<p>%s adopted by the Human Rights Council on %s</p>" % (what, d["adopted"]))
        o.append("<h1>%s.%s%s</h1>" % (d["number"], sep, html.escape(d["title"])))
    elif d["kind"] == "ga_res":
        o.append("<p>General Assembly<br>%s<br>%s<br>%s</p>" % (
            d["session_words"], d["agenda"], html.escape(d["agenda_title"])))
        o.append("<p>Resolution adopted by the General Assembly on %s</p>" % d["adopted"])
        o.append("<p><i>%s</i></p>" % html.escape(d["committee"]))
        o.append("<h1>%s.%s%s</h1>" % (d["number"], sep, html.escape(d["title"])))
    else:
        o.append("<p>General Assembly<br>%s<br>Third Committee<br>%s<br>%s</p>" % (
            d["session_words"], d["agenda"], html.escape(d["agenda_title"])))
        o.append("<p>%s</p>" % html.escape(d["sponsors"]))
        o.append("<h1>%s</h1>" % html.escape(d["title"]))
    o.append("<p><i>%s</i></p>" % opener(d))
    for lead, rest in d["preamble"]:
        o.append("<p><i>%s</i>%s</p>" % (lead, esc(rest)))
    for op in OPS[stem]:
        v, rest = split_verb(op[1])
        o.append("<p>%s.%s<i>%s</i>%s</p>" % (op[0], sep, v, esc(rest)))
        if len(op) == 3:
            for letter, sub in op[2]:
                o.append('<p class="subpara">(%s)%s%s</p>' % (letter, sep, esc(sub)))
    if d["kind"] != "ga_draft":
        o.append('<p class="meeting">%s<br>%s</p>' % (d["meeting"], d["adopted"]))
        if d.get("vote"):
            o.append("<p>%s</p>" % d["vote"])
    o.append('<p class="job">%s</p>' % (d["job"] + ("(E)" if d["job"].startswith("GE.") else " (E)")))
    if fns.items:
        o.append("<hr>")
        o.append('<ol class="footnotes">')
        for n, t in enumerate(fns.items, 1):
            o.append('<li id="fn%d">%s <a href="#fnref%d">&#8617;</a></li>' % (n, html.escape(t, quote=False), n))
        o.append("</ol>")
    o += ["</body>", "</html>"]
    return "\n".join(o) + "\n"


def main():
    files = {}
    for stem, d in DOCS.items():
        ext = d["fmt"]
        text = render_txt(stem, d) if ext == "txt" else render_html(stem, d)
        name = "%s.%s" % (stem, ext)
        with open(os.path.join(OUT, "texts", name), "w", encoding="utf-8") as f:
            f.write(text)
        files[stem] = "texts/" + name
    with open(os.path.join(OUT, "files.json"), "w", encoding="utf-8") as f:
        json.dump(files, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
