"""What makes a source followable: a full web address with its page, each standing alone
between `; `, or a citation with a number and a year; never a site named without its page."""

from __future__ import annotations

import re

from bsec_plan.domain import addresses

# Sites named without a page (`ciela.net`, `lege5.ro`): host names ending in these.
_SITE_ENDINGS = frozenset(
    ["com", "net", "org", "ro", "bg", "gr", "rs", "am", "az", "ua", "ru", "tr", "it", "eu", "al"]
)
# A citation: a numbered act or issue (no. 62, br. 8/2011, Law 2925/2001, note under A.2) and a year.
_NUMBERED = re.compile(r"\b(?:no|nr|br)\.\s*\d|\b\d+/\d{4}\b|\bnote under [A-Z](?:\.\d+)?\b", re.I)
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_PUNCTUATION = "()[]{},;:.!?\"'«»“”„"


def source_problem(text: str) -> str | None:
    """Why a source cannot be followed, or None when it can. Its `; `-separated pieces are each
    an address or text; an address stands alone in its piece, as the page links it. Linear in
    the length of the text."""
    if addresses.names_a_page(text):  # most sources: one address with its page, nothing else
        return None
    if not text.strip():
        return "the source is empty; give an address with its path or a full citation"
    linked = False
    for piece in text.split("; "):
        words = piece.split()
        for word in words:
            if not addresses.looks_like_address(word):
                site = word.strip(_PUNCTUATION)
                if site.rsplit(".", 1)[-1].lower() in _SITE_ENDINGS and addresses.is_host_name(
                    site
                ):
                    return (
                        f"the source names the site '{site}' but not the page; give the full "
                        "address with its path, or a full citation (gazette, number, date)"
                    )
                continue
            shown = word if len(word) <= 80 else word[:77] + "..."
            if word != piece:
                return (
                    f"the address '{shown}' must stand alone, apart from other text by '; ', "
                    "so that the page can link it"
                )
            address = addresses.parse(word)
            if isinstance(address, str):
                return f"{address}: '{shown}'"
            if not address.page:
                return (
                    f"the source names the site '{address.host}' but not the page; give the full "
                    "address with its path, or a full citation (gazette, number, date)"
                )
            linked = True
    if linked or (_NUMBERED.search(text) and _YEAR.search(text)):
        return None
    shown = text if len(text) <= 200 else text[:197] + "..."
    return (
        f"the source '{shown}' cannot be followed; give an address with its path or a full "
        "citation (gazette, number, date)"
    )
