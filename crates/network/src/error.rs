//! What can go wrong: every failure is a value with a one-line message.

/// The errors of this crate: bad shapes, bad data files, bad model files and
/// training that diverged.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Fewer than two layer sizes (a network needs an input and an output layer).
    #[error("a network needs at least 2 layer sizes (inputs and outputs), got {0}")]
    TooFewLayers(usize),
    /// A layer with no units.
    #[error("layer {0} has 0 units; every layer needs at least one")]
    EmptyLayer(usize),
    /// Θˡ does not fit between layer l−1 and layer l.
    #[error(
        "layers don't chain: layer {layer} has weights of shape ({rows}, {columns}) and {bias} biases, \
         but needs ({expected_rows}, {expected_columns}) and {expected_rows} biases"
    )]
    LayersDontChain {
        /// The layer (1 = first hidden layer).
        layer: usize,
        /// Rows of its Θ.
        rows: usize,
        /// Columns of its Θ.
        columns: usize,
        /// Length of its bias.
        bias: usize,
        /// The rows it needs (units in layer l).
        expected_rows: usize,
        /// The columns it needs (units in layer l−1).
        expected_columns: usize,
    },
    /// The inputs have the wrong number of columns.
    #[error(
        "wrong input width: the data has {found} feature columns but the network takes {expected} inputs"
    )]
    InputWidth {
        /// Units in the input layer.
        expected: usize,
        /// Columns of the inputs.
        found: usize,
    },
    /// The targets have the wrong number of columns.
    #[error(
        "wrong target width: the data has {found} target columns but the network has {expected} outputs"
    )]
    TargetWidth {
        /// Units in the output layer.
        expected: usize,
        /// Columns of the targets.
        found: usize,
    },
    /// Inputs and targets hold a different number of examples.
    #[error("the inputs have {inputs} rows but the targets have {targets}")]
    RowCount {
        /// Rows of the inputs.
        inputs: usize,
        /// Rows of the targets.
        targets: usize,
    },
    /// A trainer made for one number of examples given another.
    #[error("the data has {found} rows but the trainer was made for {expected}")]
    TrainerRows {
        /// The rows the trainer was made for.
        expected: usize,
        /// The rows of the data given.
        found: usize,
    },
    /// A data set name that is neither built in nor a file.
    #[error("unknown data `{0}`: use moons, circles, spiral, blobs, xor, random or a CSV file")]
    UnknownData(String),
    /// No examples to train on or to evaluate.
    #[error("the data set has no examples")]
    NoExamples,
    /// A training setting that can't work (zero batch, α not positive, …).
    #[error("invalid training setting: {0}")]
    Setting(String),
    /// The loss or the weights stopped being finite numbers.
    #[error(
        "training diverged at epoch {epoch} with learning rate α = {learning_rate:?}: \
         the loss or the weights are no longer finite; try a smaller α"
    )]
    Diverged {
        /// The epoch (counting from 1) in which it happened.
        epoch: usize,
        /// The learning rate α used.
        learning_rate: f64,
    },
    /// A CSV file that can't be read as features and targets.
    #[error("{path}: line {line}: {message}")]
    Csv {
        /// The file (or `<input>` for a reader).
        path: String,
        /// The line number, counting from 1.
        line: u64,
        /// What is wrong there.
        message: String,
    },
    /// A model file that is not the expected JSON.
    #[error("{path}: not a valid model file: {message}")]
    Model {
        /// The file (or `<input>` for a string).
        path: String,
        /// What is wrong.
        message: String,
    },
    /// A file that can't be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
}

/// The result type of this crate.
pub type Result<T> = std::result::Result<T, Error>;
