"""The results page's plot geometry: what a reader sees where."""

from __future__ import annotations

from diagnosis.web.benchmark_charts import (
    accuracy_vs_cost,
    distribution,
    gold_rank_curve,
    nice_ceiling,
)


def test_the_gold_rank_curve_puts_rank_one_at_the_top_and_skips_unranked_cases():
    plot = gold_rank_curve({0: [3, None, 3], 1: [1, 1, None]})
    first, second = plot.marks
    assert second.y < first.y  # rank 1 after turn 2 is drawn above rank 3 after turn 1
    assert second.y == plot.top and first.y == plot.bottom
    assert plot.table == [("1", "3", "2", "3.00"), ("2", "3", "2", "1.00")]


def test_accuracy_against_cost_draws_each_case_and_the_running_accuracy():
    rows = [
        {"case_key": "a", "cost": 10.0, "correct": True},
        {"case_key": "b", "cost": 30.0, "correct": False},
        {"case_key": "c", "cost": None, "correct": None},  # not finished: not drawn
    ]
    plot = accuracy_vs_cost(rows)
    assert [m.shape for m in plot.marks] == ["circle", "square"]
    assert plot.x_ticks[-1].value == "50"  # a round axis end above the dearest case
    assert plot.line.count("L") == 1 and plot.table[1] == ("b", "30.00", "no")


def test_a_distribution_counts_each_value_once_and_an_empty_one_says_so():
    plot = distribution([{"dtc": 0.0}, {"dtc": 1.0}, {"dtc": 0.55}], "dtc", "DTC")
    assert [int(row[1]) for row in plot.table] == [1, 0, 0, 0, 0, 1, 0, 0, 0, 1]
    assert distribution([], "rac", "RAC").empty == "No case has a RAC yet."
    assert [nice_ceiling(v) for v in (0.3, 7, 244.7, 1000)] == [0.5, 10, 250, 1000]
