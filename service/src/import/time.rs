//! Time conversions shared by the importers.
//!
//! Sources give times as decimal seconds ("12.345", 12.345) or milliseconds.
//! Seconds are converted by reading the decimal digits, never by multiplying
//! a float: "12.345" is exactly 12 345 ms, and a float such as 0.1 + 0.2 is
//! read through its shortest round-trip text ("0.30000000000000004") so it
//! lands on 300 ms without drift. Digits beyond the millisecond are rounded
//! half away from zero.

use chrono::NaiveDateTime;

/// Reads a decimal number (`[+-]digits[.digits]`, no exponent) scaled by
/// `10^scale` and rounded half away from zero: `("1.2345", 3)` → 1235.
pub(crate) fn decimal_to_scaled(text: &str, scale: u32) -> Result<i64, String> {
    let invalid = || format!("`{text}` is not a decimal number");
    let trimmed = text.trim();
    let (negative, unsigned) = match trimmed.as_bytes().first() {
        Some(b'-') => (true, &trimmed[1..]),
        Some(b'+') => (false, &trimmed[1..]),
        _ => (false, trimmed),
    };
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let all_digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() && fraction.is_empty() || !all_digits(whole) || !all_digits(fraction) {
        return Err(invalid());
    }
    let too_large = || format!("`{text}` is too large");
    let mut value: i64 = 0;
    let kept = fraction
        .bytes()
        .chain(std::iter::repeat(b'0'))
        .take(scale as usize);
    for digit in whole.bytes().chain(kept) {
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_add(i64::from(digit - b'0')))
            .ok_or_else(too_large)?;
    }
    if fraction
        .as_bytes()
        .get(scale as usize)
        .is_some_and(|&d| d >= b'5')
    {
        value = value.checked_add(1).ok_or_else(too_large)?;
    }
    Ok(if negative { -value } else { value })
}

/// Decimal seconds as text → milliseconds.
pub(crate) fn seconds_text_to_ms(text: &str) -> Result<i64, String> {
    decimal_to_scaled(text, 3)
}

/// Seconds as a float → milliseconds, through the float's shortest decimal
/// text (see the module doc).
pub(crate) fn seconds_to_ms(seconds: f64) -> Result<i64, String> {
    finite(seconds).and_then(|s| seconds_text_to_ms(&s.to_string()))
}

/// Milliseconds as a float → whole milliseconds, rounded half away from zero.
pub(crate) fn float_ms_to_ms(ms: f64) -> Result<i64, String> {
    finite(ms).and_then(|ms| decimal_to_scaled(&ms.to_string(), 0))
}

fn finite(value: f64) -> Result<f64, String> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(format!("{value} is not a time"))
    }
}

/// A date-time without offset, `T`- or space-separated, with optional
/// fractional seconds: `2021-11-25 13:35:14.215558`.
pub(crate) fn naive_date_time(text: &str) -> Option<NaiveDateTime> {
    ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f"]
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(text.trim(), format).ok())
}

/// `h:mm:ss.mmm`, for messages that show a time the way players show it.
pub(crate) fn clock(ms: i64) -> String {
    let sign = if ms < 0 { "-" } else { "" };
    let ms = ms.unsigned_abs();
    let (hours, minutes) = (ms / 3_600_000, ms / 60_000 % 60);
    let (seconds, millis) = (ms / 1000 % 60, ms % 1000);
    format!("{sign}{hours}:{minutes:02}:{seconds:02}.{millis:03}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_seconds_are_exact() {
        assert_eq!(seconds_text_to_ms("12.345"), Ok(12_345));
        assert_eq!(seconds_text_to_ms("4.04"), Ok(4_040));
        assert_eq!(seconds_text_to_ms("1469.7"), Ok(1_469_700));
        assert_eq!(seconds_text_to_ms("7"), Ok(7_000));
        assert_eq!(seconds_text_to_ms(".5"), Ok(500));
        assert_eq!(seconds_text_to_ms("-0.25"), Ok(-250));
        // Beyond the millisecond: half away from zero.
        assert_eq!(seconds_text_to_ms("1.0005"), Ok(1_001));
        assert_eq!(seconds_text_to_ms("1.00049"), Ok(1_000));
        assert_eq!(seconds_text_to_ms("-1.0005"), Ok(-1_001));
    }

    #[test]
    fn malformed_or_huge_seconds_are_refused() {
        for bad in ["", ".", "1e3", "12,5", "1.2.3", "abc", "--1"] {
            assert!(seconds_text_to_ms(bad).is_err(), "{bad:?}");
        }
        assert_eq!(
            seconds_text_to_ms("99999999999999999999"),
            Err("`99999999999999999999` is too large".to_owned())
        );
    }

    #[test]
    fn float_seconds_do_not_drift() {
        assert_eq!(seconds_to_ms(0.1 + 0.2), Ok(300));
        assert_eq!(seconds_to_ms(1469.73), Ok(1_469_730));
        assert_eq!(seconds_to_ms(3.2399998), Ok(3_240));
        assert_eq!(seconds_to_ms(0.0005), Ok(1));
        assert!(seconds_to_ms(f64::NAN).is_err());
        assert!(seconds_to_ms(1e300).is_err());
        assert_eq!(float_ms_to_ms(1234.5), Ok(1_235));
        assert_eq!(float_ms_to_ms(-1234.5), Ok(-1_235));
    }

    #[test]
    fn clock_reads_like_a_player() {
        assert_eq!(clock(3_723_450), "1:02:03.450");
        assert_eq!(clock(-500), "-0:00:00.500");
    }
}
