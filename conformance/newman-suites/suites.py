#!/usr/bin/env python3
"""Newman's own integration suites (postmanlabs/newman test/integration) run
by Newman and by courier against the local postman-echo stand-in
(examples/postman_echo.rs). Called by run.sh, which builds and starts the
stand-in; see README.md.

    suites.py MIRROR_GIT_DIR COMMIT WORK_DIR PORTS_FILE CA_PEM NEWMAN COURIER OUT_MD [SUITE...]

1. materialise: `git archive COMMIT test/integration` from the local mirror
   into WORK_DIR (no network);
2. rewrite: every host the suites call is pointed at the stand-in, in the
   same way for both tools (rules below); files without a match are left
   byte for byte (BOMs and UTF-16 kept);
3. discover suites the way Newman's npm/test-integration.js does (files
   named NAME.postman_KIND[.skip].EXT grouped by NAME; KIND collection,
   environment, globals, data, config; `.skip` ignored), with the options
   of NAME.postman_config.json's `run` turned into CLI flags;
4. run Newman and courier on each suite from WORK_DIR (Newman's harness
   runs from the repository root, so form-data `src` paths resolve), with
   the stand-in's certificate authority trusted (NODE_EXTRA_CA_CERTS for
   Newman, SSL_CERT_FILE for courier);
5. tabulate: a suite passes when the tool exits 0 and its JSON report lists
   no failure (Newman's harness runs with abortOnFailure, so any failed
   assertion or script error fails the suite); where the tools disagree,
   the assertions and failures that differ are listed.
"""
import codecs
import json
import os
import re
import subprocess
import sys
import time

TIMEOUT = 240  # seconds per tool per suite

GENERATED = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+", re.I)

SUITE_FILE = re.compile(r"(.+)\.postman_([^.]+)(\.skip)?\.([^.]{3,})$", re.I)

# Options of a suite's postman_config.json `run` → CLI flags (both tools).
CONFIG_FLAGS = {
    "ignoreRedirects": lambda v: ["--ignore-redirects"] if v else [],
    "insecure": lambda v: ["--insecure"] if v else [],
    "timeout": lambda v: ["--timeout", str(v)],
    "timeoutRequest": lambda v: ["--timeout-request", str(v)],
    "timeoutScript": lambda v: ["--timeout-script", str(v)],
}


# ---------------------------------------------------------------- rewriting

def host_rules(ports):
    """Text rules, applied to every string of a suite file, in order.
    postman-echo.com and httpbin.org go to the stand-in (https to its HTTPS
    port, http and scheme-less to the plain one); expired.badssl.com to the
    HTTPS port whose certificate nobody trusts; google.com and github.com
    (HEAD requests that only want a 200) to the plain port; the harness's
    helper servers on localhost:4041 / :4042 to the raw echo and redirect
    servers."""
    p, s, u, r, d = (ports[k] for k in ("http", "https", "untrusted", "raw", "redirect"))
    echo_hosts = r"(?:postman-echo\.com|httpbin\.org)"

    def scheme_host(m):
        scheme, sep, auth = m.group(1), m.group(2), m.group(3) or ""
        port = s if scheme.lower() == "https" else p
        return f"{scheme}{sep}{auth}127.0.0.1:{port}"

    return [
        (re.compile(r"\b(https?)(://|:\\\\)((?:[^/\s\"'@]*@)*)" + echo_hosts + r"(?![\w.-])", re.I), scheme_host),
        (re.compile(r"https://expired\.badssl\.com(?![\w.-])"), f"https://127.0.0.1:{u}"),
        (re.compile(r"http://(?:www\.)?(?:google|github)\.com(?![\w.-])"), f"http://127.0.0.1:{p}"),
        (re.compile(r"(?<![\w.-])" + echo_hosts + r"(?![\w.-])"), f"127.0.0.1:{p}"),
        (re.compile(r"\b(?:localhost|127\.0\.0\.1):4041\b"), f"127.0.0.1:{r}"),
        (re.compile(r"\b127\.1:4041\b"), f"127.1:{r}"),
        (re.compile(r"\blocalhost:4042\b"), f"127.0.0.1:{d}"),
    ]


def suite_patches(ports):
    """Literal replacements in the strings of one suite file, applied before
    the host rules, where a host and its scheme or port live apart (a
    variable holding a bare host used behind https://, a port variable)."""
    s = ports["https"]
    return {
        "whatwg-url.postman_collection.json": [
            ('pm.variables.set("host.1", "postman-echo.com")', f'pm.variables.set("host.1", "127.0.0.1:{s}")'),
            ('pm.variables.set("host.name", "postman-echo.com")', 'pm.variables.set("host.name", "127.0.0.1")'),
            ('pm.variables.set(":p", "443")', f'pm.variables.set(":p", "{s}")'),
        ],
        "data-file-var-replacement.postman_environment.json": [
            ("postman-echo.com", f"127.0.0.1:{s}"),
        ],
    }


