//! Issue 15: fault injection. One raw TCP server on `127.0.0.1:0` answers
//! each route with one network fault (or a legal but unusual answer); one
//! collection sends them all in one run, each followed by a request that
//! must pass. Every faulty item fails alone, with a message that names its
//! cause once and its URL once; the run goes on and exits 1; the JSON
//! report lists every item.

use std::net::SocketAddr;
use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use crate::common::courier_with_json_report;

/// `--timeout-request` of the run, in milliseconds; `/slow` takes longer.
const TIMEOUT_MS: u64 = 1500;

/// The routes, in the order the collection sends them: (path, what the
/// item's failure message must hold, or `None` when the answer is legal and
/// the item's own test script checks what it got).
/// `huge-body` stands for the 1 GiB body: a chunked body past the run's
/// `--max-response-size` (the same path, at a size a test can afford; the
/// 1 GiB case is measured in `bench/big-response.sh`).
const ROUTES: &[(&str, Option<&str>)] = &[
    ("refused", Some("connection failed: http://127.0.0.1:")),
    (
        "close",
        Some("/close: connection closed before message completed"),
    ),
    (
        "reset",
        Some("/reset: the response body could not be read: Connection reset by peer"),
    ),
    (
        "slow",
        Some("/slow: the response body was still arriving when the request timeout ran out"),
    ),
    (
        "short",
        Some(
            "/short: the response body could not be read: end of file before message length reached",
        ),
    ),
    (
        "bad-chunks",
        Some("/bad-chunks: the response body could not be read: Invalid chunk size line"),
    ),
    (
        "bad-gzip",
        Some(
            "/bad-gzip: the response body does not decode as its Content-Encoding declares: Invalid gzip header",
        ),
    ),
    (
        "bad-gzip-data",
        Some(
            "/bad-gzip-data: the response body does not decode as its Content-Encoding declares: corrupt compressed data",
        ),
    ),
    (
        "loop",
        Some("redirect error: more than 10 redirects from http://"),
    ),
    ("no-content-with-body", None),
    ("http10", None),
    (
        "huge-headers",
        Some("/huge-headers: message head is too large"),
    ),
    ("many-headers", None),
    ("non-utf8", None),
    ("huge-body", None),
];

/// `--max-response-size` of the run; `/huge-body` sends [`HUGE_BODY`] bytes.
const MAX_RESPONSE_SIZE: &str = "2MiB";
/// The size of `/huge-body`, chunked (no Content-Length announces it).
const HUGE_BODY: usize = 8 << 20;

/// A raw TCP server with one route per fault; it stops when dropped.
struct FaultServer {
    addr: SocketAddr,
    _runtime: tokio::runtime::Runtime,
}

impl FaultServer {
    fn start() -> FaultServer {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("runtime");
        let listener = runtime
            .block_on(TcpListener::bind("127.0.0.1:0"))
            .expect("bind loopback");
        let addr = listener.local_addr().expect("local addr");
        runtime.spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(async move {
                    // A client that goes away ends only its own connection.
                    let _ = serve(stream).await;
                });
            }
        });
        FaultServer {
            addr,
            _runtime: runtime,
        }
    }
}

/// Reads one request head (and its body, by Content-Length); `None` at the
/// end of the connection.
async fn read_request(stream: &mut TcpStream) -> std::io::Result<Option<String>> {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        if stream.read(&mut byte).await? == 0 {
            return Ok(None);
        }
        head.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&head).into_owned();
    let length = head
        .lines()
        .filter_map(|l| l.split_once(':'))
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.trim().parse::<usize>().ok())
        .unwrap_or(0);
    let mut body = vec![0u8; length];
    stream.read_exact(&mut body).await?;
    let path = head.split(' ').nth(1).unwrap_or("/").to_owned();
    Ok(Some(path))
}

/// Serves one keep-alive connection until a route ends it.
async fn serve(mut stream: TcpStream) -> std::io::Result<()> {
    while let Some(path) = read_request(&mut stream).await? {
        if !answer(&mut stream, &path).await? {
            return Ok(());
        }
    }
    Ok(())
}

