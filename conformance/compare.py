#!/usr/bin/env python3
"""Compares a Newman JSON report with a courier JSON report of the same
collection run: per item and iteration, the number of execution entries (one
per request sent, `pm.sendRequest` calls included), the last request sent
(method, URL, headers, body after substitution) and every assertion's name
and outcome.
Prints a table of differences; exits 1 when there is any that is not listed
in KNOWN.md (by "collection | item | field")."""
import json
import re
import sys
from urllib.parse import quote

# Headers each tool adds on its own; they are not the collection's doing.
TOOL_HEADERS = {"user-agent", "postman-token", "accept-encoding", "connection", "host",
                "content-length", "cache-control", "accept"}
# Values that differ by nature between two runs.
VOLATILE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\b\d{10,13}\b|boundary=\S+|-{20,}\d+|--[-\w]*[0-9a-f]{16,}[-\w]*")


def url_text(url):
    if isinstance(url, str):
        return url
    if "host" not in url and url.get("raw"):
        return url["raw"]
    out = ""
    if url.get("protocol"):
        out += url["protocol"] + "://"
    host = url.get("host") or []
    out += ".".join(host) if isinstance(host, list) else host
    if url.get("port"):
        out += ":" + str(url["port"])
    path = url.get("path") or []
    if isinstance(path, list):
        out += "".join("/" + p for p in path)
    else:
        out += "/" + path.lstrip("/")
    query = [q for q in url.get("query") or [] if not q.get("disabled")]
    if query:
        out += "?" + "&".join(q["key"] + ("" if q.get("value") is None else "=" + q["value"]) for q in query)
    return out


def body_text(body):
    if not body:
        return ""
    mode = body.get("mode")
    if mode == "raw":
        return body.get("raw", "")
    if mode in ("urlencoded", "formdata"):
        return "&".join(f"{p.get('key')}={p.get('value', '')}" for p in body.get(mode, []) if not p.get("disabled"))
    if mode == "graphql":
        return json.dumps(body.get("graphql"), sort_keys=True)
    return json.dumps(body, sort_keys=True)


BOUNDARY_LINE = re.compile(r"(?m)^--\S+$")


def normalise(text):
    return VOLATILE.sub("[volatile]", BOUNDARY_LINE.sub("[boundary]", (text or "").replace("\r\n", "\n")))


def received(execution):
    """The echo server's description of what it received, from the response
    body (Node's Buffer JSON in both reports), or None."""
    stream = ((execution.get("response") or {}).get("stream") or {}).get("data")
    if not stream:
        return None
    try:
        echoed = json.loads(bytes(stream).decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(echoed, dict) or "method" not in echoed or "headers" not in echoed:
        return None
    return echoed


def item_runs(report):
    """The entries of `run.executions` grouped per item run: Newman pushes an
    item's one shared object once per request event (each `pm.sendRequest`
    and the item's own request), so an item run is the entries that share a
    `cursor.ref`, in order. Yields (iteration, item name, entries)."""
    runs = {}
    for e in report["run"]["executions"]:
        cursor = e.get("cursor", {})
        ref = cursor.get("ref") or id(e)
        key = (cursor.get("iteration", 0), e["item"]["name"], ref)
        runs.setdefault(key, []).append(e)
    for (it, name, _), entries in runs.items():
        yield it, name, entries


def executions(report):
    """Per (iteration, item name), one record per item run: how many entries
    it has (one per request sent), and the request and assertions of its last
    entry. Every copy of Newman's shared object shows the item's last request
    event; courier's last entry is that same request, so the two compare
    like for like."""
    out = {}
    for it, name, entries in item_runs(report):
        e = entries[-1]
        req = e.get("request") or {}
        echoed = received(e)
        if echoed is not None:
            # Ground truth: what the server got, whatever each report shows.
            url = echoed["path"] + ("?" + echoed["query"] if echoed.get("query") else "")
            method = echoed["method"]
            headers = sorted(
                (k.lower(), normalise(str(v)))
                for k, v in echoed["headers"].items()
                if k.lower() not in TOOL_HEADERS
            )
            body = normalise(echoed.get("body", ""))
        else:
            url = re.sub(r"^(https?://)?[^/?]*", "", normalise(url_text(req.get("url", ""))))
            method = req.get("method", "")
            headers, body = [], ""
        assertions = [(a["assertion"], "failed" if a.get("error") else ("skipped" if a.get("skipped") else "passed"))
                      for a in e.get("assertions", []) or []]
        out.setdefault((it, name), []).append({
            "entries": len(entries),
            "method": method,
            "url": url,
            "headers": headers,
            "body": body,
            "assertions": assertions,
        })
    return out


def known(path):
    try:
        with open(path) as f:
            return {tuple(c.strip() for c in line.strip().strip("|").split("|")[:3])
                    for line in f if line.startswith("|") and not line.startswith("|---")}
    except FileNotFoundError:
        return set()


def main():
    newman_path, courier_path, collection, known_path = sys.argv[1:5]
    newman, courier = executions(json.load(open(newman_path))), executions(json.load(open(courier_path)))
    allowed = known(known_path)
    diffs = []
    for key in sorted(set(newman) | set(courier), key=lambda k: (k[0], k[1])):
        it, item = key
        a, b = newman.get(key), courier.get(key)
        if a is None or b is None:
            diffs.append((item, it, "presence", "ran" if a else "missing", "ran" if b else "missing"))
            continue
        for x, y in zip(a, b):
            for field in ("entries", "method", "url", "headers", "body", "assertions"):
                if x[field] != y[field]:
                    diffs.append((item, it, field, x[field], y[field]))
    def explained(item, field):
        return (collection, item, field) in allowed or (collection, "*", field) in allowed

    unexplained = [d for d in diffs if not explained(d[0], d[2])]
    for item, it, field, n, c in diffs:
        mark = "  " if explained(item, field) else "✗ "
        print(f"{mark}{collection} | {item} (iteration {it + 1}) | {field}\n    newman:  {n}\n    courier: {c}")
    print(f"{collection}: {len(newman)} executions, {len(diffs)} differences, {len(unexplained)} unexplained")
    return 1 if unexplained else 0


if __name__ == "__main__":
    sys.exit(main())
