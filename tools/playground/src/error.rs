//! What can go wrong in the playground, each as one line for the page.

/// A playground error: its message is what the page shows.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A setting or an input the playground cannot use.
    #[error("{0}")]
    Setting(String),
    /// The network crate's errors: shapes, a diverging run, a bad CSV line.
    #[error(transparent)]
    Network(#[from] network::Error),
    /// A run the server no longer holds.
    #[error("run {0} has ended (its page was closed or reset): reload the page")]
    UnknownRun(u64),
}
