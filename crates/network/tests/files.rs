//! CSV data and JSON models (the `files` feature, on by default).
#![cfg(feature = "files")]

use network::ndarray::array;
use network::{Dataset, Error, Layer, Network};

fn csv(text: &str) -> Result<Dataset, Error> {
    Dataset::read_csv(text.as_bytes(), 2, "data.csv")
}

fn csv_error(text: &str) -> String {
    csv(text).unwrap_err().to_string()
}

#[test]
fn csv_has_features_then_targets_with_an_optional_header() {
    let with_header = csv("x1, x2, y\n0.5, 1, 0\n\n# a comment\n-2, 3e-1, 1\n").unwrap();
    let without = csv("0.5,1,0\n-2,0.3,1\n").unwrap();
    assert_eq!(with_header, without);
    assert_eq!(without.x, array![[0.5, 1.0], [-2.0, 0.3]]);
    assert_eq!(without.y, array![[0.0], [1.0]]);
    let two_targets = csv("1,2,0,1\n3,4,1,0\n").unwrap();
    assert_eq!(two_targets.y, array![[0.0, 1.0], [1.0, 0.0]]);
}

#[test]
fn bad_csv_gets_errors_with_line_numbers() {
    assert_eq!(
        csv_error("x1,x2,y\n1,2,0\n1,oops,1\n"),
        "data.csv: line 3: column 2: `oops` is not a number"
    );
    assert_eq!(
        csv_error("1,2,0\n1,2\n"),
        "data.csv: line 2: found 2 columns but line 1 has 3"
    );
    assert_eq!(
        csv_error("x,y\n1,2\n"),
        "data.csv: line 2: found 2 columns but expected 2 feature columns and at least 1 target column"
    );
    assert_eq!(
        csv_error("1,2,0\n1,NaN,0\n"),
        "data.csv: line 2: column 2: `NaN` is not a finite number"
    );
    assert_eq!(
        csv_error("1,2,abc\n"),
        "data.csv: line 1: column 3: `abc` is not a number"
    );
    assert!(matches!(csv("x1,x2,y\n").unwrap_err(), Error::NoExamples));
    assert!(matches!(csv("").unwrap_err(), Error::NoExamples));
}

#[test]
fn a_missing_csv_file_names_the_file() {
    let error = Dataset::from_csv("/no/such/file.csv", 2).unwrap_err();
    assert!(
        error.to_string().starts_with("/no/such/file.csv: "),
        "{error}"
    );
}

#[test]
fn models_are_saved_in_the_documented_json_format() {
    let net = Network::new(&[2, 3, 1], 6).unwrap();
    let json: serde_json::Value = serde_json::from_str(&net.to_json()).unwrap();
    assert_eq!(json["sizes"], serde_json::json!([2, 3, 1]));
    assert_eq!(json["activation"], "sigmoid");
    let layers = json["layers"].as_array().unwrap();
    assert_eq!(layers.len(), 2);
    // Weights as rows = units of that layer.
    assert_eq!(layers[0]["weights"].as_array().unwrap().len(), 3);
    assert_eq!(layers[0]["weights"][0].as_array().unwrap().len(), 2);
    assert_eq!(
        layers[0]["weights"][1][0].as_f64().unwrap(),
        net.layers()[0].weights[[1, 0]]
    );
    assert_eq!(layers[1]["bias"].as_array().unwrap().len(), 1);
}

#[test]
fn save_then_load_gives_the_same_network() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("model.json");
    let net = Network::new(&[2, 5, 3, 2], 1).unwrap();
    net.save(&path).unwrap();
    assert_eq!(Network::load(&path).unwrap(), net);
}

#[test]
fn bad_model_files_are_errors() {
    let bad = |json: &str| Network::from_json(json, "m.json").unwrap_err().to_string();
    assert!(bad("{").starts_with("m.json: not a valid model file: "));
    assert_eq!(
        bad(r#"{"sizes":[1,1],"activation":"relu","layers":[{"weights":[[1.0]],"bias":[0.0]}]}"#),
        "m.json: not a valid model file: activation `relu` is not supported (only `sigmoid`)"
    );
    assert_eq!(
        bad(
            r#"{"sizes":[2,1],"activation":"sigmoid","layers":[{"weights":[[1.0],[2.0,3.0]],"bias":[0.0,0.0]}]}"#
        ),
        "m.json: not a valid model file: layer 1: the weight rows have different lengths"
    );
    assert_eq!(
        bad(
            r#"{"sizes":[2,4,1],"activation":"sigmoid","layers":[{"weights":[[1.0,2.0]],"bias":[0.0]}]}"#
        ),
        "m.json: not a valid model file: \"sizes\" says [2, 4, 1] but the layers have sizes [2, 1]"
    );
    assert!(
        bad(r#"{"sizes":[2,1],"activation":"sigmoid","layers":[]}"#)
            .contains("at least 2 layer sizes")
    );
    let neuron = Network::from_layers(vec![Layer::new(array![[2.0, -3.0]], array![-3.0])]).unwrap();
    assert_eq!(
        Network::from_json(&neuron.to_json(), "n.json").unwrap(),
        neuron
    );
}
