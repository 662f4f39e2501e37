"""A minimal stand-in for the country_converter package (coco), for the test of PartnerTap's
official example (upstream/partner_org_report.py) against the sandbox.

No Debian package provides country_converter, and the test installs nothing, so the test puts
this directory on PYTHONPATH instead. It implements only what the example uses:

    CountryConverter().convert(names=value, to="ISO2", not_found=None)

over the countries the sandbox generates (internal/sandbox: `countries`, plus "United States"),
by common name, official name, ISO2 or ISO3 code, case-insensitively, as coco's regexes and code
columns match them. Like coco:

- a name of 2 letters is looked up as an ISO2 code only, of 3 letters as an ISO3 code only, a
  longer one as a name ("UK" is not an ISO2 code, so it is not found);
- a single name gives a str, a list of names a list;
- a name not found gives `not_found`, or when `not_found` is None the name itself (coco's
  `_fillin = not_found or spec_name`: unknown names are kept, not turned into None).

The Go test (official_example_test.go) normalizes with its own table of the same countries.
"""

__all__ = ["CountryConverter"]

# ISO2, ISO3, then the names coco recognises for each country that the sandbox uses.
_COUNTRIES = [
    ("US", "USA", ["United States", "United States of America", "U.S.A."]),
    ("CA", "CAN", ["Canada"]),
    ("GB", "GBR", ["United Kingdom", "United Kingdom of Great Britain and Northern Ireland",
                   "Great Britain", "Britain", "U.K."]),
    ("DE", "DEU", ["Germany", "Federal Republic of Germany"]),
    ("FR", "FRA", ["France", "French Republic"]),
    ("AU", "AUS", ["Australia", "Commonwealth of Australia"]),
    ("JP", "JPN", ["Japan"]),
    ("BR", "BRA", ["Brazil", "Federative Republic of Brazil"]),
    ("IN", "IND", ["India", "Republic of India"]),
    ("NL", "NLD", ["Netherlands", "The Netherlands", "Kingdom of the Netherlands", "Holland"]),
    ("SG", "SGP", ["Singapore", "Republic of Singapore"]),
]

_BY_ISO2 = {iso2.lower(): iso2 for iso2, _, _ in _COUNTRIES}
_BY_ISO3 = {iso3.lower(): iso2 for iso2, iso3, _ in _COUNTRIES}
_BY_NAME = {name.lower(): iso2 for iso2, _, names in _COUNTRIES for name in names}


class CountryConverter:
    """coco.CountryConverter, reduced to convert(..., to="ISO2")."""

    def convert(self, names, src=None, to=None, enforce_list=False, not_found="not found"):
        if src is not None:
            raise NotImplementedError("the stand-in country_converter guesses the source classification only")
        if to != "ISO2":
            raise NotImplementedError("the stand-in country_converter converts to ISO2 only, not %r" % (to,))
        single = not isinstance(names, (list, tuple, set))
        values = [names] if single else list(names)
        out = []
        for value in values:
            name = str(value)
            key = name.strip().lower()
            if len(key) == 2:
                iso2 = _BY_ISO2.get(key)
            elif len(key) == 3:
                iso2 = _BY_ISO3.get(key)
            else:
                iso2 = _BY_NAME.get(key)
            if iso2 is None:
                iso2 = not_found or name
            out.append([iso2] if enforce_list else iso2)
        if single and not enforce_list:
            return out[0]
        return out
