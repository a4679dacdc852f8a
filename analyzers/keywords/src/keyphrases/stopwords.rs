//! The English stopword list, compiled in: the SMART information-retrieval
//! system's stop list (Salton, Cornell; 571 words, as Python YAKE ships it
//! for English) plus the titles `dr`, `dra`, `mr`, `ms`. YAKE's features are
//! tuned with this list, so F1 on the benchmarks depends on it.

/// The stopwords, lowercase, one per line in `stopwords_en.txt`.
pub static ENGLISH_STOPWORDS: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| {
        include_str!("stopwords_en.txt")
            .lines()
            .map(str::trim)
            .filter(|w| !w.is_empty())
            .collect()
    });
