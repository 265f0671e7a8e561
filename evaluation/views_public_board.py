"""Rule 8's page on the public board: the bureau's satisfaction figures per
section by month (好评率, 主动评价率, 差评整改率, 实名差评回访率).

Open to everyone, no login, read only; counts of sections, never a person:
no staff name, no case, no rater."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from core import clock
from evaluation import selectors_dashboard as selectors
from evaluation.periods import Period


@require_safe
def satisfaction(request):
    months = selectors.months_to(Period.month_of(clock.localdate()))
    sections = selectors.public_satisfaction(months)
    chart = {
        "labels": [month.key for month in months],
        "sections": [
            {"name": section["name"], "good": [row["good_rate"] for row in section["months"]]}
            for section in sections
        ],
    }
    return render(
        request,
        "evaluation/public/satisfaction.html",
        {"months": months, "sections": sections, "chart": chart, "as_of": clock.now()},
    )
