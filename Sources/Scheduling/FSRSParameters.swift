/// The 21 weights of FSRS-6 and the two scheduling choices that are not weights.
///
/// The weights are the model's published defaults (fitted by the FSRS authors on a large collection
/// of Anki review logs); a learner's own weights could come from the FSRS optimizer later.
public struct FSRSParameters: Sendable, Hashable {
    /// w0 … w20. w0–w3: initial stability per first grade; w4–w7: difficulty; w8–w10: stability after
    /// a recall; w11–w14: stability after a lapse; w15, w16: hard penalty and easy bonus; w17–w19:
    /// same-day (short-term) reviews; w20: the decay of the forgetting curve.
    public var weights: [Double]
    /// The probability of recall at which a card falls due (0.9: a review when recall drops to 90%).
    public var desiredRetention: Double
    /// The longest interval ever scheduled, in days.
    public var maximumInterval: Int

    /// FSRS-6's published default weights.
    public static let defaultWeights: [Double] = [
        0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
        1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
    ]

    /// FSRS-6 with its default weights, 90% desired retention and a 100-year maximum interval.
    public static let fsrs6 = FSRSParameters(
        weights: defaultWeights, desiredRetention: 0.9, maximumInterval: 36500)

    /// - Precondition: 21 finite weights, `0 < desiredRetention < 1`, `maximumInterval >= 1`.
    public init(weights: [Double], desiredRetention: Double = 0.9, maximumInterval: Int = 36500) {
        precondition(weights.count == 21 && weights.allSatisfy(\.isFinite), "FSRS-6 needs 21 finite weights")
        precondition(desiredRetention > 0 && desiredRetention < 1, "desired retention must lie in (0, 1)")
        precondition(maximumInterval >= 1, "the maximum interval must be at least one day")
        self.weights = weights
        self.desiredRetention = desiredRetention
        self.maximumInterval = maximumInterval
    }
}
