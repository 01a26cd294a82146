#!/usr/bin/env python3
"""Sorts the differences of a wild run (the ID.result.json files written by
compare.py) into cause classes, by the rules below, and prints per class the
number of differences, the collections and items showing it.

    classify.py RESULTS_DIR [--markdown]

The rules look at the field, both values and both tools' messages for the
item. A difference matching no rule is "unclassified": read it and add a
rule (or a class) when it is a new cause. An item can show several classes;
differences that follow from another class in the same item (a script error
because a variable stayed unresolved) are counted under that class."""
import json
import os
import re
import sys

UNRESOLVED = re.compile(r"\{\{[^{}]+\}\}|%7B%7B")


def text(v):
    return "" if v is None else str(v)


def msgs(d):
    return " ".join(d.get("courier_messages") or []) + " || " + " ".join(d.get("newman_messages") or [])


# (class id, title, test(diff, item_context) -> bool); first match wins.
def rules():
    def courier_msg(pattern):
        return lambda d, ctx: re.search(pattern, ctx["courier"]) is not None

    def newman_msg(pattern):
        return lambda d, ctx: re.search(pattern, ctx["newman"]) is not None

    return [
        ("dup-key", "loading: variable with both `id` and `key` refused (duplicate field `key`)",
         lambda d, c: d["field"] == "run" and "duplicate field" in text(d["courier"])),
        ("v1", "loading: Collection v1 refused",
         lambda d, c: d["field"] == "run" and "Collection v1" in text(d["courier"])),
        ("load-other", "loading: other refusal",
         lambda d, c: d["field"] == "run"),
        ("report-entries", "JSON report: one execution entry per pm.sendRequest (shared object, last request shown)",
         lambda d, c: d["field"] == "entries"),
        ("oauth2-empty", "auth: oauth2 with an empty access token is not sent",
         courier_msg(r"oauth2 auth has no accessToken")),
        ("file-missing", "bodies: missing or unset files (file body, formdata file part)",
         lambda d, c: re.search(r"cannot read (the body file|form-data file)", c["courier"]) is not None
         or (d["field"].startswith("body:part") and "[file" in text(d["newman"]) + text(d["courier"]))
         or (d["field"] == "body:parts" and c["file_part"])),
        ("pm-require", "scripts: pm.require (absent in Newman 6.2.2: TypeError)",
         newman_msg(r"pm\.require is not a function")),
        ("require-url", "scripts: require('url') and other Node built-ins",
         courier_msg(r"module '(url|querystring|util|path|events|string_decoder|punycode|timers|stream)' is not available")),
        ("require-pmc", "scripts: require('postman-collection') members (Property.replaceSubstitutions…)",
         courier_msg(r"replaceSubstitutions|of undefined.*postman-collection")),
        ("scope-values", "scripts: VariableScope.values (pm.environment.values.filter/each)",
         courier_msg(r"cannot read property '(filter|each|map|find)' of undefined")),
        ("legacy-globals", "scripts: legacy sandbox globals (cheerio, JSON = liquid-json, btoa, xml2js.processors)",
         lambda d, c: re.search(r"cheerio is not defined|stripPrefix", c["courier"]) is not None
         or (d["field"] == "errors" and "JSONError" in text(d["newman"]) and "SyntaxError" in text(d["courier"]))),
        ("next-missing", "flow: setNextRequest to a name that does not exist (Newman ends quietly)",
         courier_msg(r"setNextRequest\(.*\): no item has that name")),
        ("graphql-vars", "bodies: graphql `variables` empty or absent (Newman omits the key)",
         lambda d, c: d["field"] == "body:$.variables"),
        ("json-comments", "bodies: comments in raw JSON bodies (Newman strips them)",
         lambda d, c: d["field"].startswith("body") and re.search(r"(^|\s)//|/\*", text(d["courier"])) is not None
         and not re.search(r"(^|\s)//|/\*", text(d["newman"]))
         or (d["field"].startswith("body:$") and c["comment_body"])),
        ("empty-path-var", "URL: empty path variable value (Newman keeps `:name`)",
         lambda d, c: d["field"] == "path" and re.search(r"/:[\w-]+", text(d["newman"])) is not None
         and not re.search(r"/:[\w-]+", text(d["courier"]))),
        ("empty-bearer", "auth: bearer with an empty token (Newman adds no header, keeps a hand-written one)",
         lambda d, c: d["field"] == "header:authorization" and text(d["courier"]).strip() == "Bearer"
         and not text(d["newman"]).startswith("Bearer null")),
        ("formdata-empty", "bodies: formdata with no enabled fields (no body, no Content-Type; hand-written one kept)",
         lambda d, c: d["field"] == "header:content-type" and text(d["courier"]).startswith("multipart/form-data")
         and not text(d["newman"]).startswith("multipart/form-data")),
        ("null-values", "variables: undefined/null/object values set by scripts (Newman: \"null\", \"\", \"[object Object]\")",
         lambda d, c: (UNRESOLVED.search(text(d["courier"])) and not UNRESOLVED.search(text(d["newman"])))
         or re.search(r"\bnull\b|\[object Object\]", text(d["newman"])) is not None
         or re.search(r"expected undefined to deeply equal null", c["courier"]) is not None
         or c["null_item"]),
        ("request-url-in-tests", "scripts: pm.request.url in tests is the resolved URL",
         lambda d, c: d["field"] == "assertions" and '"skipped"' in text(d["courier"]) and '"skipped"' not in text(d["newman"])),
    ]


