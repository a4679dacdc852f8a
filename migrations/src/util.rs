//! Helpers the migrations share.

use sea_orm_migration::prelude::*;

/// Creates an index (unique or not) named `name` on `columns` of `table`.
pub(crate) async fn create_index<T: Iden + Copy + 'static>(
    manager: &SchemaManager<'_>,
    table: T,
    name: &str,
    columns: &[T],
    unique: bool,
) -> Result<(), DbErr> {
    let mut index = Index::create();
    index.name(name).table(table);
    for column in columns {
        index.col(*column);
    }
    if unique {
        index.unique();
    }
    manager.create_index(index.to_owned()).await
}
