"""The printable page of a shortlist: one accessible HTML document a practitioner can print for a family.

Accessibility: a language, one `h1` and `h2` sections, a table with a caption and header cells scoped to
rows and columns, text (not colour alone) for a withdrawn service, readable type and contrast, links that
print their address. Every value from the records or the note is HTML-escaped; the page has no script.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from local_offer.models.shortlists import Shortlist, ShortlistEntry

# Headers the page is served with: nothing but the inline style may load, the capability URL is never sent
# as a referrer, and browsers must not sniff another type.
PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "private, no-store",
}

STYLE = """
body { font-family: Arial, Helvetica, sans-serif; font-size: 1.125rem; line-height: 1.5; color: #0b0c0c;
       background: #fff; max-width: 60rem; margin: 1.5rem auto; padding: 0 1rem; }
h1 { font-size: 2rem; margin: 0 0 1rem; }
h2 { font-size: 1.5rem; margin: 1.5rem 0 .5rem; }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; font-weight: bold; padding: .5rem 0; }
th, td { border: 1px solid #505a5f; padding: .5rem; text-align: left; vertical-align: top; }
thead th { background: #f3f2f1; }
a { color: #1d70b8; }
a:focus { outline: 3px solid #fd0; background: #fd0; color: #0b0c0c; }
.note { white-space: pre-line; border-left: 5px solid #b1b4b6; padding-left: 1rem; }
@media print {
  body { font-size: 11pt; margin: 0; max-width: none; padding: 0; }
  a { color: #0b0c0c; text-decoration: none; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 90%; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  thead th { background: none; }
}
""".strip()


def _text(value: object) -> str:
    return escape(str(value), quote=True)


def _contact(entry: ShortlistEntry) -> str:
    if entry.withdrawn:
        return "No longer listed in the Local Offer: contact details removed."
    if entry.contact is None:
        return "No contact details listed."
    lines = []
    if entry.contact.phone:
        lines.append(f"Phone: {_text(entry.contact.phone)}")
    if entry.contact.email:
        lines.append(f'Email: <a href="mailto:{_text(entry.contact.email)}">{_text(entry.contact.email)}</a>')
    return "<br>".join(lines)


def _row(entry: ShortlistEntry) -> str:
    name = _text(entry.name) if entry.name else "A service no longer in the directory"
    if entry.withdrawn:
        name += " <strong>(withdrawn)</strong>"
    elif entry.status == "temporarily closed":
        name += " <strong>(temporarily closed)</strong>"
    organization = _text(entry.organization.name) if entry.organization else ""
    website = f'<a href="{_text(entry.url)}">{_text(entry.url)}</a>' if entry.url else ""
    return f'<tr><th scope="row">{name}</th><td>{organization}</td><td>{_contact(entry)}</td><td>{website}</td></tr>'


def _date(moment: dt.datetime) -> str:
    return f"{moment.day} {moment:%B %Y}"


def render(shortlist: Shortlist, printed_at: dt.datetime) -> str:
    """The shortlist as a complete HTML page (UTF-8, British English)."""
    count = len(shortlist.services)
    note = (
        f'<section aria-labelledby="note"><h2 id="note">Note</h2><p class="note">{_text(shortlist.note)}</p></section>'
        if shortlist.note
        else ""
    )
    rows = "\n".join(_row(entry) for entry in shortlist.services)
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
<title>Shortlist of services - SEND Local Offer</title>
<style>
{STYLE}
</style>
</head>
<body>
<main>
<h1>Shortlist of services</h1>
<p>Services chosen for you from the SEND Local Offer directory. These details were current on
{_date(printed_at)}: please check with a service before you go.</p>
{note}
<section aria-labelledby="services">
<h2 id="services">Services</h2>
<table>
<caption>{count} service{"" if count == 1 else "s"}</caption>
<thead>
<tr><th scope="col">Service</th><th scope="col">Organisation</th><th scope="col">Contact</th>
<th scope="col">Website</th></tr>
</thead>
<tbody>
{rows}
</tbody>
</table>
</section>
<p>This shortlist can be opened online until {_date(shortlist.expires_at)}.</p>
</main>
</body>
</html>
"""
