//! The committed SDL is the code's schema.

#[test]
fn schema_graphql_matches_the_code() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../schema.graphql");
    let sdl = callsight::graphql::sdl();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(path, &sdl).unwrap();
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == sdl,
        "schema.graphql differs from the code's schema; run `UPDATE_SCHEMA=1 cargo test -p callsight --test e2e schema` \
         (or `callsight schema > schema.graphql`) and review the diff"
    );
}
