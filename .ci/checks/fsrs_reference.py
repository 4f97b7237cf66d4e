"""Compares the Swift FSRS-6 scheduler (the `fsrs-replay` tool) with the reference Python package.

Review histories are generated with a seed: grades weighted like real answers, gaps of minutes
(same-day reviews), around the scheduled interval, or long overdue. Both sides replay them; after
every answer stability, difficulty, retrievability and next interval must agree within 1e-6
relative (intervals exactly), and so must the forgetting curve at whole days.

The reference is configured to the pure algorithm: no learning or relearning steps (the study
session handles same-session repeats itself), no interval fuzz, 90% retention, 36500-day maximum.

Usage: fsrs_reference.py BINARY [--histories N] [--seed S]
"""

import argparse
import importlib.metadata
import json
import random
import subprocess
import sys
from datetime import datetime, timedelta, timezone

from fsrs import Card, Rating, Scheduler

TOLERANCE = 1e-6
CURVE_DAYS = [0, 1, 2, 3, 5, 7, 10, 14, 21, 30, 45, 60, 90, 120, 180, 270, 365, 730, 1825, 3650, 36500]


def generate(count, seed):
    """Seeded histories, replayed through the reference as they are drawn (a gap may depend on the
    interval the reference just scheduled). Returns the histories and the reference's values."""
    rng = random.Random(seed)
    start = datetime(2024, 1, 1, tzinfo=timezone.utc)
    scheduler = Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)
    histories, results, curves = [], [], []
    for index in range(count):
        # An explicit id: without one, Card() sleeps a millisecond to make its id unique.
        card = Card(card_id=index + 1)
        at = start + timedelta(seconds=rng.randrange(0, 86400 * 30))
        history, steps = [], []
        for _ in range(rng.randint(1, 24)):
            grade = rng.choices([1, 2, 3, 4], weights=[15, 15, 55, 15])[0]
            history.append({"grade": grade, "at": int(at.timestamp())})
            retrievability = scheduler.get_card_retrievability(card, current_datetime=at)
            card, _ = scheduler.review_card(card, Rating(grade), review_datetime=at)
            steps.append(
                {
                    "stability": card.stability,
                    "difficulty": card.difficulty,
                    "interval": (card.due - at).days,
                    "retrievability": retrievability,
                }
            )
            kind = rng.random()
            if kind < 0.2:  # again within the day, minutes to hours later
                gap = timedelta(seconds=rng.randrange(30, 86400))
            elif kind < 0.3:  # just before or after a whole day
                gap = timedelta(seconds=86400 + rng.randrange(-120, 120))
            elif kind < 0.85:  # around the scheduled time
                scheduled = (card.due - at).total_seconds()
                gap = timedelta(seconds=int(scheduled * rng.uniform(0.3, 2.5)) + rng.randrange(0, 86400))
            else:  # long overdue
                gap = timedelta(days=rng.randrange(1, 2000), seconds=rng.randrange(0, 86400))
            at = at + gap
        histories.append(history)
        results.append(steps)
        curve = []
        for days in CURVE_DAYS:
            probe = Card(card_id=index + 1, stability=card.stability, difficulty=card.difficulty, last_review=card.last_review)
            curve.append(
                scheduler.get_card_retrievability(probe, current_datetime=card.last_review + timedelta(days=days))
            )
        curves.append(curve)
    return histories, results, curves


def relative(a, b):
    return abs(a - b) / max(abs(b), 1e-12)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--histories", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=20260101)
    args = parser.parse_args()

    histories, expected, expected_curves = generate(args.histories, args.seed)
    run = subprocess.run(
        [args.binary],
        input=json.dumps({"histories": histories, "curveDays": CURVE_DAYS}),
        capture_output=True,
        text=True,
        check=True,
    )
    actual = json.loads(run.stdout)

    worst = {"stability": 0.0, "difficulty": 0.0, "retrievability": 0.0, "curve": 0.0}
    interval_mismatches = 0
    failures = []
    answers = 0
    for h, (want, got) in enumerate(zip(expected, actual["histories"])):
        for i, (w, g) in enumerate(zip(want, got)):
            answers += 1
            for key in ("stability", "difficulty", "retrievability"):
                error = relative(g[key], w[key])
                worst[key] = max(worst[key], error)
                if error > TOLERANCE and len(failures) < 10:
                    failures.append(f"history {h} answer {i}: {key} {g[key]!r} vs reference {w[key]!r}")
            if g["interval"] != w["interval"]:
                interval_mismatches += 1
                if len(failures) < 10:
                    failures.append(f"history {h} answer {i}: interval {g['interval']} vs reference {w['interval']}")
    for want, got in zip(expected_curves, actual["curves"]):
        for w, g in zip(want, got):
            worst["curve"] = max(worst["curve"], relative(g, w))
    if len(actual["histories"]) != len(expected):
        failures.append(f"{len(actual['histories'])} histories replayed, {len(expected)} expected")

    print(
        f"fsrs {importlib.metadata.version('fsrs')}: {len(histories)} histories, "
        f"{answers} answers, seed {args.seed}"
    )
    for key, value in worst.items():
        print(f"  max relative error {key:15s} {value:.3e}")
    print(f"  interval mismatches            {interval_mismatches}")
    bad = [k for k, v in worst.items() if v > TOLERANCE]
    if bad or interval_mismatches or failures:
        print("FSRS reference check FAILED:", ", ".join(bad) or "intervals")
        for line in failures:
            print("  " + line)
        return 1
    print("FSRS reference check passed (tolerance 1e-6 relative, intervals exact)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
