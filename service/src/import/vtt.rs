//! WebVTT captions, as Microsoft Teams and Zoom export them.
//!
//! - The file starts with `WEBVTT` (a byte-order mark is removed before);
//!   a `Language:` header line, when present, gives the call's language.
//! - Blocks are separated by blank lines. `NOTE`, `STYLE` and `REGION`
//!   blocks are skipped. A cue is an optional id line, a timing line
//!   `start --> end [settings]` (settings ignored) and text lines.
//! - Timestamps are `hh:mm:ss.mmm` or `mm:ss.mmm`, and also Teams' unpadded
//!   `0:0:5.320`: any number of digits per field, an optional fraction of any
//!   length (rounded to the millisecond). Negative offsets are clamped to 0.
//! - Speakers: Teams' voice tags `<v Jane Doe>text</v>` (closing tag
//!   optional, classes as in `<v.loud Jane>` ignored); a cue whose voice
//!   changes part-way yields one segment per voice, each with the cue's
//!   timing. In files without voice tags, Zoom's `Jane Doe: text` prefix on
//!   the cue's first text line. A cue without a speaker continues the
//!   previous cue's speaker; the first cue must name one.
//! - Other tags (`<c>`, `<i>`, `<b>`, timestamps…) are stripped, the entities
//!   `&amp; &lt; &gt; &nbsp; &quot; &apos; &#NN; &#xHH;` decoded, and lines
//!   joined with single spaces. Cues with no text are skipped.
//! - The speaker label is the name the file gives, so it is also the
//!   participant's name.
//! - A cue that ends before it starts is an error, and so is a file with no
//!   cue that has text: each would otherwise become a call without speech.
//!
//! Every error names the 1-based line.

use crate::domain::call::DEFAULT_LANGUAGE;
use crate::domain::{Participant, Segment};

use super::normalise::Draft;
use super::time::{clock, seconds_text_to_ms};
use super::{ImportError, Location};

/// Reads a WebVTT file.
pub(crate) fn parse(text: &str) -> Result<Draft, ImportError> {
    let blocks = blocks(text);
    let mut blocks = blocks.iter();
    let header = blocks
        .next()
        .filter(|block| is_keyword_line(block.lines[0].1, "WEBVTT"))
        .ok_or_else(|| {
            ImportError::line(1, "not a WebVTT file: the first line must be `WEBVTT`")
        })?;
    let mut language = DEFAULT_LANGUAGE.to_owned();
    for &(number, line) in &header.lines[1..] {
        if line.contains("-->") {
            return Err(ImportError::line(
                number,
                "a blank line must separate the `WEBVTT` header from the first cue",
            ));
        }
        if let Some((key, value)) = line.split_once(':')
            && key.trim().eq_ignore_ascii_case("language")
        {
            language = value.trim().to_owned();
        }
    }

    let voice_tagged = ["<v ", "<v.", "<v\t"].iter().any(|tag| text.contains(tag));
    let mut segments = Vec::new();
    let mut origins = Vec::new();
    let mut participants: Vec<Participant<_>> = Vec::new();
    let mut speaker: Option<String> = None;
    let mut cues = 0;
    for block in blocks {
        if ["NOTE", "STYLE", "REGION"]
            .iter()
            .any(|keyword| is_keyword_line(block.lines[0].1, keyword))
        {
            continue;
        }
        let cue = Cue::read(block)?;
        cues += 1;
        let Some(&(text_line, _)) = cue.text.first() else {
            continue;
        };
        for (voice, text) in cue.voices(voice_tagged) {
            if let Some(voice) = voice {
                speaker = Some(voice);
            }
            let Some(speaker) = &speaker else {
                return Err(ImportError::line(
                    text_line,
                    "the first cue names no speaker: start its text with `<v Name>` (Teams) \
                     or `Name: ` (Zoom)",
                ));
            };
            if !participants.iter().any(|p| p.speaker == *speaker) {
                participants.push(Participant {
                    speaker: speaker.clone(),
                    name: Some(speaker.clone()),
                    email: None,
                    role: None,
                });
            }
            segments.push(Segment {
                speaker: speaker.clone(),
                start_ms: cue.start_ms,
                end_ms: cue.end_ms,
                text,
                words: None,
            });
            origins.push(Location::Line(cue.timing_line));
        }
    }
    if segments.is_empty() {
        let last_line = header.lines[header.lines.len() - 1].0;
        let problem = match cues {
            0 => "the file has no cues after its `WEBVTT` header".to_owned(),
            1 => "the file's only cue has no text".to_owned(),
            cues => format!("none of the file's {cues} cues has text"),
        };
        return Err(ImportError::line(
            last_line,
            format!("{problem}: there is no speech to import"),
        ));
    }
    let mut draft = Draft::new(segments, origins);
    draft.call.language = language;
    draft.call.participants = participants;
    Ok(draft)
}

