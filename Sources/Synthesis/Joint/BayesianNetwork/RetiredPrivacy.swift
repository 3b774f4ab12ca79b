/// `bayesian_network` once took a differential-privacy budget, `epsilon` (PrivBayes), but kept
/// its levels and bin edges without noise and drew its noise from the plan's seed, so it never
/// kept the promise; `mst` does, with better quality at every ε (BENCHMARKS.md, issue 17). A plan
/// or session that still asks for it is refused with what to write instead, rather than
/// fitted without the privacy it asks for. `epsilon: 0` (what older sessions wrote when privacy
/// was off) is still read.
extension JointPlan {
    /// The parameter at fault and what to change, for a group that asks for what
    /// `bayesian_network` no longer does; nil otherwise.
    public var retiredSetting: (parameter: String, message: String)? {
        guard model == BayesianNetworkStrategy.descriptor.id else { return nil }
        if let epsilon = parameters["epsilon"], epsilon != .number(0) {
            let budget = epsilon.number.map { $0 > 0 ? ParameterValue.number($0).displayText : "1" } ?? "1"
            return ("epsilon", "bayesian_network is no longer differentially private (its levels and bin edges were never noised): "
                + "for a private group '\(name)' write model: mst with parameters: {epsilon: \(budget)} (docs/PRIVACY.md), "
                + "or remove epsilon to keep the network without privacy")
        }
        if parameters["usefulness"] != nil {
            return ("usefulness", "bayesian_network's usefulness applied only with epsilon > 0, which it no longer takes: remove it "
                + "(for differential privacy use model: mst, docs/PRIVACY.md)")
        }
        return nil
    }
}
