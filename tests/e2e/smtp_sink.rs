//! A small real SMTP server on a loopback port that keeps what it is sent,
//! so tests read the messages the service e-mails. Plain TCP only; AUTH
//! PLAIN and LOGIN are accepted with any password.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use callsight::mail::{SmtpConfig, SmtpTls};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// One message as the sink received it.
#[derive(Debug, Clone)]
pub struct Message {
    /// `MAIL FROM` address.
    pub from: String,
    /// `RCPT TO` addresses.
    pub to: Vec<String>,
    /// The message after dot-unstuffing, CRLF line ends.
    pub data: String,
    /// The user name the client authenticated as.
    pub user: Option<String>,
}

impl Message {
    /// A header's value, unfolded, with RFC 2047 encoded words decoded.
    pub fn header(&self, name: &str) -> Option<String> {
        let (head, _) = self.split();
        let unfolded = head.replace("\r\n ", " ").replace("\r\n\t", " ");
        unfolded.split("\r\n").find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.trim()
                .eq_ignore_ascii_case(name)
                .then(|| decode_words(value.trim()))
        })
    }

    /// The body, decoded from its transfer encoding, with `\n` line ends.
    pub fn body(&self) -> String {
        let (_, body) = self.split();
        let encoding = self
            .header("Content-Transfer-Encoding")
            .unwrap_or_default()
            .to_ascii_lowercase();
        let bytes = match encoding.as_str() {
            "quoted-printable" => quoted_printable(body),
            "base64" => base64(body),
            _ => body.as_bytes().to_vec(),
        };
        String::from_utf8(bytes)
            .expect("UTF-8 body")
            .replace("\r\n", "\n")
    }

    fn split(&self) -> (&str, &str) {
        self.data.split_once("\r\n\r\n").unwrap_or((&self.data, ""))
    }
}

#[derive(Default)]
struct State {
    messages: Vec<Message>,
    refuse: usize,
}

/// The running sink; it stops when dropped.
pub struct SmtpSink {
    pub addr: SocketAddr,
    state: Arc<Mutex<State>>,
    task: JoinHandle<()>,
}

