#!/usr/bin/env python3
"""Compares what Newman (run twice) and courier did with one collection, from
their JSON reports, and writes the differences.

    compare.py one ID NEWMAN1.json NEWMAN2.json COURIER.json OUT.json [COURIER_STDERR]
    compare.py summary RESULTS_DIR      # the figure over every OUT.json there

Per item execution (iteration, item name, occurrence; one cursor.ref of the
report) the fields compared are:
`sent` (response code, or that no response came), `method`, `path`, every
query parameter (`query:KEY`) and their order (`query`), every header the
collection or its auth set (`header:NAME`; the tools' own User-Agent,
Postman-Token, Accept-Encoding, Connection, Host and Content-Length, and
their default User-Agent, are left out), the body (JSON bodies leaf by leaf as `body:$.a.b`, urlencoded and
multipart bodies part by part as `body:form:KEY` / `body:part:NAME`, others
whole), every assertion (`assertions`: name and outcome in order) and the
script/request errors (`errors`: where and which error class), and the
number of report entries of the execution (`entries`: Newman's JSON report
repeats an execution once per pm.sendRequest, all copies showing the last
request sent, which is then what the request fields describe). What the
request carried comes from the echo server's own description of it (the
response body), not from the reports.

Generated values are masked (UUIDs, 10-13 digit timestamps, ISO dates,
multipart boundaries). A field whose value differs between the two Newman
runs is left out: Newman does not agree with itself there."""
import json
import os
import re
import sys
from urllib.parse import parse_qsl

TOOL_HEADERS = {"postman-token", "accept-encoding", "connection", "host", "content-length"}
TOOL_AGENT = re.compile(r"^(PostmanRuntime|courier)/")
REQUEST_FIELDS = ("sent", "method", "path", "query", "header:", "body")
VOLATILE = re.compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
    r"|\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:?\d\d)?"
    r"|\b\d{10,13}\b"
    r"|boundary=[^;,\s]+"
    r"|-{2,}[-\w]*\d{8,}[-\w]*"
)


def mask(text):
    return VOLATILE.sub("<gen>", text if isinstance(text, str) else json.dumps(text))


def echoed(execution):
    stream = ((execution.get("response") or {}).get("stream") or {}).get("data")
    if not stream:
        return None
    try:
        value = json.loads(bytes(stream).decode("utf-8"))
    except (ValueError, UnicodeDecodeError, TypeError):
        return None
    if isinstance(value, dict) and "method" in value and "headers" in value:
        return value
    return None


def flatten(value, path, out):
    if isinstance(value, dict):
        if not value:
            out[path] = "{}"
        for k, v in value.items():
            flatten(v, f"{path}.{k}", out)
    elif isinstance(value, list):
        if not value:
            out[path] = "[]"
        for i, v in enumerate(value):
            flatten(v, f"{path}[{i}]", out)
    else:
        out[path] = mask(json.dumps(value, ensure_ascii=False))


def multipart(body, ctype):
    m = re.search(r"boundary=\"?([^\";]+)", ctype)
    if not m:
        return None
    parts = {}
    for n, chunk in enumerate(body.split("--" + m.group(1))[1:-1]):
        head, _, content = chunk.lstrip("\r\n").partition("\r\n\r\n")
        name = re.search(r'name="([^"]*)"', head)
        filename = re.search(r'filename="([^"]*)"', head)
        ptype = re.search(r"(?im)^content-type:\s*(.*)$", head)
        key = f"body:part:{name.group(1) if name else '#' + str(n)}"
        desc = content[:-2] if content.endswith("\r\n") else content
        extra = (f" [file {filename.group(1)}]" if filename else "") + (f" [{ptype.group(1).strip()}]" if ptype else "")
        parts[key] = parts.get(key, "") + ("|" if key in parts else "") + mask(desc) + extra
    return parts


