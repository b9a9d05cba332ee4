//! Training modes, divergence and shape errors.

use network::ndarray::{Array2, array};
use network::{Batch, Dataset, Error, Layer, Network, Training};

#[test]
fn full_batch_learns_the_moons() {
    let moons = Dataset::moons(200, 0.1, 0);
    let mut net = Network::new(&[2, 16, 1], 0).unwrap();
    let history = net
        .train(
            moons.x.view(),
            moons.y.view(),
            &Training::new(3000, 8.0),
            |_, _| {},
        )
        .unwrap();
    assert_eq!(history.len(), 3000);
    assert!(
        history[2999] < 0.25 * history[0],
        "{} → {}",
        history[0],
        history[2999]
    );
    assert!(net.accuracy(moons.x.view(), moons.y.view()).unwrap() >= 0.95);
}

#[test]
fn mini_batches_and_single_examples_learn_the_blobs() {
    let blobs = Dataset::blobs(100, 1);
    for batch in [Batch::Mini(10), Batch::Mini(7), Batch::One] {
        let mut net = Network::new(&[2, 3, 1], 1).unwrap();
        let training = Training::new(30, 1.0).with_batch(batch).with_seed(5);
        let history = net
            .train(blobs.x.view(), blobs.y.view(), &training, |_, _| {})
            .unwrap();
        assert!(history[29] < history[0], "{batch:?}");
        assert!(
            net.accuracy(blobs.x.view(), blobs.y.view()).unwrap() >= 0.95,
            "{batch:?}"
        );
    }
}

#[test]
fn the_same_seed_gives_the_same_run() {
    let data = Dataset::xor(40, 2);
    let run = |seed| {
        let mut net = Network::new(&[2, 4, 1], 1).unwrap();
        let training = Training::new(20, 2.0)
            .with_batch(Batch::Mini(8))
            .with_seed(seed);
        net.train(data.x.view(), data.y.view(), &training, |_, _| {})
            .unwrap()
    };
    assert_eq!(run(3), run(3));
    assert_ne!(run(3), run(4));
}

#[test]
fn on_epoch_sees_every_epoch_and_its_loss() {
    let data = Dataset::xor_table();
    let mut net = Network::new(&[2, 2, 1], 0).unwrap();
    let mut seen = Vec::new();
    let history = net
        .train(
            data.x.view(),
            data.y.view(),
            &Training::new(4, 1.0),
            |epoch, loss| seen.push((epoch, loss)),
        )
        .unwrap();
    assert_eq!(
        seen.iter().map(|s| s.0).collect::<Vec<_>>(),
        vec![1, 2, 3, 4]
    );
    assert_eq!(seen.iter().map(|s| s.1).collect::<Vec<_>>(), history);
}

#[test]
fn divergence_is_an_error_naming_the_epoch_and_alpha() {
    // Sigmoids saturate, so only an absurd step overflows: p = σ(w·100) with
    // w = 0 has ∂J/∂w = (0.5 − 0) · 0.25 · 100 = 12.5, and 1e308 · 12.5 = ∞.
    let (x, y) = (array![[100.0]], array![[0.0]]);
    let mut net = Network::from_layers(vec![Layer::new(array![[0.0]], array![0.0])]).unwrap();
    let error = net
        .train(x.view(), y.view(), &Training::new(10, 1e308), |_, _| {})
        .unwrap_err();
    assert!(
        matches!(error, Error::Diverged { epoch: 1, learning_rate } if learning_rate == 1e308),
        "{error}"
    );
    let message = error.to_string();
    assert!(
        message.contains("epoch") && message.contains("α = 1e308"),
        "{message}"
    );
}

#[test]
fn a_nan_in_the_data_stops_training_in_the_first_epoch() {
    let mut data = Dataset::xor_table();
    data.x[[2, 1]] = f64::NAN;
    let mut net = Network::new(&[2, 2, 1], 0).unwrap();
    let error = net
        .train(
            data.x.view(),
            data.y.view(),
            &Training::new(5, 0.5),
            |_, _| {},
        )
        .unwrap_err();
    assert!(matches!(error, Error::Diverged { epoch: 1, .. }), "{error}");
}

