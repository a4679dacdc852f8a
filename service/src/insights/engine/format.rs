//! Numbers and counts written for people.

/// `v` rounded to as many decimals as people need, plus `extra`: none from 100
/// up, one from 1 up, two below 1 (0.04 mentions per call must not read as 0).
pub(super) fn number(v: f64, extra: usize) -> String {
    let places = if v.abs() >= 100.0 {
        0
    } else if v.abs() >= 1.0 {
        1
    } else {
        2
    };
    decimals(v, places + extra)
}

/// `v` with at most `places` decimals, trailing zeros dropped, never "-0".
pub(super) fn decimals(v: f64, places: usize) -> String {
    let text = format!("{v:.places$}");
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.')
    } else {
        &text
    };
    if text == "-0" {
        "0".to_owned()
    } else {
        text.to_owned()
    }
}

/// "1 call" / "14 calls".
pub(super) fn calls(n: u64) -> String {
    if n == 1 {
        "1 call".to_owned()
    } else {
        format!("{n} calls")
    }
}