def body_fields(body, ctype):
    out = {}
    if not body:
        return out
    ctype = ctype.lower()
    if "multipart/form-data" in ctype:
        parts = multipart(body, ctype)
        if parts is not None:
            out.update(parts)
            out["body:parts"] = " ".join(k[10:] for k in parts)
            return out
    if "application/x-www-form-urlencoded" in ctype:
        pairs = parse_qsl(body, keep_blank_values=True)
        for k, v in pairs:
            key = f"body:form:{k}"
            out[key] = out.get(key, "") + ("|" if key in out else "") + mask(v)
        out["body:form"] = mask(body)  # order and encoding, exactly
        return out
    try:
        value = json.loads(body)
    except ValueError:
        value = None
    if isinstance(value, (dict, list)):
        flatten(value, "body:$", out)
        return out
    out["body"] = mask(body.replace("\r\n", "\n"))
    return out


def fields_of(execution, failures):
    f = {}
    e = echoed(execution)
    resp = execution.get("response") or {}
    if e is None:
        f["sent"] = "no response" if not resp else f"response {resp.get('code')} (not from the echo server)"
    else:
        f["sent"] = f"response {resp.get('code')}"
        f["method"] = e["method"]
        f["path"] = mask(e["path"])
        query = e.get("query") or ""
        f["query"] = mask(query)
        for k, v in parse_qsl(query, keep_blank_values=True):
            key = f"query:{k}"
            f[key] = f.get(key, "") + ("|" if key in f else "") + mask(v)
        ctype = ""
        for k, v in (e.get("headers") or {}).items():
            k = k.lower()
            if k == "content-type":
                ctype = v
            if k not in TOOL_HEADERS and not (k == "user-agent" and TOOL_AGENT.match(v)):
                f[f"header:{k}"] = mask(v)
        f.update(body_fields(e.get("body") or "", ctype))
    f["assertions"] = mask(json.dumps([
        [a.get("assertion"), "failed" if a.get("error") else ("skipped" if a.get("skipped") else "passed")]
        for a in execution.get("assertions") or []], ensure_ascii=False))
    if failures:
        f["errors"] = json.dumps(failures, ensure_ascii=False)
    return f


def where(at):
    return re.sub(r":\d+$", "", at or "")


def executions(report):
    """(iteration, item name, occurrence) -> fields, in run order."""
    run = report.get("run") or {}
    errs = {}
    for x in run.get("failures") or []:
        at = where(x.get("at"))
        if at.startswith("assertion"):
            continue  # already in the assertions
        it = (x.get("cursor") or {}).get("iteration", 0)
        name = (x.get("source") or {}).get("name")
        err = x.get("error") or {}
        errs.setdefault((it, name), []).append([at, err.get("name") or "Error"])
    out, seen, messages = {}, {}, {}
    for x in run.get("failures") or []:
        it = (x.get("cursor") or {}).get("iteration", 0)
        name = (x.get("source") or {}).get("name")
        messages.setdefault((it, name), []).append(f"{where(x.get('at'))}: {(x.get('error') or {}).get('message', '')}"[:300])
    # Newman's JSON reporter pushes one shared object per cursor.ref on every
    # `request` event (each pm.sendRequest too): the entries of a group are
    # identical and show the last request sent. Compare group by group.
    groups, order = {}, []
    for i, e in enumerate(run.get("executions") or []):
        cursor = e.get("cursor") or {}
        ref = cursor.get("ref") or f"#{i}"
        key = (cursor.get("iteration", 0), ref)
        if key not in groups:
            order.append(key)
        groups.setdefault(key, []).append(e)
    for gkey in order:
        entries = groups[gkey]
        e = entries[-1]
        it = gkey[0]
        name = (e.get("item") or {}).get("name")
        n = seen.get((it, name), 0)
        seen[(it, name)] = n + 1
        failures = errs.get((it, name)) if n == 0 else None
        f = fields_of(e, failures)
        f["entries"] = str(len(entries))
        out[(it, name, n)] = f
    return out, messages


