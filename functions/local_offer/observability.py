"""The single Logger, Tracer and Metrics shared by every handler.

The tracer is a `LazyTracer` (local_offer/tracing.py): it builds powertools' Tracer, and so imports the X-Ray
SDK, on first use rather than at import.
"""

from __future__ import annotations

from aws_lambda_powertools import Logger, Metrics

from local_offer.tracing import LazyTracer

logger = Logger(service="local-offer")
tracer = LazyTracer(service="local-offer")
metrics = Metrics(namespace="LocalOffer", service="local-offer")
