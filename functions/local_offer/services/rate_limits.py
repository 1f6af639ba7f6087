"""Per-client allowances for public writes (corrections, shortlists): one call that counts or refuses."""

from __future__ import annotations

from local_offer.models.errors import TooManyRequests


def enforce_rate_limit(action: str, client: str, limit: int, window_seconds: int, refusal: str) -> None:
    """Count one `action` by `client` (its source IP, stored only as a hash with the window) or raise
    TooManyRequests (429 with Retry-After) when `limit` were already made in this window; nothing is
    counted then."""
    from local_offer.repositories.rate_limits import RateLimitExceeded, RateLimitRepository

    try:
        RateLimitRepository().hit(action, client, limit, window_seconds)
    except RateLimitExceeded as exc:
        raise TooManyRequests(
            f"{refusal}; try again in {exc.retry_after} seconds", retry_after=exc.retry_after
        ) from exc