/// Answers `path`; `false` when the connection is to end.
async fn answer(stream: &mut TcpStream, path: &str) -> std::io::Result<bool> {
    match path {
        "/close" => return Ok(false),
        "/reset" => {
            stream
                .write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n")
                .await?;
            stream.write_all(&[b'r'; 100]).await?;
            stream.flush().await?;
            tokio::time::sleep(Duration::from_millis(100)).await;
            // An abortive close: the client gets a RST, not a FIN.
            stream.set_zero_linger()?;
            return Ok(false);
        }
        "/huge-body" => {
            stream
                .write_all(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
                .await?;
            let chunk = vec![b'x'; 64 * 1024];
            for _ in 0..HUGE_BODY / chunk.len() {
                stream
                    .write_all(format!("{:x}\r\n", chunk.len()).as_bytes())
                    .await?;
                stream.write_all(&chunk).await?;
                stream.write_all(b"\r\n").await?;
            }
            stream.write_all(b"0\r\n\r\n").await?;
            stream.flush().await?;
            return Ok(true);
        }
        "/slow" => {
            stream
                .write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nslow")
                .await?;
            stream.flush().await?;
            tokio::time::sleep(Duration::from_millis(TIMEOUT_MS * 4)).await;
            return Ok(false);
        }
        _ => {}
    }
    let (bytes, keep_alive) = canned(path);
    stream.write_all(&bytes).await?;
    stream.flush().await?;
    if !keep_alive {
        stream.shutdown().await?;
    }
    Ok(keep_alive)
}

/// The whole answer to `path`, and whether the connection stays open.
fn canned(path: &str) -> (Vec<u8>, bool) {
    let (bytes, keep_alive): (&[u8], bool) = match path {
        "/short" => (
            b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly ten b",
            false,
        ),
        "/bad-chunks" => (
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n",
            false,
        ),
        "/bad-gzip" => (
            b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 20\r\n\r\nthis is not gzip!!!!",
            true,
        ),
        // A valid gzip header, then data that is not deflate.
        "/bad-gzip-data" => (
            b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 26\r\n\r\n\
              \x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xff\xff\xff\xff not deflate",
            true,
        ),
        "/loop" => (
            b"HTTP/1.1 302 Found\r\nLocation: /loop\r\nContent-Length: 0\r\n\r\n",
            true,
        ),
        // A 204 has no body whatever its headers say: the five bytes are
        // garbage on a connection kept alive for the next request.
        "/no-content-with-body" => (
            b"HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\nhello",
            true,
        ),
        // No length: the body runs to the end of the connection.
        "/http10" => (
            b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nall of it, to the close",
            false,
        ),
        "/huge-headers" => {
            let mut head = b"HTTP/1.1 200 OK\r\nX-Huge: ".to_vec();
            head.extend(std::iter::repeat_n(b'h', 1024 * 1024));
            head.extend_from_slice(b"\r\nContent-Length: 2\r\n\r\nok");
            return (head, false);
        }
        "/many-headers" => {
            let mut head = b"HTTP/1.1 200 OK\r\n".to_vec();
            for i in 0..500 {
                head.extend_from_slice(format!("X-Many-{i}: {i}\r\n").as_bytes());
            }
            head.extend_from_slice(b"Content-Length: 2\r\n\r\nok");
            return (head, true);
        }
        "/non-utf8" => (
            b"HTTP/1.1 200 OK\r\nX-Latin: caf\xe9\r\nContent-Type: text/plain\r\n\
              Content-Length: 4\r\n\r\n\xff\xfe\x00A",
            true,
        ),
        _ => (
            b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok",
            true,
        ),
    };
    (bytes.to_vec(), keep_alive)
}

/// A port nothing listens on: bound, then closed.
fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.local_addr().expect("addr").port()
}

/// An item named `name` sending GET `url`, with `tests` as its test script.
fn item(name: &str, url: &str, tests: &[&str]) -> Value {
    json!({
        "name": name,
        "request": {"method": "GET", "url": url},
        "event": if tests.is_empty() { json!([]) } else {
            json!([{"listen": "test", "script": {"exec": tests}}])
        },
    })
}

/// The test script of a legal but unusual answer.
fn checks(route: &str) -> Vec<&'static str> {
    match route {
        "no-content-with-body" => vec![
            "pm.test('204, no body', () => {",
            "  pm.expect(pm.response.code).to.equal(204);",
            "  pm.expect(pm.response.text()).to.equal('');",
            "});",
        ],
        "http10" => vec![
            "pm.test('body to the close', () => {",
            "  pm.expect(pm.response.code).to.equal(200);",
            "  pm.expect(pm.response.text()).to.equal('all of it, to the close');",
            "});",
        ],
        "many-headers" => vec![
            "pm.test('every header', () => {",
            "  pm.expect(pm.response.headers.get('X-Many-0')).to.equal('0');",
            "  pm.expect(pm.response.headers.get('X-Many-499')).to.equal('499');",
            "});",
        ],
        "non-utf8" => vec![
            "pm.test('bytes kept', () => {",
            "  pm.expect(pm.response.code).to.equal(200);",
            "  pm.expect(pm.response.headers.get('X-Latin')).to.be.a('string');",
            "  pm.expect(pm.response.text().length).to.equal(4);",
            "});",
        ],
        "huge-body" => vec![
            "pm.test('status and size, body not kept', () => {",
            "  pm.response.to.have.status(200);",
            "  pm.expect(pm.response.responseSize).to.equal(8388608);",
            "  pm.expect(() => pm.response.text()).to.throw(/--max-response-size/);",
            "});",
        ],
        _ => vec![],
    }
}

