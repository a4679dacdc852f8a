//! HTTP load against a running Callsight server: `--concurrency` clients,
//! each on its own keep-alive connection, POST one GraphQL query in a loop
//! for `--duration` seconds after `--warmup` seconds. Reports requests,
//! failures (non-200, or a JSON body with `errors`; the first one is
//! printed), requests per second, latency percentiles and, with `--pid`,
//! the server's resident memory sampled every second (the first sample is
//! taken before any load). One human line, then one JSON line.
//!
//! Run against `callsight serve --demo` (or see scripts/bench-seller-page.sh,
//! which builds a fresh data set of any size first):
//!
//! ```sh
//! cargo bench -p callsight --bench http_load -- --token $TOKEN \
//!   --query-file service/benches/queries/seller_page.graphql --variables '{"id":"3"}'
//! ```

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::Parser;
use serde::Deserialize;
use serde_json::{Value, json};

/// Load-generation options.
#[derive(Parser)]
#[command(about = "HTTP load against a running Callsight GraphQL endpoint")]
struct Options {
    /// GraphQL endpoint.
    #[arg(long, default_value = "http://127.0.0.1:8000/graphql")]
    url: String,
    /// Bearer token (e.g. printed by `callsight serve --demo`).
    #[arg(long)]
    token: String,
    /// File holding the GraphQL document to send. A relative path not
    /// found in the current folder is read from the workspace root, since
    /// `cargo bench` runs benches in `service/`.
    #[arg(long, value_name = "FILE")]
    query_file: PathBuf,
    /// Variables as a JSON object.
    #[arg(long, value_name = "JSON")]
    variables: Option<String>,
    /// Clients sending at once, each on its own connection.
    #[arg(long, default_value_t = 16)]
    concurrency: usize,
    /// Seconds measured.
    #[arg(long, default_value_t = 30)]
    duration: u64,
    /// Seconds of load before measuring (caches, connection pools).
    #[arg(long, default_value_t = 3)]
    warmup: u64,
    /// Server process whose VmRSS to sample every second.
    #[arg(long)]
    pid: Option<u32>,
    /// Name of this run in the output.
    #[arg(long, default_value = "http_load")]
    label: String,
    /// Passed by `cargo bench`; ignored.
    #[arg(long = "bench", hide = true)]
    _bench: bool,
}

/// What one client saw in the measured window.
#[derive(Default)]
struct ClientReport {
    requests: u64,
    failures: u64,
    /// Latency of each request answered, in microseconds; a request that
    /// got no response (connection refused or reset) has none.
    latencies_us: Vec<u64>,
}

/// The part of a GraphQL response that decides success; `data` is skipped
/// unparsed.
#[derive(Deserialize)]
struct Reply {
    #[serde(default)]
    errors: Option<Value>,
}

#[derive(Clone, Copy)]
struct Window {
    start: Instant,
    end: Instant,
}

/// Resident memory samples, in MB.
struct Rss {
    first: f64,
    min: f64,
    max: f64,
    last: f64,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let options = Options::parse();
    anyhow::ensure!(options.concurrency > 0, "--concurrency must be at least 1");
    anyhow::ensure!(options.duration > 0, "--duration must be at least 1");
    let query = read_query(&options.query_file)?;
    let variables: Value = match &options.variables {
        Some(text) => serde_json::from_str(text).context("--variables is not JSON")?,
        None => json!({}),
    };
    let body = json!({"query": query, "variables": variables}).to_string();

    let now = Instant::now();
    let measured_from = now + Duration::from_secs(options.warmup);
    let window = Window {
        start: measured_from,
        end: measured_from + Duration::from_secs(options.duration),
    };
    let sampler = options
        .pid
        .map(|pid| tokio::spawn(sample_rss(pid, window.end)));
    let first_failure = Arc::new(OnceLock::new());
    let clients: Vec<_> = (0..options.concurrency)
        .map(|_| {
            let client = reqwest::Client::builder()
                .pool_max_idle_per_host(1)
                .build()?;
            Ok(tokio::spawn(run_client(
                client,
                options.url.clone(),
                format!("Bearer {}", options.token),
                body.clone(),
                window,
                first_failure.clone(),
            )))
        })
        .collect::<anyhow::Result<_>>()?;

    let mut latencies = Vec::new();
    let (mut requests, mut failures) = (0, 0);
    for client in clients {
        let report = client.await?;
        latencies.extend(report.latencies_us);
        requests += report.requests;
        failures += report.failures;
    }
    let rss = match sampler {
        Some(sampler) => sampler.await?,
        None => None,
    };
    if let Some(failure) = first_failure.get() {
        eprintln!("first failure: {failure}");
    }
    report(&options, requests, failures, latencies, rss);
    anyhow::ensure!(requests > failures, "no request succeeded");
    Ok(())
}

fn read_query(path: &Path) -> anyhow::Result<String> {
    let from_root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(path);
    let path = if path.is_relative() && !path.exists() && from_root.exists() {
        from_root.as_path()
    } else {
        path
    };
    std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}

