//! Throughput of the temporal tagger on real text, one core: the seed and
//! development articles plus every 20th article of the bulk corpus. Reports
//! MB/s of normalized text (group `timex_bytes`) and expressions/s (group
//! `timex_expressions`).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use hutong::read::{read_path, Limits};
use std::hint::black_box;
use std::path::{Path, PathBuf};

fn files(dir: &Path, every: usize) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    v.sort();
    v.into_iter().step_by(every.max(1)).collect()
}

/// (normalized body, reference) of every article read.
fn corpus() -> Vec<(String, Option<chrono::NaiveDateTime>)> {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let mut paths = files(&shared.join("seeds"), 1);
    paths.extend(files(&shared.join("corpus/dev"), 1));
    paths.extend(files(&shared.join("corpus/bulk"), 20));
    let mut out = Vec::new();
    for p in paths {
        let Ok(articles) = read_path(&p, &Limits::default()) else {
            continue;
        };
        for a in articles {
            let doc = hutong::text::document(&a);
            out.push((doc.norm, a.published.map(|d| d.naive_local())));
        }
    }
    out
}

fn tag_all(docs: &[(String, Option<chrono::NaiveDateTime>)]) -> usize {
    docs.iter()
        .map(|(t, r)| hutong::time::tag(black_box(t), *r).len())
        .sum()
}

fn bench(c: &mut Criterion) {
    let docs = corpus();
    if docs.is_empty() {
        eprintln!("../shared is absent: nothing to measure");
        return;
    }
    let bytes: usize = docs.iter().map(|(t, _)| t.len()).sum();
    let exprs = tag_all(&docs);
    eprintln!(
        "{} articles, {:.2} MB, {} expressions",
        docs.len(),
        bytes as f64 / 1e6,
        exprs
    );
    let mut g = c.benchmark_group("timex_bytes");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("tag", |b| b.iter(|| tag_all(&docs)));
    g.finish();
    let mut g = c.benchmark_group("timex_expressions");
    g.sample_size(10);
    g.throughput(Throughput::Elements(exprs as u64));
    g.bench_function("tag", |b| b.iter(|| tag_all(&docs)));
    g.finish();
}

criterion_group! {
    name = benches;
    // Plots need fonts a headless machine may lack; the figures are printed.
    config = Criterion::default().without_plots();
    targets = bench
}
criterion_main!(benches);
