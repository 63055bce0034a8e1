"""The timeline layout: bands, markers and ticks placed on a date axis, without queries."""

from datetime import date
from types import SimpleNamespace

from mandates.timeline import MARGIN, UPRIGHT_AXIS_X, UPRIGHT_WIDTH, WIDTH, timeline_layout

START, END = date(2027, 1, 1), date(2027, 12, 31)


class Session(SimpleNamespace):
    def __str__(self):
        return self.label


def make_session(label, start, end, **kwargs):
    return Session(
        label=label,
        start=start,
        end=end,
        body_id=kwargs.get("body_id", 1),
        is_estimated=kwargs.get("estimated", False),
        main_part_end=kwargs.get("main_part_end"),
    )


def day(due, count=1, what="Report"):
    """What the page passes for each day: the date, how many are due, the marker's words."""
    return (due, count, what)


def test_dates_map_linearly_onto_the_width():
    """The first day sits at the left margin, the last at the right margin."""
    chart = timeline_layout(
        sessions=[],
        days=[day(START), day(END)],
        start=START,
        end=END,
    )
    assert [marker.x for marker in chart.markers] == [MARGIN, WIDTH - MARGIN]


def test_bands_span_their_session_and_flag_estimated_dates():
    """A band runs from the session's opening to its closing, estimated or not."""
    chart = timeline_layout(
        sessions=[make_session("HRC 64", date(2027, 2, 22), date(2027, 3, 30), estimated=True)],
        days=[],
        start=START,
        end=END,
    )
    (band,) = chart.bands
    assert band.label == "HRC 64" and band.estimated
    assert MARGIN < band.x < band.x + band.width < WIDTH / 2


def test_general_assembly_band_ends_with_the_main_part():
    """A year-long GA session is drawn to the end of its main part, on its own label row."""
    chart = timeline_layout(
        sessions=[
            make_session("HRC 64", date(2027, 2, 22), date(2027, 3, 30)),
            make_session(
                "GA 82",
                date(2027, 9, 7),
                date(2028, 9, 5),
                body_id=2,
                main_part_end=date(2027, 12, 22),
            ),
        ],
        days=[],
        start=START,
        end=END,
    )
    hrc, ga = chart.bands
    assert ga.x + ga.width < WIDTH - MARGIN
    assert hrc.label_y != ga.label_y


def test_markers_close_together_take_separate_lanes():
    """Days due close together are stacked, not drawn on top of each other; a lane is used
    again once the axis has moved far enough."""
    chart = timeline_layout(
        sessions=[],
        days=[day(date(2027, 3, 1)), day(date(2027, 3, 2)), day(date(2027, 6, 1))],
        start=START,
        end=END,
    )
    first, second, later = chart.markers
    assert first.y != second.y and later.y == first.y
    assert chart.height > second.y


def test_one_marker_per_day_says_how_many_are_due():
    """A day's marker carries its count and its words, whatever the number of deliverables."""
    chart = timeline_layout(
        sessions=[], days=[day(date(2027, 3, 1), 250, "250 deliverables")], start=START, end=END
    )
    (marker,) = chart.markers
    assert (marker.count, marker.label) == (250, "2027-03-01: 250 deliverables")


def test_month_ticks_are_labelled_sparsely_over_long_spans():
    """Every month gets a tick; at most twelve carry a label."""
    chart = timeline_layout(sessions=[], days=[], start=date(2026, 10, 1), end=date(2028, 10, 1))
    assert len(chart.ticks) == 25
    assert 6 <= sum(1 for tick in chart.ticks if tick.label) <= 12


def test_today_line_only_inside_the_period():
    """The today line is drawn only when today falls inside the period."""
    inside = timeline_layout(sessions=[], days=[], start=START, end=END, today=date(2027, 7, 1))
    outside = timeline_layout(sessions=[], days=[], start=START, end=END, today=date(2030, 1, 1))
    assert inside.today_x is not None and outside.today_x is None


def test_deliverables_without_a_date_are_left_out():
    """Only dated deliverables become markers."""
    chart = timeline_layout(sessions=[], days=[day(None)], start=START, end=END)
    assert chart.markers == []


def test_upright_chart_puts_lanes_right_of_the_axis_and_labels_by_body():
    """Upright (phones), stacked markers go rightwards from the axis, each body's session
    labels keep a column of their own, and the chart is about a phone's width."""
    chart = timeline_layout(
        sessions=[
            make_session("HRC 66", date(2027, 9, 8), date(2027, 10, 8)),
            make_session("GA 82", date(2027, 9, 7), date(2028, 9, 5), body_id=2),
        ],
        days=[day(date(2027, 3, 1)), day(date(2027, 3, 2))],
        start=START,
        end=END,
    )
    first, second = chart.markers
    assert UPRIGHT_AXIS_X < first.upright_x < second.upright_x < chart.upright_width
    hrc, ga = chart.bands
    assert ga.label_x < hrc.label_x < chart.upright_width
    assert second.upright_x < ga.label_x - 56  # the dots stay clear of the labels
    assert chart.upright_width == UPRIGHT_WIDTH


def test_upright_chart_widens_for_many_lanes():
    """With more lanes than a phone's width holds, the upright chart widens rather than
    drawing dots under the session labels."""
    chart = timeline_layout(
        sessions=[make_session("HRC 64", date(2027, 2, 22), date(2027, 3, 30))],
        days=[day(date(2027, 3, n)) for n in range(1, 16)],  # 15 lanes over three years
        start=START,
        end=date(2029, 12, 31),
    )
    (band,) = chart.bands
    assert max(marker.lane for marker in chart.markers) == 14
    assert chart.upright_width > UPRIGHT_WIDTH
    assert max(marker.upright_x for marker in chart.markers) < band.label_x - 56
