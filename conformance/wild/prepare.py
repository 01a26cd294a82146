#!/usr/bin/env python3
"""Points a third-party Postman collection (and its environment) at the local
echo server, so that Newman and courier can run the very same files offline.

    prepare.py --base http://127.0.0.1:PORT --out DIR COLLECTION [ENVIRONMENT]

Writes DIR/collection.json, DIR/environment.json (when one is given),
DIR/env-vars.txt (one KEY=VALUE a line, to pass to both tools as --env-var)
and DIR/rewrites.txt (what was changed, for a human reading a difference).

What is rewritten, and nothing else (bodies and headers stay as published):
- literal `scheme://host[:port]` at the start of every request URL (v2
  `url.raw` and `url` strings, v1 `url` strings, saved examples too) and in
  script sources, to the echo server's `http://127.0.0.1:PORT`;
- structured v2 URLs: a literal (or partly literal) host becomes the echo
  server's host, protocol and port; a literal `https` beside a variable host
  becomes `http`;
- a scheme-less literal host at the start of a URL (`api.example.com/v1`);
- collection and environment variables whose value is a URL (its
  `scheme://host` part), or a bare host, an empty value or a placeholder
  ("/", "<host>") when the variable is used where a URL's host goes
  (`{{base}}/path`: the echo server's URL; `https://{{host}}/path` or a
  structured host beside a protocol: its `127.0.0.1:PORT`), `https` when its
  name says protocol/scheme, a port number when it is used as a URL's port;
  a literal port beside a variable host is dropped;
- a variable used as a URL's host (in a URL or at the start of a string in
  a script) but defined nowhere gets the echo server through env-vars.txt.

The file's encoding (UTF-8, UTF-8 with BOM, UTF-16) and duplicate object keys
are kept, so that loading quirks reach both tools unchanged. Standard library
only."""
import argparse
import json
import re
import sys
from decimal import Decimal
from urllib.parse import urlsplit

URL_AT_START = re.compile(r"^\s*([A-Za-z][A-Za-z0-9+.-]*)://([^/?#\s\"'`\\]*)")
URL_ANYWHERE = re.compile(r"\b(https?|wss?)://([A-Za-z0-9.-]+(?::\d+)?)(?=[/?#\"'`\s]|$)")
VAR = re.compile(r"\{\{\s*([^{}]+?)\s*\}\}")
ONLY_VAR = re.compile(r"^\{\{\s*([^{}]+?)\s*\}\}$")
BARE_HOST = re.compile(r"^(localhost|[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+)(:\d+)?$")
HOST_AT_START = re.compile(r"^(localhost|[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})(:\d+)?(?=[/?#]|$)")
START_VAR = re.compile(r"^\s*\{\{\s*([^{}]+?)\s*\}\}")
SCRIPT_URL_VAR = re.compile(r"[\"'`]\{\{\s*([^{}]+?)\s*\}\}(?=/|[\"'`])")


class Obj(dict):
    """A JSON object that remembers the earlier values of duplicated keys."""

    def __init__(self, pairs):
        super().__init__()
        self.dups = []
        for k, v in pairs:
            if k in self:
                self.dups.append((k, self[k]))
            self[k] = v


def dump(value, out):
    """JSON text of value, duplicates first (the last one wins in every parser)."""
    if isinstance(value, dict):
        pairs = list(getattr(value, "dups", [])) + list(value.items())
        out.append("{")
        for i, (k, v) in enumerate(pairs):
            if i:
                out.append(",")
            out.append(json.dumps(k, ensure_ascii=False))
            out.append(":")
            dump(v, out)
        out.append("}")
    elif isinstance(value, list):
        out.append("[")
        for i, v in enumerate(value):
            if i:
                out.append(",")
            dump(v, out)
        out.append("]")
    elif isinstance(value, Decimal):
        out.append(str(value))
    else:
        out.append(json.dumps(value, ensure_ascii=False))


def read(path):
    raw = open(path, "rb").read()
    if raw.startswith(b"\xef\xbb\xbf"):
        enc, text = "utf-8-sig", raw[3:].decode("utf-8")
    elif raw.startswith(b"\xff\xfe"):
        enc, text = "utf-16", raw.decode("utf-16")
    elif raw.startswith(b"\xfe\xff"):
        enc, text = "utf-16", raw.decode("utf-16")
    else:
        enc, text = "utf-8", raw.decode("utf-8", errors="surrogateescape")
    return enc, raw, text


