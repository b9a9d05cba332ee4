//! Backpropagation checked against independent computations: the numeric
//! gradient, per-example loops written out by hand, and the slides' neuron.

use approx::assert_abs_diff_eq;
use network::ndarray::{Array2, array};
use network::{Dataset, Layer, Network, sigmoid};

/// A network with random weights *and* random biases (fresh networks have
/// zero biases, which would hide a wrong bias gradient).
fn random_network(sizes: &[usize], seed: u64) -> Network {
    let mut net = Network::new(sizes, seed).unwrap();
    let theta: Vec<f64> = (0..net.parameter_count())
        .map(|i| ((i as f64 + 1.0) * 0.7 + seed as f64).sin())
        .collect();
    net.set_theta(&theta).unwrap();
    net
}

#[test]
fn whole_network_gradient_check_passes_for_several_shapes() {
    let moons = Dataset::moons(30, 0.2, 4);
    for (sizes, seed) in [
        (vec![2, 4, 1], 0),
        (vec![2, 3, 3, 1], 1),
        (vec![2, 5, 2, 1], 2),
        (vec![2, 1], 3),
    ] {
        let net = random_network(&sizes, seed);
        let check = net.gradient_check(moons.x.view(), moons.y.view()).unwrap();
        assert!(
            check.max_relative_error <= 1e-7,
            "{sizes:?}: relative error {}",
            check.max_relative_error
        );
    }
}

#[test]
fn gradient_check_passes_with_several_outputs_and_one_example() {
    let x = array![[0.3, -1.2, 0.5]];
    let y = array![[0.0, 1.0]];
    let net = random_network(&[3, 4, 2], 9);
    let check = net.gradient_check(x.view(), y.view()).unwrap();
    assert!(
        check.max_relative_error <= 1e-7,
        "{}",
        check.max_relative_error
    );
}

#[test]
fn the_slides_neuron_gets_the_hand_derived_gradient() {
    // σ(w·x + b) with w = (2, −3), b = −3, x = (−1, −2): p = σ(1) ≈ 0.73.
    let neuron = Network::from_layers(vec![Layer::new(array![[2.0, -3.0]], array![-3.0])]).unwrap();
    let (x, y) = (array![[-1.0, -2.0]], array![[0.0]]);
    let p = sigmoid(1.0);
    assert_abs_diff_eq!(
        neuron.predict(x.view()).unwrap()[[0, 0]],
        0.731,
        epsilon = 1e-3
    );
    // J = ½(p − y)², ∂J/∂w_j = (p − y) σ'(z) x_j with σ'(z) = p(1 − p).
    let (loss, grads) = neuron.backward(x.view(), y.view()).unwrap();
    let delta = (p - 0.0) * p * (1.0 - p);
    assert_abs_diff_eq!(loss, 0.5 * p * p, epsilon = 1e-15);
    assert_abs_diff_eq!(grads.weights[0][[0, 0]], -delta, epsilon = 1e-15);
    assert_abs_diff_eq!(grads.weights[0][[0, 1]], delta * -2.0, epsilon = 1e-15);
    assert_abs_diff_eq!(grads.bias[0][0], delta, epsilon = 1e-15);
}

/// The forward pass one example and one unit at a time: zᵢ = Σⱼ Θᵢⱼ aⱼ + bᵢ.
fn forward_by_loops(net: &Network, example: &[f64]) -> Vec<f64> {
    let mut a = example.to_vec();
    for layer in net.layers() {
        a = (0..layer.bias.len())
            .map(|i| {
                sigmoid(
                    (0..a.len())
                        .map(|j| layer.weights[[i, j]] * a[j])
                        .sum::<f64>()
                        + layer.bias[i],
                )
            })
            .collect();
    }
    a
}

#[test]
fn batch_forward_with_the_transpose_equals_one_example_at_a_time() {
    let net = random_network(&[2, 5, 3, 2], 5);
    let data = Dataset::moons(17, 0.1, 1);
    let p = net.predict(data.x.view()).unwrap();
    for (row, example) in data.x.rows().into_iter().enumerate() {
        let expected = forward_by_loops(&net, &example.to_vec());
        for (k, value) in expected.iter().enumerate() {
            assert_abs_diff_eq!(p[[row, k]], value, epsilon = 1e-14);
        }
    }
    let activations = net.forward(data.x.view()).unwrap();
    assert_eq!(activations[0], data.x, "a⁰ = x");
    assert_eq!(
        activations.iter().map(Array2::ncols).collect::<Vec<_>>(),
        vec![2, 5, 3, 2]
    );
}

#[test]
fn batch_gradient_is_the_average_of_the_per_example_gradients() {
    let net = random_network(&[2, 4, 1], 8);
    let data = Dataset::moons(12, 0.1, 2);
    let (_, batch) = net.backward(data.x.view(), data.y.view()).unwrap();
    let mut sum = vec![0.0; net.parameter_count()];
    for k in 0..data.len() {
        let x = data
            .x
            .row(k)
            .insert_axis(network::ndarray::Axis(0))
            .to_owned();
        let y = data
            .y
            .row(k)
            .insert_axis(network::ndarray::Axis(0))
            .to_owned();
        let (_, one) = net.backward(x.view(), y.view()).unwrap();
        sum.iter_mut().zip(one.to_vec()).for_each(|(s, g)| *s += g);
    }
    for (b, s) in batch.to_vec().iter().zip(&sum) {
        assert_abs_diff_eq!(*b, s / data.len() as f64, epsilon = 1e-15);
    }
}

#[test]
fn loss_is_half_the_mean_squared_error() {
    let net = random_network(&[2, 3, 1], 3);
    let data = Dataset::xor_table();
    let p = net.predict(data.x.view()).unwrap();
    let by_hand: f64 = (0..4)
        .map(|k| (p[[k, 0]] - data.y[[k, 0]]).powi(2))
        .sum::<f64>()
        / (2.0 * 4.0);
    assert_abs_diff_eq!(
        net.loss(data.x.view(), data.y.view()).unwrap(),
        by_hand,
        epsilon = 1e-15
    );
}

#[test]
fn update_moves_every_weight_against_its_gradient() {
    let mut net = random_network(&[2, 3, 1], 4);
    let data = Dataset::xor_table();
    let before = net.theta();
    let (loss, grads) = net.backward(data.x.view(), data.y.view()).unwrap();
    net.update(&grads, 0.5);
    for ((after, before), g) in net.theta().iter().zip(&before).zip(grads.to_vec()) {
        assert_abs_diff_eq!(*after, before - 0.5 * g, epsilon = 1e-15);
    }
    // A small step downhill lowers the loss.
    assert!(net.loss(data.x.view(), data.y.view()).unwrap() < loss);
}

#[test]
fn initial_weights_are_seeded_in_the_stated_range_and_biases_zero() {
    let net = Network::new(&[9, 16, 4], 42).unwrap();
    for (layer, inputs) in net.layers().iter().zip([9.0_f64, 16.0]) {
        let epsilon = 1.0 / inputs.sqrt();
        assert!(
            layer
                .weights
                .iter()
                .all(|w| (-epsilon..epsilon).contains(w))
        );
        assert!(
            layer.weights.iter().any(|w| w.abs() > epsilon / 2.0),
            "weights fill the range"
        );
        assert!(layer.bias.iter().all(|&b| b == 0.0));
    }
    assert_eq!(net, Network::new(&[9, 16, 4], 42).unwrap());
    assert_ne!(net, Network::new(&[9, 16, 4], 43).unwrap());
}