/// Consecutive non-blank lines, each with its 1-based number.
struct Block<'a> {
    lines: Vec<(usize, &'a str)>,
}

/// Splits the text into blocks at blank lines; lines end with CRLF, LF or CR.
fn blocks(text: &str) -> Vec<Block<'_>> {
    let mut blocks = Vec::new();
    let mut current = Vec::new();
    let lines = text.split('\n').flat_map(|line| {
        let line = line.strip_suffix('\r').unwrap_or(line);
        line.split('\r')
    });
    for (index, line) in lines.enumerate() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                blocks.push(Block {
                    lines: std::mem::take(&mut current),
                });
            }
        } else {
            current.push((index + 1, line));
        }
    }
    if !current.is_empty() {
        blocks.push(Block { lines: current });
    }
    blocks
}

/// Whether `line` is `keyword` alone or followed by a space or tab.
fn is_keyword_line(line: &str, keyword: &str) -> bool {
    line.strip_prefix(keyword)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
}

/// One cue: its timing and its text lines.
struct Cue<'a> {
    timing_line: usize,
    start_ms: i64,
    end_ms: i64,
    text: &'a [(usize, &'a str)],
}

impl<'a> Cue<'a> {
    fn read(block: &'a Block<'a>) -> Result<Self, ImportError> {
        let expected = |&(number, line): &(usize, &str)| {
            ImportError::line(
                number,
                format!(
                    "expected a cue timing line like `00:00:01.000 --> 00:00:04.000`, found \
                     `{}`",
                    line.trim()
                ),
            )
        };
        // The timing line is the first line, or the second after a cue id.
        let timing_index = usize::from(!block.lines[0].1.contains("-->"));
        let &(timing_line, timing) = block
            .lines
            .get(timing_index)
            .ok_or_else(|| expected(&block.lines[0]))?;
        let (start, rest) = timing
            .split_once("-->")
            .ok_or_else(|| expected(&(timing_line, timing)))?;
        let end = rest.split_whitespace().next().unwrap_or_default();
        let time = |which: &str, text: &str| {
            timestamp(text.trim()).map_err(|problem| {
                ImportError::line(
                    timing_line,
                    format!("invalid cue {which} time `{}`: {problem}", text.trim()),
                )
            })
        };
        let (start_ms, end_ms) = (time("start", start)?, time("end", end)?);
        if end_ms < start_ms {
            return Err(ImportError::line(
                timing_line,
                format!(
                    "the cue ends at {} before it starts at {}",
                    clock(end_ms),
                    clock(start_ms)
                ),
            ));
        }
        Ok(Self {
            timing_line,
            start_ms,
            end_ms,
            text: &block.lines[timing_index + 1..],
        })
    }

    /// The cue's text split by speaker: `(voice named here, text)` pieces.
    /// Zoom's `Name: ` prefix is only looked for in files without voice tags,
    /// and only on the first line, where it must look like a name.
    fn voices(&self, voice_tagged: bool) -> Vec<(Option<String>, String)> {
        let mut lines: Vec<&str> = self.text.iter().map(|(_, line)| line.trim()).collect();
        let mut zoom_voice = None;
        if !voice_tagged
            && let Some(first) = lines.first_mut()
            && let Some((name, rest)) = first.split_once(": ")
            && looks_like_name(name)
        {
            zoom_voice = Some(tidy(name));
            *first = rest;
        }
        let mut pieces = voice_spans(&lines.join(" "));
        if let Some(first) = pieces.first_mut()
            && first.0.is_none()
        {
            first.0 = zoom_voice;
        }
        pieces
            .into_iter()
            .map(|(voice, text)| (voice, tidy(&text)))
            .filter(|(_, text)| !text.is_empty())
            .collect()
    }
}

