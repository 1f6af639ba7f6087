"""The local user pools' token signing keys: generated when the stack creates a pool, never moto's bundled one.

moto signs the tokens of every pool with one RSA key it ships, published with its source, so anyone could
forge a token that a local authorizer trusting that key would accept. Instead, each pool created locally
gets a fresh RSA key (`sign_pool_tokens`): moto, which runs in this process, signs that pool's tokens with
it under the key's own id, and serves the public halves at `/<pool id>/.well-known/jwks.json`. The local
authorizer verifies with the pool's key (`public_jwks`), so a token signed with moto's bundled key, or with
any key but the pool's, is refused locally as in AWS.
"""

from __future__ import annotations

import json
import secrets
import threading
from dataclasses import dataclass
from typing import Any

KEY_BITS = 2048

_keys: dict[str, PoolKey] = {}  # pool id -> its key (this process's pools)
_lock = threading.Lock()


@dataclass(frozen=True)
class PoolKey:
    """One pool's RSA signing key (a joserfc key, as moto signs with)."""

    key: Any

    @classmethod
    def generate(cls) -> PoolKey:
        from joserfc import jwk

        parameters = {"kid": f"local-{secrets.token_hex(8)}", "use": "sig", "alg": "RS256"}
        return cls(jwk.RSAKey.generate_key(KEY_BITS, parameters=parameters, private=True))

    @property
    def kid(self) -> str:
        return str(self.key.kid)

    def public_jwk(self) -> dict[str, Any]:
        return dict(self.key.as_dict(private=False))

    def private_jwk(self) -> dict[str, Any]:
        """The private key as a JWK (tests sign tokens with it)."""
        return dict(self.key.as_dict(private=True))


def sign_pool_tokens(pool_id: str, account_id: str, region: str) -> PoolKey:
    """Make moto sign `pool_id`'s tokens with a key of its own (generated on the pool's first call)."""
    from moto.cognitoidp.models import cognitoidp_backends

    _install_moto_hooks()
    with _lock:
        key = _keys.get(pool_id) or PoolKey.generate()
        _keys[pool_id] = key
        cognitoidp_backends[account_id][region].user_pools[pool_id].json_web_key = key.key
        _publish()
    return key


def pool_key(pool_id: str) -> PoolKey | None:
    return _keys.get(pool_id)


def public_jwks(pool_id: str) -> dict[str, Any] | None:
    """The pool's JWKS (its one public key), or None when the pool was not given a key here."""
    key = _keys.get(pool_id)
    return {"keys": [key.public_jwk()]} if key is not None else None


def _publish() -> None:
    """Serve the public keys at moto's JWKS URL (one document for every pool: the URL's pool id is not
    passed to moto's handler; a verifier picks the key by the token's `kid`)."""
    from moto.cognitoidp.responses import CognitoIdpJsonWebKeyResponse

    document = {"keys": [key.public_jwk() for key in reversed(_keys.values())]}
    CognitoIdpJsonWebKeyResponse.json_web_key = json.dumps(document).encode("utf-8")


class _KidOfTheKey:
    """moto's `jwt` module, but a token's header names the id of the key that signs it: moto writes the
    bundled key's id ("dummy") whatever the key."""

    def __init__(self, jwt_module: Any) -> None:
        self._jwt = jwt_module

    def encode(self, header: dict[str, Any], claims: dict[str, Any], key: Any, *args: Any, **kwargs: Any) -> str:
        kid = getattr(key, "kid", None)
        return str(self._jwt.encode({**header, "kid": kid} if kid else header, claims, key, *args, **kwargs))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._jwt, name)


def _install_moto_hooks() -> None:
    from moto.cognitoidp import models

    if not isinstance(models.jwt, _KidOfTheKey):
        models.jwt = _KidOfTheKey(models.jwt)  # type: ignore[assignment]
