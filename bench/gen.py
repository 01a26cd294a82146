#!/usr/bin/env python3
"""Writes benchmark collections: N GET requests to {{base}}/items/<i>, each
with a typical test script (status check, pm.response.json(), one
pm.expect, one pm.environment.set), or none with --no-scripts."""
import json
import sys

TEST = [
    "pm.test('status is 200', function () { pm.response.to.have.status(200); });",
    "var body = pm.response.json();",
    "pm.test('has the id', function () { pm.expect(body.name).to.eql('item-' + body.id); });",
    "pm.environment.set('lastId', body.id);",
]


def collection(n, scripts):
    items = []
    for i in range(n):
        item = {"name": f"item {i}", "request": {"method": "GET", "url": "{{base}}/items/%d" % i}}
        if scripts:
            item["event"] = [{"listen": "test", "script": {"type": "text/javascript", "exec": TEST}}]
        items.append(item)
    return {
        "info": {
            "name": f"bench {n}{'' if scripts else ' (no scripts)'}",
            "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json",
        },
        "item": items,
    }


if __name__ == "__main__":
    n, out = int(sys.argv[1]), sys.argv[2]
    scripts = "--no-scripts" not in sys.argv
    with open(out, "w") as f:
        json.dump(collection(n, scripts), f)
