//! Callsight: conversation intelligence for sales teams.
//!
//! Transcripts go in through [`import`], are stored by [`store`] and come out
//! through the GraphQL API in [`graphql`], served over HTTP by [`http`].

pub mod analysis;
pub mod app;
pub mod auth;
pub mod cli;
pub mod config;
pub mod demo;
pub mod domain;
pub mod error;
pub mod graphql;
pub mod http;
pub mod import;
pub mod insights;
pub mod mail;
pub mod services;
pub mod store;
