"""The generator state: one random stream, organisations, venues and drafts."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from generator.common import DRAMA_PHONE_BLOCKS, RANDOM_SEED, cap, join_words, slugify
from generator.drafts import Draft, Org, Venue
from generator.reference import Aap, Place, Postcode, Reference
from generator.tables import (
    ACCESS_MARKERS,
    ACCESS_TEXT,
    ACCESSIBILITY_TEXT,
    APPLICATION_TEXT,
    AREA_NAMES,
    CONTACT_TITLES,
    LANDMARKS,
    PRACTICAL_TEXT,
    TRANSPORT_TEXT,
)
from generator.taxonomies import Taxonomies


class Gen:
    def __init__(self, ref: Reference, tax: Taxonomies) -> None:
        self.ref = ref
        self.tax = tax
        self.rng = random.Random(RANDOM_SEED)
        self.orgs: dict[str, Org] = {}
        self.org_names: set[str] = set()
        self.pools: dict[str, list[Org]] = {}
        self.names: Counter[str] = Counter()
        self.reserved_names = {spec["name"] for spec in LANDMARKS}
        self.descriptions: set[str] = set()
        self.venues: dict[str, Venue] = {}
        self.venue_extras: dict[str, dict[str, Any]] = {}
        self.drafts: list[Draft] = []
        self._keys: set[str] = set()
        phones = [f"{DRAMA_PHONE_BLOCKS[0]}{n:03d}" for n in range(1000)]
        phones += [f"{DRAMA_PHONE_BLOCKS[1]}{n:03d}" for n in range(1000)]
        self.rng.shuffle(phones)
        self._phones = phones
        self._phone_next = 0
        self.places_by_aap = {aap.id: [p for p in ref.places if p.aap_id == aap.id] for aap in ref.aaps}
        self.place_by_name = {place.name: place for place in ref.places}

    # -- random helpers ------------------------------------------------------------------------------------------
    def chance(self, probability: float) -> bool:
        return self.rng.random() < probability

    def pick(self, items: Sequence[Any]) -> Any:
        return items[self.rng.randrange(len(items))]

    def sample(self, items: Sequence[Any], count: int) -> list[Any]:
        return self.rng.sample(list(items), min(count, len(items)))

    def weighted(self, items: Sequence[Any], weights: Sequence[float]) -> Any:
        return self.rng.choices(list(items), weights=list(weights))[0]

    # -- places ---------------------------------------------------------------------------------------------------
    def pick_aap(self) -> Aap:
        return self.weighted(self.ref.aaps, [aap.population for aap in self.ref.aaps])

    def pick_place(self, aap_id: str | None = None, towns: bool = False) -> Place:
        aap_id = aap_id or self.pick_aap().id
        pool = self.places_by_aap[aap_id]
        if towns:
            pool = [place for place in pool if place.is_town] or [p for p in pool if p.kind == "BUA"] or pool
        return self.weighted(pool, [place.weight for place in pool])

    def place(self, name: str) -> Place:
        return self.place_by_name[name]

    def main_town(self, aap_id: str) -> Place:
        for name in self.ref.aap_by_id[aap_id].settlements:
            if name in self.place_by_name:
                return self.place_by_name[name]
        return self.pick_place(aap_id, towns=True)

    def area_name(self, aap_id: str) -> str:
        return self.pick(AREA_NAMES[aap_id])

    def venue(self, place: Place, label: str) -> Venue:
        """A named venue in a place, with a real postcode near the place; the same name gives the same venue."""
        name = label.format(place=place.name)
        key = f"{name}|{place.name}"
        if key not in self.venues:
            postcode = self.pick(self.ref.near_postcodes(place.lat, place.lon, 10))
            self.venues[key] = Venue(key, name, place, postcode, place.name)
            extras: dict[str, Any] = {}
            if self.chance(0.45):
                extras["accessibility"] = self.pick(ACCESSIBILITY_TEXT)
            if self.chance(0.35):
                extras["transportation"] = self.pick(TRANSPORT_TEXT).format(place=place.name)
            self.venue_extras[key] = extras
        return self.venues[key]

    def school_venue(self, name: str, postcode: Postcode, town: str) -> Venue:
        key = f"{name}|{postcode.code}"
        if key not in self.venues:
            place = self.ref.nearest_place(postcode.lat, postcode.lon, towns_first=True)
            self.venues[key] = Venue(key, name, place, postcode, town)
            self.venue_extras[key] = {}
        return self.venues[key]

    # -- organisations ----------------------------------------------------------------------------------------------
    def phone(self) -> str:
        number = self._phones[self._phone_next % len(self._phones)]
        self._phone_next += 1
        return number

    def org(
        self,
        key: str,
        name: str,
        description: str,
        legal_status: str,
        home: Place,
        *,
        domain: str | None = None,
        year: int | None = None,
        alternate_name: str | None = None,
        identifiers: Iterable[tuple[str, str, str]] = (),
        email_user: str = "info",
        website: bool | str = True,
    ) -> Org:
        if key in self.orgs:
            return self.orgs[key]
        domain = domain or f"{slugify(name, 34)}.example.org"
        org = Org(
            key=key,
            name=name,
            description=description,
            legal_status=legal_status,
            domain=domain,
            home=home,
            phone=self.phone(),
            email=f"{email_user}@{domain}",
            website=website if isinstance(website, str) else (f"https://www.{domain}/" if website else None),
            year=year,
            alternate_name=alternate_name,
            identifiers=list(identifiers),
        )
        self.orgs[key] = org
        self.org_names.add(name)
        return org

    def forget_orgs(self, pool_key: str, keep: int) -> None:
        """Drop organisations added to a pool after its first `keep` entries."""
        pool = self.pools.get(pool_key, [])
        for org in pool[keep:]:
            del self.orgs[org.key]
            self.org_names.discard(org.name)
        del pool[keep:]

    # -- drafts -----------------------------------------------------------------------------------------------------
    def add(self, draft: Draft) -> Draft:
        if draft.key in self._keys:
            raise ValueError(f"duplicate service key {draft.key}")
        self._keys.add(draft.key)
        self.names[draft.name] += 1
        draft.org.services += 1
        self.drafts.append(draft)
        return draft

    def delivery(self, county: float, online: float) -> str:
        roll = self.rng.random()
        if roll < county:
            return "county"
        if roll < county + online:
            return "online"
        return "physical"

    def access(self, draft: Draft, mode: str) -> str:
        """The access sentence for a mode; records the application process and the marker."""
        draft.application_process = draft.application_process or self.pick(APPLICATION_TEXT[mode])
        marker = ACCESS_MARKERS.get(mode)
        if marker:
            draft.markers.add(marker)
        texts = ACCESS_TEXT[mode]
        if draft.max_age is not None and draft.max_age < 16:
            texts = [text for text in texts if "aged 16 and over" not in text]
        return self.pick(texts)

    def practical(self, draft: Draft, count: int) -> list[str]:
        sentences = []
        for text, marker in self.sample(PRACTICAL_TEXT, count):
            sentences.append(text)
            if marker:
                draft.markers.add(marker)
        return sentences

    def contact_details(self, draft: Draft, *, service_line: float = 0.35, email: float = 0.6) -> None:
        """Phone, e-mail and web address on the organisation's domain."""
        org = draft.org
        draft.phone = self.phone() if self.chance(service_line) else org.phone
        slug = slugify(draft.name, 40)
        if self.chance(email):
            user = self.pick(["enquiries", "hello", "bookings", "referrals", "contact", "info"])
            draft.email = f"{user}@{org.domain}"
        if org.website and self.chance(0.8):
            draft.url = f"{org.website}{slug}"
        if self.chance(0.55):
            draft.contact_title = draft.contact_title or self.pick(CONTACT_TITLES)
            draft.contact_email = draft.email or f"{slugify(draft.contact_title, 20)}@{org.domain}"
            if self.chance(0.4):
                draft.contact_phone = self.phone()

    def cost(self, draft: Draft, options: Sequence[tuple[str, float, float, str | None]]) -> None:
        """Charge for a service: one or two options, amounts drawn from (option, low, high, note)."""
        chosen = self.sample(options, 1 if self.chance(0.7) else 2)
        for option, low, high, note in chosen:
            amount = round(self.rng.uniform(low, high) * 2) / 2 if high > low else low
            draft.costs.append((option, amount, note))
        parts = [f"£{amount:.2f} {option.lower()}" for option, amount, _ in draft.costs]
        draft.fees_description = cap(join_words(parts)) + "."

    def free(self, draft: Draft, text: str | None = None) -> None:
        draft.markers.add("free")
        options = ["Free.", "Free of charge.", "No charge to families."]
        if draft.org.legal_status not in ("Local authority", "NHS foundation trust", "NHS body"):
            options += ["Free; donations welcome.", "Free to attend."]
        draft.fees_description = text or self.pick(options)