def write(path, enc, value):
    out = []
    dump(value, out)
    text = "".join(out)
    if enc == "utf-8-sig":
        data = b"\xef\xbb\xbf" + text.encode("utf-8", errors="surrogateescape")
    elif enc == "utf-16":
        data = text.encode("utf-16")
    else:
        data = text.encode("utf-8", errors="surrogateescape")
    open(path, "wb").write(data)


class Rewriter:
    def __init__(self, base):
        self.base = base.rstrip("/")
        parts = urlsplit(self.base)
        self.host, self.port = parts.hostname, str(parts.port)
        self.log = []
        self.url_vars = set()  # variables used as a URL's `scheme://host`
        self.bare_vars = set()  # variables used as a URL's host after its scheme
        self.port_vars = set()
        self.defined = {}  # variable name -> value, over every scope in the files

    # -- strings ---------------------------------------------------------
    def url_string(self, s, where):
        if not isinstance(s, str):
            return s
        m = URL_AT_START.match(s)
        if m:
            new = self.base + s[m.end():]
        else:
            h = HOST_AT_START.match(s.strip())
            if not h:
                return s
            new = self.base + s.strip()[h.end():]
        if new != s:
            self.log.append(f"{where}: {s[:120]!r} -> {new[:120]!r}")
        return new

    def script(self, s, where):
        if not isinstance(s, str):
            return s
        new = URL_ANYWHERE.sub(lambda m: self.base, s)
        if new != s:
            self.log.append(f"{where}: script URL literal(s) -> {self.base}")
        return new

    # -- discovery of host/port variables ----------------------------------
    def note_url(self, url):
        """url_vars stand for a whole `scheme://host` (`{{base}}/path`);
        bare_vars for a host after a scheme (`https://{{host}}/path`)."""
        raw = url if isinstance(url, str) else (url.get("raw") if isinstance(url, dict) else None)
        if isinstance(raw, str):
            m = START_VAR.match(raw)
            if m:
                self.url_vars.add(m.group(1))
            m = URL_AT_START.match(raw)
            if m:
                hostport = m.group(2)
                for v in VAR.findall(hostport):
                    (self.port_vars if ":{{" + v in hostport else self.bare_vars).add(v)
        if isinstance(url, dict):
            host = url.get("host")
            host = ".".join(h for h in host if isinstance(h, str)) if isinstance(host, list) else host
            if isinstance(host, str):
                only = ONLY_VAR.match(host)
                if only and not url.get("protocol"):
                    self.url_vars.add(only.group(1))
                else:
                    self.bare_vars.update(VAR.findall(host))
            port = url.get("port")
            if isinstance(port, str):
                self.port_vars.update(VAR.findall(port))

    def note_script(self, s):
        if isinstance(s, str):
            for m in SCRIPT_URL_VAR.finditer(s):
                self.url_vars.add(m.group(1))

    # -- structured URL ----------------------------------------------------
    def url_object(self, u, where):
        if "raw" in u:
            u["raw"] = self.url_string(u["raw"], where + ".raw")
        host = u.get("host")
        joined = ".".join(str(h) for h in host) if isinstance(host, list) else host
        if isinstance(joined, str) and joined:
            if ONLY_VAR.match(joined):
                port = u.get("port")
                if isinstance(port, str) and port and not VAR.search(port):
                    del u["port"]
                    self.log.append(f"{where}.port: {port!r} dropped (variable host)")
                proto = u.get("protocol")
                if isinstance(proto, str) and proto.lower() in ("https", "wss"):
                    u["protocol"] = "http"
                    self.log.append(f"{where}.protocol: {proto!r} -> 'http' (variable host)")
            else:
                u["host"] = self.host.split(".") if isinstance(host, list) else self.host
                u["protocol"] = "http"
                u["port"] = self.port
                self.log.append(f"{where}.host: {joined!r} -> {self.host}:{self.port}")
        elif "protocol" in u and isinstance(u.get("protocol"), str) and not VAR.search(u["protocol"]):
            u["protocol"] = "http"

    # -- variables -------------------------------------------------------
    def variable_value(self, name, value, where):
        if not isinstance(value, (str, type(None))):
            return value
        text = (value or "").strip()
        new = value
        hostish = name in self.url_vars or name in self.bare_vars
        if URL_AT_START.match(text):
            new = self.url_string(value, where)
        elif hostish and BARE_HOST.match(text):
            new = f"{self.host}:{self.port}"
        elif hostish and "{{" not in text:
            # empty, or a placeholder such as "/" or "<your host>"
            new = f"{self.host}:{self.port}" if name in self.bare_vars else self.base
        elif name in self.port_vars and text.isdigit():
            new = self.port
        elif re.search(r"protocol|scheme", name, re.I) and text.lower() in ("https", "wss"):
            new = "http"
        if new != value:
            self.log.append(f"{where} {name!r}: {str(value)[:100]!r} -> {new[:100]!r}")
        return new

    def variables(self, entries, where):
        if not isinstance(entries, list):
            return
        for v in entries:
            if not isinstance(v, dict):
                continue
            name = v.get("key", v.get("id"))
            if not isinstance(name, str):
                continue
            if "value" in v:
                v["value"] = self.variable_value(name, v["value"], where)
                if v.get("enabled", True) is not False and v.get("disabled") is not True:
                    self.defined.setdefault(name, v["value"])


