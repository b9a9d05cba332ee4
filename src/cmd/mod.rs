//! One module per subcommand: its arguments and its `run` function.

pub mod bench;
pub mod book;
pub mod derivative;
pub mod descend;
pub mod grade;
pub mod graph;
pub mod hub;
pub mod lesson;
pub mod notebooks;
pub mod playground;
pub mod release;
pub mod slides;
pub mod test;
pub mod train;
