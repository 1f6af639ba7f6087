"""Schools: every school in the 2022 list, with its SEND information report."""

from __future__ import annotations

from generator.common import cap, join_words, slugify
from generator.drafts import WEEKDAYS, Draft, Org, age_phrase, schedule
from generator.state import Gen
from generator.tables import (
    COLLEGE_SENTENCES,
    NEED_CATEGORY,
    NEED_PHRASES,
    REPORT_SENTENCES,
    SCHOOL_LEGAL,
    SCHOOL_SEND_SENTENCES,
    SCHOOL_TYPES,
    SPECIAL_SCHOOL_NEEDS,
    SPECIAL_SENTENCES,
)


def school_slug(name: str) -> str:
    text = name
    for old, new in [
        ("Roman Catholic Voluntary Aided", "RC"),
        ("Roman Catholic", "RC"),
        ("Voluntary Aided", "VA"),
        ("Church of England", "CE"),
        ("C of E", "CE"),
        ("CofE", "CE"),
        (" School", ""),
        (", Specialist College of Science and Engineering", ""),
        (" A Sports with Mathematics College", ""),
    ]:
        text = text.replace(old, new)
    return slugify(text, 40)


def kind_schools(g: Gen) -> None:
    g.schools: list[tuple[dict[str, str], Org]] = []  # type: ignore[misc]
    rows = sorted(g.ref.schools, key=lambda row: int(row["urn"]))
    for row in rows:
        name = row["school_name"]
        slug = school_slug(name)
        domain = f"{slug}.example.sch.uk"
        report_url = f"https://{domain}/send-information-report"
        postcode = g.ref.postcode_by_code.get(row["postcode"])
        if postcode:
            place = g.ref.nearest_place(postcode.lat, postcode.lon, towns_first=True)
        else:  # one closed school whose postcode has been retired: place it by name
            place = g.place(next(p.name for p in g.ref.places if p.name in name))
        town = place.name
        type_text = SCHOOL_TYPES.get(row["type"], row["type"])
        phase = {"all-through": "all-through school", "other/post-16": "post-16 college"}.get(
            row["phase"], f"{row['phase']} school"
        )
        if row["subtype"] == "college":
            phase = "college"
        low = float(row["age_min"])
        high = None if row["age_max"] == "99" else float(row["age_max"])
        org = g.org(
            f"school:{row['urn']}",
            name,
            f"{cap(type_text)} {phase} in {town}, County Durham (URN {row['urn']}).",
            SCHOOL_LEGAL[row["subtype"]],
            place,
            domain=domain,
            website=f"https://{domain}/",
            identifiers=[("GB-EDU", "URN", row["urn"])],
            email_user="enquiries",
        )
        g.schools.append((row, org))
        needs = SPECIAL_SCHOOL_NEEDS.get(name, [])
        closed = row["status"] == "closed"
        draft = Draft(
            key=f"school:{row['urn']}",
            kind="school",
            name=name,
            org=org,
            description="",
            categories=[],
            needs=list(needs),
            markers={"send-information-report"},
            min_age=low,
            max_age=high,
            send_report_url=report_url,
            status="defunct" if closed else "active",
            variant=f"school:{row['subtype']}",
            facts={"type": type_text, "phase": phase, "town": town},
        )
        pupils = {"girls": "girls", "boys": "boys"}.get(row["gender"], "pupils")
        sentences = [
            g.pick(
                [
                    f"{name} is a {type_text} {phase} in {town} for {pupils} {age_phrase(low, high)}.",
                    f"A {type_text} {phase} serving {town} and the surrounding area, for {pupils} "
                    f"{age_phrase(low, high)}.",
                    f"{cap(type_text)} {phase} in {town}, County Durham, for {pupils} {age_phrase(low, high)}.",
                ]
            )
        ]
        if row["religion"]:
            sentences.append(
                g.pick(
                    [
                        f"It has a {row['religion']} religious character and welcomes families of all faiths and none.",
                        f"The school has a {row['religion']} ethos.",
                    ]
                )
            )
        if needs:
            phrases = join_words([NEED_PHRASES[code] for code in needs])
            sentences.append(f"It provides specialist education for pupils with {phrases}.")
            sentences += g.sample(SPECIAL_SENTENCES, 2)
            draft.categories = [
                *sorted({NEED_CATEGORY[code] for code in needs})[:2],
                "Learning difficulties and disabilities",
            ]
        elif row["subtype"] == "college":
            sentences += g.sample(COLLEGE_SENTENCES, 2)
            draft.categories = ["Learning difficulties and disabilities", "Targeted youth support"]
            draft.needs = g.sample(["MLD", "ASD", "SPLD", "SEMH"], 2)
        else:
            if low <= 3 and row["phase"] != "secondary":
                sentences.append(f"There is a nursery class for children from the age of {int(low)}.")
            if high is not None and high >= 18 and row["phase"] in ("secondary", "all-through"):
                sentences.append("The sixth form offers A levels and vocational courses.")
            sentences += g.sample(SCHOOL_SEND_SENTENCES, 2)
            draft.categories = ["Special educational needs and disabilities (SEND)"]
            if low <= 3:
                draft.categories.append("Early years support")
        sentences.append(g.pick(REPORT_SENTENCES).format(url=report_url))
        if closed:
            sentences.append("This school has closed; the record is kept for reference.")
        draft.description = " ".join(sentences)
        if row["subtype"] == "independent" and not needs and "special" not in row["type"]:
            g.cost(draft, [("Per term (day pupils)", 3800, 5600, "Fees vary by year group.")])
        else:
            g.free(draft, "Places at local authority and academy schools are free." if not needs else None)
            if needs or "special" in row["type"]:
                draft.fees_description = "No charge to families; places are funded through the EHCP process."
        draft.application_process = (
            "Apply for a place through the local authority's school admissions; pupils with an EHCP are placed "
            "through the EHCP process."
            if row["subtype"] != "independent"
            else "Contact the school to arrange a visit and discuss admission."
        )
        if postcode:
            draft.venues = [g.school_venue(name, postcode, town)]
            opens, closes = ("09:00", "16:30") if row["subtype"] == "college" else ("08:45", "15:15")
            draft.schedules = [schedule(WEEKDAYS, opens, closes, note="term time")]
            if g.chance(0.5):
                draft.markers.add("wheelchair-accessible")
        else:
            draft.delivery = "none"
            draft.local_area = place.aap_id
        draft.phone = org.phone
        draft.email = org.email
        draft.url = org.website
        draft.contact_title = "SENCo"
        draft.contact_email = f"senco@{domain}"
        g.add(draft)
