//! Links that open another app on a person: a new e-mail (`mailto:`, RFC
//! 6068) or a Microsoft Teams chat. Client apps put them on a seller's
//! page; the server builds them so every client encodes them the same way.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use super::Email;

/// What may stand unencoded in a URL query value: the unreserved set.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The same for an address, which keeps its `@`.
const ADDRESS: &AsciiSet = &QUERY_VALUE.remove(b'@');

/// A `mailto:` URL to `to` (none: the mail client asks), with a subject
/// and body when given; line breaks become CRLF as RFC 6068 asks.
pub fn mailto(to: Option<&Email>, subject: Option<&str>, body: Option<&str>) -> String {
    let mut url = String::from("mailto:");
    if let Some(to) = to {
        url.extend(utf8_percent_encode(to.as_str(), ADDRESS));
    }
    let mut separator = '?';
    for (name, value) in [("subject", subject), ("body", body)] {
        if let Some(value) = value {
            let value = value.replace("\r\n", "\n").replace('\n', "\r\n");
            url.push(separator);
            url.push_str(name);
            url.push('=');
            url.extend(utf8_percent_encode(&value, QUERY_VALUE));
            separator = '&';
        }
    }
    url
}

/// A Microsoft Teams deep link that opens a chat with `to`, the message
/// box holding `message` when given.
pub fn teams_chat(to: &Email, message: Option<&str>) -> String {
    let mut url = format!(
        "https://teams.microsoft.com/l/chat/0/0?users={}",
        utf8_percent_encode(to.as_str(), ADDRESS)
    );
    if let Some(message) = message {
        url.push_str("&message=");
        url.extend(utf8_percent_encode(message, QUERY_VALUE));
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    fn email(text: &str) -> Email {
        Email::parse(text).unwrap()
    }

    #[test]
    fn mailto_encodes_every_part() {
        let to = email("jo+sales@acme.example");
        assert_eq!(
            mailto(Some(&to), None, None),
            "mailto:jo%2Bsales@acme.example"
        );
        assert_eq!(
            mailto(
                Some(&to),
                Some("Call & next steps?"),
                Some("Hi Jo,\n\n> 50% off")
            ),
            "mailto:jo%2Bsales@acme.example?subject=Call%20%26%20next%20steps%3F\
             &body=Hi%20Jo%2C%0D%0A%0D%0A%3E%2050%25%20off"
        );
        assert_eq!(mailto(None, None, Some("é")), "mailto:?body=%C3%A9");
    }

    #[test]
    fn teams_chat_names_the_user() {
        let to = email("jo+sales@acme.example");
        assert_eq!(
            teams_chat(&to, None),
            "https://teams.microsoft.com/l/chat/0/0?users=jo%2Bsales@acme.example"
        );
        assert_eq!(
            teams_chat(&to, Some("About your call: nice & clear")),
            "https://teams.microsoft.com/l/chat/0/0?users=jo%2Bsales@acme.example\
             &message=About%20your%20call%3A%20nice%20%26%20clear"
        );
    }
}
