//! doccheck: a Git-native linter and CI gate for the documents ML and research
//! teams keep next to their code.
//!
//! The pipeline is discover → parse → check → report: [`discover`] finds the
//! files, [`check`] parses each once and runs the rules of [`rules`],
//! [`baseline`] takes out the findings a project has accepted, and
//! [`report`] renders the rest. Checks never print.

#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod author;
pub mod baseline;
pub mod check;
pub mod cli;
pub mod coderefs;
pub mod commands;
pub mod config;
pub mod convention;
pub mod dates;
pub mod diagnostic;
pub mod discover;
pub mod error;
pub mod generate;
pub mod git;
pub mod graph;
pub mod hook;
pub mod intern;
pub mod kinds;
pub mod parse;
pub mod paths;
pub mod project;
pub mod report;
pub mod rules;
pub mod schema;
pub mod source;
pub mod suggest;
pub mod suppress;
#[cfg(test)]
mod testing;
pub mod write;
