//! Transcript importers: pure functions from a source's bytes to the
//! canonical [`Call`], one module per format (docs/import.md#formats).
//!
//! [`parse`] checks the payload (size, UTF-8), runs the format's parser and
//! then one shared normalisation, so every format gives the same guarantees.
//! [`assign_roles`] then decides who is the seller. Errors name the line or
//! JSON path of the problem.

use crate::domain::{Call, Format, SpeakerRole};

mod assemblyai;
mod aws_call_analytics;
mod aws_transcribe;
#[cfg(test)]
mod cross_format_tests;
mod deepgram;
mod dynamics;
mod error;
mod json;
mod native;
mod normalise;
mod roles;
#[cfg(test)]
pub(crate) mod test_support;
mod time;
mod vtt;
mod words;

pub use error::{ImportError, Location};
pub use roles::assign_roles;

/// Largest payload accepted, so that one upload cannot exhaust memory.
pub const MAX_PAYLOAD_BYTES: usize = 20 * 1024 * 1024;
/// Most segments accepted in one call.
pub const MAX_SEGMENTS: usize = 100_000;
/// Latest time accepted within a call (24 h): later offsets are data errors.
pub const MAX_OFFSET_MS: i64 = 24 * 60 * 60 * 1000;

/// Imports one transcript. Roles stay as the source gives them (usually
/// none); see [`assign_roles`]. For [`Format::Dynamics`] the payload is one
/// JSON document `{"metadata": {…}, "transcript": …}`; see also
/// [`parse_dynamics_pair`].
pub fn parse(format: Format, payload: &[u8]) -> Result<Call<Option<SpeakerRole>>, ImportError> {
    let text = payload_text(payload)?;
    let draft = match format {
        Format::Native => native::parse(text)?,
        Format::Vtt => vtt::parse(text)?,
        Format::AwsTranscribe => aws_transcribe::parse(text)?,
        Format::AwsCallAnalytics => aws_call_analytics::parse(text)?,
        Format::Dynamics => dynamics::parse_envelope(text)?,
        Format::Deepgram => deepgram::parse(text)?,
        Format::AssemblyAi => assemblyai::parse(text)?,
    };
    normalise::normalise(draft)
}

/// Imports a Dynamics 365 upload pair given as its two files; errors say
/// which file they are about.
pub fn parse_dynamics_pair(
    metadata: &[u8],
    transcript: &[u8],
) -> Result<Call<Option<SpeakerRole>>, ImportError> {
    let metadata = payload_text(metadata).map_err(|err| err.in_file(dynamics::METADATA_FILE))?;
    let transcript =
        payload_text(transcript).map_err(|err| err.in_file(dynamics::TRANSCRIPT_FILE))?;
    normalise::normalise(dynamics::parse_pair(metadata, transcript)?)
}

/// Checks the size and encoding of a payload and returns its text without a
/// byte-order mark; an empty file is refused as such, before a parser
/// reports it as some other problem.
fn payload_text(payload: &[u8]) -> Result<&str, ImportError> {
    if payload.len() > MAX_PAYLOAD_BYTES {
        return Err(ImportError::new(format!(
            "the transcript is {} bytes; the limit is {MAX_PAYLOAD_BYTES} bytes (20 MiB)",
            payload.len()
        )));
    }
    let text = std::str::from_utf8(payload).map_err(|err| {
        let valid = &payload[..err.valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        ImportError::line(
            line,
            format!(
                "the transcript is not UTF-8 text (invalid byte at offset {}); save it as UTF-8",
                err.valid_up_to()
            ),
        )
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        let problem = if text.is_empty() {
            "the file is empty"
        } else {
            "the file holds only blank space"
        };
        return Err(ImportError::line(
            1,
            format!("{problem}: there is no transcript to import"),
        ));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oversized_payloads_are_refused_before_reading() {
        let payload = vec![b' '; MAX_PAYLOAD_BYTES + 1];
        let err = parse(Format::Native, &payload).unwrap_err();
        assert_eq!(
            err.message,
            "the transcript is 20971521 bytes; the limit is 20971520 bytes (20 MiB)"
        );
    }

    #[test]
    fn empty_files_are_refused_as_empty_in_every_format() {
        for format in [
            Format::Native,
            Format::Vtt,
            Format::AwsTranscribe,
            Format::Dynamics,
        ] {
            for (payload, message) in [
                (
                    &b""[..],
                    "the file is empty: there is no transcript to import",
                ),
                (
                    &b"\xef\xbb\xbf \r\n\n"[..],
                    "the file holds only blank space: there is no transcript to import",
                ),
            ] {
                let err = parse(format, payload).unwrap_err();
                assert_eq!(err.location, Some(Location::Line(1)), "{format}");
                assert_eq!(err.message, message, "{format}");
            }
        }
        let err = parse_dynamics_pair(b"{}", b"").unwrap_err();
        assert_eq!(
            err.to_string(),
            "in the transcript file, line 1: the file is empty: there is no transcript to import"
        );
    }

    #[test]
    fn non_utf8_names_the_line() {
        let err = parse(
            Format::Vtt,
            b"WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ana>caf\xe9</v>\n",
        )
        .unwrap_err();
        assert_eq!(err.location, Some(Location::Line(4)));
        assert!(
            err.message
                .starts_with("the transcript is not UTF-8 text (invalid byte at offset 42)")
        );
    }
}