def load(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def label(key):
    it, name, n = key
    return f"{name}" + (f" #{n + 1}" if n else "") + (f" (iteration {it + 1})" if it else "")


def one(cid, n1_path, n2_path, c_path, out_path, stderr_path=None):
    n1, n2, c = load(n1_path), load(n2_path), load(c_path)
    result = {"id": cid, "items": 0, "items_agree": 0, "diffs": [], "note": ""}
    if n1 is None:
        result["note"] = "Newman wrote no report"
        result["status"] = "newman-failed"
    else:
        e1, msg1 = executions(n1)
        e2, _ = executions(n2) if n2 is not None else (e1, None)
        if c is None:
            err = ""
            if stderr_path and os.path.exists(stderr_path):
                err = " ".join(open(stderr_path, errors="replace").read().split())[:400]
            result["note"] = "courier wrote no report" + (f": {err}" if err else "")
            result["status"] = "differ"
            result["items"] = len(e1)
            result["diffs"].append({"item": "*", "field": "run", "newman": f"{len(e1)} executions", "courier": "no report: " + err})
        else:
            ec, msgc = executions(c)
            bad = set()
            for key in list(e1) + [k for k in ec if k not in e1]:
                a, b = e1.get(key), ec.get(key)
                if a is None or b is None:
                    if e2.get(key) is None and a is not None:
                        continue  # Newman itself ran it once only
                    result["diffs"].append({"item": label(key), "field": "ran",
                                            "newman": "ran" if a else "not run", "courier": "ran" if b else "not run"})
                    bad.add(key)
                    continue
                other = e2.get(key, {})
                # Entries differ: Newman's copies show a pm.sendRequest's
                # request, not the item's; only `entries` is comparable then.
                shared = a.get("entries") != b.get("entries")
                for field in sorted(set(a) | set(b)):
                    if shared and field.startswith(REQUEST_FIELDS):
                        continue
                    va, vb = a.get(field), b.get(field)
                    if va == vb:
                        continue
                    if other.get(field) != va and key in e2:
                        continue  # Newman disagrees with itself here
                    d = {"item": label(key), "field": field, "newman": va, "courier": vb}
                    if field == "errors" or field == "assertions":
                        d["newman_messages"] = msg1.get(key[:2], [])[:6]
                        d["courier_messages"] = msgc.get(key[:2], [])[:6]
                    result["diffs"].append(d)
                    bad.add(key)
            keys = set(e1) | set(ec)
            result["items"] = len(keys)
            result["items_agree"] = len(keys - bad)
            result["status"] = "agree" if not result["diffs"] else "differ"
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump(result, f, indent=1, ensure_ascii=False)
    print_result(result)
    return 0 if result["status"] == "agree" else 1


def short(v):
    v = "∅" if v is None else str(v)
    return v if len(v) <= 160 else v[:157] + "..."


def print_result(r):
    if r["status"] == "agree":
        print(f"{r['id']}: agree ({r['items']} items)")
        return
    if r["status"] == "newman-failed":
        print(f"{r['id']}: not counted: {r['note']}")
        return
    print(f"{r['id']}: differ ({r['items_agree']} of {r['items']} items agree)" + (f" — {r['note']}" if r["note"] else ""))
    for d in r["diffs"][:40]:
        print(f"  {d['item']} | {d['field']}\n    newman:  {short(d['newman'])}\n    courier: {short(d['courier'])}")
        for m in d.get("courier_messages") or []:
            print(f"    courier says: {short(m)}")
    if len(r["diffs"]) > 40:
        print(f"  ... {len(r['diffs']) - 40} more in the JSON result")


def summary(results_dir):
    rs = []
    for name in sorted(os.listdir(results_dir)):
        if name.endswith(".result.json"):
            rs.append(json.load(open(os.path.join(results_dir, name))))
    counted = [r for r in rs if r["status"] != "newman-failed"]
    agree = [r for r in counted if r["status"] == "agree"]
    items = sum(r["items"] for r in counted)
    items_ok = sum(r["items_agree"] for r in counted)
    for r in rs:
        state = {"agree": "agree", "differ": f"differ: {r['items_agree']}/{r['items']} items agree, {len(r['diffs'])} differences",
                 "newman-failed": "not counted (" + r["note"] + ")"}[r["status"]]
        print(f"  {r['id']:<28} {state}")
    print(f"{len(agree)} of {len(counted)} collections agree; {items_ok} of {items} items agree")
    return 0


def main(argv):
    if len(argv) >= 2 and argv[1] == "summary":
        return summary(argv[2])
    if len(argv) >= 7 and argv[1] == "one":
        return one(*argv[2:8])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