# Differences no field rule can tell apart, classified by reading the
# collection: (collection, item regex, field regex) -> class id, with why.
MANUAL = [
    # The collection test script takes its SOAP branch when
    # pm.request.url.toString() starts with the (resolved) soap_endpoint:
    # true in Newman, false in courier (which returns the {{…}} template).
    ("sabre-reshop", r".*", r"assertions|errors", "request-url-in-tests"),
    ("sabre-bm-2022-06", r"SessionCreateRQ.*", r"errors", "request-url-in-tests"),
    # The URL is a variable a script set to undefined: Newman requests
    # http://null (ENOTFOUND null), courier refuses the {{…}} URL.
    ("autodesk-md03", r"Download STL File", r"errors", "null-values"),
]


def classify(results_dir):
    out = {}
    unclassified = []
    for name in sorted(os.listdir(results_dir)):
        if not name.endswith(".result.json"):
            continue
        r = json.load(open(os.path.join(results_dir, name)))
        by_item = {}
        for d in r["diffs"]:
            by_item.setdefault(d["item"], []).append(d)
        for item, ds in by_item.items():
            ctx = {
                "courier": " ".join(msgs(d).split(" || ")[0] for d in ds),
                "newman": " ".join(msgs(d).split(" || ")[1] for d in ds),
                "file_part": any("[file" in text(d["newman"]) + text(d["courier"]) for d in ds),
                "comment_body": any(d["field"] == "body" and re.search(r"(^|\s)//|/\*", text(d["courier"])) for d in ds),
                "null_item": any((UNRESOLVED.search(text(d["courier"])) and not UNRESOLVED.search(text(d["newman"])))
                                 or re.search(r"\bnull\b|\[object Object\]", text(d["newman"])) for d in ds),
            }
            titles = {cid: title for cid, title, _ in rules()}
            for d in ds:
                manual = next((cid for coll, ire, fre, cid in MANUAL if coll == r["id"]
                               and re.fullmatch(ire, item) and re.fullmatch(fre, d["field"])), None)
                if manual:
                    c = out.setdefault(manual, {"title": titles[manual], "diffs": 0, "items": {}})
                    c["diffs"] += 1
                    c["items"].setdefault(r["id"], set()).add(item)
                    continue
                for cid, title, test in rules():
                    if test(d, ctx):
                        c = out.setdefault(cid, {"title": title, "diffs": 0, "items": {}, })
                        c["diffs"] += 1
                        c["items"].setdefault(r["id"], set()).add(item)
                        break
                else:
                    unclassified.append((r["id"], d))
    return out, unclassified


def main():
    results_dir = sys.argv[1]
    markdown = "--markdown" in sys.argv
    classes, unclassified = classify(results_dir)
    order = [cid for cid, _, _ in rules()]
    for cid in order:
        if cid not in classes:
            continue
        c = classes[cid]
        n_items = sum(len(v) for v in c["items"].values())
        colls = ", ".join(f"{k} ({len(v)})" for k, v in sorted(c["items"].items()))
        if markdown:
            print(f"| {cid} | {c['title']} | {c['diffs']} | {n_items} | {colls} |")
        else:
            print(f"{cid}: {c['title']}\n  {c['diffs']} differences, {n_items} items, {len(c['items'])} collections: {colls}")
            for coll, items in sorted(c["items"].items()):
                print(f"    {coll}: " + "; ".join(sorted(items))[:300])
    print(f"unclassified: {len(unclassified)} differences")
    for coll, d in unclassified[:60]:
        print(f"  {coll} | {d['item']} | {d['field']}\n    newman:  {text(d['newman'])[:200]}\n    courier: {text(d['courier'])[:200]}")
        for m in (d.get("courier_messages") or [])[:2]:
            print(f"    courier says: {m[:200]}")
        for m in (d.get("newman_messages") or [])[:2]:
            print(f"    newman says: {m[:200]}")


if __name__ == "__main__":
    main()