SCRIPT_KEYS = ("preRequestScript", "tests")  # v1


def walk(node, rw, where, phase):
    """phase 'scan' finds host/port variables; phase 'rewrite' rewrites."""
    if isinstance(node, list):
        for i, x in enumerate(node):
            walk(x, rw, f"{where}[{i}]", phase)
        return
    if not isinstance(node, dict):
        return
    label = node.get("name") if isinstance(node.get("name"), str) else None
    here = f"{where}/{label}" if label else where
    for key in list(node.keys()):
        val = node[key]
        if key == "url":
            if phase == "scan":
                rw.note_url(val)
            elif isinstance(val, str):
                node[key] = rw.url_string(val, here + ".url")
            elif isinstance(val, dict):
                rw.url_object(val, here + ".url")
            continue
        if key in ("exec",) + SCRIPT_KEYS and phase == "scan":
            for src in val if isinstance(val, list) else [val]:
                rw.note_script(src)
            continue
        if key == "exec" and phase == "rewrite":
            if isinstance(val, list):
                node[key] = [rw.script(s, here) for s in val]
            elif isinstance(val, str):
                node[key] = rw.script(val, here)
            continue
        if key in SCRIPT_KEYS and isinstance(val, str) and phase == "rewrite":
            node[key] = rw.script(val, here)
            continue
        if key in ("variable", "variables", "values") and isinstance(val, list) and phase == "rewrite":
            rw.variables(val, f"{here}.{key}")
            # path variables (url.variable) are not hosts; nothing else to do
            continue
        walk(val, rw, f"{here}.{key}" if key != "item" else here, phase)


def load(path):
    enc, raw, text = read(path)
    try:
        value = json.loads(text, object_pairs_hook=Obj, parse_float=Decimal)
    except ValueError as e:
        return enc, raw, None, str(e)
    return enc, raw, value, None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("collection")
    ap.add_argument("environment", nargs="?")
    a = ap.parse_args()
    rw = Rewriter(a.base)
    files = [("collection", a.collection)] + ([("environment", a.environment)] if a.environment else [])
    loaded = {}
    for role, path in files:
        loaded[role] = load(path)
    for role, (enc, raw, value, err) in loaded.items():
        if value is not None:
            walk(value, rw, role, "scan")
    for role, (enc, raw, value, err) in loaded.items():
        out = f"{a.out}/{role}.json"
        if value is None:
            open(out, "wb").write(raw)
            rw.log.append(f"{role}: not JSON to Python ({err}); copied unchanged")
            continue
        walk(value, rw, role, "rewrite")
        write(out, enc, value)
    env_vars = []
    for name in sorted(rw.url_vars | rw.bare_vars):
        if name.startswith("$") or name in rw.defined:
            continue
        value = f"{rw.host}:{rw.port}" if name in rw.bare_vars else rw.base
        env_vars.append(f"{name}={value}")
        rw.log.append(f"--env-var {name}={value} (host variable defined nowhere)")
    with open(f"{a.out}/env-vars.txt", "w") as f:
        f.writelines(v + "\n" for v in env_vars)
    with open(f"{a.out}/rewrites.txt", "w") as f:
        f.writelines(line + "\n" for line in rw.log)
    return 0


if __name__ == "__main__":
    sys.exit(main())