/// Sends the request until the window ends; records the requests started
/// and finished inside it.
async fn run_client(
    client: reqwest::Client,
    url: String,
    authorization: String,
    body: String,
    window: Window,
    first_failure: Arc<OnceLock<String>>,
) -> ClientReport {
    let mut report = ClientReport::default();
    loop {
        let started = Instant::now();
        if started >= window.end {
            return report;
        }
        let outcome = send(&client, &url, &authorization, &body).await;
        let finished = Instant::now();
        if started < window.start || finished > window.end {
            continue;
        }
        report.requests += 1;
        let latency_us = (finished - started).as_micros() as u64;
        match outcome {
            Ok(()) => report.latencies_us.push(latency_us),
            Err(Failure::Refused(why)) => {
                report.latencies_us.push(latency_us);
                report.failures += 1;
                let _ = first_failure.set(why);
            }
            Err(Failure::NoResponse(why)) => {
                report.failures += 1;
                let _ = first_failure.set(why);
            }
        }
    }
}

/// A failed request, described for the report.
enum Failure {
    /// No response came (refused or reset connection): no latency.
    NoResponse(String),
    /// A response came, but not a successful GraphQL one.
    Refused(String),
}

/// One request.
async fn send(
    client: &reqwest::Client,
    url: &str,
    authorization: &str,
    body: &str,
) -> Result<(), Failure> {
    let response = client
        .post(url)
        .header("Authorization", authorization)
        .header("Content-Type", "application/json")
        .body(body.to_owned())
        .send()
        .await;
    let response = match response {
        Ok(response) => response,
        Err(err) => {
            // Server down: do not spin on refused connections.
            tokio::time::sleep(Duration::from_millis(10)).await;
            return Err(Failure::NoResponse(format!("request failed: {err}")));
        }
    };
    let status = response.status();
    let bytes = response
        .bytes()
        .await
        .map_err(|err| Failure::NoResponse(format!("HTTP {status}, body unreadable: {err}")))?;
    let failed = || {
        Failure::Refused(format!(
            "HTTP {status}: {}",
            String::from_utf8_lossy(&bytes)
        ))
    };
    if !status.is_success() {
        return Err(failed());
    }
    match serde_json::from_slice::<Reply>(&bytes) {
        Ok(Reply { errors: None }) => Ok(()),
        _ => Err(failed()),
    }
}

/// Samples the process's VmRSS every second until `end`.
async fn sample_rss(pid: u32, end: Instant) -> Option<Rss> {
    let mut samples = Vec::new();
    let mut ticks = tokio::time::interval(Duration::from_secs(1));
    loop {
        ticks.tick().await;
        if let Some(mb) = vm_rss_mb(pid) {
            samples.push(mb);
        }
        if Instant::now() >= end {
            break;
        }
    }
    let (&first, &last) = (samples.first()?, samples.last()?);
    Some(Rss {
        first,
        last,
        min: samples.iter().copied().fold(f64::INFINITY, f64::min),
        max: samples.iter().copied().fold(0.0, f64::max),
    })
}

/// `VmRSS` of /proc/<pid>/status in MB (it is given in kB).
fn vm_rss_mb(pid: u32) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// The latency at quantile `q` (nearest rank) of sorted latencies, in ms.
fn percentile_ms(sorted_us: &[u64], q: f64) -> f64 {
    if sorted_us.is_empty() {
        return 0.0;
    }
    let rank = (q * sorted_us.len() as f64).ceil() as usize;
    sorted_us[rank.clamp(1, sorted_us.len()) - 1] as f64 / 1000.0
}

fn report(
    options: &Options,
    requests: u64,
    failures: u64,
    mut latencies: Vec<u64>,
    rss: Option<Rss>,
) {
    latencies.sort_unstable();
    let rps = requests as f64 / options.duration as f64;
    let [p50, p90, p99, max] = [0.5, 0.9, 0.99, 1.0].map(|q| percentile_ms(&latencies, q));
    let memory = rss.as_ref().map_or(String::new(), |r| {
        format!(
            "; RSS MB first {:.1} min {:.1} max {:.1} last {:.1}",
            r.first, r.min, r.max, r.last
        )
    });
    println!(
        "{}: {requests} requests, {failures} failures in {}s at concurrency {} = {rps:.1} req/s; \
         latency ms p50 {p50:.2} p90 {p90:.2} p99 {p99:.2} max {max:.2}{memory}",
        options.label, options.duration, options.concurrency
    );
    let rss = rss.map(|r| json!({"first": r.first, "min": r.min, "max": r.max, "last": r.last}));
    let line = json!({
        "label": options.label,
        "url": options.url,
        "concurrency": options.concurrency,
        "duration_s": options.duration,
        "requests": requests,
        "failures": failures,
        "req_per_s": rps,
        "p50_ms": p50,
        "p90_ms": p90,
        "p99_ms": p99,
        "max_ms": max,
        "rss_mb": rss,
    });
    println!("{line}");
}