/// Whether a `Name: ` prefix is plausibly a display name rather than the
/// start of a sentence such as "Yes, and then: …".
fn looks_like_name(name: &str) -> bool {
    let name = name.trim();
    !name.is_empty() && name.chars().count() <= 64 && !name.contains([',', '!', '?', ';', '"'])
}

/// Parses `[-][h:]m:s[.fff]` (any digits per field) into milliseconds;
/// negative times become 0.
fn timestamp(text: &str) -> Result<i64, String> {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let fields: Vec<&str> = unsigned.split(':').collect();
    let (hours, minutes, seconds) = match fields.as_slice() {
        [minutes, seconds] => ("0", *minutes, *seconds),
        [hours, minutes, seconds] => (*hours, *minutes, *seconds),
        _ => return Err("expected `hh:mm:ss.mmm` or `mm:ss.mmm`".to_owned()),
    };
    let whole = |field: &str| -> Result<i64, String> {
        if field.is_empty() || !field.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("`{field}` is not a number"));
        }
        field.parse().map_err(|_| format!("`{field}` is too large"))
    };
    let (hours, minutes) = (whole(hours)?, whole(minutes)?);
    if !seconds.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(format!("`{seconds}` is not a number of seconds"));
    }
    let seconds = seconds_text_to_ms(seconds)?;
    if seconds >= 60_000 || fields.len() == 3 && minutes >= 60 {
        return Err("minutes and seconds must be below 60".to_owned());
    }
    let ms = hours
        .checked_mul(3_600_000)
        .and_then(|ms| ms.checked_add(minutes.checked_mul(60_000)?))
        .and_then(|ms| ms.checked_add(seconds))
        .ok_or_else(|| "the time is too large".to_owned())?;
    Ok(if unsigned.len() < text.len() { 0 } else { ms })
}

/// Splits cue text at voice tags and strips all tags: `(voice, raw text)`
/// pieces, the voice set when a `<v>` tag opened the piece.
fn voice_spans(text: &str) -> Vec<(Option<String>, String)> {
    let mut pieces: Vec<(Option<String>, String)> = vec![(None, String::new())];
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        let Some(close) = rest[open..].find('>') else {
            break;
        };
        push_text(&mut pieces, &rest[..open]);
        let tag = &rest[open + 1..open + close];
        if let Some(voice) = voice_name(tag) {
            let current = pieces.last_mut().filter(|(_, text)| text.trim().is_empty());
            match current {
                Some(piece) => piece.0 = Some(voice),
                None => pieces.push((Some(voice), String::new())),
            }
        }
        rest = &rest[open + close + 1..];
    }
    push_text(&mut pieces, rest);
    pieces
}

fn push_text(pieces: &mut [(Option<String>, String)], text: &str) {
    if let Some((_, piece)) = pieces.last_mut() {
        piece.push_str(text);
    }
}

/// The speaker of a `<v Name>` / `<v.class Name>` tag's inside.
fn voice_name(tag: &str) -> Option<String> {
    let rest = tag.strip_prefix('v')?;
    let annotation = match rest.strip_prefix('.') {
        Some(classes) => classes.split_once([' ', '\t'])?.1,
        None if rest.starts_with([' ', '\t']) => rest,
        None => return None,
    };
    let name = tidy(annotation);
    (!name.is_empty()).then_some(name)
}

