//! The native JSON format: the canonical call model itself (camelCase keys,
//! unknown keys refused), so it is the lossless way in.

use crate::domain::{Call, SpeakerRole};

use super::json::from_json;
use super::normalise::{Draft, indexed_origins};
use super::{ImportError, Location};

/// Reads a native JSON document.
pub(crate) fn parse(text: &str) -> Result<Draft, ImportError> {
    let call: Call<Option<SpeakerRole>> = from_json(text)?;
    let origins = indexed_origins("segments", call.segments.len());
    Ok(Draft {
        call,
        origins,
        duration_origin: Some(Location::JsonPath("durationMs".to_owned())),
        cut_at_pauses: false,
    })
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use crate::domain::SpeakerRole::{Other, Seller};
    use crate::domain::{Direction, Outcome};
    use crate::import::test_support::{import_error, import_testdata, roles, spans};
    use crate::import::{Format, ImportError, Location};

    #[test]
    fn realistic_document() {
        let call = import_testdata(Format::Native, "native.json");
        assert_eq!(call.external_id.as_deref(), Some("crm-call-20240312-0042"));
        assert_eq!(
            call.started_at,
            Utc.with_ymd_and_hms(2024, 3, 12, 15, 0, 0).single()
        );
        assert_eq!(call.duration_ms, Some(42_000));
        assert_eq!(call.direction, Some(Direction::Outbound));
        assert_eq!(call.outcome, Some(Outcome::Open));
        // Sorted by start; the zero-length segment dropped; timing-only kept.
        assert_eq!(
            spans(&call),
            [
                (
                    "seller",
                    800,
                    5_900,
                    "Thanks for joining, Omar. What prompted you to look at new tools?"
                ),
                (
                    "cust",
                    6_200,
                    9_100,
                    "Mostly that onboarding took us six weeks last time."
                ),
                ("assistant", 9_400, 12_000, ""),
            ]
        );
        assert_eq!(call.segments[0].words.as_ref().map(Vec::len), Some(12));
        // The silent manager stays; the unlisted speaker gets an entry.
        assert_eq!(
            roles(&call),
            [
                ("seller", Some(Seller)),
                ("cust", None),
                ("manager", Some(Other)),
                ("assistant", None)
            ]
        );
    }

    fn error(json: &str) -> ImportError {
        import_error(Format::Native, json)
    }

    #[test]
    fn errors_name_the_json_path_or_line() {
        let err = error(
            r#"{"segments": [{"speaker": "a", "startMs": 0, "endMs": 900},
                              {"speaker": "b", "startMs": "1.5", "endMs": 2000}]}"#,
        );
        assert_eq!(
            err.location,
            Some(Location::JsonPath("segments[1].startMs".into()))
        );
        assert_eq!(err.message, "invalid type: string \"1.5\", expected i64");

        let err = error(r#"{"segments": [{"speaker": "a", "start": 0, "endMs": 900}]}"#);
        assert_eq!(
            err.location,
            Some(Location::JsonPath("segments[0].start".into()))
        );
        assert!(
            err.message
                .starts_with("unknown field `start`, expected one of")
        );

        let err = error(r#"{"participants": [{"speaker": "a", "role": "buyer"}], "segments": []}"#);
        assert_eq!(
            err.location,
            Some(Location::JsonPath("participants[0].role".into()))
        );

        let err = error("{\n  \"segments\": [\n    {\"speaker\": \"a\" \"startMs\": 0}\n  ]\n}");
        assert_eq!(err.location, Some(Location::Line(3)));
        assert_eq!(err.message, "invalid JSON: expected `,` or `}` (column 21)");

        let err = error(
            r#"{"segments": [{"speaker": "a", "startMs": 0, "endMs": 900},
                              {"speaker": "b", "startMs": 1000, "endMs": 90000000}]}"#,
        );
        assert_eq!(err.location, Some(Location::JsonPath("segments[1]".into())));
        assert_eq!(
            err.message,
            "segment 2 (speaker `b`): end is 25:00:00.000, beyond the 24-hour limit of a call"
        );
    }
}
