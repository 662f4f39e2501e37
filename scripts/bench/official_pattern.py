#!/usr/bin/env python3
"""PartnerTap's documented paging, the floor of scripts/bench-steampipe.sh: exchange the key for a
JWT, then read the matched sale accounts page after page until `last`. Prints the rows read.
Usage: official_pattern.py BASE_URL API_KEY"""
import json
import sys
import urllib.parse
import urllib.request

base, key = sys.argv[1], sys.argv[2]
with urllib.request.urlopen(base + "/api/auth?" + urllib.parse.urlencode({"apiKey": key})) as r:
    token = json.load(r)["token"]
rows, page = 0, 0
while True:
    req = urllib.request.Request(f"{base}/analytics/saleaccountsmatchedlist?page={page}&size=2000",
                                 headers={"Authorization": token})
    with urllib.request.urlopen(req) as r:
        body = json.load(r)
    rows += len(body["content"])
    if body.get("last", True):
        break
    page += 1
print(rows)
