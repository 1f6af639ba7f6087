"""Fit the FAQ confidence calibration on the evaluation set and print the constants for domain/faqs.py.

    .venv/bin/python -m tests.relevance.calibrate_faqs

Runs the real path in-process (moto table from template.yaml, the stream into the indexer, osmem-server, the
FAQ function), asks every evaluation question and off-topic question, and takes each (question, hit among
the first five) as a sample labelled 1 when the hit is the expected item. A logistic regression (L2, Newton
steps) on the hit's confidence features gives weights; the script prints them, the top-1/top-3 accuracy of
the current ranking and how the fitted confidence separates right from wrong first hits.
"""

from __future__ import annotations

import math
import os
from typing import Any

FEATURES = ("phrase_coverage", "text_coverage", "standout", "grounded")
L2 = 0.01
HITS_PER_QUESTION = 5


Group = list[tuple[list[float], int]]  # one question's hits in engine order: (features, label)


def samples_from(template: Any) -> tuple[list[Group], list[Group]]:
    """Each evaluation question's and each off-topic question's hits with features and labels."""
    from local_offer.domain.faqs import FaqSearch, build_faq_query, candidates
    from local_offer.repositories.search_index import faq_index
    from tests.relevance.faq_harness import evaluation, seed_items

    ids = {item["key"]: item["id"] for item in seed_items()}
    data = evaluation()
    questions: list[tuple[str, str | None]] = [(q["question"], ids[q["expected"]]) for q in data["queries"]]
    questions += [(text, None) for text in data["off_topic"] + data["hard_off_topic"]]
    groups: list[Group] = []
    for text, expected in questions:
        params = FaqSearch.from_params(text, None, None, 1, HITS_PER_QUESTION)
        hits = faq_index().search(build_faq_query(params))["hits"]["hits"]
        items = [hit["_source"]["item"] for hit in hits]
        scores = [float(hit["_score"] or 0) for hit in hits]
        # Features over every hit, as the service computes them; samples from the first five.
        found = list(zip(items, candidates(text, items, scores), strict=True))[:HITS_PER_QUESTION]
        group = [([getattr(c, name) for name in FEATURES], int(item["id"] == expected)) for item, c in found]
        groups.append(group)
        if os.environ.get("FAQ_CALIBRATION_DUMP"):
            for (row, label), (item, _) in zip(group, found, strict=True):
                print(f"{label} {' '.join(f'{v:.2f}' for v in row)}  {text!r} -> {item['question'][:50]!r}")
    return groups[: len(data["queries"])], groups[len(data["queries"]) :]


def probability(weights: list[float], row: list[float]) -> float:
    return 1 / (1 + math.exp(-(weights[0] + sum(w * v for w, v in zip(weights[1:], row, strict=True)))))


def report(weights: list[float], judged: list[Group], off_topic: list[Group], threshold: float) -> None:
    """Accuracy by engine order and by confidence order, and how the threshold splits the first hits."""
    for name, order in (("engine order", False), ("confidence order", True)):
        top1 = top3 = 0
        for group in judged:
            ranked = sorted(group, key=lambda hit: -probability(weights, hit[0])) if order else group
            top1 += bool(ranked and ranked[0][1])
            top3 += any(label for _, label in ranked[:3])
        print(f"{name}: top-1 {top1 / len(judged):.3f}  top-3 {top3 / len(judged):.3f}")
    best = [max((probability(weights, row), label) for row, label in group) if group else (0.0, 0) for group in judged]
    wrong_or_off = [p for p, label in best if not label]
    wrong_or_off += [max((probability(weights, row) for row, _ in group), default=0.0) for group in off_topic]
    right = sorted(p for p, label in best if label)
    highest = sorted(wrong_or_off)[-3:]
    print(f"right first hits: {len(right)}, min {right[0]:.3f}, under {threshold}: {sum(p < threshold for p in right)}")
    print(
        f"wrong or off-topic first hits: {len(wrong_or_off)}, highest {', '.join(f'{p:.3f}' for p in highest)}, "
        f"at or over {threshold}: {sum(p >= threshold for p in wrong_or_off)}"
    )


