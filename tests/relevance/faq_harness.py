"""Shared by the FAQ evaluation and its calibration script: the seeded FAQ behind the real stream -> indexer ->
index path, asked through FaqFunction exactly as API Gateway would call it."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
SEED_FAQS = ROOT / "seed" / "faqs" / "faqs.json"
EVALUATION = Path(__file__).with_name("faq_evaluation.json")


def evaluation() -> dict[str, Any]:
    return json.loads(EVALUATION.read_text(encoding="utf-8"))


def seed_items() -> list[dict[str, Any]]:
    return json.loads(SEED_FAQS.read_text(encoding="utf-8"))["items"]


# The calibration is fitted on one half of the evaluation questions and measured on the other. The halves
# are dealt from a fixed shuffle, so every run (script and test) sees the same split.
SPLIT_SEED = 20261205


@dataclass(frozen=True)
class EvaluationQuestion:
    """One question of the evaluation set: the item key that answers it (None when no item does), what kind
    of question it is, and the glossary term a definition question asks about."""

    text: str
    expected: str | None
    kind: str  # "paraphrase", "off_topic", "hard_off_topic" or "unanswered" (parents' questions no item answers)
    glossary_term: str | None = None


def evaluation_questions() -> list[EvaluationQuestion]:
    data = evaluation()
    questions = [EvaluationQuestion(q["question"], q["expected"], "paraphrase") for q in data["queries"]]
    questions += [EvaluationQuestion(text, None, "off_topic") for text in data["off_topic"]]
    questions += [EvaluationQuestion(text, None, "hard_off_topic") for text in data["hard_off_topic"]]
    questions += [
        EvaluationQuestion(q["question"], None, "unanswered", q.get("glossary_term"))
        for q in data["parents_unanswered"]
    ]
    return questions


def questions_written_after_fitting() -> list[EvaluationQuestion]:
    """Questions written once the calibration, the threshold and the "what is X" rule were fixed: neither
    half of the split, never fitted on, measured as they come."""
    data = evaluation()["written_after_fitting"]
    questions = [EvaluationQuestion(q["question"], q["expected"], "paraphrase") for q in data["queries"]]
    questions += [
        EvaluationQuestion(q["question"], None, "unanswered", q.get("glossary_term")) for q in data["unanswered"]
    ]
    return questions


def evaluation_split(seed: int = SPLIT_SEED) -> tuple[list[EvaluationQuestion], list[EvaluationQuestion]]:
    """(fit, held_out): each stratum (the paraphrases of one item; each other kind) shuffled with `seed`, then
    all strata dealt alternately into the two halves, so both halves hold every item and every kind."""
    rng = random.Random(seed)
    strata: dict[tuple[str, str | None], list[EvaluationQuestion]] = {}
    for question in evaluation_questions():
        strata.setdefault((question.kind, question.expected), []).append(question)
    dealt: list[EvaluationQuestion] = []
    for key in sorted(strata, key=lambda key: (key[0], key[1] or "")):
        stratum = strata[key]
        rng.shuffle(stratum)
        dealt += stratum
    return dealt[0::2], dealt[1::2]


def load_seed(stream: Any) -> int:
    """Write the seed FAQ through the repository and deliver the stream to the indexer; returns items loaded."""
    from devstack.loader import load_faqs

    loaded = load_faqs(SEED_FAQS)
    stream.drain()
    assert stream.stats.records_given_up == 0
    return loaded


def call(
    template: Any,
    method: str,
    path: str,
    body: Any = None,
    claims: dict[str, Any] | None = None,
    source_ip: str = "198.51.100.7",
    headers: tuple[tuple[str, str], ...] = (),
) -> dict[str, Any]:
    """Invoke the function serving `method path` with an API Gateway REST proxy event (`headers` added to the
    request's); returns status, body and response headers."""
    from devstack import template as cfn
    from devstack.http_adapter import HttpRequest, Router, proxy_event
    from devstack.lambda_runtime import FunctionRuntime

    router = Router(cfn.api_routes(template))
    matched = router.match(method, path.split("?")[0])
    assert matched is not None, f"no route for {method} {path}"
    route, parameters = matched
    raw = b"" if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    request_headers = [("Host", "localhost"), ("Content-Type", "application/json"), *headers]
    request = HttpRequest(method, path, request_headers, raw, source_ip, "localhost")
    event = proxy_event(request, route, parameters, "dev")
    if claims is not None:
        event["requestContext"]["authorizer"] = {"claims": claims}
    response = FunctionRuntime(cfn.functions(template)).invoke(route.function_id, event)
    return {
        "status": response["statusCode"],
        "body": json.loads(response["body"]) if response["body"] else None,
        "headers": {
            **(response.get("headers") or {}),
            **{name: ",".join(values) for name, values in (response.get("multiValueHeaders") or {}).items()},
        },
    }


def ask(template: Any, question: str, **params: Any) -> dict[str, Any]:
    answer = call(template, "GET", "/faqs?" + urlencode({"search": question, **params}))
    assert answer["status"] == 200, answer
    return answer["body"]
