"""Small invented resolutions for unit tests (real texts may not be copied here)."""

HRC = """Human Rights Council

Sixty-first session

2 March–3 April 2026

Agenda item 3

Promotion and protection of all human rights

Resolution adopted by the Human Rights Council
on 2 April 2026

61/7.\tCooperation on imaginary matters

The Human Rights Council,

Reaffirming its resolution 53/11 of 12 July 2023,

Recalling also General Assembly resolution 70/1 of 25 September 2015
and resolutions 46/14 and 49/25,

Deeply concerned about the situation described in document A/HRC/59/36,

Noting with appreciation the work of the Office,

1. Requests the High Commissioner to present a report to the Council at its sixty-fifth session;

2. Also requests the Secretary-General to organize the following:

(a) A seminar in each region;

(b) A study on cooperation, covering:

(i) Good practices;

(ii) Challenges;

(c) A compilation of views;

3. Takes note with appreciation of the report of the Special Rapporteur (A/HRC/61/22);

4. Decides to continue its consideration of the matter at its sixty-fifth session.

40th meeting
2 April 2026

[Adopted by a recorded vote of 3 to 2, with 1 abstention. The voting was as follows:

In favour:

Antigua and Barbuda, Bolivia (Plurinational State of) and Chile

Against:

Denmark and Estonia

Abstaining:

Fiji]
"""

GA = """General Assembly

Eighty-first session

Agenda item 71 (b)

Promotion and protection of human rights

Resolution adopted by the General Assembly on 10 December 2026

[on the report of the Third Committee (A/81/600, para. 12)]

81/150.\tAn invented resolution

The General Assembly,

Recalling its resolution 80/204 of 18 December 2025,

1. Requests the Secretary-General to submit a report to the General Assembly
at its eighty-second session;

2. Decides to continue its consideration of the question at its eighty-second session.

55th plenary meeting
10 December 2026
"""

SC = """Resolution 2999 (2026)

Adopted by the Security Council at its 9999th meeting, on 3 January 2026

The Security Council,

Recalling its resolutions 2334 (2016) and 2719 (2023),

1. Requests the Secretary-General to report to the Council every three months (S/2026/12);

2. Decides to remain seized of the matter.
"""

ECOSOC = """Resolution adopted by the Economic and Social Council on 24 July 2025

[on the recommendation of the Commission for Social Development (E/2025/26 and Corr.1)]

2025/9.\tAn invented social resolution

The Economic and Social Council,

Recalling its resolution 2012/11 of 26 July 2012,

1. Requests the Secretary-General to report to the Commission at its sixty-fifth session.

40th plenary meeting
24 July 2025
"""

WITH_ANNEX = """Human Rights Council

Sixtieth session

Resolution adopted by the Human Rights Council on 6 October 2025

60/12.\tAdoption of invented guidelines

The Human Rights Council,

Recalling its earlier work,

1. Adopts the guidelines annexed to the present resolution;

2. Decides to remain seized of the matter.

41st meeting
6 October 2025

[Adopted without a vote.]

Annex

Invented guidelines

1. States should do good things;

2. States should avoid bad things.
"""
