//! A raw HTTP/1.1 server: records each request's bytes as they came on the
//! wire (request line, header names as spelt, body) and answers `200` with
//! them as a text body. For what an HTTP library would normalise away:
//! header-name case, a `?` with an empty query, dot segments.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

/// The raw server and its log; it serves until the test process ends.
pub struct RawEcho {
    /// Where it listens.
    pub addr: SocketAddr,
    log: Arc<Mutex<Vec<String>>>,
}

impl RawEcho {
    /// Starts the server on a fresh loopback port, on its own threads.
    pub fn start() -> RawEcho {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let addr = listener.local_addr().expect("local addr");
        let log: Arc<Mutex<Vec<String>>> = Arc::default();
        let shared = log.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let log = shared.clone();
                std::thread::spawn(move || {
                    // A client that goes away ends only its own connection.
                    let _ = serve(stream, &log);
                });
            }
        });
        RawEcho { addr, log }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Every request received so far, as raw text.
    pub fn received(&self) -> Vec<String> {
        self.log.lock().expect("log").clone()
    }
}

/// Serves the requests of one keep-alive connection.
fn serve(stream: TcpStream, log: &Mutex<Vec<String>>) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut writer = stream;
    loop {
        let mut head = String::new();
        let mut length = 0usize;
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line)? == 0 {
                return Ok(());
            }
            if let Some((name, value)) = line.split_once(':')
                && name.eq_ignore_ascii_case("content-length")
            {
                length = value.trim().parse().unwrap_or(0);
            }
            let end = line == "\r\n";
            head.push_str(&line);
            if end {
                break;
            }
        }
        let mut body = vec![0u8; length];
        reader.read_exact(&mut body)?;
        let raw = head + &String::from_utf8_lossy(&body);
        log.lock().expect("log").push(raw.clone());
        let answer = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {}\r\n\r\n{raw}",
            raw.len()
        );
        writer.write_all(answer.as_bytes())?;
        writer.flush()?;
    }
}
