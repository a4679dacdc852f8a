//! JSON reading shared by the JSON importers: deserialisation whose errors
//! carry the JSON path (data errors) or the line and column (syntax errors),
//! and small value types that accept the shapes vendors actually emit.

use std::fmt;

use chrono::{DateTime, Utc};

use serde::Deserialize;
use serde::de::{self, DeserializeOwned, Deserializer, Visitor};
use serde_json::error::Category;

use super::ImportError;
use super::time;

/// Deserialises `text` into `T`; errors name the JSON path of the offending
/// value, or the line (and column) of a syntax error.
pub(crate) fn from_json<T: DeserializeOwned>(text: &str) -> Result<T, ImportError> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|err| {
        let path = err.path().to_string();
        json_error(err.into_inner(), &path)
    })?;
    deserializer.end().map_err(|err| json_error(err, ""))?;
    Ok(value)
}

fn json_error(err: serde_json::Error, path: &str) -> ImportError {
    let text = err.to_string();
    // serde_json appends " at line L column C"; the location says it better.
    let message = match text.rfind(" at line ") {
        Some(index) if err.line() > 0 => &text[..index],
        _ => &text,
    };
    match err.classify() {
        Category::Data => ImportError::path(if path == "." { "" } else { path }, message),
        Category::Syntax | Category::Eof | Category::Io => ImportError::line(
            err.line(),
            format!("invalid JSON: {message} (column {})", err.column()),
        ),
    }
}

/// A time given in seconds, as a JSON number or a decimal string (AWS writes
/// `"12.345"`), held as integer milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Seconds(pub i64);

impl<'de> Deserialize<'de> for Seconds {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_any(TimeVisitor { seconds: true })
            .map(Self)
    }
}

/// A time given in milliseconds, as a JSON number (fractions rounded half
/// away from zero) or a numeric string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Millis(pub i64);

impl<'de> Deserialize<'de> for Millis {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_any(TimeVisitor { seconds: false })
            .map(Self)
    }
}

/// Reads seconds or milliseconds into milliseconds.
struct TimeVisitor {
    seconds: bool,
}

impl TimeVisitor {
    fn unit(&self) -> &'static str {
        if self.seconds {
            "seconds"
        } else {
            "milliseconds"
        }
    }

    fn scale<E: de::Error>(&self, whole: i64) -> Result<i64, E> {
        let factor = if self.seconds { 1000 } else { 1 };
        whole
            .checked_mul(factor)
            .ok_or_else(|| E::custom(format!("{whole} {} is too large", self.unit())))
    }
}

impl Visitor<'_> for TimeVisitor {
    type Value = i64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a time in {} (number or decimal string)", self.unit())
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<i64, E> {
        self.scale(value)
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<i64, E> {
        let value = i64::try_from(value)
            .map_err(|_| E::custom(format!("{value} {} is too large", self.unit())))?;
        self.scale(value)
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<i64, E> {
        let ms = if self.seconds {
            time::seconds_to_ms(value)
        } else {
            time::float_ms_to_ms(value)
        };
        ms.map_err(E::custom)
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<i64, E> {
        time::decimal_to_scaled(value, if self.seconds { 3 } else { 0 }).map_err(E::custom)
    }
}

/// A speaker or participant label given as a string or an integer (Deepgram
/// numbers its speakers), held as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Label(pub String);

impl<'de> Deserialize<'de> for Label {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct LabelVisitor;

        impl Visitor<'_> for LabelVisitor {
            type Value = Label;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a label (string or integer)")
            }

            fn visit_i64<E: de::Error>(self, value: i64) -> Result<Label, E> {
                Ok(Label(value.to_string()))
            }

            fn visit_u64<E: de::Error>(self, value: u64) -> Result<Label, E> {
                Ok(Label(value.to_string()))
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<Label, E> {
                Ok(Label(value.to_owned()))
            }
        }

        deserializer.deserialize_any(LabelVisitor)
    }
}

/// An instant: RFC 3339, or a date-time without offset, taken as UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Instant(pub DateTime<Utc>);

impl<'de> Deserialize<'de> for Instant {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        DateTime::parse_from_rfc3339(text.trim())
            .map(|instant| instant.with_timezone(&Utc))
            .ok()
            .or_else(|| time::naive_date_time(&text).map(|naive| naive.and_utc()))
            .map(Self)
            .ok_or_else(|| {
                de::Error::custom(format!(
                    "`{text}` is not a date-time (expected RFC 3339, e.g. 2024-03-05T14:00:00Z)"
                ))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::Location;

    #[derive(Debug, Deserialize)]
    struct Item {
        start: Seconds,
    }

    #[derive(Debug, Deserialize)]
    struct Doc {
        items: Vec<Item>,
    }

    #[test]
    fn data_errors_name_the_json_path() {
        let doc = from_json::<Doc>(r#"{"items": [{"start": "1.5"}]}"#).unwrap();
        assert_eq!(doc.items[0].start, Seconds(1_500));
        let err =
            from_json::<Doc>(r#"{"items": [{"start": "1.5"}, {"start": "soon"}]}"#).unwrap_err();
        assert_eq!(
            err.location,
            Some(Location::JsonPath("items[1].start".into()))
        );
        assert_eq!(err.message, "`soon` is not a decimal number");

        let err = from_json::<Doc>("{}").unwrap_err();
        assert_eq!(err.location, Some(Location::JsonPath(String::new())));
        assert_eq!(err.message, "missing field `items`");
    }

    #[test]
    fn syntax_errors_name_line_and_column() {
        let err = from_json::<Doc>("{\n  \"items\": [\n    {\"start\": 1,}\n  ]\n}").unwrap_err();
        assert_eq!(err.location, Some(Location::Line(3)));
        assert_eq!(err.message, "invalid JSON: trailing comma (column 17)");

        let err = from_json::<Doc>("{\"items\": []} {}").unwrap_err();
        assert_eq!(err.location, Some(Location::Line(1)));
        assert!(err.message.starts_with("invalid JSON: trailing characters"));
    }

    #[test]
    fn times_accept_numbers_and_strings() {
        let parse = |json: &str| serde_json::from_str::<Seconds>(json).map(|s| s.0).ok();
        assert_eq!(parse("\"12.345\""), Some(12_345));
        assert_eq!(parse("12.345"), Some(12_345));
        assert_eq!(parse("12"), Some(12_000));
        assert_eq!(parse("true"), None);
        let parse = |json: &str| serde_json::from_str::<Millis>(json).map(|s| s.0).ok();
        assert_eq!(parse("1234"), Some(1_234));
        assert_eq!(parse("1234.5"), Some(1_235));
        assert_eq!(parse("\"80\""), Some(80));
        assert_eq!(parse("18446744073709551615"), None);
    }

    #[test]
    fn instants_with_or_without_offset() {
        let parse = |json: &str| serde_json::from_str::<Instant>(json).map(|i| i.0.to_rfc3339());
        let utc = "2024-03-05T13:00:00+00:00";
        assert_eq!(
            parse("\"2024-03-05T14:00:00+01:00\"").ok().as_deref(),
            Some(utc)
        );
        assert_eq!(parse("\"2024-03-05T13:00:00\"").ok().as_deref(), Some(utc));
        assert_eq!(
            parse("\"2024-03-05 13:00:00.000\"").ok().as_deref(),
            Some(utc)
        );
        assert!(parse("\"last Tuesday\"").is_err());
    }
}