#[test]
fn bad_settings_are_errors() {
    let data = Dataset::xor_table();
    let mut net = Network::new(&[2, 2, 1], 0).unwrap();
    for training in [
        Training::new(1, 0.0),
        Training::new(1, f64::NAN),
        Training::new(1, 1.0).with_batch(Batch::Mini(0)),
    ] {
        let error = net
            .train(data.x.view(), data.y.view(), &training, |_, _| {})
            .unwrap_err();
        assert!(matches!(error, Error::Setting(_)), "{error}");
    }
}

#[test]
fn shape_mismatches_are_errors_with_clear_messages() {
    let net = Network::new(&[2, 4, 1], 0).unwrap();
    let wide = Array2::<f64>::zeros((5, 3));
    let x = Array2::<f64>::zeros((5, 2));
    let y2 = Array2::<f64>::zeros((5, 2));
    let y_short = Array2::<f64>::zeros((4, 1));

    let error = net.predict(wide.view()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "wrong input width: the data has 3 feature columns but the network takes 2 inputs"
    );
    let error = net.loss(x.view(), y2.view()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "wrong target width: the data has 2 target columns but the network has 1 outputs"
    );
    let error = net.backward(x.view(), y_short.view()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "the inputs have 5 rows but the targets have 4"
    );
    let error = net
        .accuracy(
            x.slice_axis(network::ndarray::Axis(0), (..0).into()),
            y_short.slice_axis(network::ndarray::Axis(0), (..0).into()),
        )
        .unwrap_err();
    assert!(matches!(error, Error::NoExamples));
}

#[test]
fn impossible_networks_are_errors() {
    assert_eq!(
        Network::new(&[2], 0).unwrap_err().to_string(),
        "a network needs at least 2 layer sizes (inputs and outputs), got 1"
    );
    assert!(matches!(
        Network::new(&[2, 0, 1], 0).unwrap_err(),
        Error::EmptyLayer(1)
    ));
    // Θ² must have as many columns as layer 1 has units (3), not 2.
    let error = Network::from_layers(vec![
        Layer::new(Array2::zeros((3, 2)), array![0.0, 0.0, 0.0]),
        Layer::new(Array2::zeros((1, 2)), array![0.0]),
    ])
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        "layers don't chain: layer 2 has weights of shape (1, 2) and 1 biases, but needs (1, 3) and 1 biases"
    );
    let error =
        Network::from_layers(vec![Layer::new(Array2::zeros((3, 2)), array![0.0])]).unwrap_err();
    assert!(
        matches!(
            error,
            Error::LayersDontChain {
                layer: 1,
                bias: 1,
                ..
            }
        ),
        "{error}"
    );
}

#[test]
fn one_mini_batch_of_all_examples_is_the_full_batch_in_another_order() {
    let data = Dataset::moons(30, 0.1, 3);
    let start = Network::new(&[2, 4, 1], 3).unwrap();
    let (mut full, mut shuffled) = (start.clone(), start);
    let (x, y) = (data.x.view(), data.y.view());
    let a = full.train(x, y, &Training::new(5, 1.0), |_, _| {}).unwrap();
    let one_batch = Training::new(5, 1.0).with_batch(Batch::Mini(30));
    let b = shuffled.train(x, y, &one_batch, |_, _| {}).unwrap();
    for (epoch, (la, lb)) in a.iter().zip(&b).enumerate() {
        assert!((la - lb).abs() < 1e-12, "epoch {epoch}: {la} vs {lb}");
    }
    for (w, v) in full.theta().iter().zip(shuffled.theta()) {
        assert!((w - v).abs() < 1e-12);
    }
}

#[test]
fn dataset_by_name_builds_the_named_data_or_reads_a_file() {
    assert_eq!(
        Dataset::by_name("blobs", 20, 2, 1, 3).unwrap(),
        Dataset::blobs(20, 3)
    );
    assert_eq!(
        Dataset::by_name("xor", 20, 2, 1, 3).unwrap(),
        Dataset::xor(20, 3)
    );
    let error = Dataset::by_name("/no/such.csv", 20, 2, 1, 0).unwrap_err();
    assert!(error.to_string().contains("/no/such.csv"), "{error}");
}