def fit(rows: list[list[float]], labels: list[int], iterations: int = 50) -> list[float]:
    """Logistic regression by Newton's method (bias first), with a small L2 penalty on the weights."""
    size = len(FEATURES) + 1
    weights = [0.0] * size
    for _ in range(iterations):
        gradient = [0.0] * size
        hessian = [[0.0] * size for _ in range(size)]
        for row, label in zip(rows, labels, strict=True):
            x = [1.0, *row]
            p = 1 / (1 + math.exp(-sum(w * v for w, v in zip(weights, x, strict=True))))
            for i in range(size):
                gradient[i] += (p - label) * x[i]
                for j in range(size):
                    hessian[i][j] += p * (1 - p) * x[i] * x[j]
        for i in range(1, size):
            gradient[i] += L2 * weights[i]
            hessian[i][i] += L2
        step = solve(hessian, gradient)
        weights = [w - s for w, s in zip(weights, step, strict=True)]
        if max(abs(s) for s in step) < 1e-9:
            break
    return weights


def solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (the system is tiny)."""
    n = len(vector)
    a = [[*row, vector[i]] for i, row in enumerate(matrix)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(a[r][col]))
        a[col], a[pivot] = a[pivot], a[col]
        for r in range(col + 1, n):
            factor = a[r][col] / a[col][col]
            for c in range(col, n + 1):
                a[r][c] -= factor * a[col][c]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (a[r][n] - sum(a[r][c] * x[c] for c in range(r + 1, n))) / a[r][r]
    return x


def cross_validate(judged: list[Group], off_topic: list[Group], threshold: float, folds: int = 5) -> None:
    """Each question scored by weights fitted without it (questions dealt into `folds` folds by position):
    what to expect on questions the calibration has not seen."""
    top1 = answered_right = answered_wrong = 0
    for fold in range(folds):
        train = [g for i, g in enumerate(judged + off_topic) if i % folds != fold]
        weights = fit([row for g in train for row, _ in g], [label for g in train for _, label in g])
        for i, group in enumerate(judged + off_topic):
            if i % folds != fold or not group:
                continue
            probability_, label = max((probability(weights, row), label) for row, label in group)
            top1 += label
            if probability_ >= threshold:
                answered_right += label
                answered_wrong += 1 - label
    print(
        f"{folds}-fold cross-validation at threshold {threshold}: top-1 {top1 / len(judged):.3f}; "
        f"answered {answered_right} right and {answered_wrong} wrong or off-topic"
    )


def main() -> None:
    import boto3
    from moto import mock_aws
    from osmem_server import OsmemServer

    from devstack import template as cfn
    from devstack.lambda_runtime import FunctionRuntime
    from devstack.stack import apply_environment, base_environment
    from devstack.stream import StreamPump, consumers_from_template
    from tests.relevance.faq_harness import load_seed

    engine = OsmemServer.start(japanese=False)
    try:
        apply_environment(base_environment("http://127.0.0.1:1") | {"OPENSEARCH_ENDPOINT": engine.url})
        os.environ.pop("AWS_ENDPOINT_URL", None)
        with mock_aws():
            template = cfn.load_template()
            session = boto3.session.Session(region_name=cfn.DEFAULT_REGION)
            resources = cfn.create_resources(session, template)
            resolver = cfn.Resolver(template, resources, region=cfn.DEFAULT_REGION)
            overrides = {"OPENSEARCH_ENDPOINT": engine.url, "OPENSEARCH_AUTH": "none"}
            apply_environment(cfn.stack_environment(template, resolver, overrides) | overrides)
            os.environ.pop("AWS_ENDPOINT_URL", None)
            runtime = FunctionRuntime(cfn.functions(template), region=cfn.DEFAULT_REGION)
            load_seed(StreamPump(consumers_from_template(template, resources, runtime, session=session)))
            judged, off_topic = samples_from(template)
    finally:
        engine.close()
    from local_offer.domain.faqs import CALIBRATION, CONFIDENCE_THRESHOLD

    current = [CALIBRATION["bias"], *(CALIBRATION[name] for name in FEATURES)]
    print("with the constants in domain/faqs.py:")
    report(current, judged, off_topic, CONFIDENCE_THRESHOLD)
    rows = [row for group in judged + off_topic for row, _ in group]
    labels = [label for group in judged + off_topic for _, label in group]
    weights = fit(rows, labels)
    print("fitted now:")
    report(weights, judged, off_topic, CONFIDENCE_THRESHOLD)
    for threshold in (0.2, 0.25, 0.3, 0.35, 0.4):
        print(f"threshold {threshold}:")
        report(weights, judged, off_topic, threshold)
    cross_validate(judged, off_topic, CONFIDENCE_THRESHOLD)
    print("CALIBRATION = {")
    print(f'    "bias": {weights[0]:.3f},')
    for name, weight in zip(FEATURES, weights[1:], strict=True):
        print(f'    "{name}": {weight:.3f},')
    print("}")
    print(f"samples: {len(rows)} ({sum(labels)} positive)")


if __name__ == "__main__":
    main()
