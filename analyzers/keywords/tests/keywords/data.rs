//! The shared data sets (`shared/data` beside the repository, three levels
//! above this crate). Used by the tests and the benchmarks.

#![allow(dead_code)]

use std::io::Read;
use std::path::PathBuf;

/// The `shared/data` directory.
pub fn shared_data() -> PathBuf {
    let crate_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = crate_dir.join("../../../shared/data");
    assert!(
        dir.join("keyphrase").is_dir(),
        "no shared/data three levels above {crate_dir:?}"
    );
    dir
}

/// One abstract of the Inspec key-phrase data set.
pub struct Document {
    pub id: String,
    pub text: String,
    /// The gold key phrases, as listed.
    pub keys: Vec<String>,
}

/// The 2 000 Inspec abstracts with their gold keys, read from
/// `keyphrase/Inspec.zip`, sorted by id.
pub fn inspec() -> Vec<Document> {
    let path = shared_data().join("keyphrase/Inspec.zip");
    let file = std::fs::File::open(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    let mut zip = zip::ZipArchive::new(file).expect("Inspec.zip is a zip archive");
    let mut texts = std::collections::BTreeMap::new();
    let mut keys = std::collections::HashMap::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).expect("readable entry");
        let name = entry.name().expect("UTF-8 entry name").to_string();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).expect("readable entry");
        let content = String::from_utf8_lossy(&bytes).into_owned();
        if let Some(id) = name
            .strip_prefix("Inspec/docsutf8/")
            .and_then(|n| n.strip_suffix(".txt"))
        {
            texts.insert(id.to_owned(), content);
        } else if let Some(id) = name
            .strip_prefix("Inspec/keys/")
            .and_then(|n| n.strip_suffix(".key"))
        {
            let list = content
                .lines()
                .map(str::trim)
                .filter(|k| !k.is_empty())
                .map(str::to_owned)
                .collect();
            keys.insert(id.to_owned(), list);
        }
    }
    texts
        .into_iter()
        .map(|(id, text)| Document {
            keys: keys.remove(&id).unwrap_or_default(),
            id,
            text,
        })
        .collect()
}
