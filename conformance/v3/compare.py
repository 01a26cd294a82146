#!/usr/bin/env python3
"""Compares what the Postman CLI and courier sent for one v3 collection
directory (the JSON-lines logs of record.py) and their assertion outcomes
(the Postman CLI's `Pass` / `Fail` lines, courier's JSON report), request by
request: method, path, query, the collection's own headers (not those each
tool adds by itself) and the body. Prints the differences; exits 1 when one
is not listed in KNOWN.md as `| v3/NAME | REQUEST# | FIELD |`.

    compare.py NAME POSTMAN_LOG COURIER_LOG POSTMAN_STDOUT COURIER_JSON KNOWN.md
"""
import json
import re
import sys

TOOL_HEADERS = {"user-agent", "postman-token", "accept-encoding", "connection", "host",
                "content-length", "cache-control", "accept"}
VOLATILE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
                      r"|boundary=\S+|-{2,}formdata-undici-\d+|-{2,}[0-9A-Za-z]{10,}")


def requests(log):
    out = []
    with open(log, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            headers = sorted((k, VOLATILE.sub("…", v)) for k, v in r["headers"]
                             if k not in TOOL_HEADERS)
            out.append({"method": r["method"], "path": r["path"], "query": r["query"],
                        "headers": headers, "body": VOLATILE.sub("…", r["body"])})
    return out


def postman_assertions(stdout):
    """`  Pass  name` and `  N. name` (a failure) lines, up to the summary
    table."""
    found = []
    with open(stdout, encoding="utf-8", errors="replace") as f:
        for line in f:
            if line.startswith("-----"):
                break
            passed = re.match(r"^  Pass  (.*?)\s*$", line)
            failed = re.match(r"^  \d+\. (.*?)\s*$", line)
            if passed:
                found.append((passed.group(1), "passed"))
            elif failed:
                found.append((failed.group(1), "failed"))
    return found


def courier_assertions(report):
    with open(report, encoding="utf-8") as f:
        summary = json.load(f)
    found = []
    for execution in summary.get("run", {}).get("executions", []):
        for a in execution.get("assertions", []):
            found.append((a.get("assertion"), "failed" if a.get("error") else "passed"))
    return found


def main():
    name, plog, clog, pout, cjson, known_file = sys.argv[1:7]
    known = open(known_file, encoding="utf-8").read()
    sent_p, sent_c = requests(plog), requests(clog)
    diffs = []
    if len(sent_p) != len(sent_c):
        diffs.append(("*", "count", len(sent_p), len(sent_c)))
    for i, (p, c) in enumerate(zip(sent_p, sent_c), 1):
        for field in ("method", "path", "query", "headers", "body"):
            if p[field] != c[field]:
                diffs.append((i, field, p[field], c[field]))
    ap, ac = postman_assertions(pout), courier_assertions(cjson)
    if sorted(ap) != sorted(ac):
        diffs.append(("*", "assertions", ap, ac))
    unexplained = 0
    for where, field, p, c in diffs:
        listed = f"| v3/{name} | {where} | {field} |" in known
        unexplained += not listed
        mark = "·" if listed else "✗"
        print(f"{mark} v3/{name} | request {where} | {field}\n    postman: {p}\n    courier: {c}")
    print(f"v3/{name}: {len(sent_p)} requests, {len(ap)} assertions, {len(diffs)} differences, "
          f"{unexplained} unexplained")
    sys.exit(1 if unexplained else 0)


if __name__ == "__main__":
    main()
