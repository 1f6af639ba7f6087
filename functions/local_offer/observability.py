"""The single Logger, Tracer and Metrics shared by every handler."""

from __future__ import annotations

from aws_lambda_powertools import Logger, Metrics, Tracer

logger = Logger(service="local-offer")
tracer = Tracer(service="local-offer")
metrics = Metrics(namespace="LocalOffer", service="local-offer")
