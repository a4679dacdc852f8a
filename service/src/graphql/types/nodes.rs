//! The objects that name one another (a call has comments and follow-ups,
//! each of which names its call): their wrappers live here, below the
//! files that resolve their fields, so those files import this one and not
//! each other.

use crate::services::calls::StoredCall;
use crate::services::coaching::comments::Comment;
use crate::services::coaching::follow_ups::FollowUp;

/// An imported call.
pub struct CallNode(pub StoredCall);

/// A follow-up on an action item of a call.
pub struct FollowUpNode(pub FollowUp);

/// A comment with its replies.
pub struct CommentNode {
    pub comment: Comment,
    /// `None` when not read yet: the `replies` field reads them.
    pub replies: Option<Vec<Comment>>,
}

impl CommentNode {
    /// A comment whose replies are read when asked for.
    pub fn alone(comment: Comment) -> Self {
        Self {
            comment,
            replies: None,
        }
    }
}

/// Groups a call's comments into threads in anchor order.
pub fn threads(comments: Vec<Comment>) -> Vec<CommentNode> {
    let (roots, replies): (Vec<_>, Vec<_>) =
        comments.into_iter().partition(|c| c.parent().is_none());
    roots
        .into_iter()
        .map(|comment| {
            let mut own: Vec<Comment> = replies
                .iter()
                .filter(|r| r.parent() == Some(comment.id()))
                .cloned()
                .collect();
            own.sort_by_key(|r| (r.created_at(), r.id()));
            CommentNode {
                comment,
                replies: Some(own),
            }
        })
        .collect()
}