/// Decodes entities and collapses whitespace (including `&nbsp;`).
fn tidy(text: &str) -> String {
    let decoded = decode_entities(text).replace('\u{a0}', " ");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Decodes the character references captions use; others stay as written.
fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        // References are short: looking further for `;` would make a text
        // full of bare `&` quadratic.
        let semi = rest.char_indices().take(12).find(|&(_, c)| c == ';');
        let decoded = semi.and_then(|(semi, _)| {
            let name = &rest[1..semi];
            let c = match name {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "nbsp" => '\u{a0}',
                "quot" => '"',
                "apos" => '\'',
                _ => {
                    let code = match name.strip_prefix("#x").or(name.strip_prefix("#X")) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => name.strip_prefix('#')?.parse().ok(),
                    };
                    char::from_u32(code?)?
                }
            };
            Some((c, semi + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Call, SpeakerRole};
    use crate::import::test_support::{import_error, import_testdata, roles, spans};
    use crate::import::{Format, parse as import};

    fn vtt(text: &str) -> Call<Option<SpeakerRole>> {
        import(Format::Vtt, text.as_bytes()).unwrap()
    }

    #[test]
    fn teams_transcript() {
        let call = import_testdata(Format::Vtt, "teams.vtt");
        assert_eq!(
            spans(&call),
            [
                (
                    "Dana Whitfield",
                    0,
                    4_180,
                    "Hi Marcus, thanks for making time today."
                ),
                (
                    "Marcus Oyelaran",
                    4_550,
                    9_020,
                    "Of course. We've been looking at options since the Q3 review."
                ),
                (
                    "Dana Whitfield",
                    9_240,
                    15_905,
                    "Great. Before I start: what does your current setup cost you per seat, \
                     roughly?",
                ),
                (
                    "Marcus Oyelaran",
                    16_100,
                    21_000,
                    "About $42 a seat & we're at 350 seats <ish>."
                ),
                (
                    "Marcus Oyelaran",
                    21_000,
                    24_300,
                    "Our contract with Acme renews in March."
                ),
            ]
        );
        assert_eq!(
            roles(&call),
            [("Dana Whitfield", None), ("Marcus Oyelaran", None)]
        );
        assert_eq!(call.language, "en-US");
    }

    #[test]
    fn zoom_transcript() {
        let text = "\u{feff}WEBVTT\n\n1\n00:00:01.040 --> 00:00:04.200\nPriya Nair: Good morning, \
                    everyone.\n\n2\n00:00:04.900 --> 00:00:08.330\nTom Becker: Morning! Can you \
                    hear me okay?\n\n3\n00:00:08.400 --> 00:00:10.000\nYes, loud and clear: go \
                    ahead.\n";
        assert_eq!(
            spans(&vtt(text)),
            [
                ("Priya Nair", 1_040, 4_200, "Good morning, everyone."),
                ("Tom Becker", 4_900, 8_330, "Morning! Can you hear me okay?"),
                // A Zoom cue without a prefix continues the previous speaker.
                (
                    "Tom Becker",
                    8_400,
                    10_000,
                    "Yes, loud and clear: go ahead."
                ),
            ]
        );
    }

    #[test]
    fn speaker_names_become_participant_names() {
        let names = |call: &Call<Option<SpeakerRole>>| -> Vec<(String, Option<String>)> {
            call.participants
                .iter()
                .map(|p| (p.speaker.clone(), p.name.clone()))
                .collect()
        };
        let teams = import_testdata(Format::Vtt, "teams.vtt");
        assert_eq!(
            names(&teams),
            [
                ("Dana Whitfield".into(), Some("Dana Whitfield".into())),
                ("Marcus Oyelaran".into(), Some("Marcus Oyelaran".into())),
            ]
        );
        let zoom = vtt("WEBVTT\n\n00:01.000 --> 00:02.000\nPriya Nair: Hi.\n\n\
                        00:02.500 --> 00:03.000\nTom Becker: Hello.\n");
        assert_eq!(
            names(&zoom),
            [
                ("Priya Nair".into(), Some("Priya Nair".into())),
                ("Tom Becker".into(), Some("Tom Becker".into())),
            ]
        );
    }

    #[test]
    fn a_cue_ending_before_it_starts_is_refused() {
        let err = import_error(
            Format::Vtt,
            "WEBVTT\n\n00:01.000 --> 00:02.000\n<v A>hi\n\n2\n00:00:09.500 --> 00:00:04.000\n<v B>yo\n",
        );
        assert_eq!(err.location, Some(Location::Line(7)));
        assert_eq!(
            err.message,
            "the cue ends at 0:00:04.000 before it starts at 0:00:09.500"
        );
    }

    #[test]
    fn a_file_without_speech_is_refused_as_such() {
        let cases = [
            (
                "WEBVTT\nLanguage: en-US\n",
                2,
                "the file has no cues after its `WEBVTT` header: there is no speech to import",
            ),
            (
                "WEBVTT\n\nNOTE nothing said\n\n00:01.000 --> 00:02.000\n<v A> </v>\n",
                1,
                "the file's only cue has no text: there is no speech to import",
            ),
            (
                "WEBVTT\n\n00:01.000 --> 00:02.000\n\n00:03.000 --> 00:04.000\n<i></i>\n",
                1,
                "none of the file's 2 cues has text: there is no speech to import",
            ),
        ];
        for (text, line, message) in cases {
            let err = import_error(Format::Vtt, text);
            assert_eq!(err.location, Some(Location::Line(line)), "{text:?}");
            assert_eq!(err.message, message, "{text:?}");
        }
    }

    #[test]
    fn one_cue_with_two_voices_yields_two_segments() {
        let text = "WEBVTT\n\n00:01.000 --> 00:03.000\n<v Ann>Ready?</v>\n<v Bob>Yes.</v>\n";
        assert_eq!(
            spans(&vtt(text)),
            [
                ("Ann", 1_000, 3_000, "Ready?"),
                ("Bob", 1_000, 3_000, "Yes.")
            ]
        );
    }

    #[test]
    fn timestamps() {
        assert_eq!(timestamp("01:02:03.456"), Ok(3_723_456));
        assert_eq!(timestamp("02:03.456"), Ok(123_456));
        assert_eq!(timestamp("0:0:5.32"), Ok(5_320));
        assert_eq!(timestamp("0:0:5"), Ok(5_000));
        assert_eq!(timestamp("0:0:5.3205"), Ok(5_321));
        assert_eq!(timestamp("100:00:00.000"), Ok(360_000_000));
        assert_eq!(timestamp("-0:0:0.500"), Ok(0));
        assert!(timestamp("1:2:3:4").is_err());
        assert!(timestamp("00:61.000").is_err());
        assert!(timestamp("00:60:00.000").is_err());
        assert!(timestamp("00:+1.000").is_err());
        assert!(timestamp("99999999999999999999:00:00").is_err());
    }

    #[test]
    fn errors_name_the_line() {
        let cases = [
            (
                "WEBVTX\n\n00:01.000 --> 00:02.000\n<v A>hi\n",
                1,
                "not a WebVTT file",
            ),
            (
                "WEBVTT\n00:01.000 --> 00:02.000\n<v A>hi\n",
                2,
                "a blank line must separate",
            ),
            (
                "WEBVTT\n\nNOTE exported\nby Teams\n\n00:01.000 --> 00:02.000\nhello\n",
                7,
                "the first cue names no speaker",
            ),
            (
                "WEBVTT\n\n1\n00:01.000 --> 00:02.000\n<v A>hi\n\n2\n00:02.000 -> 00:03.000\nyo\n",
                8,
                "expected a cue timing line like `00:00:01.000 --> 00:00:04.000`, found \
                 `00:02.000 -> 00:03.000`",
            ),
            (
                "WEBVTT\n\r\n00:01.000 --> 00:02.000\r\n<v A>hi\r\n\r\n0:0:2.5 --> 0:0:x\r\nyo\n",
                6,
                "invalid cue end time `0:0:x`: `x` is not a number of seconds",
            ),
            (
                "WEBVTT\n\n00:01.000 --> 00:02.000\n<v A>hi\n\n25:00:00.000 --> 25:00:01.000\nyo\n",
                6,
                "segment 2 (speaker `A`): start is 25:00:00.000, beyond the 24-hour limit",
            ),
        ];
        for (text, line, message) in cases {
            let err = import_error(Format::Vtt, text);
            assert_eq!(err.location, Some(Location::Line(line)), "{text:?}: {err}");
            assert!(err.message.starts_with(message), "{text:?}: {err}");
        }
    }

    #[test]
    fn tags_and_entities() {
        assert_eq!(
            voice_spans("<v.loud Jane Doe><i>Hi</i> &amp; bye</v>"),
            [(Some("Jane Doe".to_owned()), "Hi &amp; bye".to_owned())]
        );
        assert_eq!(
            tidy("a&nbsp;&nbsp;b &lt;c&gt; &#233;&#xE9; &bogus; & x"),
            "a b <c> éé &bogus; & x"
        );
        assert_eq!(voice_name("c.yellow"), None);
        assert_eq!(voice_name("v"), None);
    }
}
