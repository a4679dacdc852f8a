//! The seller details page: a seller's figures for a range with everything
//! they are compared with.

use std::collections::HashMap;

use crate::domain::dates::DayRange;
use crate::domain::{CallId, UserId};
use crate::error::ServiceResult;
use crate::services::Ctx;
use crate::store::{aggregates, terms};

pub use crate::store::aggregates::Periods;
pub use crate::store::terms::TermCallsKey;

/// Each visible seller's rollups over a range and the period before, for
/// every (seller, range) asked, in one set of queries per range. A
/// visible seller without calls has empty periods; one the caller cannot
/// see has none.
pub async fn periods(
    ctx: Ctx<'_>,
    keys: &[(UserId, DayRange)],
) -> ServiceResult<HashMap<(UserId, DayRange), Periods>> {
    let scope = ctx.scope();
    let mut by_range: HashMap<DayRange, Vec<UserId>> = HashMap::new();
    for (seller, range) in keys {
        by_range.entry(*range).or_default().push(*seller);
    }
    let mut found = HashMap::new();
    for (range, sellers) in by_range {
        let mut periods =
            aggregates::periods_by_seller(ctx.store().db(), scope, &sellers, range).await?;
        for seller in sellers {
            if scope.can_see(seller) {
                found.insert((seller, range), periods.remove(&seller).unwrap_or_default());
            }
        }
    }
    Ok(found)
}

/// The newest calls mentioning each term the caller sees, for all terms
/// of a request in one query.
pub async fn term_calls(
    ctx: Ctx<'_>,
    keys: &[TermCallsKey],
) -> ServiceResult<HashMap<TermCallsKey, Vec<CallId>>> {
    terms::newest_calls(ctx.store().db(), ctx.scope(), keys, terms::CALLS_PER_TERM).await
}
