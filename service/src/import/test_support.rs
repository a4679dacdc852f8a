//! Helpers shared by the importers' unit tests: reading the fixtures in
//! `testdata/`, and summaries of an imported call that read well in
//! assertions.

use crate::domain::{Call, Segment, SpeakerRole};

use super::{Format, ImportError, Location, parse};

/// The bytes of `testdata/{name}`.
pub(crate) fn testdata(name: &str) -> Vec<u8> {
    let path = format!("{}/src/import/testdata/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|err| panic!("{path}: {err}"))
}

/// Imports `testdata/{name}` as `format`, which must succeed.
pub(crate) fn import_testdata(format: Format, name: &str) -> Call<Option<SpeakerRole>> {
    parse(format, &testdata(name)).unwrap_or_else(|err| panic!("{name}: {err}"))
}

/// The error of importing `text` as `format`, which must fail.
pub(crate) fn import_error(format: Format, text: &str) -> ImportError {
    parse(format, text.as_bytes()).unwrap_err()
}

/// Asserts that importing `json` as `format` fails at the JSON path `path`
/// with exactly `message`.
pub(crate) fn assert_json_error(format: Format, json: &str, path: &str, message: &str) {
    let err = import_error(format, json);
    assert_eq!(err.location, Some(Location::JsonPath(path.into())), "{err}");
    assert_eq!(err.message, message);
}

/// Each segment of the call as `(speaker, start, end, text)`.
pub(crate) fn spans<R>(call: &Call<R>) -> Vec<(&str, i64, i64, &str)> {
    segment_spans(&call.segments)
}

/// Each segment as `(speaker, start, end, text)`.
pub(crate) fn segment_spans(segments: &[Segment]) -> Vec<(&str, i64, i64, &str)> {
    segments
        .iter()
        .map(|s| (s.speaker.as_str(), s.start_ms, s.end_ms, s.text.as_str()))
        .collect()
}

/// A segment's words as `(text, start, end)`; none when it has no words.
pub(crate) fn word_spans(segment: &Segment) -> Vec<(&str, i64, i64)> {
    segment
        .words
        .iter()
        .flatten()
        .map(|w| (w.text.as_str(), w.start_ms, w.end_ms))
        .collect()
}

/// A segment's words' texts; none when it has no words.
pub(crate) fn word_texts(segment: &Segment) -> Vec<&str> {
    segment
        .words
        .iter()
        .flatten()
        .map(|w| w.text.as_str())
        .collect()
}

/// Each participant as `(speaker, role)`.
pub(crate) fn roles<R: Copy>(call: &Call<R>) -> Vec<(&str, R)> {
    call.participants
        .iter()
        .map(|p| (p.speaker.as_str(), p.role))
        .collect()
}
