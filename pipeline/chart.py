"""The alert email's chart: a PNG of a scope's last 60 days of daily counts with the spike days,
their expected count and threshold marked, titled in Arabic.

matplotlib (3.11) lays text out with libraqm, which joins Arabic letters and orders a line
right-to-left itself: text goes in as it is stored, in logical order. Reshaping it first (as
arabic-reshaper and python-bidi did for older versions) would reverse it a second time."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, timedelta

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

DAYS_SHOWN = 60
# DejaVu Sans ships with matplotlib and has the Arabic presentation forms that shaping yields.
FONT = "DejaVu Sans"
BAR = "#8a9bb0"
SPIKE = "#c0392b"  # tests look for this colour in the rendered email
EXPECTED = "#1f6f43"
_HALF_BAR = timedelta(hours=10)


@dataclass(frozen=True)
class Marked:
    """A spike day: what was seen against what the baseline expected."""

    day: date
    observed: int
    expected: float
    threshold: float


def spike_chart(days: list[date], counts: list[int], marked: list[Marked], title: str,
                ylabel: str) -> bytes:
    """PNG of daily `counts` over `days`, bars of the `marked` days in red with their expected
    count and threshold; `title` and `ylabel` in logical-order Arabic."""
    # The Figure API, not pyplot: no global state, safe in a long-lived worker.
    fig = Figure(figsize=(7.2, 3.2), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    spike_days = {m.day for m in marked}
    colours = [SPIKE if d in spike_days else BAR for d in days]
    ax.bar(days, counts, width=0.8, color=colours, linewidth=0)
    for m in marked:
        ax.hlines(m.expected, m.day - _HALF_BAR, m.day + _HALF_BAR, colors=EXPECTED, linewidth=2,
                  label="المتوقع")
        ax.hlines(m.threshold, m.day - _HALF_BAR, m.day + _HALF_BAR, colors="black", linewidth=1,
                  linestyles="dotted", label="العتبة")
        ax.annotate(str(m.observed), (m.day, m.observed), xytext=(0, 2),
                    textcoords="offset points", ha="center", va="bottom", color=SPIKE,
                    fontsize=9, family=FONT)
    handles, labels = ax.get_legend_handles_labels()
    unique = dict(zip(labels, handles, strict=True))
    if unique:
        ax.legend(unique.values(), unique.keys(), loc="upper left", frameon=False,
                  prop={"family": FONT, "size": 9})
    ax.set_title(title, family=FONT, fontsize=12, loc="right")
    ax.set_ylabel(ylabel, family=FONT)
    ax.set_ylim(0, max([*counts, *(m.threshold for m in marked), 1]) * 1.18)
    ax.yaxis.get_major_locator().set_params(integer=True)
    step = max(1, len(days) // 6)
    ax.set_xticks(days[::-step][::-1])
    ax.set_xticklabels([d.strftime("%m-%d") for d in days[::-step][::-1]], family=FONT,
                       fontsize=8)
    for label in ax.get_yticklabels():
        label.set_family(FONT)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png")
    return out.getvalue()

