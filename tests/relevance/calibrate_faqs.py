"""Fit the FAQ confidence calibration on one half of the evaluation set, choose the threshold on that half,
measure both on the other half, and print the constants for domain/faq_answers.py.

    .venv/bin/python -m tests.relevance.calibrate_faqs

Runs the real path in-process (moto table from template.yaml, the stream into the indexer, osmem-server, the
FAQ function's query and features) and asks every evaluation question: the paraphrases with the item that
answers them, the off-topic questions and the parents' questions that no item answers. The split is
`faq_harness.evaluation_split()` (fixed seed `SPLIT_SEED`). Each (question, hit among the first five) of the
fit half is a sample labelled 1 when the hit is the expected item; a logistic regression (L2, Newton steps)
on the hit's confidence features gives the weights. The threshold is the lowest at which the confident
answers of the fit half are right at least `FIT_PRECISION` of the time. The held-out half is only measured:
how often a confident answer is right (the target is 95%), how many answerable questions are answered right,
and top-1 of the ranking. `FAQ_CALIBRATION_DUMP=1` prints every sample.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass

from local_offer.domain.faq_answers import Candidate, confidence
from tests.relevance.faq_harness import EvaluationQuestion

FEATURES = ("phrase_coverage", "text_coverage", "standout", "grounded", "concept_coverage")
L2 = 0.01
HITS_PER_QUESTION = 5
# Required of the fit half when choosing the threshold: above the 95% target, as a margin for questions the
# fit has not seen.
FIT_PRECISION = 0.98
THRESHOLDS = [round(0.05 + 0.01 * step, 2) for step in range(91)]


@dataclass
class Group:
    """One question's first hits in the engine's order: (features, label) each."""

    question: EvaluationQuestion
    hits: list[tuple[Candidate, int]]


def samples_from(questions: list[EvaluationQuestion]) -> list[Group]:
    """Each question's hits with features and labels, features computed as the service computes them."""
    from local_offer.domain.faq_answers import candidates
    from local_offer.domain.faqs import FaqSearch, build_faq_query
    from local_offer.repositories.search_index import faq_index
    from tests.relevance.faq_harness import seed_items

    ids = {item["key"]: item["id"] for item in seed_items()}
    groups: list[Group] = []
    for question in questions:
        expected = ids[question.expected] if question.expected else None
        params = FaqSearch.from_params(question.text, None, None, 1, HITS_PER_QUESTION)
        hits = faq_index().search(build_faq_query(params))["hits"]["hits"]
        items = [hit["_source"]["item"] for hit in hits]
        scores = [float(hit["_score"] or 0) for hit in hits]
        found = list(zip(items, candidates(question.text, items, scores), strict=True))[:HITS_PER_QUESTION]
        group = Group(question, [(c, int(item["id"] == expected)) for item, c in found])
        groups.append(group)
        if os.environ.get("FAQ_CALIBRATION_DUMP"):
            for (c, label), (item, _) in zip(group.hits, found, strict=True):
                row = " ".join(f"{getattr(c, name):.2f}" for name in (*FEATURES, "unmet_definition"))
                print(f"{label} {row}  {question.text!r} -> {item['question'][:50]!r}")
    return groups


def probability(weights: list[float], row: list[float]) -> float:
    z = weights[0] + sum(w * v for w, v in zip(weights[1:], row, strict=True))
    return 1 / (1 + math.exp(-max(min(z, 500.0), -500.0)))


def best_hit(weights: list[float], group: Group) -> tuple[float, int]:
    """The confidence and label of the hit the service would put first (highest confidence), computed by the
    service's own `confidence` with these weights."""
    named = {"bias": weights[0], **dict(zip(FEATURES, weights[1:], strict=True))}
    return max(((confidence(candidate, named), label) for candidate, label in group.hits), default=(0.0, 0))


def regression_samples(groups: list[Group]) -> tuple[list[list[float]], list[int]]:
    """Rows and labels for the regression: hits the "what is X" rule leaves to the model (the rule decides
    the others)."""
    kept = [(c, label) for group in groups for c, label in group.hits if not c.unmet_definition]
    return [[getattr(c, name) for name in FEATURES] for c, _ in kept], [label for _, label in kept]


@dataclass
class Outcome:
    questions: int
    answerable: int
    top1: int  # answerable questions whose first hit (by confidence) is the expected item
    right: int  # confident and right
    wrong: int  # confident and wrong (another item, or an item for a question no item answers)

    @property
    def precision(self) -> float:
        return self.right / (self.right + self.wrong) if self.right + self.wrong else 1.0


def outcome(weights: list[float], groups: list[Group], threshold: float) -> Outcome:
    top1 = right = wrong = 0
    for group in groups:
        score, label = best_hit(weights, group)
        top1 += label
        if score >= threshold:
            right += label
            wrong += 1 - label
    answerable = sum(group.question.expected is not None for group in groups)
    return Outcome(len(groups), answerable, top1, right, wrong)


def describe(name: str, result: Outcome, threshold: float) -> str:
    return (
        f"{name}: {result.questions} questions ({result.answerable} answerable); top-1 "
        f"{result.top1 / max(result.answerable, 1):.3f}; at threshold {threshold}: {result.right + result.wrong} "
        f"confident answers, {result.right} right, {result.wrong} wrong, precision {result.precision:.3f}; "
        f"answerable answered right {result.right / max(result.answerable, 1):.3f}"
    )


