//! The e-mail that tells someone about a comment: who wrote what, on which
//! call, at which moment.

use crate::services::calls::StoredCall;
use crate::services::people::User;
use crate::store::outbox::OutgoingEmail;

/// Why the recipient hears of a comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    /// A new shared thread on their call.
    Comment,
    /// A reply in a thread they started or that is about their call.
    Reply,
    /// A private thread was shared with them.
    Shared,
}

/// What a notice quotes: the comment's moment and text.
#[derive(Debug, Clone, Copy)]
pub struct Quote<'a> {
    pub offset_ms: i64,
    pub body: &'a str,
}

/// The plain-text message telling `recipient` about a comment.
pub fn email(
    kind: NoticeKind,
    author: &User,
    recipient: &User,
    call: &StoredCall,
    comment: Quote<'_>,
) -> OutgoingEmail {
    let title = call.title().unwrap_or("Untitled call");
    let when = call.started_at().format("%Y-%m-%d");
    let at = clock(comment.offset_ms);
    let subject = match kind {
        NoticeKind::Comment | NoticeKind::Shared => {
            format!("{} commented on your call \"{title}\"", author.name)
        }
        NoticeKind::Reply => format!("{} replied on \"{title}\"", author.name),
    };
    let what = match kind {
        NoticeKind::Comment | NoticeKind::Shared => "shared a comment on",
        NoticeKind::Reply => "replied to a comment on",
    };
    let quoted: String = comment
        .body
        .lines()
        .map(|line| format!("> {line}\n"))
        .collect();
    let body = format!(
        "Hi {},\n\n{} {what} the call \"{title}\" of {when}, at {at}:\n\n{quoted}\n\
         Open the call in Callsight to read the thread and reply.\n",
        recipient.name, author.name
    );
    OutgoingEmail {
        to: recipient.email.clone(),
        subject,
        body,
    }
}

/// `m:ss` (or `h:mm:ss`) into the call.
fn clock(offset_ms: i64) -> String {
    let seconds = offset_ms.max(0) / 1000;
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moments_read_like_a_player_clock() {
        assert_eq!(clock(0), "0:00");
        assert_eq!(clock(83_999), "1:23");
        assert_eq!(clock(3_723_000), "1:02:03");
    }
}
