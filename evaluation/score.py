"""The score on the pattern bureaus use: a base (100), then points per figure
(negative for a deduction, positive for an addition), each figure's points
capped, the total kept between 0 and the base plus the additions allowed.
A period is scored with the scheme in force on its first day.

Grades: ≥ 90 优秀, ≥ 80 良好, ≥ 60 合格, below 不合格; a staff member with as
many efficiency warnings in the year as the bureau's limit
(``WARNINGS_BAR_EXCELLENT``, rule 7) is not graded 优秀.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from evaluation.figures import LABELS
from evaluation.models import ScoreScheme
from evaluation.periods import Period

GRADES = [
    (90, "excellent", _("Excellent (优秀)")),
    (80, "good", _("Good (良好)")),
    (60, "pass", _("Pass (合格)")),
    (0, "fail", _("Fail (不合格)")),
]
GRADE_LABELS = {code: label for _min, code, label in GRADES}


@dataclass(frozen=True)
class Line:
    key: str
    label: str
    value: float
    points_each: float
    cap: float | None
    points: float  # after the cap

    @property
    def capped(self) -> bool:
        return self.cap is not None and abs(self.points_each * self.value) > self.cap


def scheme_for(period: Period) -> ScoreScheme | None:
    return ScoreScheme.objects.filter(valid_from__lte=period.start).order_by("-valid_from").first()


def explain(row: dict, scheme: ScoreScheme) -> list[Line]:
    """How each figure of ``row`` moved the score, in the scheme's order."""
    lines = []
    for key, rule in scheme.rules.items():
        value = row.get(key) or 0
        each = float(rule.get("points", 0))
        cap = rule.get("cap")
        raw = each * value
        points = max(-cap, min(cap, raw)) if cap is not None else raw
        lines.append(Line(key, str(LABELS.get(key, key)), value, each, cap, round(points, 2)))
    return lines


def score(row: dict, scheme: ScoreScheme) -> float:
    lines = explain(row, scheme)
    additions = sum(line.cap or 0 for line in lines if line.points_each > 0)
    total = scheme.base + sum(line.points for line in lines)
    return round(max(0, min(scheme.base + additions, total)), 2)


def grade(points: float, *, barred_from_excellent: bool = False) -> str:
    for minimum, code, _label in GRADES:
        if points >= minimum:
            if code == "excellent" and barred_from_excellent:
                return "good"
            return code
    return "fail"