def confident_mistakes(weights: list[float], groups: list[Group], threshold: float) -> list[str]:
    """The questions answered wrongly with confidence, and the answerable ones whose first hit is wrong."""
    lines = []
    for group in groups:
        score, label = best_hit(weights, group)
        if group.question.expected and not label:
            lines.append(f"  first hit wrong ({score:.3f}): {group.question.text!r}")
    for group in groups:
        score, label = best_hit(weights, group)
        if score >= threshold and not label:
            lines.append(f"  confident and wrong ({score:.3f}, {group.question.kind}): {group.question.text!r}")
    return lines


def choose_threshold(weights: list[float], groups: list[Group]) -> float:
    """The lowest threshold at which the fit half's confident answers are right at least FIT_PRECISION of the
    time (lowest: the most questions answered)."""
    for threshold in THRESHOLDS:
        if outcome(weights, groups, threshold).precision >= FIT_PRECISION:
            return threshold
    return THRESHOLDS[-1]


def fit_nonnegative(rows: list[list[float]], labels: list[int]) -> list[float]:
    """`fit` with every feature weight at least zero: each feature measures how well a hit fits, so more of it
    must never lower the confidence. The features overlap (standout and grounded are scaled phrase coverage),
    and an unconstrained fit trades them against each other in ways that hold on the samples but not beyond
    (a hit whose answer alone holds every word, with no phrasing matching, came out confident). A feature that
    comes out negative is dropped (weight 0) and the rest refitted."""
    active = list(range(len(FEATURES)))
    while True:
        partial = fit([[row[i] for i in active] for row in rows], labels)
        weights = [partial[0]] + [0.0] * len(FEATURES)
        for position, feature in enumerate(active):
            weights[feature + 1] = partial[position + 1]
        negative = [feature for feature in active if weights[feature + 1] < 0]
        if not negative:
            return weights
        active.remove(min(negative, key=lambda feature: weights[feature + 1]))


def fit(rows: list[list[float]], labels: list[int], iterations: int = 50) -> list[float]:
    """Logistic regression by Newton's method (bias first), with a small L2 penalty on the weights."""
    size = len(rows[0]) + 1
    weights = [0.0] * size
    for _ in range(iterations):
        gradient = [0.0] * size
        hessian = [[0.0] * size for _ in range(size)]
        for row, label in zip(rows, labels, strict=True):
            x = [1.0, *row]
            p = 1 / (1 + math.exp(-max(min(sum(w * v for w, v in zip(weights, x, strict=True)), 500.0), -500.0)))
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


def measure_all(groups: list[Group], fit_half: list[Group], held_out: list[Group], later: list[Group]) -> None:
    from local_offer.domain.faq_answers import CALIBRATION, CONFIDENCE_THRESHOLD

    current = [CALIBRATION["bias"], *(CALIBRATION[name] for name in FEATURES)]
    print(f"constants in domain/faq_answers.py (threshold {CONFIDENCE_THRESHOLD}):")
    for name, part in (("  fit half", fit_half), ("  held-out half", held_out), ("  all", groups)):
        print(describe(name, outcome(current, part, CONFIDENCE_THRESHOLD), CONFIDENCE_THRESHOLD))
    print("\n".join(confident_mistakes(current, held_out, CONFIDENCE_THRESHOLD)))
    print(describe("  written after fitting", outcome(current, later, CONFIDENCE_THRESHOLD), CONFIDENCE_THRESHOLD))
    print("\n".join(confident_mistakes(current, later, CONFIDENCE_THRESHOLD)))

    weights = fit_nonnegative(*regression_samples(fit_half))
    threshold = choose_threshold(weights, fit_half)
    print(f"\nfitted on the fit half, threshold chosen on it ({FIT_PRECISION:.0%} precision): {threshold}")
    print(describe("  fit half", outcome(weights, fit_half, threshold), threshold))
    print(describe("  HELD-OUT half", outcome(weights, held_out, threshold), threshold))
    print("\n".join(confident_mistakes(weights, held_out, threshold)))
    for other in (threshold - 0.1, threshold - 0.05, threshold + 0.05, threshold + 0.1):
        other = round(other, 2)
        print(describe(f"  held-out at {other}", outcome(weights, held_out, other), other))
    print("CALIBRATION = {")
    print(f'    "bias": {weights[0]:.3f},')
    for name, weight in zip(FEATURES, weights[1:], strict=True):
        print(f'    "{name}": {weight:.3f},')
    print("}")
    print(f"CONFIDENCE_THRESHOLD = {threshold}")
    rows, labels = regression_samples(fit_half)
    print(f"fit samples: {len(rows)} ({sum(labels)} positive)")


def main() -> None:
    import boto3
    from moto import mock_aws
    from osmem_server import OsmemServer

    from devstack import template as cfn
    from devstack.lambda_runtime import FunctionRuntime
    from devstack.stack import apply_environment, base_environment
    from devstack.stream import StreamPump, consumers_from_template
    from tests.relevance.faq_harness import (
        SPLIT_SEED,
        evaluation_split,
        load_seed,
        questions_written_after_fitting,
    )

    fit_questions, held_out_questions = evaluation_split()
    print(f"split seed {SPLIT_SEED}: {len(fit_questions)} questions to fit, {len(held_out_questions)} held out")
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
            fit_half = samples_from(fit_questions)
            held_out = samples_from(held_out_questions)
            later = samples_from(questions_written_after_fitting())
    finally:
        engine.close()
    measure_all(fit_half + held_out, fit_half, held_out, later)


if __name__ == "__main__":
    main()
