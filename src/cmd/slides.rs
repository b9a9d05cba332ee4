//! `lab slides`: the lecture as reveal.js slide decks.
//!
//! Executes every notebook with the real kernel (as `lab book` does), then
//! writes one deck per notebook and an index with nbconvert's slides
//! exporter (the `jupyter` crate), reveal.js and MathJax copied beside them:
//! the folder loads nothing from the network, so it can be presented from a
//! USB stick or published as it is.

use anyhow::Result;
use jupyter::slides;

/// Arguments of `lab slides`: those of `lab book`.
pub type Args = super::book::Args;

/// Runs `lab slides`.
pub fn run(args: Args) -> Result<()> {
    super::book::publish(args, "slides", slides::build, slides::check)
}
