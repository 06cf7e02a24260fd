//! Corpus-scale benchmark: full extraction against the unavoidable floor.
//!
//! ```sh
//! cargo bench --bench corpus                          # 10,000 articles
//! cargo bench --bench corpus -- --articles 100000     # 100,000 articles
//! cargo bench --bench corpus -- --articles 10000,100000 --threads 2
//! ```
//!
//! The corpus is generated under `target/bench-corpus-N/` from real-shaped
//! posts: the seeds and, when `../shared/corpus/` is beside the checkout, its
//! dev and bulk articles, copied round-robin under new names until N files.
//!
//! Two phases, each in its own child process so that peak memory is its own:
//! - floor: what any tool must do: read the files, split off the front
//!   matter, parse the HTML with scraper and walk its text, on the same
//!   number of threads;
//! - full: `hutong extract --format jsonl` as the CLI runs it (streaming,
//!   JSON serialized to a sink).
//!
//! Reported: articles/s, MB/s, peak RSS, and full time / floor time.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let get = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let threads: usize = get("--threads")
        .and_then(|t| t.parse().ok())
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()));
    if let Some(phase) = get("--phase") {
        let dir = PathBuf::from(get("--dir").expect("--dir"));
        run_phase(&phase, &dir, threads);
        return;
    }
    let sizes: Vec<usize> = get("--articles")
        .or_else(|| std::env::var("HUTONG_BENCH_ARTICLES").ok())
        .unwrap_or_else(|| "10000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let exe = std::env::current_exe().expect("own path");
    println!(
        "{:<6} {:>8} {:>8} {:>8} {:>10} {:>8} {:>9} {:>7}",
        "phase", "articles", "MB", "secs", "articles/s", "MB/s", "peak MB", "x floor"
    );
    for n in sizes {
        let dir = make_corpus(n);
        let mut floor_secs = None;
        for phase in ["floor", "full"] {
            let out = Command::new(&exe)
                .args(["--phase", phase, "--dir"])
                .arg(&dir)
                .args(["--threads", &threads.to_string()])
                .output()
                .expect("run phase");
            let line = String::from_utf8_lossy(&out.stdout);
            let f: Vec<f64> = line
                .split_whitespace()
                .filter_map(|x| x.parse().ok())
                .collect();
            if f.len() < 4 {
                eprintln!(
                    "phase {phase} failed: {}",
                    String::from_utf8_lossy(&out.stderr)
                );
                continue;
            }
            let (articles, bytes, secs, peak_kb) = (f[0], f[1], f[2], f[3]);
            let ratio = match (phase, floor_secs) {
                ("full", Some(fs)) => format!("{:.2}", secs / fs),
                _ => "-".into(),
            };
            if phase == "floor" {
                floor_secs = Some(secs);
            }
            println!(
                "{:<6} {:>8} {:>8.1} {:>8.2} {:>10.0} {:>8.1} {:>9.1} {:>7}",
                phase,
                articles,
                bytes / 1e6,
                secs,
                articles / secs,
                bytes / 1e6 / secs,
                peak_kb / 1024.0,
                ratio
            );
        }
    }
    println!("threads: {threads}");
}

/// Generate (or reuse) a corpus of `n` article files.
fn make_corpus(n: usize) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("target").join(format!("bench-corpus-{n}"));
    let marker = dir.join(".complete");
    if marker.exists() {
        return dir;
    }
    let mut sources: Vec<PathBuf> = Vec::new();
    for d in [
        root.join("seeds"),
        root.join("../shared/corpus/dev"),
        root.join("../shared/corpus/bulk"),
    ] {
        if let Ok(rd) = std::fs::read_dir(&d) {
            let mut v: Vec<PathBuf> = rd
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "txt"))
                .collect();
            v.sort();
            sources.extend(v);
        }
    }
    assert!(!sources.is_empty(), "no source articles found");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create corpus dir");
    let texts: Vec<Vec<u8>> = sources
        .iter()
        .map(|p| std::fs::read(p).expect("read source"))
        .collect();
    for i in 0..n {
        let k = i % texts.len();
        let name = format!(
            "{i:06}_{}",
            sources[k].file_name().unwrap_or_default().to_string_lossy()
        );
        std::fs::write(dir.join(name), &texts[k]).expect("write article");
    }
    std::fs::write(&marker, b"").expect("marker");
    dir
}

fn run_phase(phase: &str, dir: &Path, threads: usize) {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build_global()
        .expect("thread pool");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("corpus dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let bytes: u64 = files
        .iter()
        .map(|p| std::fs::metadata(p).map_or(0, |m| m.len()))
        .sum();
    let start = Instant::now();
    let articles = match phase {
        "floor" => floor(&files),
        _ => full(dir),
    };
    let secs = start.elapsed().as_secs_f64();
    println!("{articles} {bytes} {secs} {}", peak_rss_kb());
}

/// Read, split front matter, parse HTML, walk the text: nothing less will do.
fn floor(files: &[PathBuf]) -> usize {
    use rayon::prelude::*;
    let chars: usize = files
        .par_iter()
        .map(|p| {
            let Ok(bytes) = std::fs::read(p) else {
                return 0;
            };
            let text = String::from_utf8_lossy(&bytes);
            let body = split_front_matter(&text);
            let html = scraper::Html::parse_fragment(body);
            html.root_element()
                .text()
                .map(|t| t.chars().count())
                .sum::<usize>()
        })
        .sum();
    std::hint::black_box(chars);
    files.len()
}

fn split_front_matter(text: &str) -> &str {
    let t = text.trim_start();
    match t.strip_prefix("---").and_then(|r| r.find("\n---")) {
        Some(i) => &t[3 + i + 4..],
        None => t,
    }
}

/// The CLI's own path: streaming extraction, JSON Lines to a sink.
fn full(dir: &Path) -> usize {
    let inputs = hutong::cli::InputArgs {
        paths: vec![dir.to_path_buf()],
        ..hutong::cli::InputArgs::default()
    };
    let lex = inputs.load_lexicon().expect("lexicon");
    let mut n = 0;
    let mut sink = std::io::sink();
    let _ = hutong::cli::for_each_extraction(&inputs, &lex, false, |x| {
        n += 1;
        serde_json::to_writer(&mut sink, &x)?;
        sink.write_all(b"\n")
    });
    n
}

/// Peak resident set size of this process, in KiB (Linux).
fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}
