"""Score the extractor on the held-out labels (labels_holdout/), not used for tuning.

Run from the repository root:

    /work/main/.venv/bin/python tests/extraction/holdout_report.py [-v] [--labels DIR]

Deadline deliverables at an HRC or GA session are matched as a multiset on (paragraph,
due_body, due_session), like ``deadline_scores`` in test_gold.py (the held-out format lists
only those; deadlines at other bodies are reported, not scored); the relation (at/before/by) is reported
for the matched ones. The header (symbol, body, session, adoption date) is checked against
labels_holdout/meta/<STEM>.json, which also lists deliverables without a session number
and deadlines at other bodies (reported, not scored). Every false positive and false
negative is printed with its paragraph. ``-v`` also prints what the extractor found in
the paragraph of each false negative. ``--labels DIR`` scores another folder in the same
format (e.g. labels_holdout2/); the default is labels_holdout/. A folder may hold
``files.json`` mapping each stem to its source under ../shared (labels_holdout4/ scores real
PDFs from realdocs/ through the project's own reader).
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mandates.extraction import EXTRACTOR_VERSION, extract_file  # noqa: E402

LABELS = Path(__file__).with_name("labels_holdout")
#: The bodies whose session deadlines the held-out labels list (the format of labels_holdout/).
SCORED_BODIES = {"HRC", "GA"}
SHARED = Path(os.environ.get("MANDATE_TRACKER_SHARED", ROOT.parent / "shared"))


def corpus_path(stem: str, sources: dict[str, str] | None = None, labels: Path = LABELS) -> Path:
    """The text of a labelled document: ``files.json`` in the label folder maps stems to
    paths under ../shared (a corpus text or a real PDF in realdocs/) or, for "texts/...",
    under the label folder (invented texts kept with their labels); otherwise the corpus."""
    if sources and stem in sources:
        if sources[stem].startswith("texts/"):
            return labels / sources[stem]
        return SHARED / sources[stem]
    folder = "hrc" if stem.startswith("A_HRC_") else "ga" if stem.startswith("A_RES_") else "other"
    return SHARED / "corpus" / folder / f"{stem}.txt"


def label_files(labels: Path) -> list[Path]:
    """The label files of a folder (``files.json`` is the source map, not labels), or of
    its ``labels/`` folder when a reader kept them there (the set is stored as made)."""
    if (labels / "labels").is_dir():
        labels = labels / "labels"
    return sorted(p for p in labels.glob("*.json") if p.name != "files.json")


def source_map(labels: Path) -> dict[str, str]:
    path = labels / "files.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def ratio(num: int, den: int) -> float:
    return num / den if den else 1.0


def short(text: str, width: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 3] + "..."


def paragraph_label(label: str) -> str:
    """A paragraph label without spaces: readers write "3 (d)" and "3(d)" for one place."""
    return "".join(label.split())


def row_key(row: dict) -> tuple:
    return (paragraph_label(row["paragraph"]), row["due_body"], row["due_session"])


def due_key(deliverable) -> tuple:
    return (paragraph_label(deliverable.paragraph), deliverable.due.body, deliverable.due.session)


def overlap(left, right) -> int:
    return sum((Counter(left) & Counter(right)).values())


def actor_names(deliverable) -> tuple[str, ...]:
    """The names a deliverable answers to: its actor and, for a product of several (the
    first the actor, the others partners), the joint name readers write for a request to
    "A and B, jointly": "A and B (jointly)"."""
    if not deliverable.partners:
        return (deliverable.actor,)
    joint = " and ".join([deliverable.actor, *deliverable.partners])
    return (deliverable.actor, f"{joint} (jointly)")


def actor_overlap(wanted, found) -> int:
    """How many labelled actors a found deliverable answers to, each deliverable used once."""
    left = [actor_names(deliverable) for deliverable in found]
    count = 0
    for actor in wanted:
        for index, names in enumerate(left):
            if actor in names:
                count += 1
                del left[index]
                break
    return count


def header_checks(result, meta: dict) -> list[tuple[str, object, object]]:
    """(field, want, got) for the header fields the reader recorded (of four; a set of
    corpus texts, whose headers other tests check, may leave out the adoption date)."""
    adopted = result.adopted_on.isoformat() if result.adopted_on else None
    got = {
        "symbol": result.symbol,
        "body": result.body,
        "session": result.special_session or result.session,
        "adopted": adopted,
    }
    checks = [(field, meta[field], value) for field, value in got.items() if field in meta]
    # a special session written by its number alone counts as read (see same_session)
    return [
        (field, value if field == "session" and same_session(want, value) else want, value)
        for field, want, value in checks
    ]


def same_session(want: object, got: object) -> bool:
    """The session a reader wrote is the one read: a special session is written "S-41"
    (set 23 on), or by its number alone by earlier readers (sets 9 and 11 wrote 41 for
    A/HRC/RES/S-41/1); the extractor reads it "S-41" and gives no regular session."""
    if want == got:
        return True
    return isinstance(want, int) and isinstance(got, str) and got.split("-")[-1] == str(want)


def main(verbose: bool = False, labels: Path = LABELS) -> int:
    files = label_files(labels)
    sources = source_map(labels)
    tp = fp = fn = 0
    relation_ok = relation_all = 0
    kind_ok = actor_ok = 0
    judged = judged_found = 0
    header_ok = header_all = 0
    docs_header_ok = 0
    fps: list[str] = []
    fns: list[str] = []
    header_errors: list[str] = []
    relation_errors: list[str] = []
    kind_errors: list[str] = []
    side: list[str] = []
    errors: list[str] = []
    for label_file in files:
        stem = label_file.stem
        rows = json.loads(label_file.read_text(encoding="utf-8"))
        meta_file = labels / "meta" / f"{stem}.json"
        meta = json.loads(meta_file.read_text(encoding="utf-8")) if meta_file.exists() else None
        try:
            result = extract_file(str(corpus_path(stem, sources, labels)))
        except Exception as exc:  # a crash is a miss on every label of the document
            errors.append(f"{stem}: {type(exc).__name__}: {exc}")
            fn += len(rows)
            fns.extend(f"FN {stem} {row_key(r)}" for r in rows)
            continue

        sessions = [
            d for d in result.deliverables if d.due is not None and d.due.session is not None
        ]
        # the held-out format lists deadlines at an HRC or GA session; the ones the extractor
        # dates at another body (CSW, CCPCJ) are compared with meta's other_body_deadlines
        dated = [d for d in sessions if d.due.body in SCORED_BODIES]
        side.extend(
            f"{stem} ({d.paragraph}, {d.due.body}, {d.due.session}) {d.kind}: extractor, "
            "other body (not scored)"
            for d in sessions
            if d.due.body not in SCORED_BODIES
        )
        got = Counter(due_key(d) for d in dated)
        want = Counter(row_key(r) for r in rows)
        for key in sorted(got | want, key=str):
            hit = min(got[key], want[key])
            tp += hit
            if got[key] > hit:
                fp += got[key] - hit
                for d in [d for d in dated if due_key(d) == key][hit:]:
                    fps.append(f"FP {stem} {key} {d.kind} by {d.actor!r}: {short(d.quote)!r}")
            if want[key] > hit:
                fn += want[key] - hit
                for r in [r for r in rows if row_key(r) == key][hit:]:
                    line = f"FN {stem} {key} {r['kind']} by {r['actor']!r} ({r['due_relation']})"
                    if r.get("note"):
                        line += f" [note: {r['note']}]"
                    if verbose:
                        there = [
                            f"{d.kind}/{d.due.body if d.due else None}/"
                            f"{d.due.session if d.due else None}"
                            for d in result.deliverables
                            if paragraph_label(d.paragraph) == key[0]
                        ]
                        line += f"\n      extractor in para {key[0]}: {there or 'nothing'}"
                    fns.append(line)
            labelled = [r for r in rows if row_key(r) == key]
            found = [d for d in dated if due_key(d) == key]
            judgement = [r for r in labelled if r.get("judgement_call")]
            judged += len(judgement)
            judged_found += min(len(judgement), hit)
            if hit:
                kinds = overlap((r["kind"] for r in labelled), (d.kind for d in found))
                actors = actor_overlap([r["actor"] for r in labelled], found)
                kind_ok += min(kinds, hit)
                actor_ok += min(actors, hit)
                if kinds < hit or actors < hit:
                    kind_errors.append(
                        f"{stem} {key}: want {[(r['kind'], r['actor']) for r in labelled]} "
                        f"got {[(d.kind, d.actor) for d in found]}"
                    )
                want_rel = Counter(r["due_relation"] for r in labelled)
                got_rel = Counter(d.due.relation for d in found)
                same = sum((want_rel & got_rel).values())
                relation_all += hit
                relation_ok += min(same, hit)
                if same < hit:
                    relation_errors.append(
                        f"{stem} {key}: want {dict(want_rel)} got {dict(got_rel)}"
                    )

        if meta is not None:
            checks = header_checks(result, meta)
            bad = [(name, w, g) for name, w, g in checks if w != g]
            header_all += len(checks)
            header_ok += len(checks) - len(bad)
            docs_header_ok += not bad
            header_errors.extend(f"{stem} {name}: want {w!r} got {g!r}" for name, w, g in bad)
            for r in meta.get("other_body_deadlines", []):
                found = [
                    f"{d.due.body}/{d.due.session}"
                    for d in result.deliverables
                    if paragraph_label(d.paragraph) == paragraph_label(r["paragraph"])
                    and d.due is not None
                ]
                side.append(
                    # (set 15's reader wrote "body" and "session" or "when" for these)
                    f"{stem} ({r['paragraph']}, {r.get('due_body', r.get('body'))}, "
                    f"{r.get('due_session', r.get('session', r.get('when')))}) "
                    f"{r['kind']}: extractor dues in paragraph: {found or 'none'}"
                )
            for r in meta.get("deliverables_without_session", []):
                found = [
                    f"{d.kind}/{d.due.body if d.due else None}"
                    for d in result.deliverables
                    if paragraph_label(d.paragraph) == paragraph_label(r["paragraph"])
                ]
                side.append(
                    f"{stem} ({r['paragraph']}) {r['kind']} to {r.get('due_body', r.get('due'))} "
                    "without session: "
                    f"extractor in paragraph: {found or 'none'}"
                )

    precision, recall = ratio(tp, tp + fp), ratio(tp, tp + fn)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"extractor {EXTRACTOR_VERSION}; held-out documents: {len(files)}")
    print(
        f"deadline deliverables (paragraph, body, session): tp={tp} fp={fp} fn={fn} "
        f"P={precision:.3f} R={recall:.3f} F1={f1:.3f}"
    )
    # the same score without the rows marked judgement_call (debatable readings)
    s_tp, s_fn = tp - judged_found, fn - (judged - judged_found)
    s_p, s_r = ratio(s_tp, s_tp + fp), ratio(s_tp, s_tp + s_fn)
    s_f1 = 2 * s_p * s_r / (s_p + s_r) if s_p + s_r else 0.0
    print(
        f"  without {judged} judgement-call labels: tp={s_tp} fp={fp} fn={s_fn} "
        f"P={s_p:.3f} R={s_r:.3f} F1={s_f1:.3f}"
    )
    print(f"relation (at/before/by) on matched: {relation_ok}/{relation_all}")
    print(f"kind on matched: {kind_ok}/{tp}; actor (canonical name) on matched: {actor_ok}/{tp}")
    print(
        f"header fields correct: {header_ok}/{header_all}; "
        f"documents with a fully correct header: {docs_header_ok}/{len(files)}"
    )
    sections = [
        ("extraction errors", errors),
        ("false positives", fps),
        ("false negatives", fns),
        ("relation mismatches", relation_errors),
        ("kind or actor mismatches on matched deliverables", kind_errors),
        ("header mismatches", header_errors),
        ("not scored: other bodies and deliverables without a session", side),
    ]
    for title, lines in sections:
        print(f"\n{title} ({len(lines)}):")
        for line in lines:
            print("  ", line)
    return 0


def parse_labels(argv: list[str]) -> Path:
    """The folder given by ``--labels DIR`` (or ``--labels=DIR``); labels_holdout/ otherwise."""
    for i, arg in enumerate(argv):
        if arg == "--labels" and i + 1 < len(argv):
            return Path(argv[i + 1])
        if arg.startswith("--labels="):
            return Path(arg.split("=", 1)[1])
    return LABELS


if __name__ == "__main__":
    args = sys.argv[1:]
    sys.exit(main(verbose="-v" in args, labels=parse_labels(args)))