def rewrite_text(text, rules, patches):
    for old, new in patches:
        text = text.replace(old, new)
    for pattern, new in rules:
        text = pattern.sub(new, text)
    return text


def rewrite_url_object(url, ports):
    """A structured URL ({protocol, host, port, path, …}): Newman builds the
    request from these parts, not from `raw`."""
    host = url.get("host")
    host_text = ".".join(host) if isinstance(host, list) else host
    if not isinstance(host_text, str):
        return
    protocol = str(url.get("protocol") or "").rstrip(":").lower()
    port = str(url.get("port") or "")
    if host_text in ("postman-echo.com", "httpbin.org"):
        url["host"] = ["127", "0", "0", "1"]
        url["port"] = ports["https"] if protocol == "https" else ports["http"]
    elif host_text in ("localhost", "127.0.0.1", "127.1") and port in ("4041", "4042"):
        if host_text == "localhost":
            url["host"] = ["127", "0", "0", "1"]
        url["port"] = ports["raw"] if port == "4041" else ports["redirect"]


def rewrite_tree(node, rules, patches, ports):
    if isinstance(node, dict):
        if isinstance(node.get("host"), (list, str)) and ("raw" in node or "path" in node or "protocol" in node):
            rewrite_url_object(node, ports)
        return {k: rewrite_tree(v, rules, patches, ports) for k, v in node.items()}
    if isinstance(node, list):
        return [rewrite_tree(v, rules, patches, ports) for v in node]
    if isinstance(node, str):
        return rewrite_text(node, rules, patches)
    return node


def decode(raw):
    """Text and how to encode it back (BOM and UTF-16 kept)."""
    if raw.startswith(codecs.BOM_UTF16_LE):
        return raw[2:].decode("utf-16-le"), lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le")
    if raw.startswith(codecs.BOM_UTF8):
        return raw[3:].decode("utf-8"), lambda t: codecs.BOM_UTF8 + t.encode("utf-8")
    return raw.decode("utf-8"), lambda t: t.encode("utf-8")


def rewrite_file(path, ports):
    with open(path, "rb") as f:
        raw = f.read()
    text, encode = decode(raw)
    rules = host_rules(ports)
    patches = suite_patches(ports).get(os.path.basename(path), [])
    if path.lower().endswith(".json"):
        tree = json.loads(text)
        new_tree = rewrite_tree(tree, rules, patches, ports)
        if new_tree == json.loads(text):
            return False
        new_text = json.dumps(new_tree, indent=2, ensure_ascii=False)
    else:
        new_text = rewrite_text(text, rules, patches)
        if new_text == text:
            return False
    with open(path, "wb") as f:
        f.write(encode(new_text))
    return True


# ------------------------------------------------------------ the suites

