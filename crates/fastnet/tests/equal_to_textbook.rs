//! The fast path computes what the textbook network computes: the same
//! activations, loss, gradients and training runs, to 1e-12, on random
//! networks (several depths, several outputs) and batches (small ones that
//! take the column loops, large ones that take gemm, mini-batches).

use fastnet::Trainer;
use network::ndarray::{Array2, ArrayView2};
use network::{Batch, Dataset, Error, Network, Training};

const TOLERANCE: f64 = 1e-12;

/// A network with random weights *and* random biases.
fn random_network(sizes: &[usize], seed: u64) -> Network {
    let mut net = Network::new(sizes, seed).unwrap();
    let theta: Vec<f64> = (0..net.parameter_count())
        .map(|i| ((i as f64 + 1.0) * 0.7 + seed as f64).sin() * 0.8)
        .collect();
    net.set_theta(&theta).unwrap();
    net
}

/// Random data for a network of `sizes`: inputs in [0, 1], one-hot targets.
fn random_data(sizes: &[usize], m: usize, seed: u64) -> Dataset {
    Dataset::random(m, sizes[0], sizes[sizes.len() - 1], seed)
}

fn assert_close(fast: &[f64], textbook: &[f64], what: &str) {
    assert_eq!(fast.len(), textbook.len(), "{what}: lengths");
    for (i, (f, t)) in fast.iter().zip(textbook).enumerate() {
        assert!(
            (f - t).abs() <= TOLERANCE,
            "{what}[{i}]: fast {f} vs textbook {t}"
        );
    }
}

fn flat(arrays: &[Array2<f64>]) -> Vec<f64> {
    arrays.iter().flat_map(|a| a.iter().copied()).collect()
}

/// Networks and batch sizes: the lecture's, deeper ones, several outputs,
/// one example, and products large enough for gemm.
const CASES: [(&[usize], usize); 7] = [
    (&[2, 4, 1], 200),
    (&[2, 4, 1], 1),
    (&[2, 1], 13),
    (&[3, 5, 4, 2], 37),
    (&[4, 6, 5, 3, 3], 64),
    (&[2, 64, 64, 1], 300),
    (&[30, 40, 10], 250),
];

#[test]
fn forward_loss_and_gradients_equal_the_textbook() {
    for (seed, (sizes, m)) in CASES.into_iter().enumerate() {
        let net = random_network(sizes, seed as u64);
        let data = random_data(sizes, m, seed as u64);
        let (x, y): (ArrayView2<f64>, _) = (data.x.view(), data.y.view());
        let what = format!("{sizes:?}, {m} rows");
        assert_close(
            &flat(&fastnet::forward(&net, x).unwrap()),
            &flat(&net.forward(x).unwrap()),
            &format!("activations of {what}"),
        );
        let (fast_loss, fast) = fastnet::backward(&net, x, y).unwrap();
        let (loss, textbook) = net.backward(x, y).unwrap();
        assert_close(&[fast_loss], &[loss], &format!("loss of {what}"));
        assert_close(
            &fast.to_vec(),
            &textbook.to_vec(),
            &format!("gradient of {what}"),
        );
    }
}

#[test]
fn training_runs_equal_the_textbook_for_every_batch_size() {
    for (seed, (sizes, m)) in CASES.into_iter().enumerate().skip(2).take(3) {
        let data = random_data(sizes, m, seed as u64);
        let (x, y) = (data.x.view(), data.y.view());
        for batch in [Batch::Full, Batch::Mini(8), Batch::Mini(m), Batch::One] {
            let training = Training::new(6, 1.5)
                .with_batch(batch)
                .with_seed(seed as u64);
            let mut fast = random_network(sizes, seed as u64);
            let mut textbook = fast.clone();
            let fast_history = fastnet::train(&mut fast, x, y, &training, |_, _| {}).unwrap();
            let history = textbook.train(x, y, &training, |_, _| {}).unwrap();
            let what = format!("{sizes:?}, {batch:?}");
            assert_close(&fast_history, &history, &format!("losses of {what}"));
            assert_close(
                &fast.theta(),
                &textbook.theta(),
                &format!("weights of {what}"),
            );
        }
    }
}

#[test]
fn the_lecture_network_trains_to_the_same_weights() {
    // 200 epochs of the lecture's 2-4-1 network on the moons: the
    // differences in rounding must not grow beyond the tolerance.
    let moons = Dataset::moons(200, 0.1, 0);
    let (x, y) = (moons.x.view(), moons.y.view());
    let training = Training::new(200, 5.0);
    let mut fast = Network::new(&[2, 4, 1], 0).unwrap();
    let mut textbook = fast.clone();
    let fast_history = fastnet::train(&mut fast, x, y, &training, |_, _| {}).unwrap();
    let history = textbook.train(x, y, &training, |_, _| {}).unwrap();
    assert!(history[199] < history[0], "it learns");
    assert_close(&fast_history, &history, "losses");
    assert_close(&fast.theta(), &textbook.theta(), "weights");
}

#[test]
fn a_trainer_rejects_data_of_another_size_naming_both() {
    let data = Dataset::xor_table();
    let mut net = Network::new(&[2, 2, 1], 0).unwrap();
    let mut trainer = Trainer::new(&net, Training::new(1, 1.0), 10).unwrap();
    let error = trainer
        .epoch(&mut net, data.x.view(), data.y.view(), 1)
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::TrainerRows {
                expected: 10,
                found: 4
            }
        ),
        "{error}"
    );
    assert_eq!(
        error.to_string(),
        "the data has 4 rows but the trainer was made for 10"
    );
}

#[test]
fn divergence_and_bad_settings_are_the_textbook_errors() {
    let data = Dataset::xor_table();
    let (x, y) = (data.x.view(), data.y.view());
    let mut net = Network::new(&[2, 2, 1], 0).unwrap();
    let error = fastnet::train(&mut net, x, y, &Training::new(1, 0.0), |_, _| {}).unwrap_err();
    assert!(matches!(error, Error::Setting(_)), "{error}");
    let mut broken = data.clone();
    broken.x[[2, 1]] = f64::NAN;
    let (x, y) = (broken.x.view(), broken.y.view());
    let error = fastnet::train(&mut net, x, y, &Training::new(5, 0.5), |_, _| {}).unwrap_err();
    assert!(matches!(error, Error::Diverged { epoch: 1, .. }), "{error}");
}
