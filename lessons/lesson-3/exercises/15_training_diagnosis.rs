//! Slide "Backpropagation & Gradient descent": "too large: we can overshoot
//! the minimum; too low, we have to learn a long time", and "we can get stuck
//! in local minima". A training run's loss history J and gradient norms ‖∇J‖
//! (one entry per recorded epoch, the same epochs in both) tell which of these
//! happened:
//!
//! - **Diverged**: a loss or gradient norm that is NaN or infinite, or a last
//!   loss more than [`RISE`] above the lowest (the steps overshot);
//! - **Converged**: otherwise, a last loss at or below the target;
//! - **Stuck** (a plateau or a local minimum): otherwise, a last gradient norm
//!   below [`TINY_GRADIENT`], or a loss that fell by less than [`FLAT`] of
//!   itself over the last quarter of the history;
//! - **StillLearning**: otherwise — the loss is still falling, slowly.

/// A last loss more than this share above the lowest loss counts as diverged.
pub const RISE: f64 = 0.1;

/// A loss that fell by less than this share over the last quarter is flat.
pub const FLAT: f64 = 0.01;

/// A gradient norm below this is as good as zero.
pub const TINY_GRADIENT: f64 = 1e-4;

/// What happened in a training run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The loss reached the target.
    Converged,
    /// The loss is still falling but has not reached the target yet.
    StillLearning,
    /// The loss is high and no longer falls: a plateau or a local minimum.
    Stuck,
    /// NaN or infinity, or a loss that rose.
    Diverged,
}

/// Why a history cannot be diagnosed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HistoryError {
    /// No losses at all.
    Empty,
    /// The two histories have different lengths.
    Lengths {
        /// How many losses.
        losses: usize,
        /// How many gradient norms.
        grad_norms: usize,
    },
}

/// The verdict on a run with the loss history `losses` and the gradient
/// norms `grad_norms`, for a loss `target`. The rules are checked in the
/// order of the module's list. The last quarter starts ⌈n/4⌉ entries before
/// the last one (at the first entry when the history is shorter), so a
/// single entry shows no progress.
///
/// # Errors
/// [`HistoryError::Empty`] when there are no losses, then
/// [`HistoryError::Lengths`] when the two histories differ in length.
pub fn diagnose(losses: &[f64], grad_norms: &[f64], target: f64) -> Result<Verdict, HistoryError> {
    // TODO: the two errors first; then the rules in the module's order: a NaN or ∞ anywhere,
    // a last loss above (1 + RISE)·lowest, the target, a tiny last gradient norm, and a loss
    // that fell by less than FLAT of itself over the last quarter.
    todo!()
}