impl SmtpSink {
    pub async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("loopback port");
        let addr = listener.local_addr().unwrap();
        let state = Arc::new(Mutex::new(State::default()));
        let shared = Arc::clone(&state);
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(session(stream, Arc::clone(&shared)));
            }
        });
        Self { addr, state, task }
    }

    /// An `[smtp]` section for this sink: plain TCP, sender `from`.
    pub fn config(&self, from: &str) -> SmtpConfig {
        SmtpConfig {
            host: self.addr.ip().to_string(),
            port: Some(self.addr.port()),
            username: None,
            password: None,
            from: from.to_owned(),
            tls: SmtpTls::None,
            timeout_ms: 5_000,
        }
    }

    /// Answers the next `n` messages with `451` after their data.
    pub fn refuse_next(&self, n: usize) {
        self.state.lock().unwrap().refuse = n;
    }

    /// The messages accepted so far.
    pub fn messages(&self) -> Vec<Message> {
        self.state.lock().unwrap().messages.clone()
    }

    /// Waits until at least `n` messages were accepted (panics after
    /// `timeout`) and returns all of them.
    pub async fn wait_for(&self, n: usize, timeout: Duration) -> Vec<Message> {
        let start = Instant::now();
        loop {
            let messages = self.messages();
            if messages.len() >= n {
                return messages;
            }
            assert!(
                start.elapsed() < timeout,
                "{} of {n} e-mails arrived within {timeout:?}",
                messages.len()
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// One client connection, from greeting to QUIT.
async fn session(stream: TcpStream, state: Arc<Mutex<State>>) {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read);
    let mut reply = async |text: &str| write.write_all(format!("{text}\r\n").as_bytes()).await;
    if reply("220 sink ESMTP ready").await.is_err() {
        return;
    }
    let mut from: Option<String> = None;
    let mut to = Vec::new();
    let mut user = None;
    loop {
        let Some(line) = read_line(&mut lines).await else {
            return;
        };
        let (verb, arg) = line.split_once(' ').unwrap_or((&line, ""));
        let answer = match verb.to_ascii_uppercase().as_str() {
            "EHLO" => "250-sink\r\n250-8BITMIME\r\n250 AUTH PLAIN LOGIN".to_owned(),
            "HELO" => "250 sink".to_owned(),
            "MAIL" => {
                from = Some(path(arg));
                to.clear();
                "250 2.1.0 ok".to_owned()
            }
            "RCPT" if from.is_some() => {
                to.push(path(arg));
                "250 2.1.5 ok".to_owned()
            }
            "RCPT" => "503 5.5.1 MAIL first".to_owned(),
            "DATA" if !to.is_empty() => {
                if reply("354 end data with <CR><LF>.<CR><LF>").await.is_err() {
                    return;
                }
                let mut data = String::new();
                loop {
                    let Some(line) = read_line(&mut lines).await else {
                        return;
                    };
                    if line == "." {
                        break;
                    }
                    data.push_str(line.strip_prefix('.').unwrap_or(&line));
                    data.push_str("\r\n");
                }
                let mut state = state.lock().unwrap();
                let answer = if state.refuse > 0 {
                    state.refuse -= 1;
                    "451 4.3.0 try again later".to_owned()
                } else {
                    state.messages.push(Message {
                        from: from.take().unwrap_or_default(),
                        to: std::mem::take(&mut to),
                        data,
                        user: user.clone(),
                    });
                    "250 2.0.0 queued".to_owned()
                };
                from = None;
                to.clear();
                answer
            }
            "DATA" => "503 5.5.1 RCPT first".to_owned(),
            "AUTH" => {
                let (mechanism, initial) = arg.split_once(' ').unwrap_or((arg, ""));
                let name = match mechanism.to_ascii_uppercase().as_str() {
                    "PLAIN" => {
                        let response = if initial.is_empty() {
                            if reply("334 ").await.is_err() {
                                return;
                            }
                            read_line(&mut lines).await.unwrap_or_default()
                        } else {
                            initial.to_owned()
                        };
                        // authzid NUL authcid NUL password
                        let decoded = base64(&response);
                        decoded
                            .split(|b| *b == 0)
                            .nth(1)
                            .map(|n| String::from_utf8_lossy(n).into_owned())
                    }
                    "LOGIN" => {
                        let name = if initial.is_empty() {
                            if reply("334 VXNlcm5hbWU6").await.is_err() {
                                return;
                            }
                            read_line(&mut lines).await.unwrap_or_default()
                        } else {
                            initial.to_owned()
                        };
                        if reply("334 UGFzc3dvcmQ6").await.is_err() {
                            return;
                        }
                        let _password = read_line(&mut lines).await;
                        Some(String::from_utf8_lossy(&base64(&name)).into_owned())
                    }
                    _ => None,
                };
                match name {
                    Some(name) => {
                        user = Some(name);
                        "235 2.7.0 authenticated".to_owned()
                    }
                    None => "504 5.5.4 mechanism not supported".to_owned(),
                }
            }
            "RSET" => {
                from = None;
                to.clear();
                "250 2.0.0 ok".to_owned()
            }
            "NOOP" => "250 2.0.0 ok".to_owned(),
            "QUIT" => {
                let _ = reply("221 2.0.0 bye").await;
                return;
            }
            _ => "502 5.5.2 command not recognised".to_owned(),
        };
        if reply(&answer).await.is_err() {
            return;
        }
    }
}

/// The next line without its line end; None at the end of the stream.
async fn read_line(lines: &mut BufReader<tokio::net::tcp::OwnedReadHalf>) -> Option<String> {
    let mut buf = Vec::new();
    match lines.read_until(b'\n', &mut buf).await {
        Ok(0) | Err(_) => None,
        Ok(_) => {
            let line = String::from_utf8_lossy(&buf);
            Some(line.trim_end_matches(['\r', '\n']).to_owned())
        }
    }
}

/// The address of `FROM:<a@b> BODY=8BITMIME` or `TO:<a@b>`.
fn path(arg: &str) -> String {
    let start = arg.find('<').map_or(0, |i| i + 1);
    let end = arg[start..].find('>').map_or(arg.len(), |i| start + i);
    arg[start..end].to_owned()
}

/// Decodes `=?charset?B?…?=` and `=?charset?Q?…?=` words (UTF-8 only);
/// the space between two encoded words goes.
fn decode_words(value: &str) -> String {
    let mut out = Vec::new();
    let mut rest = value;
    let mut after_word = false;
    while let Some(start) = rest.find("=?") {
        let word = &rest[start + 2..];
        let parsed = word.split_once('?').and_then(|(_, word)| {
            let (encoding, word) = word.split_once('?')?;
            let (text, tail) = word.split_once("?=")?;
            Some((encoding, text, tail))
        });
        let Some((encoding, text, tail)) = parsed else {
            break;
        };
        let between = &rest[..start];
        if !(after_word && between.trim().is_empty()) {
            out.extend_from_slice(between.as_bytes());
        }
        if encoding.eq_ignore_ascii_case("b") {
            out.extend(base64(text));
        } else {
            out.extend(quoted_printable(&text.replace('_', " ")));
        }
        after_word = true;
        rest = tail;
    }
    out.extend_from_slice(rest.as_bytes());
    String::from_utf8(out).expect("UTF-8 header")
}

fn quoted_printable(text: &str) -> Vec<u8> {
    let text = text.replace("=\r\n", "");
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'='
            && let Some(hex) = text.get(i + 1..i + 3)
            && let Ok(byte) = u8::from_str_radix(hex, 16)
        {
            out.push(byte);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}

fn base64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0);
    for six in text.bytes().filter_map(value) {
        acc = (acc << 6) | u32::from(six);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

#[test]
fn decoders_read_what_mail_clients_write() {
    assert_eq!(base64("aGVsbG8gd29ybGQ="), b"hello world");
    assert_eq!(base64("AGNvYWNoAHMzY3JldA=="), b"\0coach\0s3cret");
    assert_eq!(quoted_printable("Gr=C3=BC=\r\n=C3=9Fe"), "Grüße".as_bytes());
    assert_eq!(
        decode_words("=?utf-8?b?R3LDvA==?= =?utf-8?b?w59l?= and more"),
        "Grüße and more"
    );
    assert_eq!(path("FROM:<a@b.example> BODY=8BITMIME"), "a@b.example");
}
