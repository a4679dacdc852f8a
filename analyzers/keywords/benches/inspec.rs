//! Key-phrase quality and speed on Inspec (2 000 abstracts with gold keys),
//! against Python YAKE 0.7.3, in one run on one core:
//!
//! 1. extracts the top 10 of every abstract with the Rust extractor (one
//!    warm-up pass, then the best of three timed passes) and writes them as
//!    `target/inspec/rust-yake_top10_Inspec.tsv` (`id<TAB>k1|k2|…`, the
//!    format of `score_keyphrases.py`);
//!    and likewise with the extractor calls use (`Yake::spoken`: speech
//!    stopwords, generic words, variants merged) as
//!    `target/inspec/rust-yake-spoken_top10_Inspec.tsv`, which must not lose
//!    YAKE's quality on documents;
//! 2. runs Python YAKE on the same texts (`benches/yake_py.py`, timed the
//!    same way) unless `--no-python`;
//! 3. scores the Rust files, Python's file from this run and the reference
//!    file shipped with the data (`yake-py0.7.3_top10_Inspec.tsv`) with the
//!    data set's scorer (`score_keyphrases.py`, Porter-stemmed exact match;
//!    needs `pip install nltk`).
//!
//! Run: `cargo bench --bench inspec` (add `-- --no-python` to skip step 2;
//! step 2 needs `pip install yake==0.7.3`).

#[path = "../tests/keywords/data.rs"]
mod data;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use callsight_keywords::keyphrases::{KeyPhrase, Yake};

fn main() {
    let with_python = !std::env::args().any(|a| a == "--no-python");
    let docs = data::inspec();
    let keyphrase_dir = data::shared_data().join("keyphrase");
    let out = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/inspec");
    write_gold(&out, &docs);

    let words: usize = docs.iter().map(|d| d.text.split_whitespace().count()).sum();
    let yake = Yake::english();
    let run =
        || -> Vec<Vec<KeyPhrase>> { docs.iter().map(|d| yake.extract(&d.text, 10)).collect() };
    let mut results = run(); // warm-up
    let mut best = f64::INFINITY;
    for _ in 0..3 {
        let start = Instant::now();
        results = std::hint::black_box(run());
        best = best.min(start.elapsed().as_secs_f64());
    }
    let rust_wps = words as f64 / best;
    println!(
        "rust-yake   words={words} seconds={best:.3} words_per_s={rust_wps:.0} (best of 3, one core)"
    );
    let rust_tsv = out.join("rust-yake_top10_Inspec.tsv");
    write_top10(&rust_tsv, &docs, &results);
    let spoken = Yake::spoken();
    let start = Instant::now();
    let results: Vec<Vec<KeyPhrase>> = docs.iter().map(|d| spoken.extract(&d.text, 10)).collect();
    println!(
        "rust-yake-spoken words={words} seconds={:.3} (one pass)",
        start.elapsed().as_secs_f64()
    );
    let spoken_tsv = out.join("rust-yake-spoken_top10_Inspec.tsv");
    write_top10(&spoken_tsv, &docs, &results);

    let mut python_wps = None;
    let python_tsv = out.join("python-yake_top10_Inspec.tsv");
    if with_python {
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("benches/yake_py.py");
        let output = Command::new("python3")
            .arg(&script)
            .arg(keyphrase_dir.join("Inspec.zip"))
            .arg(&python_tsv)
            .output()
            .expect("python3 runs");
        let stdout = String::from_utf8_lossy(&output.stdout);
        print!("{stdout}");
        eprint!("{}", String::from_utf8_lossy(&output.stderr));
        python_wps = stdout
            .split_whitespace()
            .find_map(|f| f.strip_prefix("words_per_s="))
            .and_then(|v| v.parse::<f64>().ok());
    }
    if let Some(python) = python_wps {
        println!("speed ratio rust/python = {:.1}x", rust_wps / python);
    }

    let gold = out.join("Inspec");
    let mut scored = vec![rust_tsv, spoken_tsv];
    if python_wps.is_some() {
        scored.push(python_tsv);
    }
    scored.push(keyphrase_dir.join("yake-py0.7.3_top10_Inspec.tsv"));
    for tsv in scored {
        let status = Command::new("python3")
            .arg(keyphrase_dir.join("score_keyphrases.py"))
            .arg(&gold)
            .arg(&tsv)
            .status()
            .expect("python3 runs the scorer");
        assert!(status.success(), "scorer failed (pip install nltk?)");
    }
}

/// Writes each document's key phrases as the scorer reads them.
fn write_top10(path: &Path, docs: &[data::Document], results: &[Vec<KeyPhrase>]) {
    let mut tsv = String::new();
    for (doc, phrases) in docs.iter().zip(results) {
        let keys: Vec<&str> = phrases.iter().map(|p| p.phrase.as_str()).collect();
        writeln!(tsv, "{}\t{}", doc.id, keys.join("|")).expect("string");
    }
    std::fs::write(path, tsv).expect("writable target/inspec");
}

/// Lays the gold keys out as the scorer reads them: `DIR/Inspec/keys/*.key`.
fn write_gold(out: &Path, docs: &[data::Document]) {
    let keys = out.join("Inspec/keys");
    std::fs::create_dir_all(&keys).expect("writable target/inspec");
    for doc in docs {
        let mut text = doc.keys.join("\n");
        text.push('\n');
        std::fs::write(keys.join(format!("{}.key", doc.id)), text).expect("writable");
    }
}
