//! Saving and loading a trained network as JSON:
//!
//! ```json
//! {"sizes":[2,4,1], "activation":"sigmoid",
//!  "layers":[{"weights":[[…],…], "bias":[…]}, …]}
//! ```
//!
//! one entry per layer, its weights as rows = units of that layer.

use crate::{Error, Layer, Network, Result};
use ndarray::{Array1, Array2};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The only activation this crate has.
const ACTIVATION: &str = "sigmoid";

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ModelFile {
    sizes: Vec<usize>,
    activation: String,
    layers: Vec<LayerFile>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct LayerFile {
    weights: Vec<Vec<f64>>,
    bias: Vec<f64>,
}

impl Network {
    /// The network as JSON in the model format above.
    ///
    /// ```
    /// use network::{Layer, Network, ndarray::array};
    /// let neuron = Network::from_layers(vec![Layer::new(array![[2.0, -3.0]], array![-3.0])])?;
    /// assert_eq!(
    ///     neuron.to_json(),
    ///     r#"{"sizes":[2,1],"activation":"sigmoid","layers":[{"weights":[[2.0,-3.0]],"bias":[-3.0]}]}"#
    /// );
    /// assert_eq!(Network::from_json(&neuron.to_json(), "neuron.json")?, neuron);
    /// # Ok::<(), network::Error>(())
    /// ```
    pub fn to_json(&self) -> String {
        let file = ModelFile {
            sizes: self.sizes(),
            activation: ACTIVATION.to_string(),
            layers: self
                .layers()
                .iter()
                .map(|layer| LayerFile {
                    weights: layer
                        .weights
                        .rows()
                        .into_iter()
                        .map(|row| row.to_vec())
                        .collect(),
                    bias: layer.bias.to_vec(),
                })
                .collect(),
        };
        serde_json::to_string(&file).expect("numbers and lists always serialize")
    }

    /// A network from JSON in the model format; `name` names the input in
    /// errors.
    ///
    /// # Errors
    /// [`Error::Model`] for malformed JSON, another activation, ragged
    /// weight rows, non-finite numbers or layers that don't match `sizes`.
    pub fn from_json(json: &str, name: &str) -> Result<Self> {
        let invalid = |message: String| Error::Model {
            path: name.to_string(),
            message,
        };
        let file: ModelFile = serde_json::from_str(json).map_err(|e| invalid(e.to_string()))?;
        if file.activation != ACTIVATION {
            return Err(invalid(format!(
                "activation `{}` is not supported (only `{ACTIVATION}`)",
                file.activation
            )));
        }
        let mut layers = Vec::with_capacity(file.layers.len());
        for (index, layer) in file.layers.into_iter().enumerate() {
            let rows = layer.weights.len();
            let columns = layer.weights.first().map_or(0, Vec::len);
            if layer.weights.iter().any(|row| row.len() != columns) {
                return Err(invalid(format!(
                    "layer {}: the weight rows have different lengths",
                    index + 1
                )));
            }
            let values: Vec<f64> = layer.weights.into_iter().flatten().collect();
            if values.iter().chain(&layer.bias).any(|w| !w.is_finite()) {
                return Err(invalid(format!(
                    "layer {}: a weight or bias is not a finite number",
                    index + 1
                )));
            }
            let weights = Array2::from_shape_vec((rows, columns), values)
                .expect("rows checked to be equally long");
            layers.push(Layer::new(weights, Array1::from(layer.bias)));
        }
        let network = Network::from_layers(layers).map_err(|e| invalid(e.to_string()))?;
        if network.sizes() != file.sizes {
            return Err(invalid(format!(
                "\"sizes\" says {:?} but the layers have sizes {:?}",
                file.sizes,
                network.sizes()
            )));
        }
        Ok(network)
    }

    /// Writes the network to a JSON file.
    ///
    /// # Errors
    /// [`Error::Io`] when the file can't be written.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<()> {
        let path = path.as_ref();
        std::fs::write(path, self.to_json() + "\n").map_err(|source| Error::Io {
            path: path.display().to_string(),
            source,
        })
    }

    /// Reads a network from a JSON file.
    ///
    /// # Errors
    /// [`Error::Io`] when the file can't be read, [`Error::Model`] when it is
    /// not a valid model.
    pub fn load(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let json = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.display().to_string(),
            source,
        })?;
        Self::from_json(&json, &path.display().to_string())
    }
}