/// The collection: each route, then `/ok` with a passing test.
fn collection(base: &str, refused: &str) -> Value {
    let mut items = Vec::new();
    for (route, _) in ROUTES {
        let url = match *route {
            "refused" => format!("{refused}/refused"),
            _ => format!("{base}/{route}"),
        };
        items.push(item(route, &url, &checks(route)));
        items.push(item(
            &format!("after {route}"),
            &format!("{base}/ok"),
            &["pm.test('ok', () => pm.response.to.have.status(200));"],
        ));
    }
    json!({
        "info": {
            "name": "faults",
            "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
        },
        "item": items,
    })
}

/// The messages of the report's failures whose source is `name`.
fn failures_of<'r>(report: &'r Value, name: &str) -> Vec<&'r str> {
    report["run"]["failures"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|f| f["source"]["name"] == name)
        .filter_map(|f| f["error"]["message"].as_str())
        .collect()
}

#[test]
fn issue15_each_fault_fails_only_its_own_item() {
    let server = FaultServer::start();
    let base = format!("http://{}", server.addr);
    let refused = format!("http://127.0.0.1:{}", closed_port());
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("faults.postman_collection.json");
    std::fs::write(&path, collection(&base, &refused).to_string()).expect("write collection");
    let path = path.to_string_lossy().into_owned();
    let timeout = TIMEOUT_MS.to_string();
    let (run, report) = courier_with_json_report(&[
        "run",
        &path,
        "--timeout-request",
        &timeout,
        "--max-response-size",
        MAX_RESPONSE_SIZE,
        "-r",
        "cli",
    ]);
    let output = format!("{}\n{}", run.stdout, run.stderr);
    assert_eq!(run.code, 1, "{output}");

    // Every item is in the report, in order.
    let names: Vec<&str> = report["run"]["executions"]
        .as_array()
        .expect("executions")
        .iter()
        .filter_map(|e| e["item"]["name"].as_str())
        .collect();
    let want: Vec<String> = ROUTES
        .iter()
        .flat_map(|(r, _)| [r.to_string(), format!("after {r}")])
        .collect();
    assert_eq!(names, want, "{output}");

    for (route, expected) in ROUTES {
        let after = format!("after {route}");
        assert_eq!(failures_of(&report, &after), Vec::<&str>::new(), "{output}");
        let failed = failures_of(&report, route);
        match expected {
            None => assert_eq!(failed, Vec::<&str>::new(), "{route}: {output}"),
            Some(part) => {
                assert_eq!(failed.len(), 1, "{route}: {failed:?}");
                let message = failed[0];
                assert!(message.contains(part), "{route}: {message}");
                // The cause once, the URL once.
                assert_eq!(message.matches("http://").count(), 1, "{route}: {message}");
                assert!(
                    !message.contains("request failed: request failed"),
                    "{route}: {message}"
                );
                // The decoder's word for any gzip or zlib data error is not
                // the encoding the response declared.
                assert!(!message.contains("deflate"), "{route}: {message}");
            }
        }
    }
}

#[test]
fn issue15_an_invalid_url_is_named_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("c.postman_collection.json");
    let items = json!({
        "info": {"name": "bad url"},
        "item": [item("undefined host", "{{nowhere}}/x", &[])],
    });
    std::fs::write(&path, items.to_string()).expect("write collection");
    let (run, report) = courier_with_json_report(&["run", &path.to_string_lossy()]);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    let error = &report["run"]["executions"][0]["requestError"]["message"];
    let error = error.as_str().unwrap_or_default();
    assert!(
        error.starts_with("invalid URL: `{{nowhere}}/x`: "),
        "{error}"
    );
    let failure = failures_of(&report, "undefined host");
    assert_eq!(failure.len(), 1, "{failure:?}");
    assert_eq!(failure[0].matches("invalid URL").count(), 1, "{failure:?}");
}
