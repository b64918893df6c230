//! Over HTTP: `taawun serve` as a child process on a random 127.0.0.1 port against the imported
//! database, loaded by `wrk` (a real load generator, bounded duration), the pages' transferred
//! bytes (compressed, with their CSS and JS) and Lighthouse in headless Chromium.

use std::{
    io::{BufRead, BufReader, Read, Write},
    net::TcpStream,
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use anyhow::{Context, bail};

/// A running `taawun serve`; killed when dropped.
pub struct Server {
    child: Child,
    pub addr: String,
    /// From start to the first line saying it listens (index and cube built).
    pub startup: Duration,
}

impl Server {
    pub fn start(exe: &Path, database: &str, dir: &Path) -> anyhow::Result<Server> {
        let t = Instant::now();
        let mut child = Command::new(exe)
            .args(["serve", "--addr", "127.0.0.1:0", "--database", database])
            // wrk stands for many visitors behind a load balancer on 127.0.0.1 (see `wrk`).
            .args(["--trusted-proxy", "127.0.0.1"])
            .arg("--signing-key")
            .arg(dir.join("signing.key"))
            .env("TAAWUN_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .context("cannot start taawun serve")?;
        let stdout = child.stdout.take().context("no stdout")?;
        let mut lines = BufReader::new(stdout).lines();
        let addr = loop {
            let Some(line) = lines.next() else {
                let _ = child.kill();
                bail!("taawun serve ended before listening");
            };
            let line = line?;
            if let Some(rest) = line.split("http://").nth(1) {
                break rest.split('/').next().unwrap_or("").to_string();
            }
        };
        // Keep reading stdout so the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Ok(Server {
            child,
            addr,
            startup: t.elapsed(),
        })
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One plain HTTP/1.1 GET; returns (status, bytes on the wire, decoded-or-raw body).
pub fn get(addr: &str, path: &str, gzip: bool) -> anyhow::Result<(u16, usize, Vec<u8>)> {
    let mut s = TcpStream::connect(addr)?;
    s.set_read_timeout(Some(Duration::from_secs(30)))?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nAccept: text/html,*/*\r\n{}\r\n",
        if gzip { "Accept-Encoding: gzip, br\r\n" } else { "" }
    )?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw)?;
    let head_end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .context("no HTTP header")?;
    let head = String::from_utf8_lossy(&raw[..head_end]).to_string();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let mut body = raw[head_end + 4..].to_vec();
    if head.to_ascii_lowercase().contains("transfer-encoding: chunked") {
        body = dechunk(&body);
    }
    Ok((status, raw.len(), body))
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = b.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(String::from_utf8_lossy(&b[..eol]).trim(), 16).unwrap_or(0);
        if size == 0 || b.len() < eol + 2 + size {
            break;
        }
        out.extend_from_slice(&b[eol + 2..eol + 2 + size]);
        b = &b[(eol + 4 + size).min(b.len())..];
    }
    out
}

/// The page's bytes on the wire (compressed) plus those of the stylesheets and scripts it links.
pub fn page_weight(addr: &str, path: &str) -> anyhow::Result<(u16, usize)> {
    let (status, wire, _) = get(addr, path, true)?;
    let (_, _, html) = get(addr, path, false)?;
    let html = String::from_utf8_lossy(&html);
    let mut total = wire;
    for asset in assets(&html) {
        let (_, bytes, _) = get(addr, &asset, true)?;
        total += bytes;
    }
    Ok((status, total))
}

/// Local `href`s of stylesheets and `src`s of scripts.
fn assets(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for tag in html.split('<').skip(1) {
        let attr = if tag.starts_with("link") && tag.contains("stylesheet") {
            "href=\""
        } else if tag.starts_with("script") {
            "src=\""
        } else {
            continue;
        };
        if let Some(v) = tag.split(attr).nth(1).and_then(|r| r.split('"').next())
            && v.starts_with('/')
            && !out.iter().any(|o| o == v)
        {
            out.push(v.replace("&amp;", "&"));
        }
    }
    out
}

/// One `wrk` run's figures.
pub struct Load {
    pub requests: u64,
    pub requests_per_s: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub errors: u64,
}

/// `wrk -t2 -c{connections} -d{duration}s --latency` (one thread for one connection), rotating
/// over `paths` with a Lua script. With `many_visitors` (a rate-limited route), each request
/// comes from another visitor behind the trusted balancer (its own `X-Forwarded-For`), so the
/// limiter admits it and counts it — what a public endpoint costs under many visitors — instead
/// of one address being refused after its allowance; a thread still stops at a 429, if any.
pub fn wrk(
    wrk: &Path,
    dir: &Path,
    addr: &str,
    paths: &[String],
    connections: usize,
    duration: Duration,
    many_visitors: bool,
) -> anyhow::Result<Load> {
    let script = dir.join("paths.lua");
    let list = paths
        .iter()
        .map(|p| format!("{p:?}"))
        .collect::<Vec<_>>()
        .join(",\n");
    std::fs::write(
        &script,
        format!(
            "local paths = {{\n{list}\n}}\nlocal i = 0\n{}",
            if many_visitors {
                "local n = 0\nlocal base = math.random(0, 255)\n\
                 request = function()\n  i = i % #paths + 1\n  n = n + 1\n  \
                 local from = string.format(\"10.%d.%d.%d\", base, math.floor(n / 256) % 256, n % 256)\n  \
                 return wrk.format(nil, paths[i], {[\"X-Forwarded-For\"] = from})\nend\n\
                 response = function(status, headers, body)\n  if status == 429 then wrk.thread:stop() end\nend\n"
            } else {
                "request = function()\n  i = i % #paths + 1\n  return wrk.format(nil, paths[i])\nend\n"
            }
        ),
    )?;
    let out = Command::new(wrk)
        .arg(format!("-t{}", connections.clamp(1, 2)))
        .args([&format!("-c{connections}"), &format!("-d{}s", duration.as_secs())])
        .args(["--latency", "-s"])
        .arg(&script)
        .arg(format!("http://{addr}"))
        .output()
        .context("cannot run wrk")?;
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    if !out.status.success() {
        bail!("wrk failed: {text} {}", String::from_utf8_lossy(&out.stderr));
    }
    parse_wrk(&text).with_context(|| format!("unexpected wrk output:\n{text}"))
}

impl Load {
    /// Adds the run's figures to the report under `subject` (e.g. `sqlite/search_api`).
    pub fn record(&self, report: &mut super::report::Report, size: usize, subject: &str) {
        report.add(size, "http", subject, "requests", self.requests as f64, "");
        report.add(
            size,
            "http",
            subject,
            "requests_per_s",
            self.requests_per_s,
            "requests/s",
        );
        report.add(size, "http", subject, "p50_ms", self.p50_ms, "ms");
        report.add(size, "http", subject, "p99_ms", self.p99_ms, "ms");
        report.add(size, "http", subject, "errors", self.errors as f64, "");
    }
}

fn wrk_ms(v: &str) -> Option<f64> {
    let (n, unit) = v.find(|c: char| c.is_ascii_alphabetic()).map(|i| v.split_at(i))?;
    let n: f64 = n.parse().ok()?;
    Some(match unit {
        "us" => n / 1000.0,
        "ms" => n,
        "s" => n * 1000.0,
        "m" => n * 60_000.0,
        _ => return None,
    })
}

fn parse_wrk(text: &str) -> Option<Load> {
    let mut load = Load {
        requests: 0,
        requests_per_s: 0.0,
        p50_ms: 0.0,
        p99_ms: 0.0,
        errors: 0,
    };
    for line in text.lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        match f.as_slice() {
            ["Requests/sec:", v] => load.requests_per_s = v.parse().ok()?,
            [n, "requests", "in", ..] => load.requests = n.parse().ok()?,
            ["50%", v] => load.p50_ms = wrk_ms(v)?,
            ["99%", v] => load.p99_ms = wrk_ms(v)?,
            ["Non-2xx", "or", "3xx", "responses:", n] => load.errors += n.parse::<u64>().ok()?,
            ["Socket", "errors:", rest @ ..] => {
                load.errors += rest
                    .iter()
                    .filter_map(|s| s.trim_end_matches(',').parse::<u64>().ok())
                    .sum::<u64>();
            }
            _ => {}
        }
    }
    (load.requests_per_s > 0.0).then_some(load)
}

/// Lighthouse scores (performance, accessibility; 0–100) of one page, headless Chromium.
pub fn lighthouse(lighthouse: &Path, chromium: &Path, url: &str, dir: &Path) -> anyhow::Result<(f64, f64)> {
    let out_path: PathBuf = dir.join("lighthouse.json");
    let status = Command::new(lighthouse)
        .arg(url)
        .args([
            "--quiet",
            "--only-categories=performance,accessibility",
            "--output=json",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        ])
        .arg(format!("--output-path={}", out_path.display()))
        .env("CHROME_PATH", chromium)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .context("cannot run lighthouse")?;
    if !status.success() {
        bail!("lighthouse failed on {url} ({status})");
    }
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&out_path)?)?;
    let score = |c: &str| json["categories"][c]["score"].as_f64().map(|s| s * 100.0);
    match (score("performance"), score("accessibility")) {
        (Some(p), Some(a)) => Ok((p, a)),
        _ => bail!("lighthouse gave no scores for {url}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_wrk_output() {
        let text = "Running 10s test @ http://127.0.0.1:1\n  Latency Distribution\n     50%  1.20ms\n     75%    2.00ms\n     90%    3.00ms\n     99%   12.50ms\n  1000 requests in 10.00s, 1.00MB read\n  Non-2xx or 3xx responses: 3\nRequests/sec:    100.00\nTransfer/sec:    100.00KB\n";
        let l = parse_wrk(text).expect("parsed");
        assert_eq!(
            (l.requests_per_s, l.p50_ms, l.p99_ms, l.errors),
            (100.0, 1.2, 12.5, 3)
        );
        assert_eq!(wrk_ms("850.00us"), Some(0.85));
    }

    #[test]
    fn finds_stylesheets_and_scripts() {
        let html = r#"<link rel="stylesheet" href="/static/app.abc.css"><script src="/static/x.js" defer></script><a href="/x">"#;
        assert_eq!(assets(html), vec!["/static/app.abc.css", "/static/x.js"]);
    }
}
