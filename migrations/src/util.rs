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

/// A foreign key from `table.column` to `calls.id` that goes with the call
/// when it is deleted.
pub(crate) fn call_fk<T: Iden + 'static>(table: T, column: T) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, column)
        .to(Calls::Table, Calls::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[derive(DeriveIden)]
enum Calls {
    Table,
    Id,
}