def materialise(mirror, commit, work):
    os.makedirs(work, exist_ok=True)
    archive = subprocess.run(["git", "--git-dir", mirror, "archive", commit, "test/integration"],
                             check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", work], input=archive, check=True)


def discover(work):
    root = os.path.join(work, "test", "integration")
    suites = {}
    for dirpath, _, files in os.walk(root):
        for name in files:
            path = os.path.join(dirpath, name)
            m = SUITE_FILE.match(path)
            if not m or m.group(3):
                continue
            suite = os.path.relpath(m.group(1), root)
            suites.setdefault(suite, {})[m.group(2) + m.group(4).upper()] = os.path.relpath(path, work)
    return dict(sorted(suites.items()))


def suite_args(files, work):
    args = []
    for key, flag in (("environmentJSON", "-e"), ("globalsJSON", "-g")):
        if key in files:
            args += [flag, files[key]]
    data = files.get("dataCSV") or files.get("dataJSON")
    if data:
        args += ["-d", data]
    if "configJSON" in files:
        with open(os.path.join(work, files["configJSON"]), "rb") as f:
            config = json.loads(decode(f.read())[0]).get("run", {})
        for key, value in config.items():
            if key not in CONFIG_FLAGS:
                raise SystemExit(f"{files['configJSON']}: run option {key!r} has no CLI flag here; add it to CONFIG_FLAGS")
            args += CONFIG_FLAGS[key](value)
    return args


def run_tool(tool, command, env, work, report, log):
    start = time.time()
    try:
        with open(log, "wb") as out:
            code = subprocess.run(command, cwd=work, env=env, stdout=out, stderr=subprocess.STDOUT,
                                  timeout=TIMEOUT).returncode
    except subprocess.TimeoutExpired:
        code = "timeout"
    result = {"tool": tool, "exit": code, "seconds": round(time.time() - start, 1), "log": log}
    try:
        with open(report) as f:
            result["report"] = json.load(f)
    except (OSError, ValueError):
        result["report"] = None
    return result


# ------------------------------------------------------------ comparison

def failures(report):
    """(item, error name, assertion or None, message) of each failure."""
    out = []
    for f in (report or {}).get("run", {}).get("failures", []) or []:
        err = f.get("error") or {}
        out.append((
            (f.get("source") or {}).get("name", "?"),
            err.get("name", "?"),
            err.get("test"),
            str(err.get("message", "")).strip().splitlines()[0] if err.get("message") else "",
        ))
    return out


def item_runs(report):
    """The executions of a report, one per run of an item: Newman's JSON
    report repeats an execution for each request an item sends (a digest
    challenge and its answer, pm.sendRequest) under the same cursor ref,
    with the same assertions; the last entry of a ref stands for it."""
    runs = {}
    for n, e in enumerate((report or {}).get("run", {}).get("executions", []) or []):
        ref = (e.get("cursor") or {}).get("ref") or n
        runs[ref] = e
    return list(runs.values())


def assertions(report):
    """{(iteration, item, occurrence, assertion, nth): (status, message, name as written)}."""
    out, seen_exec, seen_name = {}, {}, {}
    for e in item_runs(report):
        it = (e.get("cursor") or {}).get("iteration", 0)
        item = (e.get("item") or {}).get("name", "?")
        occ = seen_exec.get((it, item), 0)
        seen_exec[(it, item)] = occ + 1
        for a in e.get("assertions", []) or []:
            # Names that embed generated values (a GUID, a random number) are
            # matched without them.
            shown = str(a.get("assertion", "?"))
            name = GENERATED.sub("#", shown)
            key = (it, item, occ, name)
            nth = seen_name.get(key, 0)
            seen_name[key] = nth + 1
            if a.get("error"):
                status = ("failed", str(a["error"].get("message", "")).strip(), shown)
            elif a.get("skipped"):
                status = ("skipped", "", shown)
            else:
                status = ("passed", "", shown)
            out[key + (nth,)] = status
    return out


def verdict(result):
    if result["exit"] == "timeout":
        return False, f"timed out after {TIMEOUT} s"
    if result["report"] is None:
        return False, f"exit {result['exit']}, no report"
    n = len(failures(result["report"]))
    passed = result["exit"] == 0 and n == 0
    return passed, "pass" if passed else f"fail: exit {result['exit']}, {n} failure{'s' * (n != 1)}"


def differences(newman, courier):
    lines = []
    a, b = assertions(newman["report"]), assertions(courier["report"])
    for key in sorted(set(a) | set(b), key=lambda k: (k[0], str(k[1]), k[2], str(k[3]), k[4])):
        x, y = a.get(key, ("absent", "", None)), b.get(key, ("absent", "", None))
        if x[0] != y[0]:
            it, item = key[0], key[1]
            name = x[2] or y[2]
            where = f"iteration {it + 1}, " if it else ""
            detail = "; ".join(m for m in (x[1] and f"Newman: {x[1]}", y[1] and f"courier: {y[1]}") if m)
            lines.append(f"{where}`{item}` › `{name}`: Newman {x[0]}, courier {y[0]}" + (f" ({detail})" if detail else ""))
    others = lambda r: sorted({(i, n, m) for i, n, t, m in failures(r["report"]) if not t})
    fa, fb = others(newman), others(courier)
    lines += [f"`{i}`: only Newman reports {n}: {m}" for i, n, m in fa if (i, n, m) not in fb]
    lines += [f"`{i}`: only courier reports {n}: {m}" for i, n, m in fb if (i, n, m) not in fa]
    return lines


def compare(newman, courier, n_ok, c_ok):
    """The lines explaining how the two runs differ ([] when they agree)."""
    if newman["report"] is not None and courier["report"] is not None:
        lines = differences(newman, courier)
        if n_ok != c_ok and not lines:
            lines = [f"no assertion or failure differs, the exit codes do: Newman {newman['exit']}, courier {courier['exit']}"]
        return lines
    return [f"{r['tool']} wrote no report: " + "; ".join(failure_list(r))
            for r in (newman, courier) if r["report"] is None]


def failure_list(result):
    if result["report"] is None:
        with open(result["log"], errors="replace") as f:
            tail = [l.strip() for l in f.read().splitlines() if l.strip()][-3:]
        return [" / ".join(tail) or "(no output)"]
    return [f"`{i}`: {n}" + (f" in `{t}`" if t else "") + (f": {m}" if m else "") for i, n, t, m in failures(result["report"])]


def cell(text):
    return text.replace("|", "\\|").replace("\n", " ")


def stable(text, ports):
    """Output that does not change from run to run: the stand-in's ports
    by role (P http, S https, U untrusted https, R raw echo, D redirect)."""
    for role, letter in (("http", "P"), ("https", "S"), ("untrusted", "U"), ("raw", "R"), ("redirect", "D")):
        text = re.sub(rf"\b127\.(0\.0\.)?1:{ports[role]}\b", lambda m: m.group(0).rsplit(":", 1)[0] + ":" + letter, text)
    return text


def write_results(out_md, commit, rows, ports):
    newman_pass = [r for r in rows if r["newman_ok"]]
    courier_pass = [r for r in newman_pass if r["courier_ok"]]
    lines = [
        "# Newman's integration suites under Newman and courier",
        "",
        "Generated by `conformance/newman-suites/run.sh` (do not edit by hand; the",
        "analysis is in README.md). Suites: postmanlabs/newman `test/integration` at",
        f"`{commit}`, every host pointed at `examples/postman_echo.rs`",
        "(`127.0.0.1:P` its http port, `:S` https, `:U` untrusted https, `:R` the raw",
        "echo, `:D` the redirect server).",
        "",
        f"- suites: {len(rows)}",
        f"- Newman passes locally: {len(newman_pass)}",
        f"- of those, courier passes: {len(courier_pass)}, fails: {len(newman_pass) - len(courier_pass)}",
        f"- Newman fails locally: {len(rows) - len(newman_pass)} (courier passes {sum(r['courier_ok'] for r in rows if not r['newman_ok'])} of them)",
        "",
        "| suite | flags | Newman | courier | agree |",
        "|---|---|---|---|---|",
    ]
    for r in rows:
        agree = "yes" if r["newman_ok"] == r["courier_ok"] and not r["diffs"] else "**no**"
        flags = " ".join(os.path.basename(f) if "/" in f else f for f in r["flags"])
        lines.append(f"| {r['suite']} | {cell(flags) or '—'} | {cell(r['newman'])} | {cell(r['courier'])} | {agree} |")
    lines += ["", "## Differences", ""]
    if not any(r["diffs"] for r in rows):
        lines.append("None.")
        lines.append("")
    for r in rows:
        if r["diffs"]:
            lines.append(f"### {r['suite']}")
            lines.append("")
            lines += [f"- {cell(d)}" for d in r["diffs"]]
            lines.append("")
    lines += ["## Failures Newman itself reports", ""]
    if all(r["newman_ok"] for r in rows):
        lines.append("None: Newman passes every suite run here.")
    for r in rows:
        if not r["newman_ok"]:
            lines.append(f"### {r['suite']}")
            lines.append("")
            lines += [f"- {cell(d)}" for d in r["newman_failures"]]
            lines.append("")
    with open(out_md, "w") as f:
        f.write(stable("\n".join(lines).rstrip() + "\n", ports))


def main():
    mirror, commit, work, ports_file, ca, newman, courier, out_md, *only = sys.argv[1:]
    with open(ports_file) as f:
        ports = json.load(f)
    materialise(mirror, commit, work)
    suites = discover(work)
    for files in suites.values():
        for path in files.values():
            rewrite_file(os.path.join(work, path), ports)
    env_newman = dict(os.environ, NODE_EXTRA_CA_CERTS=ca)
    env_courier = dict(os.environ, SSL_CERT_FILE=ca)
    rows = []
    for suite, files in suites.items():
        if only and suite not in only:
            continue
        if "collectionJSON" not in files:
            continue
        flags = suite_args(files, work)
        tag = suite.replace("/", "__")
        results = {}
        for tool, exe, env in (("newman", newman, env_newman), ("courier", courier, env_courier)):
            report = os.path.join(work, f"{tag}.{tool}.json")
            log = os.path.join(work, f"{tag}.{tool}.log")
            command = [exe, "run", files["collectionJSON"], *flags, "-r", "cli,json",
                       "--reporter-json-export", report]
            results[tool] = run_tool(tool, command, env, work, report, log)
        (n_ok, n_text), (c_ok, c_text) = verdict(results["newman"]), verdict(results["courier"])
        diffs = compare(results["newman"], results["courier"], n_ok, c_ok)
        rows.append({"suite": suite, "flags": flags, "newman_ok": n_ok, "courier_ok": c_ok,
                     "newman": n_text, "courier": c_text, "diffs": diffs,
                     "newman_failures": failure_list(results["newman"])})
        print(f"{suite}: Newman {n_text}; courier {c_text}", flush=True)
    write_results(out_md, commit, rows, ports)
    return 0


if __name__ == "__main__":
    sys.exit(main())
